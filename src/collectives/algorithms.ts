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
import { chipRings, identity, kangaringRings, membersBy, ringOrRingsFor } from './ring-orders.js';

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

/** The phases of a reduction-type op. */
function phasesOf(op: CollectiveOp): Phase[] {
  return op === 'all-reduce' ? ['rs', 'ag'] : op === 'reduce-scatter' ? ['rs'] : ['ag'];
}

function ringPhases(b: ScheduleBuilder, op: CollectiveOp, rings: Ring[], p: number, S: number, factor: (ph: Phase) => number): void {
  for (const ph of phasesOf(op)) ringSteps(b, rings, p - 1, S / p, factor(ph));
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
