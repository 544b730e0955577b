/**
 * A k-ary torus of chips with wraparound in every dimension ([nsdk-trn2-arch], [nsdk-collectives], [nsdk-trn1-arch]): trn2.48xlarge
 * and trn1.32xlarge are 4x4, a Trn2 UltraServer 4x4x4 with Z across its four servers. Chip index
 * = x + X*(y + Y*z). Chip c has 2 links per dimension, link id = c*2D + 2d + (0 for +, 1 for -).
 * Routing is dimension-order (x, then y, then z), the shorter way round each ring; a tie (distance
 * k/2) goes + unless bit d of `salt` is set.
 */
import type { LinkKind } from './types.js';
import type { UnitFabric } from './fabric.js';

const DIM_NAMES = ['x', 'y', 'z', 'w'];

export interface TorusDimension {
  readonly size: number;
  readonly bytesPerSecond: number;
  readonly latencyS: number;
}

export class TorusFabric implements UnitFabric {
  readonly description: string;
  readonly chipsPerUnit: number;
  readonly switchesPerUnit = 0;
  readonly linksPerUnit: number;
  readonly maxOutDegree: number;
  readonly chipLinkSuffixes: readonly string[];
  /** Sizes of the dimensions that carry links (x first). */
  readonly dims: readonly number[];
  private readonly sizes: Int32Array;
  private readonly strides: Int32Array;
  private readonly bw: Float64Array;
  private readonly lat: Float64Array;
  private readonly nd: number;

  constructor(dims: readonly TorusDimension[], label: string) {
    // dimensions of size 1 carry no links
    const used = dims.filter((d) => d.size > 1);
    this.dims = used.map((d) => d.size);
    this.nd = used.length;
    this.sizes = Int32Array.from(used.map((d) => d.size));
    this.bw = Float64Array.from(used.map((d) => d.bytesPerSecond));
    this.lat = Float64Array.from(used.map((d) => d.latencyS));
    this.strides = new Int32Array(this.nd);
    let n = 1;
    for (let d = 0; d < this.nd; d++) {
      this.strides[d] = n;
      n *= this.sizes[d]!;
    }
    this.chipsPerUnit = dims.reduce((a, d) => a * d.size, 1);
    this.linksPerUnit = this.chipsPerUnit * 2 * this.nd;
    this.maxOutDegree = 2 * this.nd;
    const suffixes: string[] = [];
    for (let d = 0; d < this.nd; d++) suffixes.push(`${DIM_NAMES[d]}+`, `${DIM_NAMES[d]}-`);
    this.chipLinkSuffixes = suffixes;
    this.description = this.nd === 0 ? `single chip (${label})` : `${used.map((d) => d.size).join('x')} ${this.nd}D torus with wraparound (${label})`;
  }

  private coord(chip: number, d: number): number {
    return Math.floor(chip / this.strides[d]!) % this.sizes[d]!;
  }

  private neighbour(chip: number, d: number, plus: boolean): number {
    const k = this.sizes[d]!;
    const s = this.strides[d]!;
    const c = this.coord(chip, d);
    const nc = plus ? (c + 1) % k : (c + k - 1) % k;
    return chip + (nc - c) * s;
  }

  linkSrc(l: number): number {
    return Math.floor(l / (2 * this.nd));
  }

  linkDst(l: number): number {
    const per = 2 * this.nd;
    const chip = Math.floor(l / per);
    const r = l - chip * per;
    return this.neighbour(chip, r >> 1, (r & 1) === 0);
  }

  linkKind(_l: number): LinkKind {
    return 'neuronlink';
  }

  linkBytesPerSecond(l: number): number {
    return this.bw[(l % (2 * this.nd)) >> 1]!;
  }

  linkLatencyS(l: number): number {
    return this.lat[(l % (2 * this.nd)) >> 1]!;
  }

  linkNameParts(l: number): { chip: number; suffix: string } {
    const per = 2 * this.nd;
    const chip = Math.floor(l / per);
    return { chip, suffix: this.chipLinkSuffixes[l - chip * per]! };
  }

  chipLinkBySuffix(localChip: number, suffix: string): number {
    const i = this.chipLinkSuffixes.indexOf(suffix);
    return i < 0 ? -1 : localChip * 2 * this.nd + i;
  }

  switchLinkBySuffix(_suffix: string): number {
    return -1;
  }

  outLinks(localNode: number, out: Int32Array): number {
    const per = 2 * this.nd;
    for (let i = 0; i < per; i++) out[i] = localNode * per + i;
    return per;
  }

  route(src: number, dst: number, out: Int32Array, offset: number, salt: number): number {
    const per = 2 * this.nd;
    let cur = src;
    let n = 0;
    for (let d = 0; d < this.nd; d++) {
      const k = this.sizes[d]!;
      const delta = (this.coord(dst, d) - this.coord(cur, d) + k) % k;
      if (delta === 0) continue;
      const tie = 2 * delta === k;
      const plus = tie ? ((salt >> d) & 1) === 0 : delta < k - delta;
      const steps = plus ? delta : k - delta;
      for (let i = 0; i < steps; i++) {
        if (offset + n < out.length) out[offset + n] = cur * per + 2 * d + (plus ? 0 : 1);
        n++;
        cur = this.neighbour(cur, d, plus);
      }
    }
    return n;
  }

  hopCount(src: number, dst: number): number {
    let h = 0;
    for (let d = 0; d < this.nd; d++) {
      const k = this.sizes[d]!;
      const delta = (this.coord(dst, d) - this.coord(src, d) + k) % k;
      h += Math.min(delta, k - delta);
    }
    return h;
  }

  /** Sum over dimensions of floor(k/2). */
  diameter(): number {
    let h = 0;
    for (let d = 0; d < this.nd; d++) h += Math.floor(this.sizes[d]! / 2);
    return h;
  }

  /**
   * Closed form: cutting a k-ring dimension in half severs 2 links per ring (one of them the
   * wraparound), and there are N/k rings, so min over d of 2 (N/k_d) B_d per direction.
   */
  bisectionBytesPerSecond(): number {
    if (this.nd === 0) return 0;
    let best = Infinity;
    for (let d = 0; d < this.nd; d++) {
      const k = this.sizes[d]!;
      // a 2-ring has its + and - links both crossing the cut: 2 (N/2) links as well
      best = Math.min(best, (2 * this.chipsPerUnit * this.bw[d]!) / k);
    }
    return best;
  }

  chipEgressBytesPerSecond(): number {
    let s = 0;
    for (let d = 0; d < this.nd; d++) s += 2 * this.bw[d]!;
    return s;
  }
}
