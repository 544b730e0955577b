/**
 * The default collective timer: the collectives layer, flow-level, issued in-graph (no stand-alone
 * launch overhead, modelling-notes.md 2), on the group's actual placement. When the group has one
 * rank per chip (a DP group, say), the other ranks of those chips belong to identical groups that
 * run the same collective at the same moment over the same links: they are simulated together
 * (simulateConcurrent), so the time includes that contention. Results are cached per system on
 * (op, size, placement of the group relative to its unit, siblings).
 */
import type { System } from '../hardware/types.js';
import { collectiveTimeS, simulateConcurrent } from '../collectives/index.js';
import type { CollectiveRequest } from '../collectives/types.js';
import type { CollectiveTimer } from './comm.js';

/** Shifts that map the group onto its sibling groups sharing its chips (empty when none). */
export function siblingShifts(system: System, ranks: readonly number[]): number[] {
  const rpc = system.ranksPerChip;
  if (rpc <= 1 || ranks.length <= 1) return [];
  const chips = new Set<number>();
  for (const r of ranks) chips.add(system.rankToChip(r));
  if (chips.size !== ranks.length) return []; // the group already fills its chips' cores
  const out: number[] = [];
  const first = ranks[0]!;
  const chipBase = system.rankToChip(first) * rpc;
  for (let j = 0; j < rpc; j++) {
    const shift = chipBase + j - first;
    if (shift === 0) continue;
    // every shifted rank must stay on the same chip as the original
    let ok = true;
    for (const r of ranks) {
      const q = r + shift;
      if (q < 0 || q >= system.rankCount || system.rankToChip(q) !== system.rankToChip(r)) {
        ok = false;
        break;
      }
    }
    if (ok) out.push(shift);
  }
  return out;
}

export function defaultCollectiveTimer(system: System): CollectiveTimer {
  return (req: CollectiveRequest): number => {
    const r: CollectiveRequest = { ...req, issue: 'in-graph' };
    const shifts = siblingShifts(system, r.ranks);
    if (shifts.length === 0) return collectiveTimeS(system, r);
    const all = [r, ...shifts.map((s) => ({ ...r, ranks: r.ranks.map((x) => x + s) }))];
    let worst = 0;
    for (const res of simulateConcurrent(system, all)) worst = Math.max(worst, res.timeS);
    return worst;
  };
}
