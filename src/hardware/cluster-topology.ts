/**
 * The Topology of `unitCount` identical units (servers or UltraServers) joined by EFA, computed
 * arithmetically: nothing here is per chip, so a 1M-chip cluster costs a few objects.
 *
 * Node numbering: chips 0 .. N-1 (server-major); unit u's switches at N + u*S + s; then the EFA
 * switches (rail: one per rail, then the spine; clos: one leaf per server, then the spine).
 * Link numbering: unit u's fabric links at u*L + l; then per chip its EFA NIC up (chip -> rail or
 * leaf) at E0 + 2g and down at E0 + 2g + 1; then per rail (or leaf) its spine up and down.
 * Removed links are routed around: inside a unit by breadth-first search over the unit's links;
 * across EFA by leaving or entering a server through another chip's NIC.
 */
import type { LinkInfo, LinkKind, Topology } from './types.js';
import type { UnitFabric } from './fabric.js';
import { hardwareErrors } from './errors.js';

export type EfaTopologyKind = 'rail' | 'clos';

export interface EfaSpec {
  readonly topology: EfaTopologyKind;
  /** One NIC per chip, each direction. */
  readonly bytesPerSecondPerChip: number;
  /** Each of NIC up and NIC down. */
  readonly nicLatencyS: number;
  /** Rail/leaf <-> spine. */
  readonly switchHopLatencyS: number;
}

export interface LinkOverrideState {
  readonly scale: number;
  readonly removed: boolean;
  readonly latencyS?: number;
}

export interface ClusterShape {
  readonly fabric: UnitFabric;
  readonly unitCount: number;
  /** Chips per server: EFA rails are the chip's index within its server. */
  readonly chipsPerServer: number;
  /** undefined when there is a single unit (no EFA links are modelled). */
  readonly efa: EfaSpec | undefined;
  /** Names a chip in the documented scheme ("us3.s1.c5" / "s12.c3"). */
  readonly chipName: (chip: number) => string;
  /** Names a server ("us3.s1" / "s12"). */
  readonly serverName: (server: number) => string;
  /** Names a unit prefix for switch links ("us3" / "s12"). */
  readonly unitName: (unit: number) => string;
}

export class ClusterTopology implements Topology {
  readonly chipCount: number;
  readonly nodeCount: number;
  readonly linkCount: number;
  readonly fabric: UnitFabric;
  readonly unitCount: number;
  readonly efa: EfaSpec | undefined;
  private readonly C: number;
  private readonly L: number;
  private readonly S: number;
  private readonly cps: number;
  private readonly serverCount: number;
  private readonly e0: number;
  private readonly e1: number;
  private readonly efaNode0: number;
  private readonly tierCount: number;
  private readonly overrides = new Map<number, LinkOverrideState>();
  private removedCount = 0;
  // scratch for routes and breadth-first search (sized by the unit, not the cluster)
  private scratch: Int32Array;
  private readonly bfsPrev: Int32Array;
  private readonly bfsQueue: Int32Array;
  private readonly bfsOut: Int32Array;

  constructor(private readonly shape: ClusterShape) {
    const f = shape.fabric;
    this.fabric = f;
    this.unitCount = shape.unitCount;
    this.efa = shape.efa;
    this.C = f.chipsPerUnit;
    this.L = f.linksPerUnit;
    this.S = f.switchesPerUnit;
    this.cps = shape.chipsPerServer;
    this.chipCount = this.C * shape.unitCount;
    this.serverCount = this.chipCount / this.cps;
    this.e0 = this.L * shape.unitCount;
    this.e1 = this.e0 + (shape.efa ? 2 * this.chipCount : 0);
    this.efaNode0 = this.chipCount + this.S * shape.unitCount;
    this.tierCount = shape.efa ? (shape.efa.topology === 'rail' ? this.cps : this.serverCount) : 0;
    this.linkCount = this.e1 + 2 * this.tierCount;
    this.nodeCount = this.efaNode0 + (shape.efa ? this.tierCount + 1 : 0);
    const unitNodes = this.C + this.S;
    this.scratch = new Int32Array(4 * unitNodes + 16);
    this.bfsPrev = new Int32Array(unitNodes);
    this.bfsQueue = new Int32Array(unitNodes);
    this.bfsOut = new Int32Array(Math.max(8, f.maxOutDegree));
  }

