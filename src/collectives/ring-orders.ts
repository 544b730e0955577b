/**
 * The ring orders of the ring-family algorithms (algorithms.ts): rings over a group's members in
 * snake order of its chips (a Hamiltonian cycle on even-sized tori), the torus multi-ring's order,
 * rotated rings of the bidirectional ring, and KangaRing's two edge-disjoint Hamiltonian cycles of
 * a k x k torus ([nsdk-intranode]; ids: docs/sources.md), split into one ring per local index.
 */
import type { GroupPlacement } from './group.js';
import { subGrid, torusCoords } from './group.js';
import { reversed } from './schedule.js';
import type { Ring } from './schedule.js';
import { collectiveErrors } from './errors.js';

/** Members 0..p-1 in order. */
export function identity(p: number): number[] {
  return Array.from({ length: p }, (_, i) => i);
}

/** Coordinate tuples (indices into grid values) of a boustrophedon over `dimOrder`, last dimension slowest. */
export function snakeTuples(lengths: number[]): number[][] {
  if (lengths.length === 1) return Array.from({ length: lengths[0]! }, (_, i) => [i]);
  const inner = snakeTuples(lengths.slice(0, -1));
  const out: number[][] = [];
  for (let v = 0; v < lengths[lengths.length - 1]!; v++) {
    const layer = v % 2 === 0 ? inner : [...inner].reverse();
    for (const t of layer) out.push([...t, v]);
  }
  return out;
}

/** Members, chip by chip, of the chips at the given position tuples (indices into grid values of `dimOrder`). */
export function membersAlong(g: GroupPlacement, grid: number[][], dimOrder: number[], tuples: number[][]): number[] {
  const dims = g.torusDims!;
  const byChip = membersBy(g, g.chipOf);
  const chipAt = new Map<string, number>();
  for (const c of g.chips) chipAt.set(torusCoords(c, dims, g.chipsPerUnit).join(','), c);
  const out: number[] = [];
  for (const t of tuples) {
    const coord = grid.map((v) => v[0]!);
    dimOrder.forEach((d, j) => (coord[d] = grid[d]![t[j]!]!));
    out.push(...byChip.get(chipAt.get(coord.join(','))!)!);
  }
  return out;
}

/** Members ordered along a snake of the sub-grid's chips: a Hamiltonian cycle on even-sized tori. */
export function snakeOrder(g: GroupPlacement, grid: number[][], dimOrder: number[]): number[] {
  return membersAlong(g, grid, dimOrder, snakeTuples(dimOrder.map((d) => grid[d]!.length)));
}

export function ringOrRingsFor(alg: 'ring' | 'bidir-ring', g: GroupPlacement): Ring[] {
  const p = g.size;
  if (alg === 'ring' && g.serverCount > 1) {
    const rings = rotatedRings(g);
    if (rings) return rings;
  }
  const order = torusRingOrder(g);
  return alg === 'ring' ? [{ order, share: 1 }] : [{ order, share: 0.5 }, { order: reversed(order), share: 0.5 }];
}

/**
 * The flat ring's member order: on a group filling a sub-grid of one torus unit, members chip by
 * chip along a snake of the chips, so consecutive chips are torus neighbours (one NeuronLink hop,
 * as Neuron's ring follows the torus); elsewhere, group order.
 */
export function torusRingOrder(g: GroupPlacement): number[] {
  const grid = subGrid(g);
  if (!grid) return identity(g.size);
  const used = grid.map((v, d) => (v.length > 1 ? d : -1)).filter((d) => d >= 0);
  return used.length === 0 ? identity(g.size) : snakeOrder(g, grid, used);
}

/**
 * The group's members (group indices) grouped by a placement key (`g.chipOf` or `g.serverOf`),
 * groups in order of their first member, members in group order.
 */
export function membersBy(g: GroupPlacement, keyOf: Int32Array): Map<number, number[]> {
  const groups = new Map<number, number[]>();
  for (let i = 0; i < g.size; i++) {
    const k = keyOf[i]!;
    const l = groups.get(k);
    if (l) l.push(i);
    else groups.set(k, [i]);
  }
  return groups;
}

/**
 * The flat ring across several servers as q parallel rings (q = members per server), ring j entering
 * every server at its j-th member, so each ring crosses between servers at different chips and
 * the inter-node traffic spreads over every chip's EFA share instead of one (Neuron's multi-channel
 * flat ring on Trn1, [nsdk-internode]). Every member still sends one chunk per step in total, as in
 * one ring. Undefined when servers hold unequal numbers of members.
 */
