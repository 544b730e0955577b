/**
 * The pending-event set: a min-heap ordered by (time, seq), on typed arrays, never allocating per
 * event (DESIGN.md "engine").
 *
 * Layout. The heap is one Float64Array of (time, slot) pairs, interleaved so that moving an entry
 * touches one cache line, as `std::pair<double, uint32_t>` does in the C++ peer. The payload
 * (kind, a, b), the insertion counter `seq` and the slot's generation live in a 32-byte record per
 * slot that never moves: a sift moves two numbers per level, `seq` is read only to break an exact
 * time tie, and a pop reads one record. Two heap shapes share
 * everything but the sifts: QuaternaryEventQueue (4-ary, the default: fewer levels, four siblings
 * in one cache line, faster on HOLD at N >= 1e5; docs/performance.md) and BinaryEventQueue. Entries are numbered from a root offset chosen so that a node's children
 * start on a 64-byte boundary.
 *
 * Deferred sifting. `popSlot` leaves the root as a hole; the next `push` (a handler that schedules
 * its follow-up, the common case) writes into the hole, further pushes append at the end, and the
 * next pop settles the heap: one sift-down for the root (instead of a sift-down for the pop plus a
 * sift-up for the push), then sift-ups of the appended entries in order. Any other operation fills
 * a hole with the last entry first. With no sift in it, push is small enough for V8 to inline it
 * (and schedule) into handlers, which is what keeps the dispatch loop allocation-free.
 *
 * Lazy cancellation. Slots carry a generation counter; a handle is generation * SLOT_SPAN + slot.
 * cancel() flags the slot; the entry is discarded when it reaches the top. A popped slot is released
 * at once (its generation bumped), so a stale handle never cancels a reused slot.
 *
 * `seq` is a float64 counter (exact to 2^53 events, never wraps in practice).
 */

/** Slots per generation step in a handle: handle = generation * SLOT_SPAN + slot. */
export const SLOT_SPAN = 2 ** 26;
const GEN_MASK = 2 ** 26 - 1; // generation wraps before a handle exceeds 2^52

/** The heap shapes the engine can use (docs/performance.md "Binary vs 4-ary"). */
export type QueueArity = 2 | 4;

export abstract class EventQueue {
  /**
   * Heap entries e = root .. root + size - 1, 16 bytes each: time as float64 h[2e], slot as int32
   * hI[4e + 2] (a view of the same buffer: no float-to-int conversion when the slot is used).
   */
  protected h: Float64Array;
  protected hI: Int32Array;
  /** Number of heap entries, including a hole at the root when rootVacant. */
  protected size = 0;
  /** The root is a hole left by popSlot (size still counts it). */
  protected rootVacant = false;
  /** The root holds an entry pushed into the hole and not yet sifted down. */
  protected rootDirty = false;
  /** The last `unsifted` entries were appended by push and not yet sifted up. */
  protected unsifted = 0;
  /** Entry index of the root (the offset that aligns sibling groups). */
  protected readonly root: number;

  // Slot records, 32 bytes each in one buffer, so that a pop touches one cache line for the
  // payload: as float64 rec[4s] = a, rec[4s + 1] = b, rec[4s + 2] = seq; as int32 recI[8s + 6] =
  // kind (bitwise-negated while cancelled), recI[8s + 7] = generation.
  protected rec: Float64Array;
  private recI: Int32Array;
  private freeSlots: Int32Array;
  private freeCount = 0;
  private slotHigh = 0;
  private cancelledPending = 0;

  private nextSeq = 0;
  /** The clock: time of the entry most recently popped (the simulator may also set it forward). */
  nowS = 0;
  /** Events dispatched by dispatch()/dispatchHooked() since construction. */
  dispatched = 0;
  /** When set, a running dispatch loop returns after the current event (checked once per event). */
  interrupt = false;

  abstract readonly arity: QueueArity;

  constructor(root: number, initialCapacity: number) {
    const cap = Math.max(16, Math.min(SLOT_SPAN, initialCapacity | 0));
    this.root = root;
    this.h = new Float64Array(2 * (cap + root + 4));
    this.hI = new Int32Array(this.h.buffer);
    this.rec = new Float64Array(4 * cap);
    this.recI = new Int32Array(this.rec.buffer);
    this.freeSlots = new Int32Array(cap);
  }

  // The sifts take the moving entry from the heap array itself, not as arguments: a call that V8
  // does not inline would box a fractional double argument (one heap allocation per event).
  /** Moves the entry written at entry index e up to its place. */
  protected abstract siftUp(e: number): void;
  /** Moves the entry written at the root down to its place; entries end before index `end`. */
  protected abstract siftDown(end: number): void;

