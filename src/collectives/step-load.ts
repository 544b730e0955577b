/**
 * What one step asks of the hardware: bytes each member sends and receives (its DMA work) and the
 * bytes between each pair of distinct chips (its flows). Shared by the runner and the closed form.
 * Chip pairs are indexed by the chips' positions in the group, a x m + c (a dense m x m table up to
 * 512 chips, reused across steps, so a 64-chip mesh step costs no per-pair allocation; a map
 * beyond). Pair indices are float64: a group of a million chips has 1e12 of them.
 */
import type { GroupPlacement } from './group.js';
import type { Step } from './schedule.js';

export class StepLoad {
  readonly send: Float64Array;
  readonly recv: Float64Array;
  /** Bytes from chip position a to chip position c at index a * m + c (valid for the listed pairs). */
  private readonly pairBytes: Float64Array | undefined;
  private readonly sparse: Map<number, number> | undefined;
  /** Pair indices with bytes, in first-touch order (deterministic). */
  pairs: Float64Array;
  pairCount = 0;
  private readonly m: number;
  private readonly chipPos: Int32Array;

  constructor(private readonly g: GroupPlacement) {
    this.send = new Float64Array(g.size);
    this.recv = new Float64Array(g.size);
    this.m = g.chips.length;
    const pos = new Map<number, number>();
    g.chips.forEach((c, i) => pos.set(c, i));
    this.chipPos = Int32Array.from(g.chipOf, (c) => pos.get(c)!);
    // dense table up to 512 chips (2 MiB); beyond, a map
    if (this.m <= 512) this.pairBytes = new Float64Array(this.m * this.m);
    else this.sparse = new Map();
    this.pairs = new Float64Array(Math.min(this.m * this.m, 1024));
  }

  private add(a: number, c: number, b: number): void {
    const key = a * this.m + c;
    if (this.pairBytes) {
      if (this.pairBytes[key] === 0) this.push(key);
      this.pairBytes[key]! += b;
    } else {
      const v = this.sparse!.get(key);
      if (v === undefined) this.push(key);
      this.sparse!.set(key, (v ?? 0) + b);
    }
  }

  private push(key: number): void {
    if (this.pairCount === this.pairs.length) {
      const p = new Float64Array(this.pairs.length * 2);
      p.set(this.pairs);
      this.pairs = p;
    }
    this.pairs[this.pairCount++] = key;
  }

  /** Source chip (global index) of listed pair i. */
  srcChip(i: number): number {
    return this.g.chips[Math.floor(this.pairs[i]! / this.m)]!;
  }
  dstChip(i: number): number {
    return this.g.chips[this.pairs[i]! % this.m]!;
  }
  bytes(i: number): number {
    const key = this.pairs[i]!;
    return this.pairBytes ? this.pairBytes[key]! : this.sparse!.get(key)!;
  }

  /** Loads step `st`. */
  load(st: Step): void {
    const { send, recv, chipPos } = this;
    send.fill(0);
    recv.fill(0);
    if (this.pairBytes) for (let i = 0; i < this.pairCount; i++) this.pairBytes[this.pairs[i]!] = 0;
    else this.sparse!.clear();
    this.pairCount = 0;
    for (let t = 0; t < st.count; t++) {
      const f = st.from[t]!, to = st.to[t]!, b = st.bytes[t]!;
      send[f]! += b;
      recv[to]! += b;
      const a = chipPos[f]!, c = chipPos[to]!;
      if (a !== c) this.add(a, c, b);
    }
    const b = st.allPairsBytes;
    if (b > 0) {
      const g = this.g;
      const peers = (g.size - 1) * b;
      for (let i = 0; i < g.size; i++) {
        send[i]! += peers;
        recv[i]! += peers;
      }
      // members on chip a send b to each member on chip c: counts[a] x counts[c] x b between them
      const counts = g.chipCounts;
      for (let a = 0; a < this.m; a++) for (let c = 0; c < this.m; c++) if (a !== c) this.add(a, c, counts[a]! * counts[c]! * b);
    }
  }
}
