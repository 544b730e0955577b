/**
 * The one place that times a collective for the layers above (docs/architecture.md, docs/collectives.md): a
 * CollectiveTimer answers the seconds of a collective on its group's actual placement, from the
 * flow-level simulation (default) or the event-free closed form of the same schedule, and caches
 * every answer under one key that holds everything the answer depends on: op, algorithm, issue,
 * size, network mode, selection policy, calibration overrides, send-recv targets, the sibling
 * groups folded in, and the placement: relative to the group's first unit when no override can
 * reach the group (symmetry.ts), absolute otherwise, so a degraded link slows exactly the
 * collectives whose units it lies in, wherever it sits.
 */
import type { System } from '../hardware/types.js';
import type { CollectiveRequest, IssueMode } from './types.js';
import { activeCollectiveParams, type CollectiveParams } from './params.js';
import { simulateFolded, type CollectiveOptions } from './simulate.js';
import { closedFormTimeS } from './closed-form.js';
import { siblingShifts } from './siblings.js';
import { chipsPerUnit, groupIsSymmetric, scheduleReachesOverrides } from './symmetry.js';

/**
 * Seconds a collective takes, as the layers above ask it (createCollectiveTimer makes the cached
 * ones; tests and what-ifs may pass any function, e.g. `() => 0` for free communication).
 */
export type CollectiveTimer = (request: CollectiveRequest) => number;

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

/** Maps kept per System and per set of constants in force (a calibration replaces the object, so it gets its own). */
type PerSystemAndConstants<V> = WeakMap<System, WeakMap<CollectiveParams, Map<string, V>>>;

/** The map of `store` for `system` under the constants in force, made on first use. */
function forSystemAndConstants<V>(store: PerSystemAndConstants<V>, system: System): Map<string, V> {
  let bySystem = store.get(system);
  if (!bySystem) store.set(system, (bySystem = new WeakMap()));
  const constants = activeCollectiveParams();
  let map = bySystem.get(constants);
  if (!map) bySystem.set(constants, (map = new Map()));
  return map;
}

/** An answer kept across runs: the time and the engine events its simulation took. */
interface KeptAnswer {
  readonly timeS: number;
  readonly events: number;
}

// Answers kept per system and per set of constants in force, across runs: a plan runs hundreds of
// candidates on one System, and candidates that differ only in micro-batch, ZeRO stage or
// recompute ask the same DP and TP collectives (about 80 % of a 405B candidate's simulation
// time). The key holds everything an answer depends on (see the file comment) and a System is not
// changed after it is built (faults and overrides are applied at build), so a kept answer is what
// a fresh simulation gives; a run that finds one counts it as its own simulation (calls, events,
// groups), so its result is byte-identical to a run on a fresh System.
const kept: PerSystemAndConstants<KeptAnswer> = new WeakMap();

