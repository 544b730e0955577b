/**
 * Lockstep blocks: the ranks that move in step through every layer of a training step. A block
 * is ep consecutive data-parallel replicas (one EP group's replicas, ep = 1 for a dense model)
 * with all their TP and CP ranks, on every pipeline stage: TP, CP and EP collectives inside a
 * layer synchronise exactly these ranks, pipeline sends join a block's stages, and only the DP
 * reduction joins blocks. Blocks that no fault or override reaches are provably identical (same
 * placement class up to a translation, same links, same chips), so one stands for all of them;
 * any block that one can reach is simulated on its own (docs/model.md "Symmetry").
 */
import type { System } from '../../hardware/types.js';
import type { Parallelism } from '../types.js';
import { overrideMap, chipsPerUnit } from '../../collectives/symmetry.js';
import { coordsOf, rankOf } from './parallelism.js';

export function blockCount(p: Parallelism): number {
  return p.dp / p.ep;
}

/** Data-parallel indices of block b. */
export function blockDpIndices(p: Parallelism, block: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < p.ep; i++) out.push(block * p.ep + i);
  return out;
}

/** Every rank of block b on pipeline stage s. */
export function blockRanks(p: Parallelism, block: number, stage: number): number[] {
  const out: number[] = [];
  for (const dp of blockDpIndices(p, block)) for (let cp = 0; cp < p.cp; cp++) for (let tp = 0; tp < p.tp; tp++) out.push(rankOf(p, { tp, cp, dp, pp: stage }));
  return out;
}

/** Chips that differ from the catalogue chip (per-chip overrides and faults). */
function overriddenChips(system: System): readonly number[] {
  if (system.overriddenChips) return system.overriddenChips();
  const out: number[] = [];
  for (let c = 0; c < system.chipCount; c++) if (system.chipAt(c) !== system.chip) out.push(c);
  return out;
}

/**
 * Blocks a fault or override can reach, ascending: those holding a rank on an overridden chip, or
 * on a chip of a unit whose links are overridden (every group of such a block may cross them); all
 * blocks when a link every unit shares is overridden.
 */
export function reachedBlocks(system: System, p: Parallelism): number[] {
  const n = blockCount(p);
  const om = overrideMap(system);
  if (om.global) return Array.from({ length: n }, (_, b) => b);
  const hit = new Set<number>();
  const rpc = system.ranksPerChip;
  const markChip = (c: number): void => {
    for (let j = 0; j < rpc; j++) hit.add(Math.floor(coordsOf(p, c * rpc + j).dp / p.ep));
  };
  for (const c of overriddenChips(system)) markChip(c);
  const cpu = chipsPerUnit(system);
  for (const u of om.units) for (let c = u * cpu; c < (u + 1) * cpu; c++) markChip(c);
  return [...hit].sort((a, b) => a - b);
}

/**
 * The blocks a step simulates: every block (`exact`), or the first block no fault reaches (standing
 * for all such blocks, with their count as its weight) followed by every block a fault reaches.
 */
export function simulatedBlocks(system: System, p: Parallelism, exact: boolean): { blocks: number[]; weights: number[] } {
  const n = blockCount(p);
  if (exact) return { blocks: Array.from({ length: n }, (_, b) => b), weights: new Array<number>(n).fill(1) };
  const reached = reachedBlocks(system, p);
  const set = new Set(reached);
  let healthy = -1;
  for (let b = 0; b < n && healthy < 0; b++) if (!set.has(b)) healthy = b;
  const blocks = healthy >= 0 ? [healthy, ...reached] : reached;
  const weights = blocks.map((b) => (b === healthy ? n - reached.length : 1));
  return { blocks, weights };
}