  // ---- overrides -------------------------------------------------------------------------------

  /** Replaces a link's override (scale 0 < s <= 1, removal, latency). Not for the hot path. */
  setLinkOverride(link: number, o: LinkOverrideState): void {
    const prev = this.overrides.get(link);
    if (prev?.removed) this.removedCount--;
    this.overrides.set(link, o);
    if (o.removed) this.removedCount++;
  }

  linkOverride(link: number): LinkOverrideState | undefined {
    return this.overrides.get(link);
  }

  isRemoved(link: number): boolean {
    return this.removedCount > 0 && this.overrides.get(link)?.removed === true;
  }

  /** Links with an override, ascending. */
  overriddenLinks(): number[] {
    return [...this.overrides.keys()].sort((a, b) => a - b);
  }

  /**
   * The unit (server or UltraServer) a link belongs to: its fabric links, its chips' EFA NICs and
   * (Clos) its servers' leaf uplinks; -1 for links shared by every unit (rail uplinks).
   */
  linkUnit(l: number): number {
    if (l < this.e0) return Math.floor(l / this.L);
    if (l < this.e1) return Math.floor(((l - this.e0) >> 1) / this.C);
    if (this.efa?.topology === 'clos') return Math.floor((((l - this.e1) >> 1) * this.cps) / this.C);
    return -1;
  }

  // ---- link attributes -------------------------------------------------------------------------

  private baseBytesPerSecond(l: number): number {
    if (l < this.e0) return this.fabric.linkBytesPerSecond(l % this.L);
    const efa = this.efa!;
    if (l < this.e1) return efa.bytesPerSecondPerChip;
    // a rail or leaf uplink carries all the NICs below it (non-blocking EFA, an estimate)
    const below = efa.topology === 'rail' ? this.serverCount : this.cps;
    return below * efa.bytesPerSecondPerChip;
  }

  private baseLatencyS(l: number): number {
    if (l < this.e0) return this.fabric.linkLatencyS(l % this.L);
    if (l < this.e1) return this.efa!.nicLatencyS;
    return this.efa!.switchHopLatencyS;
  }

  linkBytesPerSecond(l: number): number {
    const base = this.baseBytesPerSecond(l);
    if (this.overrides.size === 0) return base;
    const o = this.overrides.get(l);
    if (o === undefined) return base;
    return o.removed ? 0 : base * o.scale;
  }

  linkLatencyS(l: number): number {
    if (this.overrides.size !== 0) {
      const o = this.overrides.get(l);
      if (o?.latencyS !== undefined) return o.latencyS;
    }
    return this.baseLatencyS(l);
  }

  private unitNodeToGlobal(u: number, local: number): number {
    return local < this.C ? u * this.C + local : this.chipCount + u * this.S + (local - this.C);
  }

  linkSrc(l: number): number {
    if (l < this.e0) {
      const u = Math.floor(l / this.L);
      return this.unitNodeToGlobal(u, this.fabric.linkSrc(l - u * this.L));
    }
    if (l < this.e1) {
      const g = (l - this.e0) >> 1;
      return ((l - this.e0) & 1) === 0 ? g : this.efaSwitchOfChip(g);
    }
    const t = (l - this.e1) >> 1;
    return ((l - this.e1) & 1) === 0 ? this.efaNode0 + t : this.efaNode0 + this.tierCount;
  }