/** A new collective timer with its own counters (one per run, so they describe that run). */
export function createCollectiveTimer(system: System, options: TimerOptions = {}): CachedCollectiveTimer {
  const times = new Map<string, number>();
  const across = forSystemAndConstants(kept, system);
  // the placement part of the key per ranks array (workloads pass the same array again and again)
  const shiftsOf = new WeakMap<readonly number[], number[]>();
  const simulated: TimedGroup[] = [];
  const fixed = optionsKey(options);
  const cpu = chipsPerUnit(system);
  let calls = 0;
  let events = 0;

  interface GroupKeys {
    /** The placement key up to symmetry; undefined until asked. */
    relative?: string;
    absolute?: string;
    /** The quick test: no override lies in a unit the group touches. */
    readonly untouched: boolean;
    /** For touched groups: whether each request's own flows cross an override, by request. */
    readonly reach: Map<string, boolean>;
  }
  const groups = new WeakMap<readonly number[], GroupKeys>();
  const placementKey = (request: CollectiveRequest, requestKey: string): string => {
    const ranks = request.ranks;
    let gk = groups.get(ranks);
    if (!gk) {
      gk = { untouched: !options.exact && groupIsSymmetric(system, ranks), reach: new Map() };
      groups.set(ranks, gk);
    }
    let symmetric = gk.untouched;
    if (!symmetric && !options.exact) {
      // the precise test, where the quick one fails: do the request's own flows cross an override?
      let r = gk.reach.get(requestKey);
      if (r === undefined) {
        r = scheduleReachesOverrides(system, request, options);
        gk.reach.set(requestKey, r);
      }
      symmetric = !r;
    }
    if (symmetric) return (gk.relative ??= translatedKey(system, ranks) ?? unitRelativeKey(system, ranks, cpu));
    if (gk.absolute === undefined) {
      let k = '@';
      for (const rank of ranks) k += `${rank},`;
      gk.absolute = k;
    }
    return gk.absolute;
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
    const requestKey = `${request.op}|${request.algorithm ?? 'auto'}|${issue}|${request.sizeBytes}|${fixed}|${targets}|x${multiplicity}`;
    const key = `${requestKey}|${placementKey({ ...request, issue }, requestKey)}`;
    let t = times.get(key);
    if (t === undefined) {
      calls++;
      let answer = across.get(key);
      if (answer === undefined) {
        const req: CollectiveRequest = { ...request, issue };
        if ((options.model ?? 'flow') === 'closed-form') {
          answer = { timeS: closedFormTimeS(system, req, { ...options, flowMultiplicity: multiplicity }), events: 0 };
        } else {
          const r = simulateFolded(system, req, multiplicity, options);
          answer = { timeS: r.timeS, events: r.events };
        }
        across.set(key, answer);
      }
      t = answer.timeS;
      events += answer.events;
      simulated.push({ ranks: request.ranks, shifts });
      times.set(key, t);
    }
    return t;
  };
  return Object.assign(timer, { calls: () => calls, eventsSimulated: () => events, simulated: () => simulated });
}

/** Ranks relative to the group's first unit: identical groups in other units share a key. */
function unitRelativeKey(system: System, ranks: readonly number[], cpu: number): string {
  const first = system.rankToChip(ranks[0]!);
  const base = (first - (first % cpu)) * system.ranksPerChip;
  let k = '';
  for (const rank of ranks) k += `${rank - base},`;
  return k;
}

/**
 * On units that are full tori (wrap-around in every dimension), a group and its translate by a
 * torus vector, applied alike in every unit, cross the same links up to that symmetry: chip
 * positions keep their EFA rails relative to one another, and every unit is the same. The key is
 * the group moved so that its first chip sits at the origin, when that move needs no wrap-around
 * (every member's coordinates at or above the first's: the schedules, which order chips by
 * coordinate, are then built alike); otherwise undefined.
 */
function translatedKey(system: System, ranks: readonly number[]): string | undefined {
  const f = system.unitFabric;
  if (!f || f.kind !== 'torus') return undefined;
  const dims = f.dims;
  const cpu = chipsPerUnit(system);
  const rpc = system.ranksPerChip;
  const first = system.rankToChip(ranks[0]!);
  const u0 = Math.floor(first / cpu);
  const origin: number[] = [];
  let rest = first % cpu;
  for (const d of dims) {
    origin.push(rest % d);
    rest = Math.floor(rest / d);
  }
  let k = 't';
  for (const rank of ranks) {
    const chip = Math.floor(rank / rpc);
    let local = chip % cpu;
    let shifted = 0;
    let stride = 1;
    for (let i = 0; i < dims.length; i++) {
      const c = local % dims[i]! - origin[i]!;
      if (c < 0) return undefined;
      local = Math.floor(local / dims[i]!);
      shifted += c * stride;
      stride *= dims[i]!;
    }
    k += `${Math.floor(chip / cpu) - u0}:${shifted}:${rank % rpc},`;
  }
  return k;
}

// per system, per set of constants in force, per options
const shared: PerSystemAndConstants<CachedCollectiveTimer> = new WeakMap();

/**
 * Seconds one collective takes on the group's placement (alone, no siblings), memoised per system,
 * the constants in force and the options: the library's one-call entry point (the CLI's
 * `collective`, tests). Workloads make their own timer per run with createCollectiveTimer.
 */
export function collectiveTimeS(system: System, request: CollectiveRequest, options: TimerOptions = {}): number {
  const byOptions = forSystemAndConstants(shared, system);
  const k = `${optionsKey(options)}|${options.issue ?? ''}|${options.siblings ? 's' : ''}|${options.exact ? 'e' : ''}`;
  let t = byOptions.get(k);
  if (!t) {
    t = createCollectiveTimer(system, options);
    byOptions.set(k, t);
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
