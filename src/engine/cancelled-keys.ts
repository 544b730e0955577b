/**
 * The keys (time, seq) of cancelled events that are still in a pending-event set, as a small
 * min-heap on typed arrays. Both queue kinds cancel lazily: the entry stays where it is and is
 * discarded when it reaches the top, which is exactly when its key is the smallest cancelled key
 * (every key here is still pending). Off the hot path: the dispatch loops only test `count`.
 */
export class CancelledKeys {
  /** Number of keys held. */
  count = 0;
  private CT = new Float64Array(16);
  private CS = new Float64Array(16);

  /** Seq of the smallest key (meaningful when count > 0). */
  get minSeq(): number {
    return this.CS[0]!;
  }

  /** True when a key with this seq is held (a scan: used only for handles older than the ring). */
  hasSeq(seq: number): boolean {
    for (let k = 0; k < this.count; k++) if (this.CS[k] === seq) return true;
    return false;
  }

  add(t: number, s: number): void {
    if (this.count === this.CT.length) {
      const ct = new Float64Array(this.CT.length * 2), cs = new Float64Array(this.CT.length * 2);
      ct.set(this.CT);
      cs.set(this.CS);
      this.CT = ct;
      this.CS = cs;
    }
    const CT = this.CT, CS = this.CS;
    let e = this.count++;
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

  /** Removes the smallest key. */
  removeMin(): void {
    const CT = this.CT, CS = this.CS;
    const n = --this.count;
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

  clear(): void {
    this.count = 0;
  }
}
