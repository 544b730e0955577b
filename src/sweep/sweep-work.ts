/**
 * Bounded work for sweeps (docs/sweeps.md "Work limits"): before any point runs, the sweep's work is
 * estimated as its points times the mean estimate of a few sampled points, and its memory as the
 * workers' largest point plus what the sweep keeps per point (the done map of a resume, lines kept
 * for --csv / --report). A sweep of 1e12 points is refused at once with the estimate; each point is
 * also held to the limits where it runs.
 */
import type { WorkEstimate, WorkTerm } from '../workload/work-estimate.js';
import { checkWork, type WorkLimits } from '../scenario/work-limits.js';
import type { SweepPlan } from './plan.js';
import { shardSize } from './shard.js';
import type { JsonObject, PointContext, Shard } from './types.js';

/** Points sampled for the estimate, spread evenly over the shard. */
const SAMPLES = 8;
/** Events assumed per point when no sampled point can be estimated (all invalid); a custom runner's points count none. */
const EVENTS_PER_UNKNOWN_POINT = 1000;

export type PointEstimator = (scenario: JsonObject, point: PointContext) => WorkEstimate | undefined;

export interface SweepWorkInput {
  readonly plan: SweepPlan;
  readonly shard: Shard | undefined;
  readonly workers: number;
  /** Bytes the sweep keeps per point while it runs (lines collected for --csv / --report). */
  readonly bytesPerPoint: number;
  /** Whether a done map of one byte per point is kept (resuming a results file). */
  readonly doneMap: boolean;
}

export function sweepWorkEstimate(input: SweepWorkInput, estimate: PointEstimator | undefined): WorkEstimate {
  const { plan, shard } = input;
  const points = shardSize(plan.total, shard);
  const first = shard?.index ?? 0;
  const stride = shard?.count ?? 1;
  let events = 0;
  let maxBytes = 0;
  let sampled = 0;
  let dominant: WorkTerm | undefined;
  const k = Math.min(SAMPLES, points);
  for (let s = 0; s < k && estimate; s++) {
    const j = k === 1 ? 0 : Math.floor((s * (points - 1)) / (k - 1));
    const p = plan.pointAt(first + j * stride);
    if (p.buildError !== undefined) continue;
    const e = estimate(p.scenario, p);
    if (e === undefined) continue;
    sampled++;
    events += e.events;
    maxBytes = Math.max(maxBytes, e.bytes);
    dominant ??= e.terms.reduce((a, b) => (b.events > a.events ? b : a), e.terms[0]!);
  }
  // a custom runner's work is its own: only what the sweep itself holds is counted for it
  const perPoint = sampled > 0 ? events / sampled : estimate ? EVENTS_PER_UNKNOWN_POINT : 0;
  const running = Math.min(input.workers || 1, points) * maxBytes;
  const kept = points * input.bytesPerPoint + (input.doneMap ? plan.total : 0);
  const terms: WorkTerm[] = [
    {
      what: `sweep: ${points.toLocaleString('en-US')} points x about ${Math.round(perPoint).toLocaleString('en-US')} events each`,
      events: points * perPoint,
      bytes: kept,
      shrink: `use fewer axis values or replications, or run it in shards (--shard i/n)${dominant ? `; per point, most of it is the ${dominant.what.replace(/: .*/, '')}: ${dominant.shrink}` : ''}`,
    },
    { what: 'points running at once: their largest estimate per worker', events: 0, bytes: running, shrink: 'use fewer --workers' },
  ];
  return { events: points * perPoint, bytes: kept + running, terms };
}

/** Throws a WorkLimitError when the sweep's estimate is above the limits. */
export function checkSweepWork(origin: string, input: SweepWorkInput, estimate: PointEstimator | undefined, limits: WorkLimits): void {
  checkWork(origin, sweepWorkEstimate(input, estimate), limits, 'the sweep');
}
