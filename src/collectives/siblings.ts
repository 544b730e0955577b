/**
 * Sibling groups: when a group has one rank per chip (a DP group, say), the other ranks of those
 * chips belong to identical groups that run the same collective at the same moment over the same
 * chip pairs. Max-min sharing is homogeneous (k copies of every flow get 1/k of the rates of the
 * originals), so the k groups together take exactly as long as one group whose flows carry k times
 * the bytes, while each rank keeps its own DMA share: the siblings are folded into a flow
 * multiplicity instead of being simulated side by side.
 */
import type { System } from '../hardware/types.js';

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
