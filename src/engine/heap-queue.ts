/**
 * The heap kinds of pending-event set: a min-heap ordered by (time, seq), binary or 4-ary, on typed
 * arrays, never allocating per event (docs/engine.md "Hot-path rules"). The default kind is the ladder queue
 * (ladder-queue.ts); the heaps are kept as the O(log n) reference and for comparison
 * (docs/performance.md "Engine"). Handles, cancellation and the key packing: pending-queue.ts.
 *
 * Layout. Each entry is (time, seq and kind, a, b) in four parallel Float64Arrays (T, S, A, B;
 * S packs seq * KIND_SPAN + kind) that move together: the payload travels with the entry, so a pop
 * reads the root (in cache: the last sift wrote it) and never chases a pointer to a slot record.
 * The arrays are `const` bindings of a closure (makeHeapCore) rather than object fields: measured
 * on HOLD at N = 1e5 (docs/performance.md "Engine"), V8 runs the same sift ~1.35x faster that way;
 * growing the heap builds a new core. Other measured choices: a slot record per event (one cache
 * miss per pop) cost ~25 %; one interleaved buffer was slower than parallel arrays (comparisons
 * read only T; the moves of S, A, B are off the critical path). Two heap shapes: binary and 4-ary,
 * both rooted at index 0.
 *
 * Deferred sifting. A pop leaves the root as a hole; the next push (a handler that schedules its
 * follow-up, the common case) writes into the hole, further pushes append at the end, and the next
 * pop settles the heap: one sift-down for the root (replace-top), then sift-ups of the appended
 * entries in order. push therefore has no call in it, so V8 inlines schedule() and push into
 * handlers; the sifts read the moving entry from the arrays (no double arguments to box).
 */
import {
  PendingEventQueue,
  KIND_SPAN,
  INV_KIND_SPAN,
  type Handlers,
  type QueueKind,
} from './pending-queue.js';


/** The heap shapes (docs/performance.md "Binary vs 4-ary"). */
export type QueueArity = 2 | 4;

/** The typed arrays of one capacity and the hot functions over them (see makeHeapCore). */
interface HeapCore {
  readonly T: Float64Array;
  readonly S: Float64Array;
  readonly A: Float64Array;
  readonly B: Float64Array;
  push(time: number, kind: number, a: number, b: number): number;
  settle(): void;
  fillRoot(): void;
  dispatch(handlers: Handlers, untilS: number, maxEvents: number): number;
  /** Takes the queue's (grown) ring. */
  setRing(): void;
}

/** The base of the two heap shapes (binary, 4-ary): the heap state and the operations that do not depend on the arity. */
export abstract class HeapEventQueue extends PendingEventQueue {
  /** Number of heap entries, including a hole at the root when rootVacant. */
  size = 0;
  /** The root is a hole left by a pop (size still counts it). */
  rootVacant = false;
  /** The root holds an entry pushed into the hole and not yet sifted down. */
  rootDirty = false;
  /** The last `unsifted` entries were appended by push and not yet sifted up. */
  unsifted = 0;

  push: (time: number, kind: number, a: number, b: number) => number;
  dispatch: (handlers: Handlers, untilS: number, maxEvents: number) => number;

  private core: HeapCore;

  abstract readonly arity: QueueArity;

  constructor(arity: QueueArity, initialCapacity: number) {
    super();
    const cap = Math.max(16, Math.min(2 ** 30, initialCapacity | 0));
    this.core = makeHeapCore(this, arity, cap, undefined);
    this.push = this.core.push;
    this.dispatch = this.core.dispatch;
  }

  get length(): number {
    return this.size - (this.rootVacant ? 1 : 0) - this.cancelled.count;
  }

  /** Settles pending sifts and drops cancelled entries from the top. */
  private prepareTop(): void {
    if (this.rootVacant) this.core.fillRoot();
    else if (this.rootDirty || this.unsifted !== 0) this.core.settle();
    if (this.cancelled.count !== 0) this.dropCancelledTop();
  }

  peekTime(): number {
    this.prepareTop();
    return this.size > 0 ? this.core.T[0]! : Infinity;
  }

  popSlot(untilS = Infinity): number {
    this.prepareTop();
    const c = this.core;
    if (this.size === 0 || c.T[0]! > untilS) return -1;
    this.nowS = c.T[0]!;
    const sk = (this.lastKey = c.S[0]!);
    const seq = Math.floor(sk * INV_KIND_SPAN);
    this.lastKind = sk - seq * KIND_SPAN;
    this.lastA = c.A[0]!;
    this.lastB = c.B[0]!;
    this.rootVacant = true;
    return seq;
  }

