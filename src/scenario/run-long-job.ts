/**
 * The long job of a scenario (issue 13): after the training step is simulated, count the
 * components of the built system, simulate the slow steps it needs (a straggling chip, a link
 * down) with the same training model, fill the defaults that need the model (checkpoint size),
 * check what needs the step (a job shorter than one step, a checkpoint longer than the system
 * MTBF), and simulate the job event by event (workload/reliability).
 */
import { presetByName, type BuiltSystem } from '../hardware/index.js';
import type { System, SystemRequest } from '../hardware/types.js';
import type { TrainingResult, TrainingWorkload } from '../workload/types.js';
import {
  DEFAULT_INTERVAL_WITHOUT_FAILURES_S,
  checkpointBytes,
  simulateLongJob,
  systemFailureRatePerSecond,
  youngDalyIntervalS,
  type FailureComponent,
  type FailureProcessSpec,
  type JobTarget,
  type LongJobSpec,
  type ReliabilityResult,
} from '../workload/reliability/index.js';
import { isUserInputError, UserInputError } from '../user-input-error.js';
import { fieldError } from './errors.js';
import type { ResolvedLongJob } from './resolve-reliability.js';
import type { ResolvedScenario } from './resolve.js';

/** Runs one training step of a (modified) system request; the caller's runner, so run.ts owns how. */
export type StepRunner = (request: SystemRequest) => { stepTimeS: number; events: number };

/**
 * EFA links of a system, each counted once for both directions: one NIC cable per chip and one
 * uplink per rail (or per Clos leaf); none in a single unit. docs/hardware.md numbers them.
 */
export function efaLinkCount(system: System): number {
  if (system.count <= 1) return 0;
  const built = system as Partial<BuiltSystem>;
  const tiers = built.efaTopology === 'clos' ? system.serverCount : system.chipsPerServer;
  return system.chipCount + tiers;
}

/** Components of each kind, and servers one failure takes out of the job. */
export function componentCounts(system: System): Record<FailureComponent, { count: number; serversReplaced: number }> {
  const preset = presetByName(system.preset);
  const ultra = preset?.unitKind === 'ultraserver';
  const serversPerUnit = preset ? preset.chipsPerUnit / preset.chipsPerServer : 1;
  return {
    chip: { count: system.chipCount, serversReplaced: 1 },
    server: { count: system.serverCount, serversReplaced: 1 },
    ultraserver: { count: ultra ? system.count : 0, serversReplaced: serversPerUnit },
    link: { count: efaLinkCount(system), serversReplaced: 0 },
  };
}

// The slow-step variants are the same system with one injected fault (system.faults): a slow
// chip (compute and HBM slowed) or a link that is down.
function withSlowChip(request: SystemRequest, chip: number, slowdown: number): SystemRequest {
  return { ...request, faults: [...(request.faults ?? []), { kind: 'slow-chip', chip, slowdown }] };
}

function withDownLink(request: SystemRequest, link: string): SystemRequest {
  return { ...request, faults: [...(request.faults ?? []), { kind: 'down-link', link }] };
}

function jobTarget(origin: string, lj: ResolvedLongJob, w: TrainingWorkload, stepTimeS: number): JobTarget {
  const job = lj.job;
  if (job.kind === 'duration') {
    if (job.durationS < stepTimeS) {
      throw fieldError(origin, 'job.duration', `${job.durationS} s is shorter than one training step (${stepTimeS.toPrecision(4)} s); give at least one step, e.g. "28 d"`);
    }
    return { kind: 'duration', durationS: job.durationS };
  }
  if (job.kind === 'steps') return { kind: 'steps', steps: job.steps };
  const perStep = w.globalBatch * w.sequenceLength;
  if (job.tokens < perStep) {
    throw fieldError(origin, 'job.tokens', `${job.tokens} tokens is less than one training step (${perStep} tokens = globalBatch x sequenceLength); give at least ${perStep}`);
  }
  return { kind: 'steps', steps: Math.ceil(job.tokens / perStep) };
}

