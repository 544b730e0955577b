/**
 * The public entry points: run one collective (or several at once) on its own Simulator and
 * FlowNetwork. Workloads time collectives through cost.ts (cached, symmetry-aware).
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
import { chooseAlgorithm } from './choose.js';
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
    if (!COLLECTIVE_PARAM_NAMES.includes(k)) throw collectiveErrors.badParam('options.params', k, `expected calibration constants among ${COLLECTIVE_PARAM_NAMES.join(', ')}`);
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
  return chooseAlgorithm(system, request, placeGroup(system, request.ranks), options);
}

/**
 * One collective alone on its own network, its flows carrying `flowMultiplicity` times their bytes
 * (sibling groups folded in, siblings.ts); also the engine events it took.
 */
export function simulateFolded(system: System, request: CollectiveRequest, flowMultiplicity: number, options: CollectiveOptions = {}): { timeS: number; events: number } {
  checkOptions(options);
  checkRequest(request);
  const sim = new Simulator();
  const network = createFlowNetwork(sim, system.topology, { mode: options.mode ?? 'flow' });
  const runner = new CollectiveRunner(sim, network, system, { ...options, exclusive: true });
  const h = runner.start(request, -1, 0, flowMultiplicity);
  sim.run();
  return { timeS: runner.result(h).timeS, events: sim.eventsProcessed };
}
