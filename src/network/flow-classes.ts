/**
 * Flow classes of the max-min network: flows with an identical path share one class (one solver
 * variable, weight = number of flows, one rate per flow). Struct of typed arrays indexed by class
 * id; ids are recycled. Within a class, progress is "bytes served per flow" (`served`, integrated
 * lazily as rate x time), and each flow finishes when `served` reaches its target.
 *
 * Paths of all classes sit in one Int32Array pool (locality for the component search and the
 * solver), class c's link slots being pathPool[pathStart[c] .. pathStart[c] + pathLen[c]); freed
 * paths leave holes that are compacted away when the pool fills.
 */
import type { LinkState } from './link-state.js';
import { grownSize } from './max-min.js';

export class FlowClasses {
  /** One past the largest class id ever used. */
  high = 0;
  /** Classes with at least one flow. */
  active = 0;
  weight = new Float64Array(64);
  served = new Float64Array(64);
  /** Per-flow rate, bytes/s, as of the last recomputation. */
  rate = new Float64Array(64);
  /** Time up to which `served` is integrated. */
  lastS = new Float64Array(64);
  /** Sum of the path's link latencies. */
  latencyS = new Float64Array(64);
  hash = new Int32Array(64);
  /** Search epoch stamp of the network's component search. */
  stamp = new Uint32Array(64);
  /** 1 when the class's first flow changed since its finish time was last set. */
  dueDirty = new Uint8Array(64);
  /** Target of the class's first flow (the heap's top). */
  nextTarget = new Float64Array(64);
  pathStart = new Int32Array(64);
  pathLen = new Int32Array(64);
  pathPool = new Int32Array(1024);
  /** Parallel to pathPool: the class's index in that link's member list (O(1) removal). */
  private memberPos = new Int32Array(1024);
  pathTop = 0;
  /** Flow ids of each class, a heap by target (flow-heap.ts). */
  readonly flows: number[][] = [];
  private pathGarbage = 0;
  private readonly freeIds: number[] = [];
  private readonly byHash = new Map<number, number[]>();

  constructor(private readonly links: LinkState) {}

  /** Integrates `served` up to now at the current rate (call before the rate changes). */
  advance(c: number, now: number): void {
    const dt = now - this.lastS[c]!;
    if (dt > 0) {
      this.served[c]! += this.rate[c]! * dt;
      this.lastS[c] = now;
    }
  }

  /** The class of the path `route[0..hops)` (topology link ids), created on first use. */
  classFor(route: Int32Array, hops: number, now: number): number {
    let h = hops | 0;
    for (let i = 0; i < hops; i++) h = Math.imul(h ^ route[i]!, 0x01000193) ^ (h >>> 15);
    const candidates = this.byHash.get(h);
    if (candidates !== undefined) {
      for (let j = 0; j < candidates.length; j++) {
        const c = candidates[j]!;
        if (this.pathLen[c] !== hops) continue;
        const start = this.pathStart[c]!;
        let same = true;
        for (let i = 0; i < hops && same; i++) same = this.links.topoId[this.pathPool[start + i]!] === route[i];
        if (same) return c;
      }
    }
    const c = this.freeIds.length > 0 ? this.freeIds.pop()! : this.high++;
    if (c >= this.weight.length) this.grow(c + 1);
    this.pathLen[c] = 0; // not live while the pool may be compacted below
    const start = this.reservePath(hops);
    let latencyS = 0;
    for (let i = 0; i < hops; i++) {
      const s = this.links.slot(route[i]!, now);
      this.pathPool[start + i] = s;
      latencyS += this.links.latencyS[s]!;
      const members = this.links.classes[s]!;
      this.memberPos[start + i] = members.length;
      members.push(c);
    }
    this.pathStart[c] = start;
    this.pathLen[c] = hops;
    if (this.flows[c] === undefined) this.flows[c] = [];
    this.weight[c] = 0;
    this.served[c] = 0;
    this.rate[c] = 0;
    this.lastS[c] = now;
    this.latencyS[c] = latencyS;
    this.hash[c] = h;
    if (candidates !== undefined) candidates.push(c);
    else this.byHash.set(h, [c]);
    this.active++;
    return c;
  }

  /** Frees an empty class: leaves its links' member lists (each link is pushed to `touched`). */
  free(c: number, touched: number[]): void {
    const start = this.pathStart[c]!, len = this.pathLen[c]!;
    for (let i = 0; i < len; i++) {
      const s = this.pathPool[start + i]!;
      const members = this.links.classes[s]!;
      const j = this.memberPos[start + i]!;
      const last = members.pop()!;
      if (last !== c) {
        // move the last member into the hole and repoint its entry for this link
        members[j] = last;
        for (let p = this.pathStart[last]!, pe = p + this.pathLen[last]!; p < pe; p++) {
          if (this.pathPool[p] === s) {
            this.memberPos[p] = j;
            break;
          }
        }
      }
      touched.push(s);
    }
    this.pathLen[c] = 0;
    this.pathGarbage += len;
    const h = this.hash[c]!;
    const candidates = this.byHash.get(h)!;
    if (candidates.length === 1) this.byHash.delete(h);
    else candidates.splice(candidates.indexOf(c), 1);
    this.rate[c] = 0;
    this.flows[c]!.length = 0;
    this.freeIds.push(c);
    this.active--;
  }

  /** Start of `hops` free entries at the pool's top; compacts or grows the pool when full. */
  private reservePath(hops: number): number {
    if (this.pathTop + hops > this.pathPool.length) {
      const live = this.pathTop - this.pathGarbage;
      const size = grownSize(this.pathPool.length, 2 * (live + hops));
      // copy live paths (classes with a path length > 0) into a fresh pool, in class order
      const pool = new Int32Array(size);
      const pos = new Int32Array(size);
      let top = 0;
      for (let c = 0; c < this.high; c++) {
        const len = this.pathLen[c]!;
        if (len === 0) continue;
        const from = this.pathStart[c]!;
        pool.set(this.pathPool.subarray(from, from + len), top);
        pos.set(this.memberPos.subarray(from, from + len), top);
        this.pathStart[c] = top;
        top += len;
      }
      this.pathPool = pool;
      this.memberPos = pos;
      this.pathTop = top;
      this.pathGarbage = 0;
    }
    const start = this.pathTop;
    this.pathTop += hops;
    return start;
  }

  private grow(min: number): void {
    const n = grownSize(this.weight.length, min);
    this.weight = copyInto(new Float64Array(n), this.weight);
    this.served = copyInto(new Float64Array(n), this.served);
    this.rate = copyInto(new Float64Array(n), this.rate);
    this.lastS = copyInto(new Float64Array(n), this.lastS);
    this.latencyS = copyInto(new Float64Array(n), this.latencyS);
    this.nextTarget = copyInto(new Float64Array(n), this.nextTarget);
    this.hash = copyInto(new Int32Array(n), this.hash);
    this.stamp = copyInto(new Uint32Array(n), this.stamp);
    this.dueDirty = copyInto(new Uint8Array(n), this.dueDirty);
    this.pathStart = copyInto(new Int32Array(n), this.pathStart);
    this.pathLen = copyInto(new Int32Array(n), this.pathLen);
  }
}

function copyInto<T extends { set(a: ArrayLike<number>): void }>(to: T, from: ArrayLike<number>): T {
  to.set(from);
  return to;
}
