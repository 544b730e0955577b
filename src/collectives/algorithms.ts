/**
 * The algorithms as step schedules (docs/collectives.md lists each with its closed-form cost).
 * Sizes follow nccom-test (types.ts): S is the per-rank buffer; all-reduce = reduce-scatter of S
 * then all-gather of the S/p pieces. Every algorithm works on members (group indices).
 */
import type { AlgorithmName, CollectiveOp } from './types.js';
import type { CollectiveParams } from './params.js';
import type { GroupPlacement } from './group.js';
import { isPowerOfTwo, subGrid, torusCoords } from './group.js';
import { ScheduleBuilder, StepWork, reversed, ringSteps } from './schedule.js';
import type { Ring, Schedule } from './schedule.js';
import { collectiveErrors } from './errors.js';

export const ALGORITHM_NAMES: readonly AlgorithmName[] = ['ring', 'bidir-ring', 'torus', 'kangaring', 'hierarchical', 'rdh', 'rd', 'mesh'];

/** The algorithms every reduction-type op has ('rd' is all-reduce only). */
const REDUCTION_ALGORITHMS: readonly AlgorithmName[] = ALGORITHM_NAMES.filter((a) => a !== 'rd');
export const OP_NAMES: readonly CollectiveOp[] = ['all-reduce', 'reduce-scatter', 'all-gather', 'all-to-all', 'send-recv', 'broadcast'];

/** Algorithms implementing each op. */
export const ALGORITHMS_FOR_OP: Readonly<Record<CollectiveOp, readonly AlgorithmName[]>> = {
  'all-reduce': ALGORITHM_NAMES,
  'reduce-scatter': REDUCTION_ALGORITHMS,
  'all-gather': REDUCTION_ALGORITHMS,
  'all-to-all': ['mesh', 'ring'],
  'send-recv': ['mesh'],
  broadcast: ['mesh', 'ring', 'rdh'],
};

type Phase = 'rs' | 'ag';

function identity(p: number): number[] {
  return Array.from({ length: p }, (_, i) => i);
}

/** The phases of a reduction-type op. */
function phasesOf(op: CollectiveOp): Phase[] {
  return op === 'all-reduce' ? ['rs', 'ag'] : op === 'reduce-scatter' ? ['rs'] : ['ag'];
}

function ringPhases(b: ScheduleBuilder, op: CollectiveOp, rings: Ring[], p: number, S: number, factor: (ph: Phase) => number): void {
  for (const ph of phasesOf(op)) ringSteps(b, rings, p - 1, S / p, factor(ph));
}

