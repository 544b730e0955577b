/**
 * simulateLongJob: the replications of a long job and their summary, the `reliability` object of
 * a training result. Replication 0 uses the spec's seed, replication r > 0 engine
 * deriveSeed(seed, `long-job ${r}`), so one replication equals the job run alone.
 */
import { deriveSeed } from '../../engine/index.js';
import { UserInputError } from '../../user-input-error.js';
import { simulateReplication, type ReplicationOptions } from './job-simulation.js';
import { systemFailureRatePerSecond } from './failure-rates.js';
import { youngDalyIntervalS } from './checkpoint-policy.js';
import { mean, meanCi95 } from './statistics.js';
import type { FailureComponent, LongJobSpec, LostTime, ReliabilityResult, ReplicationOutcome, SlowEpisodes } from './types.js';

/** Most replications one run may ask for. */
export const MAX_REPLICATIONS = 10_000;

function check(ok: boolean, field: string, value: unknown, rule: string): void {
  if (!ok) throw new UserInputError(`${field}: expected ${rule}, got ${JSON.stringify(value)}.`);
}

const nonNegative = (v: number): boolean => typeof v === 'number' && v >= 0 && Number.isFinite(v);
const positive = (v: number): boolean => typeof v === 'number' && v > 0 && Number.isFinite(v);

function checkEpisodes(e: SlowEpisodes | undefined, field: string, healthyStepS: number): void {
  if (e === undefined) return;
  check(nonNegative(e.episodesPerSecond), `${field}.episodesPerSecond`, e.episodesPerSecond, 'a rate >= 0');
  check(positive(e.durationS), `${field}.durationS`, e.durationS, 'a duration > 0');
  check(positive(e.stepTimeS) && e.stepTimeS >= healthyStepS, `${field}.stepTimeS`, e.stepTimeS, `a step time >= the healthy step (${healthyStepS} s)`);
}

/** Checks a spec given by a library caller (the scenario layer has checked its own fields). */
export function checkLongJobSpec(spec: LongJobSpec): void {
  check(positive(spec.stepTimeS), 'stepTimeS', spec.stepTimeS, 'a step time > 0');
  if (spec.job.kind === 'duration') {
    check(positive(spec.job.durationS), 'job.duration', spec.job.durationS, 'a duration > 0');
    if (spec.job.durationS < spec.stepTimeS) {
      throw new UserInputError(
        `job.duration: ${spec.job.durationS} s is shorter than one training step (${spec.stepTimeS} s); give a duration of at least one step, e.g. "28 d".`,
      );
    }
  } else check(Number.isInteger(spec.job.steps) && spec.job.steps >= 1, 'job.steps', spec.job.steps, 'a positive integer');
  spec.failures.forEach((p, i) => {
    check(Number.isInteger(p.count) && p.count >= 0, `reliability.failures[${i}].count`, p.count, 'a non-negative integer');
    check(positive(p.ratePerSecond), `reliability.failures[${i}].mtbf`, p.ratePerSecond, 'a finite failure rate > 0 (an MTBF > 0)');
    check(Number.isInteger(p.serversReplaced) && p.serversReplaced >= 0, `reliability.failures[${i}].serversReplaced`, p.serversReplaced, 'a non-negative integer');
  });
  for (const [f, v] of [['detection', spec.detectionS], ['restart', spec.restartS], ['checkpoint.restore', spec.restoreS], ['repair', spec.repairS], ['checkpoint.write', spec.checkpoint.writeS]] as const) {
    check(nonNegative(v), `reliability.${f}`, v, 'a duration >= 0');
  }
  check(spec.checkpoint.intervalS > 0, 'reliability.checkpoint.interval', spec.checkpoint.intervalS, 'a duration > 0');
  if (spec.spares !== undefined) check(Number.isInteger(spec.spares) && spec.spares >= 0, 'reliability.spares', spec.spares, 'a non-negative integer');
  check(Number.isInteger(spec.replications) && spec.replications >= 1 && spec.replications <= MAX_REPLICATIONS, 'reliability.replications', spec.replications, `an integer in 1..${MAX_REPLICATIONS}`);
  checkEpisodes(spec.stragglers, 'reliability.stragglers', spec.stepTimeS);
  checkEpisodes(spec.linkFlaps, 'reliability.linkFlaps', spec.stepTimeS);
}

/** Seed of replication r. */
export function replicationSeed(seed: number, r: number): number {
  return r === 0 ? seed : deriveSeed(seed, `long-job ${r}`);
}

function meanLost(outcomes: readonly ReplicationOutcome[]): LostTime {
  const m = (f: (l: LostTime) => number): number => mean(outcomes.map((o) => f(o.lostS)));
  return {
    failures: m((l) => l.failures),
    checkpoints: m((l) => l.checkpoints),
    restarts: m((l) => l.restarts),
    stragglers: m((l) => l.stragglers),
    linkFlaps: m((l) => l.linkFlaps),
    waitingForSpares: m((l) => l.waitingForSpares),
  };
}

export interface LongJobRun {
  readonly result: ReliabilityResult;
  readonly outcomes: readonly ReplicationOutcome[];
}

/** Simulates every replication and summarises them (means; goodput with its 95 % interval). */
export function simulateLongJob(spec: LongJobSpec, options: ReplicationOptions = {}): LongJobRun {
  checkLongJobSpec(spec);
  const outcomes: ReplicationOutcome[] = [];
  for (let r = 0; r < spec.replications; r++) outcomes.push(simulateReplication(spec, replicationSeed(spec.seed, r), options));
  const goodputs = outcomes.map((o) => o.usefulS / o.wallS);
  const jobWallS = mean(outcomes.map((o) => o.wallS));
  const rate = systemFailureRatePerSecond(spec.failures);
  const mtbf = rate > 0 ? 1 / rate : null;
  const byComponent: Partial<Record<FailureComponent, number>> = {};
  const counts: Partial<Record<FailureComponent, number>> = {};
  spec.failures.forEach((p, i) => {
    byComponent[p.component] = (byComponent[p.component] ?? 0) + mean(outcomes.map((o) => o.failuresByProcess[i]!));
    counts[p.component] = p.count;
  });
  const result: ReliabilityResult = {
    goodput: mean(goodputs),
    jobWallS,
    usefulS: mean(outcomes.map((o) => o.usefulS)),
    lostS: meanLost(outcomes),
    failures: mean(outcomes.map((o) => o.failures)),
    expectedFailures: rate * jobWallS,
    checkpointIntervalS: spec.checkpoint.intervalS,
    optimalCheckpointIntervalS: mtbf === null ? null : youngDalyIntervalS(spec.checkpoint.writeS, mtbf),
    replications: spec.replications,
    goodputCi95: meanCi95(goodputs),
    systemMtbfS: mtbf,
    stepTimeS: spec.stepTimeS,
    ...(spec.stragglers ? { stragglerStepTimeS: spec.stragglers.stepTimeS } : {}),
    ...(spec.linkFlaps ? { linkFlapStepTimeS: spec.linkFlaps.stepTimeS } : {}),
    checkpointWriteS: spec.checkpoint.writeS,
    restoreS: spec.restoreS,
    stepsCompleted: mean(outcomes.map((o) => o.stepsCompleted)),
    checkpointsWritten: mean(outcomes.map((o) => o.checkpointsWritten)),
    failuresByComponent: byComponent,
    componentCounts: counts,
    completed: outcomes.every((o) => o.completed),
    eventsSimulated: outcomes.reduce((a, o) => a + o.events, 0),
  };
  return { result, outcomes };
}
