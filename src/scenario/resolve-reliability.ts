/**
 * Resolution of the `job:` and `reliability:` sections: the rules that need only the preset
 * (which components exist) and the defaults that need nothing at all (docs/scenarios.md "job and
 * reliability"). What needs the built system or the simulated step (component counts, checkpoint
 * size, the step time) is done in run-long-job.ts.
 */
import {
  DEFAULT_CHECKPOINT_BYTES_PER_SECOND,
  DEFAULT_DETECTION_S,
  DEFAULT_MTBF_S,
  DEFAULT_REPAIR_S,
  DEFAULT_RESTART_S,
  DEFAULT_STRAGGLER_EPISODE_S,
  rateFromAfr,
  rateFromMtbf,
  type FailureComponent,
} from '../workload/reliability/index.js';
import type { FieldProblem } from './errors.js';
import type { Scenario } from './load.js';
import type { ScenarioJob } from './reliability-load.js';
import { systemPresetInfo } from './system-catalogue.js';

export interface ResolvedFailure {
  readonly component: FailureComponent;
  /** Per component, per second. */
  readonly ratePerSecond: number;
  /** Field path for messages ("reliability.failures[0]", or "reliability.failures (default chip)"). */
  readonly field: string;
}

export interface ResolvedLongJob {
  readonly job: ScenarioJob;
  readonly failures: readonly ResolvedFailure[];
  /** True when `failures` are the Llama 3-derived defaults. */
  readonly defaultFailures: boolean;
  readonly detectionS: number;
  readonly restartS: number;
  readonly repairS: number;
  readonly spares?: number;
  readonly checkpoint: {
    readonly intervalS?: number;
    readonly writeS?: number;
    readonly restoreS?: number;
    readonly bytes?: number;
    readonly bytesPerSecond: number;
    readonly readBytesPerSecond: number;
  };
  readonly stragglers?: { readonly fraction: number; readonly slowdown: number; readonly durationS: number };
  readonly linkFlaps?: { readonly ratePerSecondPerLink: number; readonly durationS: number; readonly link?: string };
  readonly replications: number;
}

const DEFAULT_COMPONENTS: readonly FailureComponent[] = ['chip', 'server', 'link'];

/** The long job of a scenario, or undefined when it has none; problems are added to `problems`. */
export function resolveLongJob(s: Scenario, problems: FieldProblem[]): ResolvedLongJob | undefined {
  if (s.job === undefined && s.reliability === undefined) return undefined;
  if (s.workload.kind !== 'training') {
    // inference: job: is a budget for cost and energy only (issue 14), no long job
    if (s.reliability !== undefined) {
      problems.push({ path: 'reliability', message: 'a long job needs a training workload (kind: training); remove reliability: for inference (job: { tokens } or { duration } prices a serving budget)' });
    }
    if (s.job?.kind === 'steps') {
      problems.push({ path: 'job.steps', message: 'an inference job is measured in generated tokens or a duration; give job.tokens or job.duration instead' });
    }
    return undefined;
  }
  const n = problems.length;
  if (s.job === undefined) {
    problems.push({ path: 'job', message: 'reliability: needs a job: section with one of duration (e.g. "28 d"), steps or tokens' });
  }
  const r = s.reliability ?? { replications: 1 };
  const info = systemPresetInfo(s.system.preset);
  const failures: ResolvedFailure[] = [];
  if (r.failures === undefined) {
    for (const component of DEFAULT_COMPONENTS) {
      failures.push({ component, ratePerSecond: rateFromMtbf(DEFAULT_MTBF_S[component]!), field: `reliability.failures (default ${component})` });
    }
  } else {
    r.failures.forEach((f, i) => {
      const field = `reliability.failures[${i}]`;
      if (f.component === 'ultraserver' && info !== undefined && info.unitKind !== 'ultraserver') {
        problems.push({ path: `${field}.component`, message: `${s.system.preset} has no UltraServers; use chip, server or link, or an UltraServer preset` });
        return;
      }
      failures.push({ component: f.component, ratePerSecond: f.mtbfS !== undefined ? rateFromMtbf(f.mtbfS) : rateFromAfr(f.afr!), field });
    });
  }
  const c = r.checkpoint ?? {};
  const storageGiven = c.bytes !== undefined || c.bytesPerSecond !== undefined || c.readBytesPerSecond !== undefined;
  if (c.writeS !== undefined && c.restoreS !== undefined && storageGiven) {
    problems.push({
      path: 'reliability.checkpoint',
      message: 'write and restore are given, so bytes, bandwidth and readBandwidth would be unused; give times or bytes with bandwidths, not both',
    });
  }
  if (problems.length > n || s.job === undefined) return undefined;
  const bytesPerSecond = c.bytesPerSecond ?? DEFAULT_CHECKPOINT_BYTES_PER_SECOND;
  return {
    job: s.job,
    failures,
    defaultFailures: r.failures === undefined,
    detectionS: r.detectionS ?? DEFAULT_DETECTION_S,
    restartS: r.restartS ?? DEFAULT_RESTART_S,
    repairS: r.repairS ?? DEFAULT_REPAIR_S,
    ...(r.spares !== undefined ? { spares: r.spares } : {}),
    checkpoint: {
      ...(c.intervalS !== undefined ? { intervalS: c.intervalS } : {}),
      ...(c.writeS !== undefined ? { writeS: c.writeS } : {}),
      ...(c.restoreS !== undefined ? { restoreS: c.restoreS } : {}),
      ...(c.bytes !== undefined ? { bytes: c.bytes } : {}),
      bytesPerSecond,
      readBytesPerSecond: c.readBytesPerSecond ?? bytesPerSecond,
    },
    ...(r.stragglers ? { stragglers: { ...r.stragglers, durationS: r.stragglers.durationS ?? DEFAULT_STRAGGLER_EPISODE_S } } : {}),
    ...(r.linkFlaps ? { linkFlaps: r.linkFlaps } : {}),
    replications: r.replications,
  };
}