/** Coordinate tuples (indices into grid values) of a boustrophedon over `dimOrder`, last dimension slowest. */
function snakeTuples(lengths: number[]): number[][] {
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
function membersAlong(g: GroupPlacement, grid: number[][], dimOrder: number[], tuples: number[][]): number[] {
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
function snakeOrder(g: GroupPlacement, grid: number[][], dimOrder: number[]): number[] {
  return membersAlong(g, grid, dimOrder, snakeTuples(dimOrder.map((d) => grid[d]!.length)));
}

function ringOrRingsFor(alg: 'ring' | 'bidir-ring', g: GroupPlacement): Ring[] {
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
function torusRingOrder(g: GroupPlacement): number[] {
  const grid = subGrid(g);
  if (!grid) return identity(g.size);
  const used = grid.map((v, d) => (v.length > 1 ? d : -1)).filter((d) => d >= 0);
  return used.length === 0 ? identity(g.size) : snakeOrder(g, grid, used);
}

/**
 * The group's members (group indices) grouped by a placement key (`g.chipOf` or `g.serverOf`),
 * groups in order of their first member, members in group order.
 */
function membersBy(g: GroupPlacement, keyOf: Int32Array): Map<number, number[]> {
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
function rotatedRings(g: GroupPlacement): Ring[] | undefined {
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
function hamiltonianPair(k: number): [number[][], number[][]] | undefined {
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
function kangaringRings(g: GroupPlacement, field: string): Ring[][] {
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
function chipRings(g: GroupPlacement): Ring[] {
  const byChip = membersBy(g, g.chipOf);
  return [...byChip.values()].map((order) => ({ order, share: 1 }));
}

/**
 * KangaRing ([nsdk-intranode]): the ring runs over primary ranks, one per chip, along two
 * edge-disjoint Hamiltonian cycles of the torus, both directions. Modelled as: the members of each
 * chip reduce-scatter their buffers among themselves through HBM (k-1 local steps of S/k), then
 * member j of every chip runs the chip-level ring on its S/k share (m-1 steps per phase, the k
 * local indices side by side), then the members of each chip all-gather locally. Steps therefore
 * scale with chips (2(m-1) + 2(k-1) for all-reduce), not with ranks. The 1R2W write duplication
 * cuts the DMA work of every phase (the data path of the whole algorithm).
 */
function kangaringSchedule(b: ScheduleBuilder, op: CollectiveOp, g: GroupPlacement, S: number, params: CollectiveParams, field: string): void {
  const byIndex = kangaringRings(g, field);
  const k = g.membersPerChip;
  const m = g.chips.length;
  const local = chipRings(g);
  const phases = phasesOf(op);
  const rsFactor = 1 - params.kangaringReduceScatterSaving;
  const agFactor = 1 - params.kangaringAllGatherSaving;
  if (phases.includes('rs')) {
    ringSteps(b, local, k - 1, S / k, rsFactor);
    if (byIndex.length > 0) ringSteps(b, byIndex.flat(), m - 1, S / k / m, rsFactor);
  }
  if (phases.includes('ag')) {
    if (byIndex.length > 0) ringSteps(b, byIndex.flat(), m - 1, S / k / m, agFactor);
    ringSteps(b, local, k - 1, S / k, agFactor);
  }
}

function torusSchedule(b: ScheduleBuilder, op: CollectiveOp, g: GroupPlacement, S: number, field: string): void {
  const grid = subGrid(g);
  if (!grid) throw collectiveErrors.algorithmNotForGroup(field, 'torus', 'the torus multi-ring needs a group on one torus unit whose chips form a sub-grid with the same ranks per chip');
  const dims = g.torusDims!;
  // dimension 'local' (members of a chip) first, then x, y, z: each a set of bidirectional rings
  const coords: number[][] = [];
  const localIdx = new Int32Array(g.size);
  const count = new Map<number, number>();
  for (let i = 0; i < g.size; i++) {
    const c = g.chipOf[i]!;
    localIdx[i] = count.get(c) ?? 0;
    count.set(c, localIdx[i]! + 1);
    coords.push([localIdx[i]!, ...torusCoords(c, dims, g.chipsPerUnit)]);
  }
  const sizes = [g.membersPerChip, ...grid.map((v) => v.length)];
  const ringsOf = (d: number): Ring[] => {
    const groups = new Map<string, number[]>();
    for (let i = 0; i < g.size; i++) {
      const key = coords[i]!.filter((_, j) => j !== d).join(',');
      const l = groups.get(key);
      if (l) l.push(i);
      else groups.set(key, [i]);
    }
    const rings: Ring[] = [];
    for (const members of groups.values()) {
      members.sort((x, y) => coords[x]![d]! - coords[y]![d]!);
      rings.push({ order: members, share: 0.5 }, { order: reversed(members), share: 0.5 });
    }
    return rings;
  };
  const active = sizes.map((s, d) => (s > 1 ? d : -1)).filter((d) => d >= 0);
  const phases = phasesOf(op);
  if (phases.includes('rs')) {
    let data = S;
    for (const d of active) {
      ringSteps(b, ringsOf(d), sizes[d]! - 1, data / sizes[d]!);
      data /= sizes[d]!;
    }
  }
  if (phases.includes('ag')) {
    let data = S / sizes.reduce((a, s) => a * s, 1);
    for (const d of [...active].reverse()) {
      data *= sizes[d]!;
      ringSteps(b, ringsOf(d), sizes[d]! - 1, data / sizes[d]!);
    }
  }
}

function hierarchicalSchedule(b: ScheduleBuilder, op: CollectiveOp, g: GroupPlacement, S: number, field: string): void {
  const servers = [...membersBy(g, g.serverOf).values()];
  const q = servers[0]!.length;
  if (servers.some((m) => m.length !== q)) throw collectiveErrors.algorithmNotForGroup(field, 'hierarchical', 'every server must hold the same number of the group\'s ranks');
  const n = servers.length;
  const intra: Ring[] = servers.map((m) => ({ order: m, share: 1 }));
  const inter: Ring[] = Array.from({ length: q }, (_, j) => ({ order: servers.map((m) => m[j]!), share: 1 }));
  // [nsdk-internode]: RS = intra RS then inter RS; AG = inter AG then intra AG; AR = intra RS + inter AR + intra AG
  if (op === 'all-reduce') {
    ringSteps(b, intra, q - 1, S / q);
    ringSteps(b, inter, n - 1, S / q / n);
    ringSteps(b, inter, n - 1, S / q / n);
    ringSteps(b, intra, q - 1, S / q);
  } else if (op === 'reduce-scatter') {
    ringSteps(b, intra, q - 1, S / q);
    ringSteps(b, inter, n - 1, S / q / n);
  } else {
    ringSteps(b, inter, n - 1, S / q / n);
    ringSteps(b, intra, q - 1, S / q);
  }
}

function rdhSchedule(b: ScheduleBuilder, op: CollectiveOp, p: number, S: number, field: string): void {
  if (!isPowerOfTwo(p)) throw collectiveErrors.algorithmNotForGroup(field, 'rdh', `recursive halving-doubling needs a power-of-two group, got ${p} ranks`);
  const levels = Math.log2(p);
  const phases = phasesOf(op);
  // halving: partners at distance p/2, p/4, ... exchange half of what is left
  if (phases.includes('rs')) {
    for (let j = 0; j < levels; j++) {
      const dist = p >> (j + 1);
      b.step();
      for (let i = 0; i < p; i++) b.send(i, i ^ dist, S / 2 ** (j + 1));
    }
  }
  if (phases.includes('ag')) {
    for (let j = levels - 1; j >= 0; j--) {
      const dist = p >> (j + 1);
      b.step();
      for (let i = 0; i < p; i++) b.send(i, i ^ dist, S / 2 ** (j + 1));
    }
  }
}

/**
 * Recursive doubling all-reduce (Thakur, Rabenseifner and Gropp 2005, the small-message algorithm
 * of MPICH): log2 p steps, in step j every member exchanges its whole partial sum with the member
 * at distance 2^j and reduces it. Half the steps of halving-doubling (rdh), each moving the whole
 * buffer: the latency-bound choice for small buffers.
 */
function rdSchedule(b: ScheduleBuilder, p: number, S: number, field: string): void {
  if (!isPowerOfTwo(p)) throw collectiveErrors.algorithmNotForGroup(field, 'rd', `recursive doubling needs a power-of-two group, got ${p} ranks`);
  for (let dist = 1; dist < p; dist *= 2) {
    b.step();
    for (let i = 0; i < p; i++) b.send(i, i ^ dist, S);
  }
}

function meshSchedule(b: ScheduleBuilder, op: CollectiveOp, p: number, S: number): void {
  for (const ph of phasesOf(op)) {
    // reduce-scatter: every member sends each peer its piece and reduces the p-1 pieces it receives
    b.step(1, ph === 'rs' ? StepWork.CcReduce : StepWork.Dma);
    b.allPairs(S / p);
  }
}

/**
 * The schedule of `algorithm` for `op` on the placed group. Throws a UserInputError naming `field`
 * when the algorithm does not implement the op or cannot run on the group.
 */
export function buildSchedule(algorithm: AlgorithmName, op: CollectiveOp, g: GroupPlacement, S: number, params: CollectiveParams, field = 'algorithm', targets?: readonly number[]): Schedule {
  const valid = ALGORITHMS_FOR_OP[op];
  if (!valid.includes(algorithm)) throw collectiveErrors.algorithmNotForOp(field, algorithm, op, valid);
  const p = g.size;
  const b = new ScheduleBuilder(algorithm);
  if (p < 2) return b.build();
  switch (op) {
    case 'send-recv':
      // nccom-test permute: member i sends its buffer to targets[i] (a self-target copies through
      // HBM), by default to member i+1 (a 2-rank group exchanges)
      b.step();
      for (let i = 0; i < p; i++) b.send(i, targets ? targets[i]! : (i + 1) % p, S, true);
      return b.build();
    case 'all-to-all':
      if (algorithm === 'mesh') {
        b.step();
        b.allPairs(S / p);
      } else {
        // pairwise exchange: in step s member i sends its piece for i+s
        for (let s = 1; s < p; s++) {
          b.step();
          for (let i = 0; i < p; i++) b.send(i, (i + s) % p, S / p);
        }
      }
      return b.build();
    case 'broadcast':
      if (algorithm === 'mesh') {
        b.step();
        for (let j = 1; j < p; j++) b.send(0, j, S);
      } else if (algorithm === 'ring') {
        // scatter from the root, then a ring all-gather (van de Geijn)
        b.step();
        for (let j = 1; j < p; j++) b.send(0, j, S / p);
        ringSteps(b, [{ order: identity(p), share: 1 }], p - 1, S / p);
      } else {
        // binomial tree: the set of holders doubles every step
        for (let have = 1; have < p; have *= 2) {
          b.step();
          for (let i = 0; i < have && i + have < p; i++) b.send(i, i + have, S);
        }
      }
      return b.build();
    default:
      break;
  }
  switch (algorithm) {
    case 'ring':
    case 'bidir-ring':
      ringPhases(b, op, ringOrRingsFor(algorithm, g), p, S, () => 1);
      break;
    case 'kangaring':
      kangaringSchedule(b, op, g, S, params, field);
      break;
    case 'torus':
      torusSchedule(b, op, g, S, field);
      break;
    case 'hierarchical':
      hierarchicalSchedule(b, op, g, S, field);
      break;
    case 'rdh':
      rdhSchedule(b, op, p, S, field);
      break;
    case 'rd':
      rdSchedule(b, p, S, field);
      break;
    case 'mesh':
      meshSchedule(b, op, p, S);
      break;
  }
  return b.build();
}
