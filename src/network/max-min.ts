/**
 * Weighted max-min fairness by progressive filling (Bertsekas & Gallager, "Data Networks", 6.5.2).
 *
 * Input: classes of flows (all flows of a class share one path; weight = number of flows), each a
 * list of links, and link capacities. Output: the per-flow rate of every class and the load of every
 * link. Every unfrozen flow's rate rises at the same pace; the link whose remaining capacity divided
 * by its unfrozen weight is smallest saturates first and freezes every class crossing it at that
 * level. Saturation levels only rise as classes freeze ((R - w x) / (W - w) >= x when R / W >= x),
 * so a min-heap of links keyed by a lower bound of their saturation level, refreshed lazily when a
 * link reaches the top, gives the next bottleneck: a freeze costs O(1) per link of its path, and a
 * solve O(sum of path lengths + heap pops x log L). It allocates nothing once the scratch buffers
 * have grown to the largest component seen.
 */
import { IndexedMinHeap } from './indexed-heap.js';

/** Scratch-owning solver; one per network, reused for every component. */
export class MaxMinSolver {
  private readonly heap = new IndexedMinHeap(64);
  private linkDegree = new Int32Array(64);
  private linkStart = new Int32Array(65);
  private linkClasses = new Int32Array(256);
  private capRemaining = new Float64Array(64);
  private weightUnfrozen = new Float64Array(64);
  private frozen = new Uint8Array(64);

  /**
   * Solves one component. Classes are 0..classCount-1 with `weight[k]` and path
   * `pathLinks[pathStart[k] .. pathStart[k+1])` of local link indices 0..linkCount-1.
   * Writes the per-flow rate of each class to `rateOut` and each link's load (sum of weight x rate)
   * to `loadOut`. Classes with an empty path get rate Infinity.
   */
  solve(
    classCount: number,
    linkCount: number,
    weight: Float64Array,
    pathStart: Int32Array,
    pathLinks: Int32Array,
    capacity: Float64Array,
    rateOut: Float64Array,
    loadOut: Float64Array,
  ): void {
    this.reserve(classCount, linkCount, pathStart[classCount]!);
    const deg = this.linkDegree, start = this.linkStart, members = this.linkClasses;
    // link -> classes adjacency (CSR), built by counting
    for (let l = 0; l < linkCount; l++) deg[l] = 0;
    for (let p = 0, e = pathStart[classCount]!; p < e; p++) deg[pathLinks[p]!]!++;
    start[0] = 0;
    for (let l = 0; l < linkCount; l++) start[l + 1] = start[l]! + deg[l]!;
    for (let l = 0; l < linkCount; l++) deg[l] = start[l]!; // reuse as fill cursor
    for (let k = 0; k < classCount; k++) {
      for (let p = pathStart[k]!, e = pathStart[k + 1]!; p < e; p++) members[deg[pathLinks[p]!]!++] = k;
    }
    this.solveWithMembers(classCount, linkCount, weight, pathStart, pathLinks, start, members, capacity, rateOut, loadOut);
  }

  /**
   * As `solve`, with the link -> classes adjacency given by the caller (the network builds it
   * while it searches the component): link l's classes are `linkMembers[linkStart[l] .. linkStart[l+1])`.
   */
  solveWithMembers(
    classCount: number,
    linkCount: number,
    weight: Float64Array,
    pathStart: Int32Array,
    pathLinks: Int32Array,
    linkStart: Int32Array,
    linkMembers: Int32Array,
    capacity: Float64Array,
    rateOut: Float64Array,
    loadOut: Float64Array,
  ): void {
    this.reserve(classCount, linkCount, 0);
    const start = linkStart, members = linkMembers;
    const capRem = this.capRemaining, wUnf = this.weightUnfrozen, frozen = this.frozen;
    const heap = this.heap;
    for (let l = 0; l < linkCount; l++) {
      let w = 0;
      for (let i = start[l]!, e = start[l + 1]!; i < e; i++) w += weight[members[i]!]!;
      wUnf[l] = w;
      capRem[l] = capacity[l]!;
      loadOut[l] = 0;
    }
    for (let k = 0; k < classCount; k++) frozen[k] = 0;

    heap.clear();
    let unfrozen = 0;
    for (let k = 0; k < classCount; k++) {
      if (pathStart[k + 1]! === pathStart[k]!) {
        rateOut[k] = Infinity;
        frozen[k] = 1;
      } else unfrozen++;
    }
    for (let l = 0; l < linkCount; l++) if (wUnf[l]! > 0) heap.set(l, capRem[l]! / wUnf[l]!);

    let level = 0;
    while (unfrozen > 0 && heap.length > 0) {
      // Lazy keys: freezing a class only lowers a link's remaining capacity and unfrozen weight,
      // which can only raise its saturation level, so a stored key is a lower bound. Pop the
      // smallest, recompute its true level, and put it back if it has risen.
      const l = heap.peek();
      const stored = heap.peekKey();
      const w = wUnf[l]!;
      if (w <= 0) {
        heap.pop();
        continue;
      }
      const fresh = capRem[l]! / w;
      if (fresh > stored) {
        heap.set(l, fresh);
        continue;
      }
      heap.pop();
      // clamp: rounding must not let a later bottleneck fall below the current level
      if (fresh > level) level = fresh;
      for (let i = start[l]!, e = start[l + 1]!; i < e; i++) {
        const k = members[i]!;
        if (frozen[k] !== 0) continue;
        frozen[k] = 1;
        unfrozen--;
        rateOut[k] = level;
        const wk = weight[k]!;
        const used = wk * level;
        for (let p = pathStart[k]!, pe = pathStart[k + 1]!; p < pe; p++) {
          const m = pathLinks[p]!;
          capRem[m]! -= used;
          wUnf[m]! -= wk;
          loadOut[m]! += used;
        }
      }
    }
  }

