/**
 * What every pending-event set of the engine shares: the (time, seq) key and its packing, handles,
 * the clock and the popped frontier, lazy cancellation, and the hooked dispatch loop. The two
 * kinds, the ladder queue (ladder-queue.ts, the default) and the binary or 4-ary heaps
 * (heap-queue.ts), differ only in how they store entries and find the smallest.
 *
 * Handles and cancellation. A handle is the event's seq (its insertion number, float64, exact to
 * 2^53). Events leave the queue in (time, seq) order, so an event is still pending exactly when its
 * key is after the key of the last popped event (nowS, its seq), it was not cancelled, and it was
 * not cleared. cancel() finds the event's time and a cancelled flag in a ring of the last
 * TIME_RING pushes (for an older handle: a scan of the queue and of the cancelled keys) and records
 * the key in CancelledKeys; the entry is discarded when it reaches the top (the hot loop checks one
 * counter). Per event, cancellation costs two stores into the ring.
 */
import { CancelledKeys } from './cancelled-keys.js';

/** Most pushes whose times the ring keeps for cancel() (a power of two); older handles scan the queue. */
export const TIME_RING = 1 << 15;
/**
 * The ring's first size. It doubles when seqs reach its length, up to TIME_RING: a simulation of a
 * few hundred events (the collectives layer runs thousands of them per training step) then
 * allocates 9 KiB for its ring, not 288 KiB (measured: about a fifth of a plan's wall time went
 * to allocating and collecting full rings, docs/performance.md "Plans").
 */
export const FIRST_RING = 1 << 10;

/**
 * Entries hold seq * KIND_SPAN + kind in one float64: one value less to move (measured +3 % at
 * N = 1e5, +15 % at N = 1e6 on HOLD with the heap), the same order (seq is the high part). Limits:
 * kinds < KIND_SPAN, seqs < MAX_SEQ = 2^41 (2.2e12 events), so that the packed value is exact.
 */
export const KIND_SPAN = 4096;
export const INV_KIND_SPAN = 1 / KIND_SPAN;
export const MAX_SEQ = 2 ** 41;

/** The pending-event sets the engine can use (docs/performance.md "Engine"). */
export type QueueKind = 'ladder' | 'binary-heap' | '4-ary-heap';
export const QUEUE_KINDS: readonly QueueKind[] = ['ladder', 'binary-heap', '4-ary-heap'];

export type Handlers = ReadonlyArray<(a: number, b: number) => void>;
export type Hooks = ReadonlyArray<(timeS: number, kind: number, a: number, b: number) => void>;

export abstract class PendingEventQueue {
  nextSeq = 0;
  /** Packed seq of the entry most recently popped: (nowS, lastKey) is the popped frontier. */
  lastKey = -1;
  /** The clock: time of the entry most recently popped (the simulator may also set it forward). */
  nowS = 0;
  /** Events dispatched by dispatch()/dispatchHooked() since construction. */
  dispatched = 0;
  /** When set, a running dispatch loop returns after the current event (checked once per event). */
  interrupt = false;
  /** Cancelled entries still in the queue. */
  readonly cancelled = new CancelledKeys();
  /**
   * Time of each of the last ring.length pushes by seq, and whether it was cancelled. The ring
   * grows (seqBoundary) exactly when nextSeq reaches its length, so every seq below that length is at
   * the same index in the larger ring.
   */
  ring = new Float64Array(FIRST_RING);
  ringCancelled = new Uint8Array(FIRST_RING);
  /** Handles below this were cleared by clear(). */
  protected clearSeq = 0;
  // Payload of the event most recently returned by popSlot (kindOf/aOf/bOf).
  protected lastKind = 0;
  protected lastA = 0;
  protected lastB = 0;

  /** Inserts an event; returns its handle (its seq). The caller has validated the arguments. */
  abstract push: (time: number, kind: number, a: number, b: number) => number;
  /**
   * The simulator's dispatch loop, here so that the pop is inline code rather than a call (V8's
   * inlining budget then goes to the handlers and the push they make): pops events with time <=
   * untilS and calls handlers[kind](a, b), at most maxEvents times or until `interrupt` is set
   * (also set when the queue grows: the caller calls dispatch again, now the new storage's).
   * Returns the number dispatched. nowS is the clock.
   */
  abstract dispatch: (handlers: Handlers, untilS: number, maxEvents: number) => number;

  /** Which kind of queue this is. */
  abstract readonly kind: QueueKind;
  /** Number of live (not cancelled) pending events. */
  abstract get length(): number;
  /** Time of the earliest live event, or Infinity when empty. Drops cancelled entries on top. */
  abstract peekTime(): number;
  /**
   * Removes the earliest live event if its time is <= untilS and returns its seq (>= 0; payload via
   * kindOf/aOf/bOf), else -1 (empty, or the next event is later).
   */
  abstract popSlot(untilS?: number): number;
  /** Removes every pending event; their handles no longer cancel anything. */
  abstract clear(): void;
  /** Time of the pending entry with this seq, NaN if none (a scan: only for handles older than the ring). */
  protected abstract findTime(seq: number): number;

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

  /** dispatch() with hooks called after each event: (timeS, kind, a, b). */
  dispatchHooked(handlers: Handlers, hooks: Hooks, untilS: number, maxEvents: number): number {
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
    let t: number;
    if (this.nextSeq - handle <= this.ring.length) {
      // recent: the ring has its time and a cancelled flag (cleared when push reuses the cell)
      const i = handle & (this.ring.length - 1);
      if (this.ringCancelled[i] !== 0) return false;
      t = this.ring[i]!;
      // popped (or running) when its key is not after the popped frontier (nowS, lastKey)
      if (t < this.nowS || (t === this.nowS && handle * KIND_SPAN <= this.lastKey)) return false;
      this.ringCancelled[i] = 1;
    } else {
      // older: pending only if still in the queue (a scan) and not among the cancelled keys
      t = this.findTime(handle);
      if (Number.isNaN(t) || this.cancelled.hasSeq(handle)) return false;
    }
    this.cancelled.add(t, handle);
    return true;
  }

  /** Resets what every kind shares; the subclass empties its storage. */
  protected clearShared(): void {
    this.clearSeq = this.nextSeq;
    this.cancelled.clear();
  }

  /**
   * Called by push when the seq it takes reaches the core's seqLimit: below TIME_RING the ring
   * doubles (the core then writes into the new one); at MAX_SEQ seqs have run out (2^41 events).
   */
  seqBoundary(seq: number): void {
    if (seq >= MAX_SEQ) throw new Error(`EventQueue: more than ${MAX_SEQ} events scheduled in one simulation`);
    const ring = new Float64Array(this.ring.length * 2);
    const ringCancelled = new Uint8Array(this.ring.length * 2);
    ring.set(this.ring);
    ringCancelled.set(this.ringCancelled);
    this.ring = ring;
    this.ringCancelled = ringCancelled;
    this.ringChanged();
  }

  /** The seq at which push must call seqBoundary, for the current ring. */
  seqLimit(): number {
    return this.ring.length < TIME_RING ? this.ring.length : MAX_SEQ;
  }

  /** Hands the current ring to the core that writes it. */
  protected abstract ringChanged(): void;
}
