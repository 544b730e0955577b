/**
 * What runScenario does around the simulation itself: the work estimate checked against the limits
 * before anything runs, the meter that stops a run past its event limit and reports progress, and
 * the warnings of inputs that run but may not mean what the user thinks (warnings.ts).
 */
import { withWorkMeter } from '../engine/index.js';
import type { System } from '../hardware/types.js';
import { checkParallelism } from '../workload/index.js';
import { inferenceWorkEstimate, trainingWorkEstimate, type WorkEstimate, type WorkTerm } from '../workload/work-estimate.js';
import type { ResolvedScenario } from './resolve.js';
import type { ResolvedLongJob } from './resolve-reliability.js';
import { componentCounts } from './run-long-job.js';
import { checkWork, RunMeter, workLimits, type RunProgress } from './work-limits.js';
import { scenarioWarnings } from './warnings.js';
import { withOrigin } from './errors.js';

/** The options of a guarded run (RunOptions' part for limits, progress and warnings). */
export interface GuardOptions {
  readonly maxEvents?: number;
  readonly maxMemoryBytes?: number;
  readonly exact?: boolean;
  readonly onProgress?: (progress: RunProgress) => void;
  readonly onWarning?: (message: string) => void;
}

/** The estimated work of a resolved scenario on its built system (a long job adds its slow steps). */
export function scenarioWorkEstimate(resolved: ResolvedScenario, system: System, exact = false): WorkEstimate {
  const w = resolved.workload;
  if (w.kind !== 'training') return inferenceWorkEstimate(w);
  // the estimate reads the degrees: bad ones are refused here with the message runTraining gives
  checkParallelism(system, w);
  const step = trainingWorkEstimate(system, w, exact);
  if (resolved.longJob === undefined) return step;
  // a long job simulates the step again with a straggler and with a link down, then the job
  const slow: WorkTerm = { what: 'slow steps of the long job: 2 more steps', events: 2 * step.events, bytes: 0, shrink: 'drop reliability.stragglers and reliability.linkFlaps' };
  const job = longJobTerm(resolved.longJob, system);
  return { events: step.events * 3 + job.events, bytes: step.bytes, terms: [...step.terms, slow, job] };
}

/** Checkpoints assumed per hour of a job for the estimate (Young/Daly intervals are about an hour at scale). */
const CHECKPOINTS_PER_HOUR = 1;
/** Events per failure, straggler or flap episode and per checkpoint (start, end, restart). */
const EVENTS_PER_JOB_EPISODE = 4;

/** The job simulation's events: episodes over the job's duration (a job given in steps or tokens is metered as it runs). */
function longJobTerm(lj: ResolvedLongJob, system: System): WorkTerm {
  const durationS = lj.job.kind === 'duration' ? lj.job.durationS : 0;
  const counts = componentCounts(system);
  let perSecond = CHECKPOINTS_PER_HOUR / 3600;
  for (const f of lj.failures) perSecond += f.ratePerSecond * counts[f.component].count;
  if (lj.stragglers) perSecond += (lj.stragglers.fraction * system.chipCount) / lj.stragglers.durationS;
  if (lj.linkFlaps) perSecond += lj.linkFlaps.ratePerSecondPerLink * counts.link.count;
  const events = lj.replications * EVENTS_PER_JOB_EPISODE * perSecond * durationS;
  return { what: `long job: ${lj.replications} replication${lj.replications === 1 ? '' : 's'} of its failures, slow episodes and checkpoints`, events, bytes: 0, shrink: 'lower reliability.replications or job.duration' };
}

/**
 * Checks the work of a run against its limits, then runs `fn` metered. Warnings go to onWarning
 * once the run succeeded, so a run that fails reports one error, not a warning and an error.
 */
export function guardedRun<T>(resolved: ResolvedScenario, system: System, origin: string, options: GuardOptions, fn: () => T): T {
  const limits = workLimits(options);
  let estimate: WorkEstimate;
  try {
    estimate = scenarioWorkEstimate(resolved, system, options.exact === true);
  } catch (e) {
    // the estimate checks the degrees first: their errors name the file as the run's would
    throw withOrigin(origin, e);
  }
  checkWork(origin, estimate, limits);
  const meter = new RunMeter(origin, limits, estimate.events, options.onProgress);
  const result = withWorkMeter(meter, fn);
  if (options.onWarning) for (const w of scenarioWarnings(resolved)) options.onWarning(`${origin}: ${w}`);
  return result;
}