export function rotatedRings(g: GroupPlacement): Ring[] | undefined {
  const servers = [...membersBy(g, g.serverOf).values()];
  const q = servers[0]!.length;
  if (servers.some((m) => m.length !== q)) return undefined;
  const rings: Ring[] = [];
  for (let j = 0; j < q; j++) {
    const order: number[] = [];
    for (const m of servers) for (let t = 0; t < q; t++) order.push(m[(j + t) % q]!);
    rings.push({ order, share: 1 / q });
  }
  return rings;
}

/**
 * Two edge-disjoint Hamiltonian cycles of a k x k torus (k >= 3), as position tuples [i, j]: H1 runs
 * each row j in +i from i = -j (mod k) and steps +j at its end; H2 is the complement of H1's
 * edges, traced as a walk (it is a Hamiltonian cycle for the 4x4 torus of a Trn2 server; when the
 * complement is not one cycle, undefined).
 */
export function hamiltonianPair(k: number): [number[][], number[][]] | undefined {
  const node = (i: number, j: number) => ((i % k) + k) % k + k * (((j % k) + k) % k);
  const h1: number[][] = [];
  for (let j = 0; j < k; j++) for (let t = 0; t < k; t++) h1.push([(((t - j) % k) + k) % k, j]);
  const used = new Set<string>();
  const edge = (a: number, b: number) => (a < b ? `${a}-${b}` : `${b}-${a}`);
  for (let n = 0; n < h1.length; n++) used.add(edge(node(h1[n]![0]!, h1[n]![1]!), node(h1[(n + 1) % h1.length]![0]!, h1[(n + 1) % h1.length]![1]!)));
  const h2: number[][] = [[0, 0]];
  const seen = new Set<number>([0]);
  let [ci, cj] = [0, 0];
  for (let n = 1; n < k * k; n++) {
    const next = [
      [ci + 1, cj],
      [ci - 1, cj],
      [ci, cj + 1],
      [ci, cj - 1],
    ].find(([i, j]) => !used.has(edge(node(ci, cj), node(i!, j!))) && !seen.has(node(i!, j!)));
    if (!next) return undefined;
    ci = ((next[0]! % k) + k) % k;
    cj = ((next[1]! % k) + k) % k;
    seen.add(node(ci, cj));
    used.add(edge(node(h2[h2.length - 1]![0]!, h2[h2.length - 1]![1]!), node(ci, cj)));
    h2.push([ci, cj]);
  }
  // the walk must close through an unused edge
  if (used.has(edge(node(ci, cj), 0))) return undefined;
  return [h1, h2];
}

/** The chip cycles of KangaRing over the group's chips, as rings of the members with local index `j` on each chip. */
export function kangaringRings(g: GroupPlacement, field: string): Ring[][] {
  const grid = subGrid(g);
  if (!grid) throw collectiveErrors.algorithmNotForGroup(field, 'kangaring', 'KangaRing needs a group on one torus unit whose chips form a sub-grid (trn1/trn2 presets)');
  if (!g.fullChips) throw collectiveErrors.algorithmNotForGroup(field, 'kangaring', 'KangaRing runs only on groups holding all ranks of each chip (Neuron docs, neuron-runtime/explore/intranode-collective-comm.rst)');
  const used = grid.map((v, d) => (v.length > 1 ? d : -1)).filter((d) => d >= 0);
  if (used.length === 0) return [];
  let cycles: number[][];
  const k = used.length === 2 ? grid[used[0]!]!.length : 0;
  const pair = k >= 3 && grid[used[1]!]!.length === k ? hamiltonianPair(k) : undefined;
  if (pair) {
    // [nsdk-intranode]: two non-overlapping Hamiltonian cycles on the 16-chip torus
    cycles = pair.map((tuples) => membersAlong(g, grid, used, tuples));
  } else {
    // 1D: the ring; 3D (UltraServer): two snakes led by different dimensions (they share some links)
    cycles = [snakeOrder(g, grid, used)];
    if (used.length > 1) cycles.push(snakeOrder(g, grid, [...used.slice(1), used[0]!]));
  }
  // each cycle lists members chip by chip (k per chip): split it into the k rings of one local index
  const perChip = g.membersPerChip;
  const share = 1 / (2 * cycles.length);
  return Array.from({ length: perChip }, (_, j) =>
    cycles.flatMap((c) => {
      const order = c.filter((_, n) => n % perChip === j);
      return [{ order, share }, { order: reversed(order), share }];
    }),
  );
}

/** Rings of the members of each chip (the local phases of KangaRing). */
export function chipRings(g: GroupPlacement): Ring[] {
  const byChip = membersBy(g, g.chipOf);
  return [...byChip.values()].map((order) => ({ order, share: 1 }));
}