  /** Number of live (not cancelled) pending events. */
  get length(): number {
    return this.size - (this.rootVacant ? 1 : 0) - this.cancelledPending;
  }

  /** Event kind of a slot returned by popSlot or cancelSlot (valid until the next push). */
  kindOf(slot: number): number {
    const k = this.recI[8 * slot + 6]!;
    return k < 0 ? ~k : k;
  }

  /** Payload slot a of a slot returned by popSlot or cancelSlot (valid until the next push). */
  aOf(slot: number): number {
    return this.rec[4 * slot]!;
  }

  /** Payload slot b of a slot returned by popSlot or cancelSlot (valid until the next push). */
  bOf(slot: number): number {
    return this.rec[4 * slot + 1]!;
  }

  // push is kept small (rare paths in separate methods) so that V8 inlines schedule() and push
  // into handlers: a call that is not inlined boxes its double arguments (a heap allocation).

  /** Inserts an event; returns its cancellation handle. The caller has validated the arguments. */
  push(time: number, kind: number, a: number, b: number): number {
    const slot = this.freeCount > 0 ? this.freeSlots[--this.freeCount]! : this.newSlot();
    const rec = this.rec;
    rec[4 * slot] = a;
    rec[4 * slot + 1] = b;
    rec[4 * slot + 2] = this.nextSeq++;
    this.recI[8 * slot + 6] = kind;
    // No sift here: the entry takes the root hole the last pop left (replace-top) or goes to the
    // end, and the next pop settles the heap (one sift-down for a replaced root, sift-ups for
    // appended entries in order). That keeps push free of calls, small enough for V8 to inline
    // schedule() and push into handlers.
    let e: number;
    if (this.rootVacant) {
      this.rootVacant = false;
      this.rootDirty = true;
      e = this.root;
    } else {
      e = this.root + this.size++;
      if (2 * e + 2 > this.h.length) this.growHeap();
      this.unsifted++;
    }
    this.h[2 * e] = time;
    this.hI[4 * e + 2] = slot;
    return this.recI[8 * slot + 7]! * SLOT_SPAN + slot;
  }

  /** Restores the heap order after pushes: sifts down a replaced root, then sifts up appended entries. */
  private settle(): void {
    let end = this.root + this.size - this.unsifted;
    if (this.rootDirty) {
      this.rootDirty = false;
      this.siftDown(end);
    }
    for (; this.unsifted > 0; this.unsifted--) this.siftUp(end++);
  }

  /** Time of the earliest live event, or Infinity when empty. Drops cancelled entries on top. */
  peekTime(): number {
    if (this.rootVacant) this.fillRoot();
    else if (this.rootDirty || this.unsifted !== 0) this.settle();
    if (this.cancelledPending !== 0) this.dropCancelledTop();
    return this.size > 0 ? this.h[2 * this.root]! : Infinity;
  }

  /**
   * Removes the earliest live event if its time is <= untilS and returns its slot (payload via
   * kindOf/aOf/bOf until the next push), else -1 (empty, or the next event is later). The slot is
   * released at once: read the payload before pushing again.
   */
  popSlot(untilS = Infinity): number {
    if (this.rootVacant) this.fillRoot();
    else if (this.rootDirty || this.unsifted !== 0) this.settle();
    if (this.cancelledPending !== 0) this.dropCancelledTop();
    const r = 2 * this.root;
    if (this.size === 0 || this.h[r]! > untilS) return -1;
    const slot = this.hI[2 * r + 2]!;
    this.nowS = this.h[r]!;
    this.releaseSlot(slot);
    this.rootVacant = true;
    return slot;
  }

  /**
   * The simulator's dispatch loop, here so that the pop is inline code rather than a call (V8's
   * inlining budget then goes to the handlers and the push they make): pops events with time <=
   * untilS and calls handlers[kind](a, b), at most maxEvents times or until `interrupt` is set.
   * Returns the number dispatched. nowS is the clock.
   */
  dispatch(handlers: ReadonlyArray<(a: number, b: number) => void>, untilS: number, maxEvents: number): number {
    let n = 0;
    while (n < maxEvents && !this.interrupt) {
      if (this.rootVacant) this.fillRoot();
      else if (this.rootDirty || this.unsifted !== 0) this.settle();
      if (this.cancelledPending !== 0) this.dropCancelledTop();
      const h = this.h, r = 2 * this.root;
      if (this.size === 0 || h[r]! > untilS) break;
      const slot = this.hI[2 * r + 2]!;
      this.nowS = h[r]!;
      const recI = this.recI;
      recI[8 * slot + 7] = (recI[8 * slot + 7]! + 1) & GEN_MASK; // release: stale handles now fail
      this.freeSlots[this.freeCount++] = slot;
      this.rootVacant = true;
      n++;
      this.dispatched++;
      // arguments are read before the call, so the handler may reuse the slot by scheduling
      handlers[recI[8 * slot + 6]!]!(this.rec[4 * slot]!, this.rec[4 * slot + 1]!);
    }
    return n;
  }