  clear(): void {
    this.size = 0;
    this.rootVacant = false;
    this.rootDirty = false;
    this.unsifted = 0;
    this.clearShared();
  }

  /** Called by push when the heap is full: moves to a core of twice the capacity, then pushes. */
  growThenPush(time: number, kind: number, a: number, b: number): number {
    const old = this.core;
    this.core = makeHeapCore(this, this.arity, old.T.length * 2, old);
    this.push = this.core.push;
    this.dispatch = this.core.dispatch;
    // a running dispatch loop holds the old arrays: make it return so that run() re-enters
    this.interrupt = true;
    return this.push(time, kind, a, b);
  }

  protected ringChanged(): void {
    this.core.setRing();
  }

  protected findTime(seq: number): number {
    if (this.rootVacant) this.core.fillRoot();
    const S = this.core.S;
    const lo = seq * KIND_SPAN, hi = lo + KIND_SPAN;
    for (let e = 0; e < this.size; e++) if (S[e]! >= lo && S[e]! < hi) return this.core.T[e]!;
    return Number.NaN;
  }

  /** Discards cancelled entries from the top of the (settled) heap. */
  dropCancelledTop(): void {
    const c = this.core, ck = this.cancelled;
    // the cancelled keys are all in the heap, so the smallest of them is the root exactly when equal
    while (ck.count !== 0 && this.size > 0 && Math.floor(c.S[0]! * INV_KIND_SPAN) === ck.minSeq) {
      ck.removeMin();
      this.rootVacant = true;
      c.fillRoot();
    }
  }
}

/**
 * The heap arrays of one capacity (copied from `from` when growing) and the functions that touch
 * them per event. The arrays are `const` bindings of this closure on purpose: V8 compiles the
 * sifts over them markedly faster than over object fields or `let` bindings (measured, see the
 * file header). Scalar state (size, hole flags, seq, clock) lives on the queue object `q`.
 */
