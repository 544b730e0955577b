/**
 * The pending-event set: a min-heap ordered by (time, seq), on typed arrays, never allocating per
 * event (DESIGN.md "engine").
 *
 * Layout. Each entry is (time, seq and kind, a, b) in four parallel Float64Arrays (T, S, A, B;
 * S packs seq * KIND_SPAN + kind) that move together: the payload travels with the entry, so a pop
 * reads the root (in cache: the last sift wrote it) and never chases a pointer to a slot record.
 * The arrays are `const` bindings of a closure (makeHeapCore) rather than object fields: measured
 * on HOLD at N = 1e5 (docs/performance.md "Engine"), V8 runs the same sift ~1.35x faster that way;
 * growing the heap builds a new core. Other measured choices: a slot record per event (one cache
 * miss per pop) cost ~25 %; one interleaved buffer was slower than parallel arrays (comparisons
 * read only T; the moves of S, A, B are off the critical path). Two heap shapes: binary (the
 * default, faster in those measurements) and 4-ary, both rooted at index 0.
 *
 * Deferred sifting. A pop leaves the root as a hole; the next push (a handler that schedules its
 * follow-up, the common case) writes into the hole, further pushes append at the end, and the next
 * pop settles the heap: one sift-down for the root (replace-top), then sift-ups of the appended
 * entries in order. push therefore has no call in it, so V8 inlines schedule() and push into
 * handlers; the sifts read the moving entry from the arrays (no double arguments to box).
 *
 * Handles and cancellation. A handle is the event's seq (its insertion number, float64, exact to
 * 2^53). Events leave the heap in (time, seq) order, so an event is still pending exactly when its
 * key is after the key of the last popped event (nowS, its seq), it was not cancelled, and it was
 * not cleared. cancel() finds the event's time and a cancelled flag in a ring of the last
 * TIME_RING pushes (for an older handle: a scan of the heap and of the cancelled keys) and records
 * the key in a small min-heap of cancelled keys; the entry is discarded when it reaches the top
 * (the hot loop checks one counter). Per event, cancellation costs two stores into the ring.
 */

/** Pushes whose times the ring keeps for cancel() (a power of two); older handles scan the heap. */
const TIME_RING = 1 << 15;
const RING_MASK = TIME_RING - 1;

/**
 * The heap's seq array holds seq * KIND_SPAN + kind: one array less to move per level (measured
 * +3 % at N = 1e5, +15 % at N = 1e6 on HOLD), the same order (seq is the high part). Limits: kinds
 * < KIND_SPAN, seqs < MAX_SEQ = 2^41 (2.2e12 events), so that the packed value is an exact double.
 */
export const KIND_SPAN = 4096;
const INV_KIND_SPAN = 1 / KIND_SPAN;
export const MAX_SEQ = 2 ** 41;

/** The heap shapes the engine can use (docs/performance.md "Binary vs 4-ary"). */
export type QueueArity = 2 | 4;

type Handlers = ReadonlyArray<(a: number, b: number) => void>;

/** The typed arrays of one capacity and the hot functions over them (see makeHeapCore). */
interface HeapCore {
  readonly T: Float64Array;
  readonly S: Float64Array;
  readonly A: Float64Array;
  readonly B: Float64Array;
  readonly ring: Float64Array;
  readonly ringCancelled: Uint8Array;
  push(time: number, kind: number, a: number, b: number): number;
  settle(): void;
  fillRoot(): void;
  dispatch(handlers: Handlers, untilS: number, maxEvents: number): number;
}

export abstract class EventQueue {
  /** Number of heap entries, including a hole at the root when rootVacant. */
  size = 0;
  /** The root is a hole left by a pop (size still counts it). */
  rootVacant = false;
  /** The root holds an entry pushed into the hole and not yet sifted down. */
  rootDirty = false;
  /** The last `unsifted` entries were appended by push and not yet sifted up. */
  unsifted = 0;
  nextSeq = 0;
  /** Packed seq of the entry most recently popped: (nowS, lastKey) is the popped frontier. */
  lastKey = -1;
  /** Cancelled entries still in the heap. */
  cancelCount = 0;
  /** The clock: time of the entry most recently popped (the simulator may also set it forward). */
  nowS = 0;
  /** Events dispatched by dispatch()/dispatchHooked() since construction. */
  dispatched = 0;
  /** When set, a running dispatch loop returns after the current event (checked once per event). */
  interrupt = false;

