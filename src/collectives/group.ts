/**
 * Placement of a collective's group on a System: which chip, server and unit each member sits on,
 * how many members share a chip, and (on torus presets) the members' torus coordinates. Members are
 * indexed 0 .. p-1 in group order; algorithms address members, never global ranks.
 */
import type { System } from '../hardware/types.js';
import { collectiveErrors } from './errors.js';

/** Torus shape of one unit of the torus presets ([nsdk-trn2-arch], [nsdk-trn1-arch]); chip = x + X (y + Y z). */
const TORUS_DIMS: Readonly<Record<string, readonly number[]>> = {
  'trn1.32xlarge': [4, 4],
  'trn2.48xlarge': [4, 4],
  'trn2-ultraserver': [4, 4, 4],
};

export interface GroupPlacement {
  readonly size: number;
  /** Chip of each member. */
  readonly chipOf: Int32Array;
  /** Distinct chips in order of first appearance. */
  readonly chips: readonly number[];
  /** Members on each of `chips`. */
  readonly chipCounts: readonly number[];
  /** Members per chip when every chip of the group holds the same number, else 0. */
  readonly membersPerChip: number;
  /** Whether every chip of the group has all its ranks in the group. */
  readonly fullChips: boolean;
  /** Distinct servers (instances) and units (servers or UltraServers) the group touches. */
  readonly serverCount: number;
  readonly unitCount: number;
  /** Server of each member. */
  readonly serverOf: Int32Array;
  readonly chipsPerUnit: number;
  /** Torus sizes of a unit, or undefined on switched fabrics. */
  readonly torusDims: readonly number[] | undefined;
}

export function placeGroup(system: System, ranks: readonly number[], field = 'ranks'): GroupPlacement {
  if (!Array.isArray(ranks) || ranks.length === 0) throw collectiveErrors.badRanks(field, 'expected a non-empty list of ranks');
  const p = ranks.length;
  const chipOf = new Int32Array(p);
  const serverOf = new Int32Array(p);
  const seen = new Set<number>();
  const perChip = new Map<number, number>();
  const chips: number[] = [];
  const servers = new Set<number>();
  const units = new Set<number>();
  const chipsPerUnit = system.chipCount / system.count;
  for (let i = 0; i < p; i++) {
    const r = ranks[i]!;
    if (!Number.isInteger(r) || r < 0 || r >= system.rankCount) {
      throw collectiveErrors.badRanks(field, `rank ${JSON.stringify(r)} does not exist on ${system.preset} x${system.count} (ranks 0..${system.rankCount - 1}: ${system.chipCount} chips x ${system.ranksPerChip} logical cores at LNC=${system.lnc})`);
    }
    if (seen.has(r)) throw collectiveErrors.badRanks(field, `rank ${r} appears twice in the group`);
    seen.add(r);
    const c = system.rankToChip(r);
    chipOf[i] = c;
    serverOf[i] = Math.floor(c / system.chipsPerServer);
    servers.add(serverOf[i]!);
    units.add(Math.floor(c / chipsPerUnit));
    const n = perChip.get(c);
    if (n === undefined) chips.push(c);
    perChip.set(c, (n ?? 0) + 1);
  }
  let k = perChip.get(chips[0]!)!;
  for (const n of perChip.values()) if (n !== k) k = 0;
  return {
    size: p,
    chipOf,
    chips,
    chipCounts: chips.map((c) => perChip.get(c)!),
    membersPerChip: k,
    fullChips: k === system.ranksPerChip,
    serverCount: servers.size,
    unitCount: units.size,
    serverOf,
    chipsPerUnit,
    torusDims: TORUS_DIMS[system.preset],
  };
}

/** Torus coordinates of a chip inside its unit. */
export function torusCoords(chip: number, dims: readonly number[], chipsPerUnit: number): number[] {
  let local = chip % chipsPerUnit;
  const out: number[] = [];
  for (const d of dims) {
    out.push(local % d);
    local = Math.floor(local / d);
  }
  return out;
}

/**
 * When the group's chips form a full sub-grid of one torus unit (every combination of the
 * coordinates used in each dimension is present) with the same members per chip, returns the
 * coordinate values used per dimension; otherwise undefined.
 */
export function subGrid(g: GroupPlacement): number[][] | undefined {
  if (!g.torusDims || g.unitCount !== 1 || g.membersPerChip === 0) return undefined;
  const dims = g.torusDims;
  const values = dims.map(() => new Set<number>());
  for (const c of g.chips) torusCoords(c, dims, g.chipsPerUnit).forEach((v, d) => values[d]!.add(v));
  const sorted = values.map((s) => [...s].sort((a, b) => a - b));
  const product = sorted.reduce((a, s) => a * s.length, 1);
  return product === g.chips.length ? sorted : undefined;
}

/** Whether p is a power of two. */
export function isPowerOfTwo(p: number): boolean {
  return p > 0 && (p & (p - 1)) === 0;
}
