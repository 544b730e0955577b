/**
 * The ladder queue's storage and per-event code (see ladder-queue.ts for the structure and why):
 * one closure per capacity, its arrays `const` bindings, its integer state `let` bindings.
 */
import { KIND_SPAN, INV_KIND_SPAN, type Handlers } from './pending-queue.js';
import type { LadderEventQueue } from './ladder-queue.js';

/** Doubles per pool slot: time, packed seq and kind, a, b, and padding to one 64-byte line. */
const STRIDE = 8;
const SHIFT = 3; // log2(STRIDE)
/** Target number of events in each of the earliest buckets of a new rung. */
const BUCKET_FILL = 48;
/** Times sampled from the top to set a new rung's width. */
const SAMPLE = 64;
/** The bottom heap is re-bucketed when it exceeds max(this, twice its size after the last rebuild, pending / 4). */
const BOTTOM_LIMIT = 1024;

/** Indices into the double scalars F. */
const START = 0, INV_W = 1, TOP_MIN = 2, TOP_MAX = 3;

/** The integer state of a ladder core, handed to its successor when the pool grows. */
interface LadderState {
  HEAD: Int32Array;
  F: Float64Array;
  hSize: number;
  rootVacant: boolean;
  nB: number;
  cur: number;
  rungCount: number;
  topHead: number;
  topCount: number;
  bottomLimit: number;
  stats: LadderStats;
}

/** Counters of the ladder's structural work (for tests and tuning; not per event). */
export interface LadderStats {
  /** Rungs built from the top. */
  rungsBuilt: number;
  /** Buckets opened into the bottom heap. */
  bucketsOpened: number;
  /** Events moved into the bottom heap by opening buckets. */
  eventsOpened: number;
  /** Rebuilds because direct pushes made the bottom heap large. */
  rebuckets: number;
}

export interface LadderCore {
  readonly P: Float64Array;
  readonly NX: Int32Array;
  readonly HT: Float64Array;
  readonly HI: Int32Array;
  readonly capacity: number;
  push(time: number, kind: number, a: number, b: number): number;
  dispatch(handlers: Handlers, untilS: number, maxEvents: number): number;
  /** Settles the root, opens a bucket if the bottom is empty, drops cancelled tops. */
  prepare(): void;
  /** Pops the (prepared) root into the queue's last* fields; returns its seq, or -1. */
  pop(untilS: number): number;
  /** Time of the prepared root, Infinity when empty. */
  rootTime(): number;
  /** Pending entries (live and cancelled). */
  pending(): number;
  findTime(seq: number): number;
  clear(): void;
  state(): LadderState;
  /** Takes the queue's (grown) ring. */
  setRing(): void;
  readonly stats: LadderStats;
}

/**
 * The pool, heap and bucket arrays of one capacity (copied from `from` when growing) and the
 * functions that touch them per event. Arrays are `const` bindings and the integer state `let`
 * bindings of this closure (faster in V8 than object fields; see heap-queue.ts); the double
 * state (rung start, inverse width, top min and max) is in F, because a double in a closure
 * variable is boxed on every write. No function called per event takes a double argument (a
 * double passed to a call that V8 does not inline is boxed too): moving entries are read from P.
 */