  /** Inserts an event; returns its handle (its seq). The caller has validated the arguments. */
  push: (time: number, kind: number, a: number, b: number) => number;
  /**
   * The simulator's dispatch loop, here so that the pop is inline code rather than a call (V8's
   * inlining budget then goes to the handlers and the push they make): pops events with time <=
   * untilS and calls handlers[kind](a, b), at most maxEvents times or until `interrupt` is set
   * (also set when the heap grows: the caller calls dispatch again, now the new core's).
   * Returns the number dispatched. nowS is the clock.
   */
  dispatch: (handlers: Handlers, untilS: number, maxEvents: number) => number;

  private core: HeapCore;
  /** Handles below this were cleared by clear(). */
  private clearSeq = 0;
  // Cancelled keys still in the heap as a min-heap (CT, CS) of (time, seq).
  private CT = new Float64Array(16);
  private CS = new Float64Array(16);
  // Payload of the event most recently returned by popSlot (kindOf/aOf/bOf).
  private lastKind = 0;
  private lastA = 0;
  private lastB = 0;

  abstract readonly arity: QueueArity;

  constructor(arity: QueueArity, initialCapacity: number) {
    const cap = Math.max(16, Math.min(2 ** 30, initialCapacity | 0));
    this.core = makeHeapCore(this, arity, cap, undefined);
    this.push = this.core.push;
    this.dispatch = this.core.dispatch;
  }

  /** Number of live (not cancelled) pending events. */
  get length(): number {
    return this.size - (this.rootVacant ? 1 : 0) - this.cancelCount;
  }

  /** Event kind of the event most recently popped by popSlot (the argument is ignored). */
  kindOf(_popped?: number): number {
    return this.lastKind;
  }

  /** Payload a of the event most recently popped by popSlot. */
  aOf(_popped?: number): number {
    return this.lastA;
  }

  /** Payload b of the event most recently popped by popSlot. */
  bOf(_popped?: number): number {
    return this.lastB;
  }

  /** Settles pending sifts and drops cancelled entries from the top. */
  private prepareTop(): void {
    if (this.rootVacant) this.core.fillRoot();
    else if (this.rootDirty || this.unsifted !== 0) this.core.settle();
    if (this.cancelCount !== 0) this.dropCancelledTop();
  }

  /** Time of the earliest live event, or Infinity when empty. Drops cancelled entries on top. */
  peekTime(): number {
    this.prepareTop();
    return this.size > 0 ? this.core.T[0]! : Infinity;
  }

  /**
   * Removes the earliest live event if its time is <= untilS and returns its seq (>= 0; payload via
   * kindOf/aOf/bOf), else -1 (empty, or the next event is later).
   */
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

  /** dispatch() with hooks called after each event: (timeS, kind, a, b). */
  dispatchHooked(
    handlers: Handlers,
    hooks: ReadonlyArray<(timeS: number, kind: number, a: number, b: number) => void>,
    untilS: number,
    maxEvents: number,
  ): number {
    let n = 0;
    while (n < maxEvents && !this.interrupt) {
      if (this.popSlot(untilS) < 0) break;
      const kind = this.lastKind, a = this.lastA, b = this.lastB;
      const timeS = this.nowS;
      n++;
      this.dispatched++;
      handlers[kind]!(a, b);
      for (let i = 0; i < hooks.length; i++) hooks[i]!(timeS, kind, a, b);
    }
    return n;
  }

  /** Lazily cancels an event; true when it was pending and is now cancelled. */
  cancel(handle: number): boolean {
    if (!Number.isInteger(handle) || handle < this.clearSeq || handle >= this.nextSeq) return false;
    const c = this.core;
    let t: number;
    if (this.nextSeq - handle <= TIME_RING) {
      // recent: the ring has its time and a cancelled flag (cleared when push reuses the cell)
      const i = handle & RING_MASK;
      if (c.ringCancelled[i] !== 0) return false;
      t = c.ring[i]!;
      // popped (or running) when its key is not after the popped frontier (nowS, lastKey)
      if (t < this.nowS || (t === this.nowS && handle * KIND_SPAN <= this.lastKey)) return false;
      c.ringCancelled[i] = 1;
    } else {
      // older: pending only if still in the heap (a scan) and not among the cancelled keys
      t = this.findTime(handle);
      if (Number.isNaN(t)) return false;
      for (let k = 0; k < this.cancelCount; k++) if (this.CS[k] === handle) return false;
    }
    this.pushCancelledKey(t, handle);
    this.cancelCount++;
    return true;
  }