  /** dispatch() with hooks called after each event: (timeS, kind, a, b). */
  dispatchHooked(
    handlers: ReadonlyArray<(a: number, b: number) => void>,
    hooks: ReadonlyArray<(timeS: number, kind: number, a: number, b: number) => void>,
    untilS: number,
    maxEvents: number,
  ): number {
    let n = 0;
    while (n < maxEvents && !this.interrupt) {
      const slot = this.popSlot(untilS);
      if (slot < 0) break;
      const kind = this.kindOf(slot), a = this.aOf(slot), b = this.bOf(slot);
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
    return this.cancelSlot(handle) >= 0;
  }

  /** Lazily cancels an event; returns its slot (payload still readable) or -1 if not pending. */
  cancelSlot(handle: number): number {
    if (!Number.isInteger(handle) || handle < 0) return -1;
    const slot = handle % SLOT_SPAN;
    const g = (handle - slot) / SLOT_SPAN;
    const recI = this.recI;
    // a released slot has a bumped generation, so a stale handle fails the generation check
    if (slot >= this.slotHigh || recI[8 * slot + 7] !== g || recI[8 * slot + 6]! < 0) return -1;
    recI[8 * slot + 6] = ~recI[8 * slot + 6]!;
    this.cancelledPending++;
    return slot;
  }

  /** Removes every pending event. */
  clear(): void {
    if (this.rootVacant) this.fillRoot();
    this.rootDirty = false;
    this.unsifted = 0;
    const hI = this.hI;
    for (let e = this.root; e < this.root + this.size; e++) {
      const slot = hI[4 * e + 2]!;
      const kind = this.recI[8 * slot + 6]!;
      if (kind < 0) this.recI[8 * slot + 6] = ~kind;
      this.releaseSlot(slot);
    }
    this.size = 0;
    this.cancelledPending = 0;
  }

  /** Fills the root hole with the last entry. */
  private fillRoot(): void {
    this.rootVacant = false;
    const n = --this.size;
    if (n === 0) return;
    const last = this.root + n, r = this.root;
    this.h[2 * r] = this.h[2 * last]!;
    this.hI[4 * r + 2] = this.hI[4 * last + 2]!;
    if (this.unsifted > 0) this.unsifted--; // the moved entry was an appended one
    this.rootDirty = true;
    this.settle();
  }

  /** Discards cancelled entries from the top of the heap (root not vacant). */
  private dropCancelledTop(): void {
    while (this.size > 0) {
      const slot = this.hI[4 * this.root + 2]!;
      const kind = this.recI[8 * slot + 6]!;
      if (kind >= 0) return;
      this.recI[8 * slot + 6] = ~kind; // unmark: a free slot is not cancelled
      this.cancelledPending--;
      this.releaseSlot(slot);
      this.fillRoot();
    }
  }

  /** Returns a slot to the free list; its payload stays readable until the next push. */
  private releaseSlot(slot: number): void {
    this.recI[8 * slot + 7] = (this.recI[8 * slot + 7]! + 1) & GEN_MASK;
    this.freeSlots[this.freeCount++] = slot;
  }

  private newSlot(): number {
    if (this.slotHigh === this.freeSlots.length) this.growSlots();
    return this.slotHigh++;
  }

  private growHeap(): void {
    const next = new Float64Array(this.h.length * 2);
    next.set(this.h);
    this.h = next;
    this.hI = new Int32Array(next.buffer);
  }

  private growSlots(): void {
    const cap = this.freeSlots.length * 2;
    if (cap > SLOT_SPAN) throw new Error(`EventQueue: more than ${SLOT_SPAN} pending events`);
    const rec = new Float64Array(4 * cap);
    rec.set(this.rec);
    this.rec = rec;
    this.recI = new Int32Array(rec.buffer);
    const free = new Int32Array(cap);
    free.set(this.freeSlots);
    this.freeSlots = free;
  }
}

/**
 * Binary heap, entries numbered from 1: children of e are 2e and 2e + 1 (a sibling pair is 32
 * aligned bytes), the parent is e >> 1.
 */
export class BinaryEventQueue extends EventQueue {
  readonly arity = 2 as const;

  constructor(initialCapacity = 1024) {
    super(1, initialCapacity);
  }

