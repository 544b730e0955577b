/**
 * The pending-event set: a binary min-heap ordered by (time, seq) over parallel typed arrays.
 *
 * Layout (DESIGN.md "engine"): the heap arrays hold only the ordering keys (time, seq) and a slot
 * index; the payload (kind, a, b) lives in a slot pool that never moves, so a sift moves three
 * numbers per level, not six. Slots carry a generation counter so that a handle can be cancelled
 * lazily: cancel() flags the slot and the entry is discarded when it reaches the top.
 *
 * Nothing here allocates per event: arrays grow by doubling and slots are recycled through a free
 * list. `seq` is a float64 counter (exact to 2^53 events, never wraps in practice).
 */

/** Slots per generation step in a handle: handle = generation * SLOT_SPAN + slot. */
export const SLOT_SPAN = 2 ** 26;
const GEN_WRAP = 2 ** 26; // generation wraps before handle exceeds 2^52

export class EventQueue {
  // heap, in heap order
  private hTime: Float64Array;
  private hSeq: Float64Array;
  private hSlot: Int32Array;
  private size = 0;

  // slot pool, indexed by slot
  kind: Int32Array;
  a: Float64Array;
  b: Float64Array;
  private gen: Int32Array;
  private cancelled: Uint8Array;
  private freeSlots: Int32Array;
  private freeCount = 0;
  private slotHigh = 0;
  private cancelledPending = 0;

  private nextSeq = 0;
  /** Time of the entry most recently returned by popSlot. */
  poppedTime = 0;

  constructor(initialCapacity = 1024) {
    const cap = Math.max(16, initialCapacity | 0);
    this.hTime = new Float64Array(cap);
    this.hSeq = new Float64Array(cap);
    this.hSlot = new Int32Array(cap);
    this.kind = new Int32Array(cap);
    this.a = new Float64Array(cap);
    this.b = new Float64Array(cap);
    this.gen = new Int32Array(cap);
    this.cancelled = new Uint8Array(cap);
    this.freeSlots = new Int32Array(cap);
  }

  /** Number of live (not cancelled) pending events. */
  get length(): number {
    return this.size - this.cancelledPending;
  }

  /** Inserts an event; returns its cancellation handle. Caller has validated the arguments. */
  push(time: number, kind: number, a: number, b: number): number {
    let slot: number;
    if (this.freeCount > 0) slot = this.freeSlots[--this.freeCount]!;
    else {
      if (this.slotHigh === this.kind.length) this.growSlots();
      slot = this.slotHigh++;
    }
    this.kind[slot] = kind;
    this.a[slot] = a;
    this.b[slot] = b;
    this.cancelled[slot] = 0;

    if (this.size === this.hTime.length) this.growHeap();
    const seq = this.nextSeq++;
    // sift up with a hole: move parents down until the new key fits
    const hTime = this.hTime, hSeq = this.hSeq, hSlot = this.hSlot;
    let pos = this.size++;
    while (pos > 0) {
      const parent = (pos - 1) >> 1;
      const pt = hTime[parent]!;
      if (pt < time || (pt === time && hSeq[parent]! < seq)) break;
      hTime[pos] = pt;
      hSeq[pos] = hSeq[parent]!;
      hSlot[pos] = hSlot[parent]!;
      pos = parent;
    }
    hTime[pos] = time;
    hSeq[pos] = seq;
    hSlot[pos] = slot;
    return this.gen[slot]! * SLOT_SPAN + slot;
  }

  /** Time of the earliest live event, or Infinity when empty. Drops cancelled entries on top. */
  peekTime(): number {
    while (this.size > 0) {
      const slot = this.hSlot[0]!;
      if (this.cancelled[slot] === 0) return this.hTime[0]!;
      this.cancelledPending--;
      this.removeTop();
    }
    return Infinity;
  }

  /**
   * Removes the earliest live event and returns its slot (payload in kind/a/b until the next push),
   * or -1 when empty. The slot is released at once: read the payload before pushing again.
   */
  popSlot(): number {
    while (this.size > 0) {
      const slot = this.hSlot[0]!;
      this.poppedTime = this.hTime[0]!;
      this.removeTop();
      if (this.cancelled[slot] === 0) return slot;
      this.cancelledPending--;
    }
    return -1;
  }

  /** Lazily cancels an event; true when it was pending and is now cancelled. */
  cancel(handle: number): boolean {
    if (!Number.isInteger(handle) || handle < 0) return false;
    const slot = handle % SLOT_SPAN;
    const g = (handle - slot) / SLOT_SPAN;
    if (slot >= this.slotHigh || this.gen[slot] !== g || this.cancelled[slot] !== 0) return false;
    // a released slot has a bumped generation, so a stale handle fails the check above
    this.cancelled[slot] = 1;
    this.cancelledPending++;
    return true;
  }

  clear(): void {
    while (this.size > 0) this.removeTop();
    this.cancelledPending = 0;
  }

  /** Removes the heap top and releases its slot. */
  private removeTop(): void {
    const hTime = this.hTime, hSeq = this.hSeq, hSlot = this.hSlot;
    const top = hSlot[0]!;
    this.releaseSlot(top);
    const n = --this.size;
    if (n === 0) return;
    const time = hTime[n]!, seq = hSeq[n]!, slot = hSlot[n]!;
    // sift down with a hole from the root
    let pos = 0;
    const half = n >> 1;
    while (pos < half) {
      let child = 2 * pos + 1;
      let ct = hTime[child]!;
      let cs = hSeq[child]!;
      const right = child + 1;
      if (right < n) {
        const rt = hTime[right]!;
        if (rt < ct || (rt === ct && hSeq[right]! < cs)) {
          child = right;
          ct = rt;
          cs = hSeq[right]!;
        }
      }
      if (time < ct || (time === ct && seq < cs)) break;
      hTime[pos] = ct;
      hSeq[pos] = cs;
      hSlot[pos] = hSlot[child]!;
      pos = child;
    }
    hTime[pos] = time;
    hSeq[pos] = seq;
    hSlot[pos] = slot;
  }

  private releaseSlot(slot: number): void {
    this.gen[slot] = (this.gen[slot]! + 1) % GEN_WRAP;
    this.freeSlots[this.freeCount++] = slot;
  }

  private growHeap(): void {
    const cap = this.hTime.length * 2;
    this.hTime = grow(this.hTime, new Float64Array(cap));
    this.hSeq = grow(this.hSeq, new Float64Array(cap));
    this.hSlot = grow(this.hSlot, new Int32Array(cap));
  }

  private growSlots(): void {
    const cap = this.kind.length * 2;
    if (cap > SLOT_SPAN) throw new Error(`EventQueue: more than ${SLOT_SPAN} pending events`);
    this.kind = grow(this.kind, new Int32Array(cap));
    this.a = grow(this.a, new Float64Array(cap));
    this.b = grow(this.b, new Float64Array(cap));
    this.gen = grow(this.gen, new Int32Array(cap));
    this.cancelled = grow(this.cancelled, new Uint8Array(cap));
    this.freeSlots = grow(this.freeSlots, new Int32Array(cap));
  }
}

function grow<T extends Float64Array | Int32Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
