/**
 * Chips joined through switches, as a tree of at most two levels plus optional direct "pair" links
 * between the two halves of the unit ([nsdk-trn3-arch] for Trn3; [nvidia-h100] for NVSwitch):
 * - h100-8x: 8 GPUs on one NVSwitch node (the NVSwitch chips modelled as one non-blocking node).
 * - trn3-ultraserver-64 (Gen1): two NeuronSwitch-v1, one per half (servers 0-1 and 2-3); chip i
 *   of server s has a direct NeuronLink-v4 to chip i of server s+2.
 * - trn3-ultraserver-144 (Gen2): a first-level switch per 4-chip server, two second-level switches
 *   (servers 0-17, 18-35); chip i of server k has a direct link to chip i of server k+18.
 *
 * Unit-local nodes: chips 0..C-1, then L1 switches, then L2 switches. Unit-local links:
 * chip c up 2c, down 2c+1; then pair links C*2 + c (c -> its partner); then L1 j to its L2 up and
 * down. Routing: up the tree to the lowest common switch and down; between halves, the direct link
 * first then the tree (or the tree first when bit 0 of `salt` is set).
 */
import type { LinkKind } from './types.js';
import type { UnitFabric } from './fabric.js';

export interface SwitchFabricSpec {
  readonly label: string;
  readonly chipsPerUnit: number;
  readonly chipsPerServer: number;
  /** Chips under one first-level switch. */
  readonly chipsPerL1: number;
  /** First-level switches under one second-level switch; 0 = no second level. */
  readonly l1PerL2: number;
  /** Direct links between chip c and chip c +/- C/2. */
  readonly halfPairs: boolean;
  readonly chipLinkKind: LinkKind;
  /** Chip <-> L1 switch, each direction. */
  readonly chipSwitchBytesPerSecond: number;
  readonly chipSwitchLatencyS: number;
  /** Chip -> partner chip. */
  readonly pairBytesPerSecond: number;
  readonly pairLatencyS: number;
  /** L1 <-> L2, each direction. */
  readonly uplinkBytesPerSecond: number;
  readonly uplinkLatencyS: number;
  /** Suffix of chip <-> switch links: 'nl' (NeuronSwitch) or 'nvl' (NVSwitch). */
  readonly chipLinkPrefix: string;
}

export class SwitchFabric implements UnitFabric {
  readonly description: string;
  readonly chipsPerUnit: number;
  readonly switchesPerUnit: number;
  readonly linksPerUnit: number;
  readonly maxOutDegree: number;
  readonly chipLinkSuffixes: readonly string[];
  private readonly l1Count: number;
  private readonly l2Count: number;
  private readonly pairBase: number;
  private readonly uplinkBase: number;
  private readonly half: number;

  constructor(private readonly spec: SwitchFabricSpec) {
    const C = spec.chipsPerUnit;
    this.chipsPerUnit = C;
    this.l1Count = C / spec.chipsPerL1;
    this.l2Count = spec.l1PerL2 > 0 ? this.l1Count / spec.l1PerL2 : 0;
    this.switchesPerUnit = this.l1Count + this.l2Count;
    this.half = C / 2;
    this.pairBase = 2 * C;
    this.uplinkBase = this.pairBase + (spec.halfPairs ? C : 0);
    this.linksPerUnit = this.uplinkBase + (this.l2Count > 0 ? 2 * this.l1Count : 0);
    this.maxOutDegree = Math.max(2, spec.chipsPerL1 + 1, spec.l1PerL2);
    const p = spec.chipLinkPrefix;
    this.chipLinkSuffixes = spec.halfPairs ? [`${p}.up`, `${p}.down`, 'direct'] : [`${p}.up`, `${p}.down`];
    const levels = this.l2Count > 0 ? 'two-level switch' : 'switch';
    this.description = `${C} chips through a ${levels}${spec.halfPairs ? ' plus direct links between halves' : ''} (${spec.label})`;
  }

  private l1Of(chip: number): number {
    return Math.floor(chip / this.spec.chipsPerL1);
  }

  private l2Of(l1: number): number {
    return Math.floor(l1 / this.spec.l1PerL2);
  }

  private partner(chip: number): number {
    return chip < this.half ? chip + this.half : chip - this.half;
  }

  private inSameTree(a: number, b: number): boolean {
    if (!this.spec.halfPairs) return true;
    return a < this.half === b < this.half;
  }

  linkSrc(l: number): number {
    const C = this.chipsPerUnit;
    if (l < this.pairBase) return (l & 1) === 0 ? l >> 1 : C + this.l1Of(l >> 1);
    if (l < this.uplinkBase) return l - this.pairBase;
    const r = l - this.uplinkBase;
    const j = r >> 1;
    return (r & 1) === 0 ? C + j : C + this.l1Count + this.l2Of(j);
  }

  linkDst(l: number): number {
    const C = this.chipsPerUnit;
    if (l < this.pairBase) return (l & 1) === 0 ? C + this.l1Of(l >> 1) : l >> 1;
    if (l < this.uplinkBase) return this.partner(l - this.pairBase);
    const r = l - this.uplinkBase;
    const j = r >> 1;
    return (r & 1) === 0 ? C + this.l1Count + this.l2Of(j) : C + j;
  }

  linkKind(l: number): LinkKind {
    if (l < this.pairBase) return this.spec.chipLinkKind;
    if (l < this.uplinkBase) return 'neuronlink';
    return 'switch';
  }