  /** Removes every pending event; their handles no longer cancel anything. */
  clear(): void {
    this.size = 0;
    this.rootVacant = false;
    this.rootDirty = false;
    this.unsifted = 0;
    this.clearSeq = this.nextSeq;
    this.cancelCount = 0;
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

  /** Time of the heap entry with this seq, NaN if none (a scan: only for handles older than the ring). */
  private findTime(seq: number): number {
    if (this.rootVacant) this.core.fillRoot();
    const S = this.core.S;
    const lo = seq * KIND_SPAN, hi = lo + KIND_SPAN;
    for (let e = 0; e < this.size; e++) if (S[e]! >= lo && S[e]! < hi) return this.core.T[e]!;
    return Number.NaN;
  }

  /** Called by push when seqs run out (after 2^41 events). */
  seqOverflow(): never {
    throw new Error(`EventQueue: more than ${MAX_SEQ} events scheduled in one simulation`);
  }

  /** Discards cancelled entries from the top of the (settled) heap. */
  dropCancelledTop(): void {
    const c = this.core;
    // the cancelled keys are all in the heap, so the smallest of them is the root exactly when equal
    while (this.cancelCount !== 0 && this.size > 0 && Math.floor(c.S[0]! * INV_KIND_SPAN) === this.CS[0]) {
      this.popCancelledKey();
      this.cancelCount--;
      this.rootVacant = true;
      c.fillRoot();
    }
  }

  // The cancelled keys' min-heap (CT, CS), entries 0 .. cancelCount - 1. Small and off the hot path.
  private pushCancelledKey(t: number, s: number): void {
    if (this.cancelCount === this.CT.length) {
      const ct = new Float64Array(this.CT.length * 2), cs = new Float64Array(this.CT.length * 2);
      ct.set(this.CT);
      cs.set(this.CS);
      this.CT = ct;
      this.CS = cs;
    }
    const CT = this.CT, CS = this.CS;
    let e = this.cancelCount;
    while (e > 0) {
      const p = (e - 1) >> 1;
      if (CT[p]! < t || (CT[p] === t && CS[p]! < s)) break;
      CT[e] = CT[p]!;
      CS[e] = CS[p]!;
      e = p;
    }
    CT[e] = t;
    CS[e] = s;
  }

  private popCancelledKey(): void {
    const CT = this.CT, CS = this.CS;
    const n = this.cancelCount - 1;
    const t = CT[n]!, s = CS[n]!;
    let e = 0;
    for (;;) {
      let c = 2 * e + 1;
      if (c >= n) break;
      if (c + 1 < n && (CT[c + 1]! < CT[c]! || (CT[c + 1] === CT[c] && CS[c + 1]! < CS[c]!))) c++;
      if (t < CT[c]! || (t === CT[c] && s < CS[c]!)) break;
      CT[e] = CT[c]!;
      CS[e] = CS[c]!;
      e = c;
    }
    CT[e] = t;
    CS[e] = s;
  }
}

/**
 * The heap arrays of one capacity (copied from `from` when growing) and the functions that touch
 * them per event. The arrays are `const` bindings of this closure on purpose: V8 compiles the
 * sifts over them markedly faster than over object fields or `let` bindings (measured, see the
 * file header). Scalar state (size, hole flags, seq, clock) lives on the queue object `q`.
 */
function makeHeapCore(q: EventQueue, arity: QueueArity, cap: number, from: HeapCore | undefined): HeapCore {
  const T = new Float64Array(cap);
  const S = new Float64Array(cap);
  const A = new Float64Array(cap);
  const B = new Float64Array(cap);
  const ring = from === undefined ? new Float64Array(TIME_RING) : from.ring;
  const ringCancelled = from === undefined ? new Uint8Array(TIME_RING) : from.ringCancelled;
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
    if (seq === MAX_SEQ) q.seqOverflow();
    T[e] = time;
    S[e] = seq * KIND_SPAN + kind;
    A[e] = a;
    B[e] = b;
    ring[seq & RING_MASK] = time;
    ringCancelled[seq & RING_MASK] = 0;
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
    if (q.cancelCount !== 0) q.dropCancelledTop();
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
      if (q.cancelCount !== 0) q.dropCancelledTop();
    }
    return n;
  }

  return { T, S, A, B, ring, ringCancelled, push, settle, fillRoot, dispatch };
}

/** Binary heap: children of e are 2e + 1 and 2e + 2 (the default shape). */
export class BinaryEventQueue extends EventQueue {
  readonly arity = 2 as const;

  constructor(initialCapacity = 1024) {
    super(2, initialCapacity);
  }
}

/** 4-ary heap: children of e are 4e + 1 .. 4e + 4. */
export class QuaternaryEventQueue extends EventQueue {
  readonly arity = 4 as const;

  constructor(initialCapacity = 1024) {
    super(4, initialCapacity);
  }
}

/** A queue of the given arity (2: binary, the default; 4: 4-ary). */
export function createEventQueue(arity: QueueArity = 2, initialCapacity = 1024): EventQueue {
  return arity === 4 ? new QuaternaryEventQueue(initialCapacity) : new BinaryEventQueue(initialCapacity);
}
