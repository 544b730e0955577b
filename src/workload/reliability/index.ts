/** Reliability over time: a job of weeks simulated event by event between failures (docs/reliability.md). */
export type {
  FailureComponent,
  FailureProcessSpec,
  JobTarget,
  LongJobSpec,
  LostTime,
  ReliabilityResult,
  ReplicationOutcome,
  SlowEpisodes,
} from './types.js';
export { FAILURE_COMPONENTS } from './types.js';
export { simulateLongJob, checkLongJobSpec, replicationSeed, MAX_REPLICATIONS } from './run-long-job.js';
export type { LongJobRun } from './run-long-job.js';
export { simulateReplication } from './job-simulation.js';
export type { ReplicationOptions } from './job-simulation.js';
export { rateFromAfr, rateFromMtbf, systemFailureRatePerSecond, systemMtbfS, processRatePerSecond } from './failure-rates.js';
export { checkpointBytes, youngDalyIntervalS } from './checkpoint-policy.js';
export { meanCi95, studentT975 } from './statistics.js';
export { poissonDraw } from './episodes.js';
export * from './defaults.js';
