/**
 * Timing of the collectives a training step issues, cached per (op, group placement, size).
 * A step issues each collective many times on groups of identical shape; caching the result per
 * group keeps a 1,024-chip step fast (DESIGN.md "collectives": cache per group shape on an
 * uncontended group). The default timer asks the collectives layer (in-graph issue: no stand-alone
 * launch overhead, modelling-notes.md 2); `ringEstimateS` is the closed-form alpha-beta fallback
 * used where no flow-level answer is wanted (tests, and systems the collectives layer cannot place).
 */
import type { System } from '../hardware/types.js';
import type { CollectiveOp, CollectiveRequest } from '../collectives/types.js';

/** Seconds a collective takes when issued inside the step's compiled graph. */
export type CollectiveTimer = (request: CollectiveRequest) => number;

/** Intra-chip copy between two logical cores of one chip: HBM read + write (estimate), and its fixed latency. */
const INTRA_CHIP_LATENCY_S = 1e-6;

/**
 * Closed-form ring estimate on the group's actual placement (links shared only by the identical
 * groups of the other ranks on the same chips):
 * all-reduce 2(p-1) steps, all-gather / reduce-scatter / all-to-all (p-1) steps, each step moving
 * S/p per rank at the slowest hop of the ring with its path latency; send-recv one transfer of S.
 */
export function ringEstimateS(system: System, req: CollectiveRequest): number {
  const ranks = req.ranks;
  const p = ranks.length;
  if (p <= 1 || req.sizeBytes <= 0) return 0;
  const topo = system.topology;
  const buf = new Int32Array(Math.max(64, topo.diameter() + 8));
  let worstBw = Infinity;
  let worstLat = 0;
  const pairs = req.op === 'send-recv' ? 1 : p;
  // Symmetric contention: the other ranks of a chip belong to identical groups (other TP indices
  // of the DP group, say) that run the same collective at the same time over the same links, so
  // a chip's link is shared by ranksPerChip / (this group's ranks on the chip) flows.
  const onChip = new Map<number, number>();
  for (const r of ranks) {
    const c = system.rankToChip(r);
    onChip.set(c, (onChip.get(c) ?? 0) + 1);
  }
  for (let i = 0; i < pairs; i++) {
    const a = system.rankToChip(ranks[i]!);
    const b = system.rankToChip(ranks[(i + 1) % p]!);
    const sharing = Math.max(1, system.ranksPerChip / (onChip.get(a) ?? 1));
    let bw: number;
    let lat: number;
    if (a === b) {
      bw = system.chipAt(a).hbmBytesPerSecond / 2;
      lat = INTRA_CHIP_LATENCY_S;
    } else {
      const hops = topo.route(a, b, buf);
      bw = Infinity;
      lat = 0;
      for (let h = 0; h < hops; h++) {
        bw = Math.min(bw, topo.linkBytesPerSecond(buf[h]!));
        lat += topo.linkLatencyS(buf[h]!);
      }
      bw /= sharing;
    }
    if (bw < worstBw) worstBw = bw;
    if (lat > worstLat) worstLat = lat;
  }
  const s = req.sizeBytes;
  switch (req.op) {
    case 'send-recv':
      return worstLat + s / worstBw;
    case 'all-reduce':
      return 2 * (p - 1) * (worstLat + s / p / worstBw);
    case 'broadcast':
      return (p - 1) * worstLat + s / worstBw;
    default:
      return (p - 1) * (worstLat + s / p / worstBw);
  }
}

function placementKey(system: System, op: CollectiveOp, ranks: readonly number[], sizeBytes: number): string {
  // The answer depends on where the ranks sit, not on their numbers: key on the chips, relative to
  // the first chip's server, so identical groups in other servers share one entry.
  const first = system.rankToChip(ranks[0]!);
  const base = first - (first % system.chipsPerServer);
  let k = `${op}|${sizeBytes}|${ranks.length}|`;
  let prevChip = -1;
  let run = 0;
  for (const r of ranks) {
    const c = system.rankToChip(r) - base;
    if (c === prevChip) run++;
    else {
      if (prevChip >= 0) k += `${prevChip}x${run},`;
      prevChip = c;
      run = 1;
    }
  }
  return `${k}${prevChip}x${run}`;
}

/** Wraps a timer with a cache keyed on (op, size, chips of the group relative to its first server). */
export function cachedTimer(system: System, timer: CollectiveTimer): CollectiveTimer & { readonly calls: () => number } {
  const cache = new Map<string, number>();
  let calls = 0;
  const f = (req: CollectiveRequest): number => {
    if (req.ranks.length <= 1 || req.sizeBytes <= 0) return 0;
    const key = placementKey(system, req.op, req.ranks, req.sizeBytes);
    let t = cache.get(key);
    if (t === undefined) {
      calls++;
      t = timer({ ...req, issue: 'in-graph' });
      cache.set(key, t);
    }
    return t;
  };
  return Object.assign(f, { calls: () => calls });
}