  linkBytesPerSecond(l: number): number {
    if (l < this.pairBase) return this.spec.chipSwitchBytesPerSecond;
    if (l < this.uplinkBase) return this.spec.pairBytesPerSecond;
    return this.spec.uplinkBytesPerSecond;
  }

  linkLatencyS(l: number): number {
    if (l < this.pairBase) return this.spec.chipSwitchLatencyS;
    if (l < this.uplinkBase) return this.spec.pairLatencyS;
    return this.spec.uplinkLatencyS;
  }

  linkNameParts(l: number): { chip: number; suffix: string } {
    const p = this.spec.chipLinkPrefix;
    if (l < this.pairBase) return { chip: l >> 1, suffix: (l & 1) === 0 ? `${p}.up` : `${p}.down` };
    if (l < this.uplinkBase) return { chip: l - this.pairBase, suffix: 'direct' };
    const r = l - this.uplinkBase;
    return { chip: -1, suffix: `sw${r >> 1}.${(r & 1) === 0 ? 'up' : 'down'}` };
  }

  chipLinkBySuffix(c: number, suffix: string): number {
    const p = this.spec.chipLinkPrefix;
    if (suffix === `${p}.up`) return 2 * c;
    if (suffix === `${p}.down`) return 2 * c + 1;
    if (suffix === 'direct' && this.spec.halfPairs) return this.pairBase + c;
    return -1;
  }

  switchLinkBySuffix(suffix: string): number {
    const m = /^sw(\d+)\.(up|down)$/.exec(suffix);
    if (!m || this.l2Count === 0) return -1;
    const j = Number(m[1]);
    if (j >= this.l1Count) return -1;
    return this.uplinkBase + 2 * j + (m[2] === 'up' ? 0 : 1);
  }

  outLinks(node: number, out: Int32Array): number {
    const C = this.chipsPerUnit;
    let n = 0;
    if (node < C) {
      out[n++] = 2 * node;
      if (this.spec.halfPairs) out[n++] = this.pairBase + node;
      return n;
    }
    if (node < C + this.l1Count) {
      const j = node - C;
      const first = j * this.spec.chipsPerL1;
      for (let c = first; c < first + this.spec.chipsPerL1; c++) out[n++] = 2 * c + 1;
      if (this.l2Count > 0) out[n++] = this.uplinkBase + 2 * j;
      return n;
    }
    const k = node - C - this.l1Count;
    for (let j = k * this.spec.l1PerL2; j < (k + 1) * this.spec.l1PerL2; j++) out[n++] = this.uplinkBase + 2 * j + 1;
    return n;
  }

  /** Tree route inside one half (or the whole unit without pairs). */
  private treeRoute(src: number, dst: number, out: Int32Array, offset: number): number {
    if (src === dst) return 0;
    let n = 0;
    const put = (l: number): void => {
      if (offset + n < out.length) out[offset + n] = l;
      n++;
    };
    put(2 * src);
    const a = this.l1Of(src);
    const b = this.l1Of(dst);
    if (a !== b) {
      put(this.uplinkBase + 2 * a);
      put(this.uplinkBase + 2 * b + 1);
    }
    put(2 * dst + 1);
    return n;
  }

  private treeHops(src: number, dst: number): number {
    if (src === dst) return 0;
    return this.l1Of(src) === this.l1Of(dst) ? 2 : 4;
  }

  route(src: number, dst: number, out: Int32Array, offset: number, salt: number): number {
    if (this.inSameTree(src, dst)) return this.treeRoute(src, dst, out, offset);
    const p = this.pairBase;
    if ((salt & 1) === 0) {
      if (offset < out.length) out[offset] = p + src;
      return 1 + this.treeRoute(this.partner(src), dst, out, offset + 1);
    }
    const mid = this.partner(dst);
    const n = this.treeRoute(src, mid, out, offset);
    if (offset + n < out.length) out[offset + n] = p + mid;
    return n + 1;
  }

  hopCount(src: number, dst: number): number {
    if (this.inSameTree(src, dst)) return this.treeHops(src, dst);
    return 1 + this.treeHops(this.partner(src), dst);
  }

  diameter(): number {
    if (this.chipsPerUnit === 1) return 0;
    const tree = this.l2Count > 0 ? 4 : 2;
    return this.spec.halfPairs ? tree + 1 : tree;
  }

  /**
   * Min over the natural cuts (one direction): between the halves (only the C/2 pair links cross);
   * through the switch tree (half the chips' switch links, or half the L1 uplinks).
   */
  bisectionBytesPerSecond(): number {
    const s = this.spec;
    const C = this.chipsPerUnit;
    let best = Infinity;
    if (s.halfPairs) best = Math.min(best, this.half * s.pairBytesPerSecond);
    if (this.l2Count > 0) {
      // each half split in two: half of all L1 uplinks cross (pairs can stay on one side)
      best = Math.min(best, (this.l1Count / 2) * s.uplinkBytesPerSecond);
    } else if (!s.halfPairs) {
      best = Math.min(best, (C / 2) * s.chipSwitchBytesPerSecond);
    }
    return best;
  }

  chipEgressBytesPerSecond(): number {
    return this.spec.chipSwitchBytesPerSecond + (this.spec.halfPairs ? this.spec.pairBytesPerSecond : 0);
  }
}