  linkDst(l: number): number {
    if (l < this.e0) {
      const u = Math.floor(l / this.L);
      return this.unitNodeToGlobal(u, this.fabric.linkDst(l - u * this.L));
    }
    if (l < this.e1) {
      const g = (l - this.e0) >> 1;
      return ((l - this.e0) & 1) === 0 ? this.efaSwitchOfChip(g) : g;
    }
    const t = (l - this.e1) >> 1;
    return ((l - this.e1) & 1) === 0 ? this.efaNode0 + this.tierCount : this.efaNode0 + t;
  }

  linkKind(l: number): LinkKind {
    if (l < this.e0) return this.fabric.linkKind(l % this.L);
    return l < this.e1 ? 'efa' : 'switch';
  }

  linkName(l: number): string {
    if (!(Number.isInteger(l) && l >= 0 && l < this.linkCount)) throw hardwareErrors.badLinkId(l, this.linkCount);
    if (l < this.e0) {
      const u = Math.floor(l / this.L);
      const p = this.fabric.linkNameParts(l - u * this.L);
      return p.chip >= 0 ? `${this.shape.chipName(u * this.C + p.chip)}.${p.suffix}` : `${this.shape.unitName(u)}.${p.suffix}`;
    }
    if (l < this.e1) {
      const g = (l - this.e0) >> 1;
      return `${this.shape.chipName(g)}.efa.${((l - this.e0) & 1) === 0 ? 'up' : 'down'}`;
    }
    const t = (l - this.e1) >> 1;
    const dir = ((l - this.e1) & 1) === 0 ? 'up' : 'down';
    return this.efa!.topology === 'rail' ? `efa.rail${t}.${dir}` : `${this.shape.serverName(t)}.leaf.${dir}`;
  }

  link(l: number): LinkInfo {
    return {
      id: l,
      src: this.linkSrc(l),
      dst: this.linkDst(l),
      kind: this.linkKind(l),
      bytesPerSecond: this.linkBytesPerSecond(l),
      latencyS: this.linkLatencyS(l),
      name: this.linkName(l),
    };
  }

  // ---- link ids by structure (used by the id parser and by tests) ------------------------------

  unitLinkId(unit: number, localLink: number): number {
    return unit * this.L + localLink;
  }

  nicUpLink(chip: number): number {
    return this.efa ? this.e0 + 2 * chip : -1;
  }

  nicDownLink(chip: number): number {
    return this.efa ? this.e0 + 2 * chip + 1 : -1;
  }

  /** Rail r (rail) or server s (clos) to the spine: up; spine to it: down. */
  tierLink(index: number, up: boolean): number {
    if (!this.efa || index < 0 || index >= this.tierCount) return -1;
    return this.e1 + 2 * index + (up ? 0 : 1);
  }

  private efaSwitchOfChip(g: number): number {
    const t = this.efa!.topology === 'rail' ? g % this.cps : Math.floor(g / this.cps);
    return this.efaNode0 + t;
  }

  private tierOfChip(g: number): number {
    return this.efa!.topology === 'rail' ? g % this.cps : Math.floor(g / this.cps);
  }

  // ---- routing ---------------------------------------------------------------------------------

  route(src: number, dst: number, out: Int32Array, salt = 0): number {
    this.checkChip(src, 'src');
    this.checkChip(dst, 'dst');
    const n = this.routeInto(src, dst, salt);
    if (n < 0) throw hardwareErrors.partitioned(this.shape.chipName(src), this.shape.chipName(dst));
    const m = Math.min(n, out.length);
    for (let i = 0; i < m; i++) out[i] = this.scratch[i]!;
    return n;
  }

  hopCount(src: number, dst: number): number {
    this.checkChip(src, 'src');
    this.checkChip(dst, 'dst');
    if (this.removedCount === 0) return this.nominalHops(src, dst);
    const n = this.routeInto(src, dst, 0);
    if (n < 0) throw hardwareErrors.partitioned(this.shape.chipName(src), this.shape.chipName(dst));
    return n;
  }

  private checkChip(c: number, what: string): void {
    if (!(Number.isInteger(c) && c >= 0 && c < this.chipCount)) throw hardwareErrors.badChipIndex(what, c, this.chipCount);
  }