export interface LongJobOutcome {
  readonly reliability: ReliabilityResult;
  /** Events of the slow-step simulations and of the long job. */
  readonly events: number;
}

/** Simulates the long job of a resolved training scenario whose step has been simulated. */
export function runLongJob(
  resolved: ResolvedScenario,
  lj: ResolvedLongJob,
  system: System,
  step: Pick<TrainingResult, 'stepTimeS'>,
  runStep: StepRunner,
  origin: string,
): LongJobOutcome {
  const w = resolved.workload as TrainingWorkload;
  const stepTimeS = step.stepTimeS;
  const job = jobTarget(origin, lj, w, stepTimeS);
  const counts = componentCounts(system);
  const failures: FailureProcessSpec[] = lj.failures.map((f) => ({ component: f.component, ratePerSecond: f.ratePerSecond, ...counts[f.component] }));

  const c = lj.checkpoint;
  const bytes = c.bytes ?? checkpointBytes(w.model);
  const writeS = c.writeS ?? bytes / c.bytesPerSecond;
  const restoreS = c.restoreS ?? bytes / c.readBytesPerSecond;
  const rate = systemFailureRatePerSecond(failures);
  if (rate > 0 && writeS >= 1 / rate) {
    const field = c.writeS !== undefined ? 'reliability.checkpoint.write' : 'reliability.checkpoint.bandwidth';
    throw fieldError(
      origin,
      field,
      `a checkpoint write of ${writeS.toPrecision(4)} s is not shorter than the system MTBF of ${(1 / rate).toPrecision(4)} s (${failures.length} failure processes over ${system.chipCount} chips), so checkpoints would rarely complete; ` +
        'write faster (more bandwidth, fewer bytes) or give lower failure rates',
    );
  }
  const intervalS = c.intervalS ?? (rate > 0 ? Math.max(youngDalyIntervalS(writeS, 1 / rate), stepTimeS) : DEFAULT_INTERVAL_WITHOUT_FAILURES_S);

  let events = 0;
  const slowStep = (request: SystemRequest, field: string): number => {
    try {
      const r = runStep(request);
      events += r.events;
      return Math.max(r.stepTimeS, stepTimeS);
    } catch (e) {
      if (!isUserInputError(e)) throw e;
      throw new UserInputError(`${origin}: ${field}: the slow step could not be simulated: ${e.message}`);
    }
  };
  let stragglers: LongJobSpec['stragglers'];
  const st = lj.stragglers;
  if (st && st.fraction > 0) {
    stragglers = {
      episodesPerSecond: (system.chipCount * st.fraction) / st.durationS,
      durationS: st.durationS,
      // chip 0 stands for any chip: the step is gated by its slowest chip (workload/training/stage-costs.ts)
      stepTimeS: st.slowdown > 1 ? slowStep(withSlowChip(resolved.system, 0, st.slowdown), 'reliability.stragglers') : stepTimeS,
    };
  }
  let linkFlaps: LongJobSpec['linkFlaps'];
  const lf = lj.linkFlaps;
  if (lf && lf.ratePerSecondPerLink > 0 && counts.link.count > 0) {
    const link = lf.link ?? `${system.chipName?.(0) ?? 's0.c0'}.efa.up`;
    linkFlaps = {
      episodesPerSecond: counts.link.count * lf.ratePerSecondPerLink,
      durationS: lf.durationS,
      stepTimeS: slowStep(withDownLink(resolved.system, link), 'reliability.linkFlaps.link'),
    };
  }

  const spec: LongJobSpec = {
    job,
    stepTimeS,
    failures,
    detectionS: lj.detectionS,
    restartS: lj.restartS,
    restoreS,
    repairS: lj.repairS,
    ...(lj.spares !== undefined ? { spares: lj.spares } : {}),
    checkpoint: { intervalS, writeS },
    ...(stragglers ? { stragglers } : {}),
    ...(linkFlaps ? { linkFlaps } : {}),
    seed: resolved.seed,
    replications: lj.replications,
  };
  const { result } = simulateLongJob(spec);
  return { reliability: result, events: events + result.eventsSimulated };
}
