/**
 * The algorithm a request runs. A stand-alone call follows the runtime's measured switch points
 * (select.ts: C3's mesh / rdh / KangaRing by size). An in-graph collective is compiled into the
 * step's graph for one known size and group, so trnsim gives it the cheapest of the small- and
 * mid-size algorithms the runtime has for that group, by the closed form of each schedule: on C3's
 * 16 ranks that is the same choice as the switch points, and on 64 ranks it keeps a 128 KiB decode
 * all-reduce off the mesh, whose per-peer reduce grows with the buffer (docs/collectives.md
 * "In-graph selection"; Neuron does not document its in-graph choice: an estimate).
 */
import type { System } from '../hardware/types.js';
import type { AlgorithmName, CollectiveRequest, SelectionPolicy } from './types.js';
import type { CollectiveParams } from './params.js';
import type { GroupPlacement } from './group.js';
import { isPowerOfTwo, subGrid } from './group.js';
import { SWITCH_POINTS, selectAlgorithm } from './select.js';
import { closedFormTimeS } from './closed-form.js';

export interface ChooseOptions {
  readonly selection?: SelectionPolicy;
  readonly params?: Partial<CollectiveParams>;
}

function trn2Style(system: System): boolean {
  return system.chip.id === 'trainium2' || system.chip.id === 'trainium3';
}

/** Candidates of an in-graph collective below the KangaRing regime on one Trn2/Trn3 unit (empty: the switch points decide). */
function inGraphCandidates(system: System, request: CollectiveRequest, g: GroupPlacement, policy: SelectionPolicy): AlgorithmName[] {
  const op = request.op;
  if (op !== 'all-reduce' && op !== 'reduce-scatter' && op !== 'all-gather') return [];
  if (g.unitCount > 1) return [];
  // Trn1 (issue 16): its in-graph TP collectives have the same small- and mid-size algorithms; the
  // flat ring (its stand-alone choice) stays a candidate, and there is no KangaRing regime
  const trn1 = system.chip.id === 'trainium1';
  if (!(trn2Style(system) || trn1) || (!trn1 && request.sizeBytes >= SWITCH_POINTS[policy].kangaringFromBytes)) return [];
  const out: AlgorithmName[] = ['mesh'];
  if (isPowerOfTwo(g.size)) {
    if (op === 'all-reduce') out.push('rd');
    out.push('rdh');
  }
  out.push(subGrid(g) ? 'torus' : 'bidir-ring');
  if (trn1) out.push('ring');
  return out;
}

export function chooseAlgorithm(system: System, request: CollectiveRequest, g: GroupPlacement, options: ChooseOptions = {}): AlgorithmName {
  const alg = request.algorithm ?? 'auto';
  if (alg !== 'auto') return alg;
  const policy = options.selection ?? 'measured';
  const switchPoint = selectAlgorithm(system, request.op, g, request.sizeBytes, policy);
  if ((request.issue ?? 'standalone') !== 'in-graph') return switchPoint;
  const candidates = inGraphCandidates(system, request, g, policy);
  if (candidates.length === 0) return switchPoint;
  let best = candidates[0]!;
  let bestS = Infinity;
  for (const c of candidates) {
    const t = closedFormTimeS(system, { ...request, algorithm: c }, options);
    if (t < bestS) {
      bestS = t;
      best = c;
    }
  }
  return best;
}