  private nominalHops(src: number, dst: number): number {
    if (src === dst) return 0;
    const us = Math.floor(src / this.C);
    const ud = Math.floor(dst / this.C);
    if (us === ud) return this.fabric.hopCount(src - us * this.C, dst - ud * this.C);
    if (this.efa!.topology === 'rail') return this.tierOfChip(src) === this.tierOfChip(dst) ? 2 : 4;
    return 4;
  }

  /** Route into this.scratch from 0; returns hops, or -1 when partitioned. */
  private routeInto(src: number, dst: number, salt: number): number {
    if (src === dst) return 0;
    const us = Math.floor(src / this.C);
    const ud = Math.floor(dst / this.C);
    if (us === ud) return this.intraRoute(us, src - us * this.C, dst - us * this.C, 0, salt);
    return this.efaRoute(src, dst, salt);
  }

  /** Route inside unit u between local chips into scratch[offset..]; -1 when partitioned. */
  private intraRoute(u: number, a: number, b: number, offset: number, salt: number): number {
    if (a === b) return 0;
    const base = u * this.L;
    if (offset + this.C + this.S + 8 > this.scratch.length) this.growScratch(offset + this.C + this.S + 8);
    const n = this.fabric.route(a, b, this.scratch, offset, salt);
    let broken = false;
    for (let i = offset; i < offset + n; i++) {
      const l = this.scratch[i]! + base;
      this.scratch[i] = l;
      if (this.removedCount > 0 && this.isRemoved(l)) broken = true;
    }
    return broken ? this.bfs(u, a, b, offset) : n;
  }

  /** Shortest path avoiding removed links inside unit u (links in id order: deterministic). */
  private bfs(u: number, a: number, b: number, offset: number): number {
    const prev = this.bfsPrev;
    const queue = this.bfsQueue;
    const out = this.bfsOut;
    const base = u * this.L;
    prev.fill(-1);
    prev[a] = -2;
    let head = 0;
    let tail = 0;
    queue[tail++] = a;
    while (head < tail) {
      const node = queue[head++]!;
      if (node === b) break;
      const k = this.fabric.outLinks(node, out);
      for (let i = 0; i < k; i++) {
        const l = out[i]!;
        if (this.isRemoved(base + l)) continue;
        const next = this.fabric.linkDst(l);
        if (prev[next] !== -1) continue;
        // switches forward; chips other than the destination forward too (NeuronLink relays)
        prev[next] = l;
        queue[tail++] = next;
      }
    }
    if (prev[b] === -1) return -1;
    let n = 0;
    for (let node = b; node !== a; node = this.fabric.linkSrc(prev[node]!)) n++;
    if (offset + n > this.scratch.length) this.growScratch(offset + n);
    let i = offset + n - 1;
    for (let node = b; node !== a; node = this.fabric.linkSrc(prev[node]!)) this.scratch[i--] = base + prev[node]!;
    return n;
  }

  private growScratch(n: number): void {
    const s = new Int32Array(Math.max(n, 2 * this.scratch.length));
    s.set(this.scratch);
    this.scratch = s;
  }

  /** EFA tier links between the switches of chips x (exit) and y (entry), or null if removed. */
  private tierPath(x: number, y: number): [number, number] | null | 'same' {
    const tx = this.tierOfChip(x);
    const ty = this.tierOfChip(y);
    if (this.efa!.topology === 'rail' && tx === ty) return 'same';
    const up = this.e1 + 2 * tx;
    const down = this.e1 + 2 * ty + 1;
    if (this.isRemoved(up) || this.isRemoved(down)) return null;
    return [up, down];
  }

