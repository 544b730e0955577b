/**
 * Bounded work (docs/scenarios.md "Work limits"): a run's estimated events and memory are checked
 * against limits before it starts, and its events are metered while it runs, so an input such as
 * `globalBatch: 1e9` is refused in milliseconds with the estimate and how to shrink it instead of
 * running for a minute and dying out of memory. The limits are options (`maxEvents`,
 * `maxMemoryBytes`; the CLI's --max-events, --max-memory) a user raises for a deliberately big run.
 */
import { getHeapStatistics } from 'node:v8';
import type { WorkMeter } from '../engine/index.js';
import { UserInputError } from '../user-input-error.js';
import { formatBytes } from '../units.js';
import type { WorkEstimate } from '../workload/work-estimate.js';

/** Events a run may take by default (minutes of simulation; the bundled scenarios take at most a few million). */
export const DEFAULT_MAX_EVENTS = 1e9;

/** Memory a run may allocate by default: 4 GiB, or V8's heap limit on this machine when that is lower. */
export function defaultMaxMemoryBytes(): number {
  return Math.min(4 * 1024 ** 3, getHeapStatistics().heap_size_limit);
}

export interface WorkLimits {
  readonly maxEvents: number;
  readonly maxMemoryBytes: number;
}

/** Progress of a long run (RunOptions.onProgress). */
export interface RunProgress {
  readonly events: number;
  /** The estimate the run was admitted with. */
  readonly estimatedEvents: number;
  readonly elapsedS: number;
}

/** A run refused or stopped for its size: exit code 2, like any input the user can change. */
export class WorkLimitError extends UserInputError {}

function limitError(field: string, value: unknown, example: string): UserInputError {
  return new UserInputError(`options.${field}: expected a positive number, got ${typeof value === 'string' ? JSON.stringify(value) : String(value)}; e.g. ${example}.`);
}

/** The limits of a run from its options (defaults filled, values checked). */
export function workLimits(options: { maxEvents?: number; maxMemoryBytes?: number }): WorkLimits {
  const { maxEvents, maxMemoryBytes } = options;
  if (maxEvents !== undefined && !(typeof maxEvents === 'number' && maxEvents > 0)) throw limitError('maxEvents', maxEvents, '1e10');
  if (maxMemoryBytes !== undefined && !(typeof maxMemoryBytes === 'number' && maxMemoryBytes > 0)) throw limitError('maxMemoryBytes', maxMemoryBytes, '8 * 1024 ** 3');
  return { maxEvents: maxEvents ?? DEFAULT_MAX_EVENTS, maxMemoryBytes: maxMemoryBytes ?? defaultMaxMemoryBytes() };
}

const count = (x: number): string => (x >= 1e7 ? x.toExponential(2).replace('e+', 'e') : Math.round(x).toLocaleString('en-US'));

/** "about 2.50e8 events and 105 GiB" */
export function describeWork(e: Pick<WorkEstimate, 'events' | 'bytes'>): string {
  return `about ${count(e.events)} events and ${formatBytes(e.bytes)} of memory`;
}

/** The term that dominates the limit that is exceeded. */
function dominant(e: WorkEstimate, by: 'events' | 'bytes') {
  return e.terms.reduce((a, b) => (b[by] > a[by] ? b : a), e.terms[0]!);
}

/**
 * Throws a WorkLimitError when `estimate` exceeds `limits`: the estimate, the limit, the term that
 * dominates and how to shrink it, and how to raise the limit.
 */
export function checkWork(origin: string, estimate: WorkEstimate, limits: WorkLimits, what = 'the run'): void {
  const overMemory = estimate.bytes > limits.maxMemoryBytes;
  const overEvents = estimate.events > limits.maxEvents;
  if (!overMemory && !overEvents) return;
  const by = overMemory ? 'bytes' : 'events';
  const limit = overMemory ? `the memory limit of ${formatBytes(limits.maxMemoryBytes)}` : `the limit of ${count(limits.maxEvents)} events`;
  const raise = overMemory ? '--max-memory (library: maxMemoryBytes)' : '--max-events (library: maxEvents)';
  const term = estimate.terms.length > 0 ? dominant(estimate, by) : undefined;
  const shrink = term ? `; most of it is the ${term.what.replace(/: /, ' (')}): ${term.shrink},` : '; make it smaller';
  throw new WorkLimitError(`${origin}: ${what} would take ${describeWork(estimate)}, above ${limit}${shrink} or raise ${raise} for a deliberately large run`);
}

/**
 * Meters a running scenario (engine WorkMeter): stops it once it has dispatched more than
 * maxEvents events (the estimate can be low, e.g. for long jobs) and reports progress about
 * every `progressIntervalS`.
 */
export class RunMeter implements WorkMeter {
  private events = 0;
  private readonly startMs = performance.now();
  private lastReportMs = this.startMs;

  constructor(
    private readonly origin: string,
    private readonly limits: WorkLimits,
    private readonly estimatedEvents: number,
    private readonly onProgress?: (p: RunProgress) => void,
    private readonly progressIntervalS = 0.5,
  ) {}

  get dispatched(): number {
    return this.events;
  }

  charge(events: number): void {
    this.events += events;
    if (this.events > this.limits.maxEvents) {
      throw new WorkLimitError(
        `${this.origin}: the run was stopped after ${count(this.events)} events, above the limit of ${count(this.limits.maxEvents)} (--max-events; library: maxEvents; it was estimated at ${count(this.estimatedEvents)}); make the scenario smaller or raise the limit`,
      );
    }
    if (this.onProgress === undefined) return;
    const now = performance.now();
    if (now - this.lastReportMs < this.progressIntervalS * 1000) return;
    this.lastReportMs = now;
    this.onProgress({ events: this.events, estimatedEvents: this.estimatedEvents, elapsedS: (now - this.startMs) / 1000 });
  }
}