  private reserve(classCount: number, linkCount: number, pathTotal: number): void {
    if (this.capRemaining.length < linkCount) {
      const n = grownSize(this.capRemaining.length, linkCount);
      this.linkDegree = new Int32Array(n);
      this.linkStart = new Int32Array(n + 1);
      this.capRemaining = new Float64Array(n);
      this.weightUnfrozen = new Float64Array(n);
    }
    if (this.frozen.length < classCount) this.frozen = new Uint8Array(grownSize(this.frozen.length, classCount));
    if (this.linkClasses.length < pathTotal) this.linkClasses = new Int32Array(grownSize(this.linkClasses.length, pathTotal));
  }
}

export function grownSize(current: number, needed: number): number {
  let n = Math.max(4, current);
  while (n < needed) n *= 2;
  return n;
}

/** Input of {@link maxMinShares}: link ids are indices into `capacitiesBytesPerSecond`. */
export interface MaxMinProblem {
  readonly capacitiesBytesPerSecond: readonly number[];
  /** One path (list of link indices) per class. */
  readonly paths: readonly (readonly number[])[];
  /** Flows per class (default 1 each). */
  readonly weights?: readonly number[];
}

export interface MaxMinSolution {
  /** Per-flow rate of each class, bytes/s. */
  readonly rateBytesPerSecond: number[];
  /** Load of each link (sum over classes of weight x rate), bytes/s. */
  readonly linkLoadBytesPerSecond: number[];
}

/**
 * Pure, allocation-friendly entry point for one-off problems (tests, what-if tools): the same
 * solver the network runs, on plain arrays.
 */
export function maxMinShares(problem: MaxMinProblem): MaxMinSolution {
  const caps = problem.capacitiesBytesPerSecond;
  const K = problem.paths.length, L = caps.length;
  const pathStart = new Int32Array(K + 1);
  for (let k = 0; k < K; k++) pathStart[k + 1] = pathStart[k]! + problem.paths[k]!.length;
  const pathLinks = new Int32Array(pathStart[K]!);
  const weight = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    const path = problem.paths[k]!;
    for (let i = 0; i < path.length; i++) {
      const l = path[i]!;
      if (!(Number.isInteger(l) && l >= 0 && l < L)) {
        throw new RangeError(`maxMinShares: paths[${k}][${i}] = ${l} is not a link index in 0..${L - 1}`);
      }
      pathLinks[pathStart[k]! + i] = l;
    }
    const w = problem.weights?.[k] ?? 1;
    if (!(w > 0 && Number.isFinite(w))) throw new RangeError(`maxMinShares: weights[${k}] must be > 0, got ${w}`);
    weight[k] = w;
  }
  const capacity = Float64Array.from(caps);
  for (let l = 0; l < L; l++) {
    if (!(capacity[l]! > 0)) throw new RangeError(`maxMinShares: capacitiesBytesPerSecond[${l}] must be > 0, got ${caps[l]}`);
  }
  const rate = new Float64Array(K), load = new Float64Array(L);
  new MaxMinSolver().solve(K, L, weight, pathStart, pathLinks, capacity, rate, load);
  return { rateBytesPerSecond: Array.from(rate), linkLoadBytesPerSecond: Array.from(load) };
}