  private efaRoute(src: number, dst: number, salt: number): number {
    // nominal: src's NIC, the EFA switches, dst's NIC
    if (this.efaLegOk(src, dst)) return this.writeEfaLeg(src, dst, 0);
    // around a fault: leave through another chip of src's server, enter through another of dst's
    const s0 = Math.floor(src / this.cps) * this.cps;
    const d0 = Math.floor(dst / this.cps) * this.cps;
    const us = Math.floor(src / this.C);
    const ud = Math.floor(dst / this.C);
    let best = -1;
    let bestExit = -1;
    let bestEntry = -1;
    for (let x = s0; x < s0 + this.cps; x++) {
      if (this.isRemoved(this.e0 + 2 * x)) continue;
      const h1 = this.intraHopsAvoiding(us, src - us * this.C, x - us * this.C);
      if (h1 < 0) continue;
      for (let y = d0; y < d0 + this.cps; y++) {
        if (this.isRemoved(this.e0 + 2 * y + 1)) continue;
        const tier = this.tierPath(x, y);
        if (tier === null) continue;
        const h3 = this.intraHopsAvoiding(ud, y - ud * this.C, dst - ud * this.C);
        if (h3 < 0) continue;
        const total = h1 + (tier === 'same' ? 2 : 4) + h3;
        if (best < 0 || total < best) {
          best = total;
          bestExit = x;
          bestEntry = y;
        }
      }
    }
    if (best < 0) return -1;
    let n = this.intraRoute(us, src - us * this.C, bestExit - us * this.C, 0, salt);
    n += this.writeEfaLeg(bestExit, bestEntry, n);
    n += this.intraRoute(ud, bestEntry - ud * this.C, dst - ud * this.C, n, salt);
    return n;
  }

  private efaLegOk(x: number, y: number): boolean {
    if (this.removedCount === 0) return true;
    if (this.isRemoved(this.e0 + 2 * x) || this.isRemoved(this.e0 + 2 * y + 1)) return false;
    return this.tierPath(x, y) !== null;
  }

  private writeEfaLeg(x: number, y: number, offset: number): number {
    if (offset + 4 > this.scratch.length) this.growScratch(offset + 4);
    let n = offset;
    this.scratch[n++] = this.e0 + 2 * x;
    const tier = this.tierPath(x, y);
    if (tier !== 'same' && tier !== null) {
      this.scratch[n++] = tier[0];
      this.scratch[n++] = tier[1];
    }
    this.scratch[n++] = this.e0 + 2 * y + 1;
    return n - offset;
  }

  /** Hops between two chips of unit u avoiding removed links (uses the tail of scratch). */
  private intraHopsAvoiding(u: number, a: number, b: number): number {
    if (a === b) return 0;
    const h = this.fabric.hopCount(a, b);
    if (this.removedCount === 0) return h;
    // route at the far end of scratch so the caller's partial route is untouched
    const off = this.scratch.length - (this.C + this.S) - 8;
    return this.intraRoute(u, a, b, Math.max(0, off), 0);
  }

  // ---- global figures --------------------------------------------------------------------------

  /** Diameter of the nominal fabric (overrides not applied): the unit's, or the EFA path's. */
  diameter(): number {
    const unit = this.fabric.diameter();
    if (this.unitCount === 1 || !this.efa) return unit;
    const efaHops = this.efa.topology === 'rail' && this.cps === 1 ? 2 : 4;
    return Math.max(unit, efaHops);
  }

  /**
   * Bisection of the nominal fabric, bytes/s one direction: one unit's own bisection; with several
   * units, the smaller of (a) a cut between two halves of the units, which only the NICs of one
   * half cross (non-blocking EFA), and (b) a cut through every unit.
   */
  bisectionBytesPerSecond(): number {
    const unit = this.fabric.bisectionBytesPerSecond();
    if (this.unitCount === 1 || !this.efa) return unit;
    const perChip = this.efa.bytesPerSecondPerChip;
    const byUnits = Math.floor(this.unitCount / 2) * this.C * perChip;
    const throughUnits = this.unitCount * unit + (this.chipCount / 2) * perChip;
    return Math.min(byUnits, throughUnits);
  }
}