  protected siftUp(e: number): void {
    const h = this.h, hI = this.hI, rec = this.rec;
    const time = h[2 * e]!, slot = hI[4 * e + 2]!;
    for (let p = e >> 1; e > 1; e = p, p >>= 1) {
      const pt = h[2 * p]!;
      // ties go to the smaller seq (earlier insertion)
      if (pt < time || (pt === time && rec[4 * hI[4 * p + 2]! + 2]! < rec[4 * slot + 2]!)) break;
      h[2 * e] = pt;
      hI[4 * e + 2] = hI[4 * p + 2]!;
    }
    h[2 * e] = time;
    hI[4 * e + 2] = slot;
  }

  protected siftDown(end: number): void {
    const h = this.h, hI = this.hI, rec = this.rec;
    const time = h[2]!, slot = hI[6]!;
    let e = 1;
    for (;;) {
      let c = 2 * e;
      if (c >= end) break;
      let ct = h[2 * c]!;
      if (c + 1 < end) {
        const rt = h[2 * c + 2]!;
        if (rt < ct || (rt === ct && rec[4 * hI[4 * c + 6]! + 2]! < rec[4 * hI[4 * c + 2]! + 2]!)) {
          c++;
          ct = rt;
        }
      }
      if (time < ct || (time === ct && rec[4 * slot + 2]! < rec[4 * hI[4 * c + 2]! + 2]!)) break;
      h[2 * e] = ct;
      hI[4 * e + 2] = hI[4 * c + 2]!;
      e = c;
    }
    h[2 * e] = time;
    hI[4 * e + 2] = slot;
  }
}

/**
 * 4-ary heap, entries numbered from 3: children of e are 4e - 8 .. 4e - 5 (four siblings are 64
 * aligned bytes, one cache line), the parent is (e + 8) >> 2.
 */
export class QuaternaryEventQueue extends EventQueue {
  readonly arity = 4 as const;

  constructor(initialCapacity = 1024) {
    super(3, initialCapacity);
  }

  protected siftUp(e: number): void {
    const h = this.h, hI = this.hI, rec = this.rec;
    const time = h[2 * e]!, slot = hI[4 * e + 2]!;
    while (e > 3) {
      const p = (e + 8) >> 2;
      const pt = h[2 * p]!;
      if (pt < time || (pt === time && rec[4 * hI[4 * p + 2]! + 2]! < rec[4 * slot + 2]!)) break;
      h[2 * e] = pt;
      hI[4 * e + 2] = hI[4 * p + 2]!;
      e = p;
    }
    h[2 * e] = time;
    hI[4 * e + 2] = slot;
  }

  protected siftDown(end: number): void {
    const h = this.h, hI = this.hI, rec = this.rec;
    const time = h[6]!, slot = hI[14]!;
    let e = 3;
    for (;;) {
      const c = 4 * e - 8;
      if (c >= end) break;
      let best = c;
      let bt = h[2 * c]!;
      if (c + 3 < end) {
        // a full group of four (the common case), unrolled; ties (rare) go to the smaller seq
        const t1 = h[2 * c + 2]!, t2 = h[2 * c + 4]!, t3 = h[2 * c + 6]!;
        if (t1 < bt || (t1 === bt && rec[4 * hI[4 * c + 6]! + 2]! < rec[4 * hI[4 * best + 2]! + 2]!)) {
          best = c + 1;
          bt = t1;
        }
        if (t2 < bt || (t2 === bt && rec[4 * hI[4 * c + 10]! + 2]! < rec[4 * hI[4 * best + 2]! + 2]!)) {
          best = c + 2;
          bt = t2;
        }
        if (t3 < bt || (t3 === bt && rec[4 * hI[4 * c + 14]! + 2]! < rec[4 * hI[4 * best + 2]! + 2]!)) {
          best = c + 3;
          bt = t3;
        }
      } else {
        for (let k = c + 1; k < end; k++) {
          const kt = h[2 * k]!;
          if (kt < bt || (kt === bt && rec[4 * hI[4 * k + 2]! + 2]! < rec[4 * hI[4 * best + 2]! + 2]!)) {
            best = k;
            bt = kt;
          }
        }
      }
      if (time < bt || (time === bt && rec[4 * slot + 2]! < rec[4 * hI[4 * best + 2]! + 2]!)) break;
      h[2 * e] = bt;
      hI[4 * e + 2] = hI[4 * best + 2]!;
      e = best;
    }
    h[2 * e] = time;
    hI[4 * e + 2] = slot;
  }
}

/** A queue of the given arity (4: 4-ary, the default; 2: binary). */
export function createEventQueue(arity: QueueArity = 4, initialCapacity = 1024): EventQueue {
  return arity === 2 ? new BinaryEventQueue(initialCapacity) : new QuaternaryEventQueue(initialCapacity);
}
