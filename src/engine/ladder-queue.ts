/**
 * The default pending-event set: a one-rung ladder queue (after Tang, Goh and Thng, "Ladder queue:
 * an O(1) priority queue structure for large-scale discrete event simulation", ACM TOMACS 2005),
 * on typed arrays, never allocating per event (docs/engine.md "Hot-path rules"). Exact (time, seq) order, the
 * same as the heaps (heap-queue.ts): only the cost differs.
 *
 * Three tiers, each holding a range of keys, earliest first:
 * - bottom: a small binary heap (HT times, HI slots) of every event in the buckets already
 *   opened. Pops come from here.
 * - rung: nB buckets of width 1 / invW from `start`, each an unsorted singly linked list. An event
 *   goes to bucket idx(t) = floor((t - start) * invW); buckets 0 .. cur are open (in the bottom).
 * - top: an unsorted linked list of the events at or beyond the rung's end, with their min and max.
 * idx(t) is monotone in t (rounded subtraction and multiplication by a positive constant, then
 * floor, are monotone), so an event in a later tier or bucket is never earlier than one in an
 * earlier one, and equal times always share a container: the bottom heap breaks ties by seq.
 *
 * When the bottom is empty, the next non-empty bucket is opened (moved into the heap, heapified).
 * When the rung is used up, a new one is built from the top: nB = (events in the top) buckets,
 * the width set from a sample of their times so that the earliest buckets hold a few events each
 * (BUCKET_FILL); events beyond the new rung's end stay in the top. A skewed distribution (many
 * equal times, one far outlier) puts many events in one bucket: the bottom heap then holds them
 * and the queue degrades to a binary heap, never worse. If pushes straight into the bottom make
 * it large (a simulation that starts from one event and fans out), everything pending is put back
 * in the top and re-bucketed, at most once per doubling of the bottom (amortised O(1)).
 *
 * Why it is fast (docs/performance.md "Engine"): per event, a push writes one pool entry and one
 * bucket head, and an opened bucket is read once; the heap it feeds is small and stays in cache.
 * The binary heap of the same size moves its entry through log2(n) levels, the lower ones out of
 * cache. Entries live in a pool P of STRIDE doubles per slot, (time, seq * KIND_SPAN + kind, a, b)
 * in one 64-byte line, addressed by offset s = slot * STRIDE; bucket lists link through NX, a
 * separate Int32Array, so that walking a bucket chases pointers in a compact array while the pool
 * lines load independently (one pool array walked through `next` fields ran at half the speed).
 * Freed slots are reused last-in first-out: the handler's push reuses the slot just popped.
 */
import { PendingEventQueue, type Handlers, type QueueKind } from './pending-queue.js';
import { makeLadderCore, type LadderCore, type LadderStats } from './ladder-core.js';

export type { LadderStats } from './ladder-core.js';

export class LadderEventQueue extends PendingEventQueue {
  readonly kind: QueueKind = 'ladder';
  push: (time: number, kind: number, a: number, b: number) => number;
  dispatch: (handlers: Handlers, untilS: number, maxEvents: number) => number;
  private core: LadderCore;

  constructor(initialCapacity = 1024) {
    super();
    const cap = Math.max(16, Math.min(2 ** 27, initialCapacity | 0));
    this.core = makeLadderCore(this, cap, undefined);
    this.push = this.core.push;
    this.dispatch = this.core.dispatch;
  }

  get length(): number {
    return this.core.pending() - this.cancelled.count;
  }

  peekTime(): number {
    this.core.prepare();
    return this.core.rootTime();
  }

  popSlot(untilS = Infinity): number {
    this.core.prepare();
    return this.core.pop(untilS);
  }

  clear(): void {
    this.core.clear();
    this.clearShared();
  }

  /** Called by push when the pool is full: moves to a core of twice the capacity, then pushes. */
  growThenPush(time: number, kind: number, a: number, b: number): number {
    const old = this.core;
    if (old.capacity >= 2 ** 27) throw new Error(`EventQueue: more than ${2 ** 27} pending events`);
    this.core = makeLadderCore(this, old.capacity * 2, old);
    this.push = this.core.push;
    this.dispatch = this.core.dispatch;
    // a running dispatch loop holds the old core: make it return so that run() re-enters
    this.interrupt = true;
    return this.push(time, kind, a, b);
  }

  /** Payload of a popped entry, set by the core. */
  setPopped(kind: number, a: number, b: number): void {
    this.lastKind = kind;
    this.lastA = a;
    this.lastB = b;
  }

  protected findTime(seq: number): number {
    return this.core.findTime(seq);
  }

  protected ringChanged(): void {
    this.core.setRing();
  }

  /** A copy of the structural counters since construction. */
  stats(): LadderStats {
    return { ...this.core.stats };
  }
}
