/**
 * The public entry points: run one collective (or several at once) on its own Simulator and
 * FlowNetwork, and a cached time function for workloads that issue the same collective many times.
 */
import { Simulator } from '../engine/index.js';
import type { System } from '../hardware/types.js';
import { createFlowNetwork } from '../network/index.js';
import type { NetworkMode } from '../network/types.js';
import type { AlgorithmName, CollectiveRequest, CollectiveResult, LinkBytes, SelectionPolicy } from './types.js';
import type { CollectiveParams } from './params.js';
import { COLLECTIVE_PARAM_NAMES } from './params.js';
import { CollectiveRunner } from './runner.js';
import { placeGroup } from './group.js';
import { selectAlgorithm } from './select.js';
import { checkRequest } from './validate.js';
import { collectiveErrors } from './errors.js';

export interface CollectiveOptions {
  /** 'flow' (default): max-min sharing on the network; 'alpha-beta': every flow as if alone. */
  readonly mode?: NetworkMode;
  /** Switch points of `auto` (default 'measured', C3). */
  readonly selection?: SelectionPolicy;
  /** Calibration overrides (params.ts). */
  readonly params?: Partial<CollectiveParams>;
}

function checkOptions(o: CollectiveOptions): void {
  if (o.mode !== undefined && o.mode !== 'flow' && o.mode !== 'alpha-beta') throw collectiveErrors.badParam('options.mode', o.mode, 'expected "flow" or "alpha-beta"');
  if (o.selection !== undefined && o.selection !== 'measured' && o.selection !== 'documented') throw collectiveErrors.badParam('options.selection', o.selection, 'expected "measured" or "documented"');
  for (const [k, v] of Object.entries(o.params ?? {})) {
    if (!COLLECTIVE_PARAM_NAMES.includes(k)) throw collectiveErrors.badParam(`options.params.${k}`, v, `unknown calibration constant; valid: ${COLLECTIVE_PARAM_NAMES.join(', ')}`);
    if (typeof v !== 'number' || !(v >= 0) || !Number.isFinite(v)) throw collectiveErrors.badParam(`options.params.${k}`, v, 'expected a non-negative finite number');
  }
}

function linkBytesOf(system: System, network: ReturnType<typeof createFlowNetwork>, runner: CollectiveRunner): LinkBytes[] {
  const topo = system.topology;
  const out: LinkBytes[] = [];
  if (topo.linkCount > 200_000) return out;
  for (let l = 0; l < topo.linkCount; l++) {
    const b = network.linkBytesCarried(l) + runner.extraBytesOnLink(l);
    if (b > 0) out.push({ link: l, name: topo.link(l).name, bytes: b });
  }
  return out;
}

/**
 * Runs several collectives at once on one network (e.g. every DP group of a step), all starting at
 * time 0, so those that share links contend. Results in request order; each carries the bytes
 * carried per link by all of them together.
 */
export function simulateConcurrent(system: System, requests: readonly CollectiveRequest[], options: CollectiveOptions = {}): CollectiveResult[] {
  checkOptions(options);
  requests.forEach((r, i) => checkRequest(r, `requests[${i}]`));
  const sim = new Simulator();
  const network = createFlowNetwork(sim, system.topology, { mode: options.mode ?? 'flow' });
  // alone on the network, one collective: identical ring steps can be simulated once (exact)
  const runner = new CollectiveRunner(sim, network, system, { ...options, exclusive: requests.length === 1 });
  const handles = requests.map((r) => runner.start(r));
  sim.run();
  const linkBytes = linkBytesOf(system, network, runner);
  return handles.map((h) => ({ ...runner.result(h), linkBytes }));
}

/** Runs one collective alone on its own simulator and network. */
export function simulateCollective(system: System, request: CollectiveRequest, options: CollectiveOptions = {}): CollectiveResult {
  return simulateConcurrent(system, [request], options)[0]!;
}

/** The algorithm `auto` (or the request's choice) resolves to for this request. */
export function resolveAlgorithm(system: System, request: CollectiveRequest, options: CollectiveOptions = {}): AlgorithmName {
  checkRequest(request);
  const alg = request.algorithm ?? 'auto';
  if (alg !== 'auto') return alg;
  return selectAlgorithm(system, request.op, placeGroup(system, request.ranks), request.sizeBytes, options.selection);
}

/** Whether the system has link overrides (then identical groups elsewhere are not interchangeable). */
function hasLinkOverrides(system: System): boolean {
  const t = system.topology as { overriddenLinks?: () => number[] };
  return typeof t.overriddenLinks === 'function' && t.overriddenLinks().length > 0;
}

interface SystemCache {
  readonly symmetric: boolean;
  readonly times: Map<string, number>;
  /** Group part of the key per ranks array (workloads pass the same array again and again). */
  readonly groupKeys: WeakMap<readonly number[], string>;
}

const caches = new WeakMap<System, SystemCache>();

/**
 * The group's ranks relative to the first chip's unit (identical groups in other units share an
 * entry), or absolute when links are overridden (a degraded link breaks the symmetry).
 */
function groupKey(system: System, c: SystemCache, ranks: readonly number[]): string {
  let k = c.groupKeys.get(ranks);
  if (k !== undefined) return k;
  const chipsPerUnit = system.chipCount / system.count;
  const first = system.rankToChip(ranks[0]!);
  const base = c.symmetric ? (first - (first % chipsPerUnit)) * system.ranksPerChip : 0;
  k = '';
  for (const rank of ranks) k += `${rank - base},`;
  c.groupKeys.set(ranks, k);
  return k;
}

/**
 * Seconds one collective takes alone on the group's placement, memoised per system on (op,
 * algorithm, issue, size, options, group placement relative to its unit, link state). Workloads
 * call this for each collective of a step: contention between concurrent collectives is not seen
 * here (use simulateConcurrent or a CollectiveRunner for that).
 */
export function collectiveTimeS(system: System, request: CollectiveRequest, options: CollectiveOptions = {}): number {
  if (request.ranks.length <= 1) return 0;
  let cache = caches.get(system);
  if (!cache) {
    cache = { symmetric: !hasLinkOverrides(system), times: new Map(), groupKeys: new WeakMap() };
    caches.set(system, cache);
  }
  const o = options;
  const key = `${request.op}|${request.algorithm ?? 'auto'}|${request.issue ?? 'standalone'}|${request.sizeBytes}|${o.mode ?? 'flow'}|${o.selection ?? 'measured'}|${o.params ? JSON.stringify(o.params) : ''}|${groupKey(system, cache, request.ranks)}`;
  let t = cache.times.get(key);
  if (t === undefined) {
    t = simulateCollective(system, request, options).timeS;
    cache.times.set(key, t);
  }
  return t;
}