export function makeLadderCore(q: LadderEventQueue, cap: number, from: LadderCore | undefined): LadderCore {
  const P = new Float64Array(cap * STRIDE);
  const NX = new Int32Array(cap);
  const FREE = new Int32Array(cap);
  const HT = new Float64Array(cap);
  const HI = new Int32Array(cap);
  // the ring is replaced when it grows (setRing): let bindings, read once per push
  let ring = q.ring;
  let ringCancelled = q.ringCancelled;
  let ringMask = ring.length - 1;
  let seqLimit = q.seqLimit();
  const ck = q.cancelled;
  const sample = new Float64Array(SAMPLE);
  const st: LadderState =
    from === undefined
      ? {
          HEAD: new Int32Array(16).fill(-1),
          F: Float64Array.of(0, 0, Infinity, -Infinity),
          hSize: 0,
          rootVacant: false,
          nB: 0,
          cur: -1,
          rungCount: 0,
          topHead: -1,
          topCount: 0,
          bottomLimit: BOTTOM_LIMIT,
          stats: { rungsBuilt: 0, bucketsOpened: 0, eventsOpened: 0, rebuckets: 0 },
        }
      : from.state();
  const stats = st.stats;
  const F = st.F;
  let HEAD = st.HEAD;
  let hSize = st.hSize;
  let rootVacant = st.rootVacant;
  let nB = st.nB;
  let cur = st.cur;
  let rungCount = st.rungCount;
  let topHead = st.topHead;
  let topCount = st.topCount;
  let bottomLimit = st.bottomLimit;
  let nFree = 0;
  if (from !== undefined) {
    P.set(from.P);
    NX.set(from.NX);
    HT.set(from.HT);
    HI.set(from.HI);
  }
  // a full old pool hands over no free slots: the new ones are old capacity .. cap - 1
  freeSlotsFrom(from === undefined ? 0 : from.capacity);

  /** Makes the slots first .. cap - 1 the free list, lowest on top. */
  function freeSlotsFrom(first: number): void {
    nFree = 0;
    for (let i = cap - 1; i >= first; i--) FREE[nFree++] = i << SHIFT;
  }

  function push(time: number, kind: number, a: number, b: number): number {
    if (nFree === 0) return q.growThenPush(time, kind, a, b);
    const s = FREE[--nFree]!;
    const seq = q.nextSeq++;
    if (seq === seqLimit) q.seqBoundary(seq);
    P[s] = time;
    P[s + 1] = seq * KIND_SPAN + kind;
    P[s + 2] = a;
    P[s + 3] = b;
    ring[seq & ringMask] = time;
    ringCancelled[seq & ringMask] = 0;
    place(s);
    return seq;
  }

  /**
   * Puts the entry at pool offset s into the tier its time belongs to. The common case, a bucket
   * of the rung, is small enough for V8 to inline into push (and push into the handler's
   * schedule); the other tiers are placeOther.
   */
  function place(s: number): void {
    const idx = Math.floor((P[s]! - F[START]!) * F[INV_W]!);
    if (idx > cur && idx < nB) {
      NX[s >> SHIFT] = HEAD[idx]!;
      HEAD[idx] = s;
      rungCount++;
    } else placeOther(s, idx);
  }

  /**
   * place() for the top (idx >= nB) and the bottom heap (idx <= cur; also NaN, which only a
   * degenerate rung of zero inverse width produces). Deliberately above V8's inlining limit (460
   * bytes of bytecode; the replace-top sift is written out): its rare branches (the bottom, a
   * rebucket) then never sit, without type feedback, inside the optimised dispatch loop, where
   * meeting one would deoptimise the loop (seen as bursts of scavenges in bench/gc-check.ts).
   */
  function placeOther(s: number, idx: number): void {
    const t = P[s]!;
    if (idx > cur) {
      // toTop() written out, like the sift below: both keep this function above the inlining limit
      NX[s >> SHIFT] = topHead;
      topHead = s;
      topCount++;
      if (t < F[TOP_MIN]!) F[TOP_MIN] = t;
      if (t > F[TOP_MAX]!) F[TOP_MAX] = t;
      return;
    }
    let e: number;
    if (rootVacant) {
      // replace-top: sift the new entry down from the root hole
      rootVacant = false;
      const n = hSize, ks = P[s + 1]!;
      e = 0;
      for (;;) {
        let c = 2 * e + 1;
        if (c >= n) break;
        let ct = HT[c]!;
        if (c + 1 < n) {
          const rt = HT[c + 1]!;
          if (rt < ct || (rt === ct && P[HI[c + 1]! + 1]! < P[HI[c]! + 1]!)) {
            c++;
            ct = rt;
          }
        }
        if (t < ct || (t === ct && ks < P[HI[c]! + 1]!)) break;
        HT[e] = ct;
        HI[e] = HI[c]!;
        e = c;
      }
    } else {
      e = hSize++;
      while (e > 0) {
        const p = (e - 1) >> 1;
        const pt = HT[p]!;
        if (pt < t || (pt === t && P[HI[p]! + 1]! < P[s + 1]!)) break;
        HT[e] = pt;
        HI[e] = HI[p]!;
        e = p;
      }
    }
    HT[e] = t;
    HI[e] = s;
    if (hSize > bottomLimit) rebucket();
  }

  /** Sifts the heap entry at e down within the first n entries. Ties go to the smaller seq. */
  function siftDown(e: number, n: number): void {
    const t = HT[e]!, s = HI[e]!;
    for (;;) {
      let c = 2 * e + 1;
      if (c >= n) break;
      let ct = HT[c]!;
      if (c + 1 < n) {
        const rt = HT[c + 1]!;
        if (rt < ct || (rt === ct && P[HI[c + 1]! + 1]! < P[HI[c]! + 1]!)) {
          c++;
          ct = rt;
        }
      }
      if (t < ct || (t === ct && P[s + 1]! < P[HI[c]! + 1]!)) break;
      HT[e] = ct;
      HI[e] = HI[c]!;
      e = c;
    }
    HT[e] = t;
    HI[e] = s;
  }

  /** Fills the root hole left by a pop with the last heap entry. */
  function fillRoot(): void {
    rootVacant = false;
    const n = --hSize;
    if (n === 0) return;
    HT[0] = HT[n]!;
    HI[0] = HI[n]!;
    siftDown(0, n);
  }

  /** With the bottom empty: opens the next non-empty bucket, building a rung first if needed. */
  function openNext(): boolean {
    if (rungCount === 0 && !nextRung()) return false;
    // the increment runs on every call, so that V8 has type feedback for it when an empty bucket
    // is first met (in HOLD, after millions of events: a deopt then would allocate)
    let j = cur;
    do j++;
    while (HEAD[j] === -1);
    cur = j;
    let s = HEAD[j]!;
    HEAD[j] = -1;
    let n = 0;
    while (s !== -1) {
      HT[n] = P[s]!;
      HI[n] = s;
      n++;
      s = NX[s >> SHIFT]!;
    }
    rungCount -= n;
    hSize = n;
    stats.bucketsOpened++;
    stats.eventsOpened += n;
    for (let i = (n >> 1) - 1; i >= 0; i--) siftDown(i, n);
    return true;
  }

  /** The rung is used up: builds the next from the top, or resets when the queue is empty. */
  function nextRung(): boolean {
    if (topCount !== 0) {
      buildRung();
      return true;
    }
    // empty: forget the rung, so that the next events start a fresh one from the top
    nB = 0;
    cur = -1;
    F[START] = 0;
    F[INV_W] = 0;
    bottomLimit = BOTTOM_LIMIT;
    return false;
  }

  /**
   * Builds a rung from the top (every bucket of the old one is empty): the width makes the
   * earliest buckets hold about BUCKET_FILL events, estimated from the lower quartile of a sample
   * of the top's times; events beyond the rung's end stay in the top.
   */
  function buildRung(): void {
    const n = topCount, min = F[TOP_MIN]!, max = F[TOP_MAX]!;
    stats.rungsBuilt++;
    // sample every step-th event of the list (its order is unrelated to time order)
    const k = Math.min(SAMPLE, n), step = Math.floor(n / k);
    let m = 0;
    for (let s = topHead, i = 0; s !== -1 && m < k; s = NX[s >> SHIFT]!, i++) {
      if (i % step !== 0) continue;
      // insertion sort into the preallocated buffer (k <= 64)
      const t = P[s]!;
      let j = m++;
      while (j > 0 && sample[j - 1]! > t) {
        sample[j] = sample[j - 1]!;
        j--;
      }
      sample[j] = t;
    }
    const qi = k >> 2;
    const quartileSpan = sample[qi]! - min;
    // about (qi + 0.5) / k of the events lie in [min, quartile]: events per unit time near the front
    let invW = quartileSpan > 0 ? (n * (qi + 0.5)) / k / quartileSpan / BUCKET_FILL : 0;
    if (!(invW > 0 && invW < Infinity)) {
      // a quarter or more share the minimum time: spread over max - min, or all in one bucket
      const span = max - min;
      invW = span > 0 && span < Infinity ? n / span : 0;
      if (!(invW < Infinity)) invW = 0;
    }
    // a rung of n + 1 empty buckets from min; the top's events move into it (or back to the top).
    // One function with the sampling above, so that it is too large for V8 to inline into the
    // dispatch loop (see placeOther)
    const nb = n + 1;
    if (HEAD.length < nb) HEAD = new Int32Array(Math.max(nb, HEAD.length * 2)).fill(-1);
    nB = nb;
    cur = -1;
    F[START] = min;
    F[INV_W] = invW;
    let s = topHead;
    topHead = -1;
    topCount = 0;
    F[TOP_MIN] = Infinity;
    F[TOP_MAX] = -Infinity;
    while (s !== -1) {
      const next = NX[s >> SHIFT]!;
      place(s);
      s = next;
    }
  }

  /**
   * The bottom grew past bottomLimit from direct pushes: put every pending entry back in the top
   * and build a fresh rung over them. The heap's root must be settled (it is: place calls this
   * after a sift-up, and a vacant root is filled before any push can append).
   */
  function rebucket(): void {
    stats.rebuckets++;
    for (let e = 0; e < hSize; e++) toTop(HI[e]!);
    hSize = 0;
    for (let j = cur + 1; j < nB && rungCount > 0; j++) {
      for (let s = HEAD[j]!; s !== -1; ) {
        const next = NX[s >> SHIFT]!;
        toTop(s);
        rungCount--;
        s = next;
      }
      HEAD[j] = -1;
    }
    rungCount = 0;
    buildRung();
    openNext();
    // the next rebuild needs at least max(hSize, pending / 8) more pushes into the bottom, which
    // pay for its O(pending) cost: amortised O(1) per event even when rebuilding does not help
    bottomLimit = Math.max(BOTTOM_LIMIT, 2 * hSize, (cap - nFree) >> 2);
  }

  function toTop(s: number): void {
    const t = P[s]!;
    NX[s >> SHIFT] = topHead;
    topHead = s;
    topCount++;
    if (t < F[TOP_MIN]!) F[TOP_MIN] = t;
    if (t > F[TOP_MAX]!) F[TOP_MAX] = t;
  }

  /** Frees the root's slot and leaves the root vacant. */
  function removeRoot(): void {
    FREE[nFree++] = HI[0]!;
    rootVacant = true;
  }

  /** Discards cancelled entries from the top (the smallest cancelled key is the root exactly when equal). */
  function dropCancelled(): void {
    for (;;) {
      // a bottom emptied by the drops is refilled before returning
      if (hSize === 0 && !openNext()) return;
      if (ck.count === 0 || Math.floor(P[HI[0]! + 1]! * INV_KIND_SPAN) !== ck.minSeq) return;
      ck.removeMin();
      removeRoot();
      fillRoot();
    }
  }

  function prepare(): void {
    if (rootVacant) fillRoot();
    if (hSize === 0) openNext();
    if (ck.count !== 0) dropCancelled();
  }

  function dispatch(handlers: Handlers, untilS: number, maxEvents: number): number {
    let n = 0;
    prepare();
    while (n < maxEvents && !q.interrupt) {
      if (hSize === 0) break;
      const t = HT[0]!;
      if (t > untilS) break;
      const s = HI[0]!;
      q.nowS = t;
      const sk = P[s + 1]!;
      q.lastKey = sk;
      // the slot is free before the handler runs: its push reuses it (in cache); the payload is
      // read into the call's arguments first
      FREE[nFree++] = s;
      rootVacant = true;
      n++;
      q.dispatched++;
      handlers[sk - Math.floor(sk * INV_KIND_SPAN) * KIND_SPAN]!(P[s + 2]!, P[s + 3]!);
      // stop(), a hook change, or growth (this core is then stale): the caller re-enters
      if (q.interrupt) break;
      if (rootVacant) fillRoot();
      if (hSize === 0) openNext();
      if (ck.count !== 0) dropCancelled();
    }
    return n;
  }

  function pop(untilS: number): number {
    if (hSize === 0 || HT[0]! > untilS) return -1;
    const s = HI[0]!;
    q.nowS = HT[0]!;
    const sk = (q.lastKey = P[s + 1]!);
    const seq = Math.floor(sk * INV_KIND_SPAN);
    q.setPopped(sk - seq * KIND_SPAN, P[s + 2]!, P[s + 3]!);
    removeRoot();
    return seq;
  }

  function rootTime(): number {
    return hSize > 0 ? HT[0]! : Infinity;
  }

  function pending(): number {
    return cap - nFree;
  }

  function findTime(seq: number): number {
    const lo = seq * KIND_SPAN, hi = lo + KIND_SPAN;
    const hit = (s: number): boolean => P[s + 1]! >= lo && P[s + 1]! < hi;
    for (let e = rootVacant ? 1 : 0; e < hSize; e++) if (hit(HI[e]!)) return P[HI[e]!]!;
    for (let j = cur + 1; j < nB; j++) for (let s = HEAD[j]!; s !== -1; s = NX[s >> SHIFT]!) if (hit(s)) return P[s]!;
    for (let s = topHead; s !== -1; s = NX[s >> SHIFT]!) if (hit(s)) return P[s]!;
    return Number.NaN;
  }

  function clear(): void {
    HEAD.fill(-1);
    hSize = 0;
    rootVacant = false;
    nB = 0;
    cur = -1;
    rungCount = 0;
    topHead = -1;
    topCount = 0;
    bottomLimit = BOTTOM_LIMIT;
    F.set([0, 0, Infinity, -Infinity]);
    freeSlotsFrom(0);
  }

  function state(): LadderState {
    return { HEAD, F, hSize, rootVacant, nB, cur, rungCount, topHead, topCount, bottomLimit, stats };
  }

  function setRing(): void {
    ring = q.ring;
    ringCancelled = q.ringCancelled;
    ringMask = ring.length - 1;
    seqLimit = q.seqLimit();
  }

  return { P, NX, HT, HI, capacity: cap, stats, push, dispatch, prepare, pop, rootTime, pending, findTime, clear, state, setRing };
}
