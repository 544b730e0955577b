/**
 * The one place that times a collective for the layers above (DESIGN.md "collectives"): a
 * CollectiveTimer answers the seconds of a collective on its group's actual placement, from the
 * flow-level simulation (default) or the event-free closed form of the same schedule, and caches
 * every answer under one key that holds everything the answer depends on: op, algorithm, issue,
 * size, network mode, selection policy, calibration overrides, send-recv targets, the sibling
 * groups folded in, and the placement: relative to the group's first unit when no override can
 * reach the group (symmetry.ts), absolute otherwise, so a degraded link slows exactly the
 * collectives whose units it lies in, wherever it sits.
 */
import type { System } from '../hardware/types.js';
import type { CollectiveRequest, CollectiveTimer, IssueMode } from './types.js';
import { simulateFolded, type CollectiveOptions } from './simulate.js';
import { closedFormTimeS } from './closed-form.js';
import { siblingShifts } from './siblings.js';
import { chipsPerUnit, groupIsSymmetric } from './symmetry.js';

export interface TimerOptions extends CollectiveOptions {
  /** 'flow' (default): the schedule's flows on the network; 'closed-form': every transfer as if alone, no events. */
  readonly model?: 'flow' | 'closed-form';
  /** Issue mode of requests that do not give one (default 'standalone'; workloads time 'in-graph'). */
  readonly issue?: IssueMode;
  /**
   * Fold in the sibling groups that share the group's chips (siblings.ts): they run the same
   * collective at the same moment in a training step. Default false (the group alone).
   */
  readonly siblings?: boolean;
  /** Key every group on its absolute ranks: no reuse across identical groups (`--exact`). */
  readonly exact?: boolean;
}

/** A simulation the timer ran (a cache miss): the group and the sibling shifts folded into it. */
export interface TimedGroup {
  readonly ranks: readonly number[];
  readonly shifts: readonly number[];
}

/** A cached collective timer with its counters. */
export interface CachedCollectiveTimer extends CollectiveTimer {
  /** Distinct collectives simulated (cache misses). */
  readonly calls: () => number;
  /** Engine events of those simulations. */
  readonly eventsSimulated: () => number;
  /** The groups simulated, in order. */
  readonly simulated: () => readonly TimedGroup[];
}

function optionsKey(o: TimerOptions): string {
  return `${o.model ?? 'flow'}|${o.mode ?? 'flow'}|${o.selection ?? 'measured'}|${o.params ? JSON.stringify(o.params) : ''}`;
}

/** A new collective timer with its own cache (one per run, so its counters describe that run). */
export function createCollectiveTimer(system: System, options: TimerOptions = {}): CachedCollectiveTimer {
  const times = new Map<string, number>();
  // the placement part of the key per ranks array: workloads pass the same array again and again
  const placementKeys = new WeakMap<readonly number[], string>();
  const shiftsOf = new WeakMap<readonly number[], number[]>();
  const simulated: TimedGroup[] = [];
  const fixed = optionsKey(options);
  const cpu = chipsPerUnit(system);
  let calls = 0;
  let events = 0;

  const placementKey = (ranks: readonly number[]): string => {
    let k = placementKeys.get(ranks);
    if (k !== undefined) return k;
    const relative = !options.exact && groupIsSymmetric(system, ranks);
    const first = system.rankToChip(ranks[0]!);
    const base = relative ? (first - (first % cpu)) * system.ranksPerChip : 0;
    k = relative ? '' : '@';
    for (const rank of ranks) k += `${rank - base},`;
    placementKeys.set(ranks, k);
    return k;
  };
  const siblingsOf = (ranks: readonly number[]): number[] => {
    if (!options.siblings) return [];
    let s = shiftsOf.get(ranks);
    if (!s) {
      s = siblingShifts(system, ranks);
      shiftsOf.set(ranks, s);
    }
    return s;
  };

  const timer = (request: CollectiveRequest): number => {
    const issue = request.issue ?? options.issue ?? 'standalone';
    // a stand-alone call of no bytes still pays its launch; nothing else costs anything
    if (request.ranks.length <= 1 || (request.sizeBytes <= 0 && issue === 'in-graph')) return 0;
    const shifts = siblingsOf(request.ranks);
    const multiplicity = 1 + shifts.length;
    const targets = request.targets ? request.targets.join(',') : '';
    const key = `${request.op}|${request.algorithm ?? 'auto'}|${issue}|${request.sizeBytes}|${fixed}|${targets}|x${multiplicity}|${placementKey(request.ranks)}`;
    let t = times.get(key);
    if (t === undefined) {
      const req: CollectiveRequest = { ...request, issue };
      calls++;
      if ((options.model ?? 'flow') === 'closed-form') {
        t = closedFormTimeS(system, req, { ...options, flowMultiplicity: multiplicity });
      } else {
        const r = simulateFolded(system, req, multiplicity, options);
        t = r.timeS;
        events += r.events;
      }
      simulated.push({ ranks: request.ranks, shifts });
      times.set(key, t);
    }
    return t;
  };
  return Object.assign(timer, { calls: () => calls, eventsSimulated: () => events, simulated: () => simulated });
}

const shared = new WeakMap<System, Map<string, CachedCollectiveTimer>>();

/**
 * Seconds one collective takes on the group's placement (alone, no siblings), memoised per system
 * and options: the library's one-call entry point (the CLI's `collective`, tests). Workloads make
 * their own timer per run with createCollectiveTimer.
 */
export function collectiveTimeS(system: System, request: CollectiveRequest, options: TimerOptions = {}): number {
  let bySystem = shared.get(system);
  if (!bySystem) {
    bySystem = new Map();
    shared.set(system, bySystem);
  }
  const k = `${optionsKey(options)}|${options.issue ?? ''}|${options.siblings ? 's' : ''}|${options.exact ? 'e' : ''}`;
  let t = bySystem.get(k);
  if (!t) {
    t = createCollectiveTimer(system, options);
    bySystem.set(k, t);
  }
  return t(request);
}

/**
 * The timer's answers for one op on one group as a function of size alone, memoised by size: the
 * fast path for a workload that asks the same group millions of times (inference asks one TP
 * all-reduce per forward pass). Same answers as `timer`, no key to build per call.
 */
export function sizeTimer(timer: CollectiveTimer, op: CollectiveRequest['op'], ranks: readonly number[], issue: IssueMode = 'in-graph'): (sizeBytes: number) => number {
  const bySize = new Map<number, number>();
  return (sizeBytes: number): number => {
    let t = bySize.get(sizeBytes);
    if (t === undefined) {
      t = timer({ op, ranks, sizeBytes, issue });
      bySize.set(sizeBytes, t);
    }
    return t;
  };
}