function makeHeapCore(q: HeapEventQueue, arity: QueueArity, cap: number, from: HeapCore | undefined): HeapCore {
  const T = new Float64Array(cap);
  const S = new Float64Array(cap);
  const A = new Float64Array(cap);
  const B = new Float64Array(cap);
  // the ring is replaced when it grows (setRing): let bindings, read once per push
  let ring = q.ring;
  let ringCancelled = q.ringCancelled;
  let ringMask = ring.length - 1;
  let seqLimit = q.seqLimit();
  const ck = q.cancelled;
  if (from !== undefined) {
    T.set(from.T);
    S.set(from.S);
    A.set(from.A);
    B.set(from.B);
  }

  function push(time: number, kind: number, a: number, b: number): number {
    let e: number;
    if (q.rootVacant) {
      // replace-top: the next pop sifts it down (no sift here keeps push inlinable)
      q.rootVacant = false;
      q.rootDirty = true;
      e = 0;
    } else {
      e = q.size;
      if (e === cap) return q.growThenPush(time, kind, a, b);
      q.size = e + 1;
      q.unsifted++;
    }
    const seq = q.nextSeq++;
    if (seq === seqLimit) q.seqBoundary(seq);
    T[e] = time;
    S[e] = seq * KIND_SPAN + kind;
    A[e] = a;
    B[e] = b;
    ring[seq & ringMask] = time;
    ringCancelled[seq & ringMask] = 0;
    return seq;
  }

  // settle2 / settle4 restore the heap order after pushes: a sift-down of a replaced root, then
  // sift-ups of the appended entries in order. Each is one function with both sifts written out:
  // at ~700 bytes of bytecode it is above V8's per-function inlining limit (460), so it stays a
  // call (it takes no double arguments, nothing is boxed) and the dispatch loop's inlining budget
  // (~920 bytes cumulative) goes to the handler, schedule and push, whose double arguments would
  // be boxed (one allocation per event) if they were not inlined. Moving entries are read from
  // the arrays. Ties go to the smaller seq (earlier insertion).
  function settle2(): void {
    let end = q.size - q.unsifted;
    if (q.rootDirty) {
      q.rootDirty = false;
      const t = T[0]!, s = S[0]!, a = A[0]!, b = B[0]!;
      let e = 0;
      for (;;) {
        let c = 2 * e + 1;
        if (c >= end) break;
        let ct = T[c]!;
        if (c + 1 < end) {
          const rt = T[c + 1]!;
          if (rt < ct || (rt === ct && S[c + 1]! < S[c]!)) {
            c++;
            ct = rt;
          }
        }
        if (t < ct || (t === ct && s < S[c]!)) break;
        T[e] = ct;
        S[e] = S[c]!;
        A[e] = A[c]!;
        B[e] = B[c]!;
        e = c;
      }
      T[e] = t;
      S[e] = s;
      A[e] = a;
      B[e] = b;
    }
    for (; q.unsifted > 0; q.unsifted--) {
      let e = end++;
      const t = T[e]!, s = S[e]!, a = A[e]!, b = B[e]!;
      while (e > 0) {
        const p = (e - 1) >> 1;
        const pt = T[p]!;
        if (pt < t || (pt === t && S[p]! < s)) break;
        T[e] = pt;
        S[e] = S[p]!;
        A[e] = A[p]!;
        B[e] = B[p]!;
        e = p;
      }
      T[e] = t;
      S[e] = s;
      A[e] = a;
      B[e] = b;
    }
  }

  function settle4(): void {
    let end = q.size - q.unsifted;
    if (q.rootDirty) {
      q.rootDirty = false;
      const t = T[0]!, s = S[0]!, a = A[0]!, b = B[0]!;
      let e = 0;
      for (;;) {
        const c = 4 * e + 1;
        if (c >= end) break;
        let best = c;
        let bt = T[c]!;
        const last = c + 4 < end ? c + 4 : end;
        for (let j = c + 1; j < last; j++) {
          const jt = T[j]!;
          if (jt < bt || (jt === bt && S[j]! < S[best]!)) {
            best = j;
            bt = jt;
          }
        }
        if (t < bt || (t === bt && s < S[best]!)) break;
        T[e] = bt;
        S[e] = S[best]!;
        A[e] = A[best]!;
        B[e] = B[best]!;
        e = best;
      }
      T[e] = t;
      S[e] = s;
      A[e] = a;
      B[e] = b;
    }
    for (; q.unsifted > 0; q.unsifted--) {
      let e = end++;
      const t = T[e]!, s = S[e]!, a = A[e]!, b = B[e]!;
      while (e > 0) {
        const p = (e - 1) >> 2;
        const pt = T[p]!;
        if (pt < t || (pt === t && S[p]! < s)) break;
        T[e] = pt;
        S[e] = S[p]!;
        A[e] = A[p]!;
        B[e] = B[p]!;
        e = p;
      }
      T[e] = t;
      S[e] = s;
      A[e] = a;
      B[e] = b;
    }
  }

  const settle = arity === 4 ? settle4 : settle2;

  /** Fills the root hole with the last entry and settles the heap. */
  function fillRoot(): void {
    q.rootVacant = false;
    const n = --q.size;
    if (n === 0) return;
    T[0] = T[n]!;
    S[0] = S[n]!;
    A[0] = A[n]!;
    B[0] = B[n]!;
    if (q.unsifted > 0) q.unsifted--; // the moved entry was an appended one
    q.rootDirty = true;
    settle();
  }

  function dispatch(handlers: Handlers, untilS: number, maxEvents: number): number {
    let n = 0;
    if (q.rootVacant) fillRoot();
    else if (q.rootDirty || q.unsifted !== 0) settle();
    if (ck.count !== 0) q.dropCancelledTop();
    while (n < maxEvents && !q.interrupt) {
      if (q.size === 0) break;
      const t = T[0]!;
      if (t > untilS) break;
      q.nowS = t;
      const sk = S[0]!;
      q.lastKey = sk;
      q.rootVacant = true;
      n++;
      q.dispatched++;
      // the payload is read before the call: the handler's push may write into the root hole
      handlers[sk - Math.floor(sk * INV_KIND_SPAN) * KIND_SPAN]!(A[0]!, B[0]!);
      // stop(), a hook change, or growth (this core's arrays are then stale): the caller re-enters
      // (a later dispatch or pop settles first)
      if (q.interrupt) break;
      if (q.rootVacant) fillRoot();
      else if (q.rootDirty || q.unsifted !== 0) settle();
      if (ck.count !== 0) q.dropCancelledTop();
    }
    return n;
  }

  function setRing(): void {
    ring = q.ring;
    ringCancelled = q.ringCancelled;
    ringMask = ring.length - 1;
    seqLimit = q.seqLimit();
  }

  return { T, S, A, B, push, settle, fillRoot, dispatch, setRing };
}

/** Binary heap: children of e are 2e + 1 and 2e + 2 (the default shape). */
export class BinaryEventQueue extends HeapEventQueue {
  readonly arity = 2 as const;
  readonly kind: QueueKind = 'binary-heap';

  constructor(initialCapacity = 1024) {
    super(2, initialCapacity);
  }
}

/** 4-ary heap: children of e are 4e + 1 .. 4e + 4. */
export class QuaternaryEventQueue extends HeapEventQueue {
  readonly arity = 4 as const;
  readonly kind: QueueKind = '4-ary-heap';

  constructor(initialCapacity = 1024) {
    super(4, initialCapacity);
  }
}
