/**
 * Contracts of the hardware layer (docs/architecture.md "Contracts between layers"). Other layers code against these types;
 * the catalogue and builders implement them. All figures SI: bytes, bytes/s, FLOP/s, seconds, watts.
 *
 * Node numbering of a Topology: chips are nodes 0 .. chipCount-1 (global chip index, server-major:
 * chip = server * chipsPerServer + local); switches, NICs and other non-chip nodes follow.
 * Link ids are dense integers 0 .. linkCount-1 and may be computed arithmetically (a 1M-chip
 * cluster never materialises per-chip objects).
 */

export type Datatype = 'fp8' | 'bf16' | 'fp16' | 'tf32' | 'fp32';

/** Where a figure comes from (docs/sources.md marks). */
export type SourceKind = 'official' | 'reported' | 'derived' | 'estimate';

export interface ChipSpec {
  /** Catalogue id: 'trainium1' | 'trainium2' | 'trainium3' | 'h100-sxm'. */
  readonly id: string;
  readonly displayName: string;
  readonly vendor: 'aws' | 'nvidia';
  /** Physical NeuronCores (GPU: 1 per GPU, as ranks count). */
  readonly physicalCores: number;
  /** Logical NeuronCore setting Neuron uses by default (Trn2/Trn3: 2; Trn1: 1). */
  readonly defaultLnc: number;
  readonly supportedLnc: readonly number[];
  /** Dense peak FLOP/s by datatype (chip-level official figures by default). */
  readonly peakFlopsPerSecond: Readonly<Partial<Record<Datatype, number>>>;
  /** Sparse peak FLOP/s where published. */
  readonly sparseFlopsPerSecond?: number;
  readonly hbmBytes: number;
  readonly hbmBytesPerSecond: number;
  readonly sbufBytes?: number;
  readonly dmaBytesPerSecond?: number;
  /** Chip-to-chip links (NeuronLink ports / NVLink) and their total bandwidth per chip. */
  readonly chipLinkCount: number;
  readonly chipLinkBytesPerSecond: number;
  /** Power at full load, watts; always an estimate for Trainium. */
  readonly powerW?: number;
  readonly idlePowerW?: number;
  /** Which figures are estimates, by field name. */
  readonly estimates?: readonly string[];
}

export type LinkKind = 'neuronlink' | 'efa' | 'switch' | 'nvlink' | 'pcie' | 'host';

/** One hop of the fabric. */
export interface LinkInfo {
  readonly id: number;
  readonly src: number;
  readonly dst: number;
  readonly kind: LinkKind;
  readonly bytesPerSecond: number;
  readonly latencyS: number;
  /** Human id in the documented override scheme, e.g. "us0.s1.c5.x+" or "efa.s3.c2.up". */
  readonly name: string;
}

/** The fabric as a graph of directed links, with overrides already applied. */
export interface Topology {
  readonly chipCount: number;
  /** Chips plus switches / NIC nodes. */
  readonly nodeCount: number;
  readonly linkCount: number;
  linkBytesPerSecond(link: number): number;
  linkLatencyS(link: number): number;
  linkSrc(link: number): number;
  linkDst(link: number): number;
  linkKind(link: number): LinkKind;
  link(link: number): LinkInfo;
  /**
   * Writes the link ids of the route from chip `src` to chip `dst` into `out` and returns the
   * hop count (0 when src === dst). `salt` selects among equal-cost paths (ECMP) deterministically.
   * Removed links are routed around; throws a clear Error when src and dst are partitioned.
   */
  route(src: number, dst: number, out: Int32Array, salt?: number): number;
  /** Hops on the route `route(src, dst)` would take. */
  hopCount(src: number, dst: number): number;
  /** Largest hop count between two chips. */
  diameter(): number;
  /** Bisection bandwidth, bytes/s, one direction. */
  bisectionBytesPerSecond(): number;
  /** Links with an override (degraded, removed, other latency), ascending; none when absent. */
  overriddenLinks?(): readonly number[];
  /** Unit (server or UltraServer) a link belongs to, or -1 for links every unit shares. */
  linkUnit?(link: number): number;
}

/** A built system: a preset (server or UltraServer) times a count, joined by EFA. */
export interface System {
  /** Preset name, e.g. 'trn2-ultraserver'. */
  readonly preset: string;
  /** Servers or UltraServers, as the preset counts them. */
  readonly count: number;
  readonly chip: ChipSpec;
  readonly chipCount: number;
  readonly chipsPerServer: number;
  readonly serverCount: number;
  readonly lnc: number;
  /** Ranks (logical NeuronCores as Neuron counts them) per chip and in all. */
  readonly ranksPerChip: number;
  readonly rankCount: number;
  readonly topology: Topology;
  /** Ranks are filled chip by chip: rank r is on chip floor(r / ranksPerChip). */
  rankToChip(rank: number): number;
  /** Effective spec of one chip after overrides (a slow chip, say). */
  chipAt(chip: number): ChipSpec;
  /** Chips whose spec differs from `chip` (per-chip overrides and faults), ascending (optional; buildSystem sets it). */
  overriddenChips?(): readonly number[];
  /**
   * Shape of one unit's chip fabric (optional; buildSystem always sets it): a torus with its
   * dimension sizes (unit-local chip = x + X*(y + Y*z)), a switched unit, or a single chip.
   */
  readonly unitFabric?: { readonly kind: 'torus'; readonly dims: readonly number[] } | { readonly kind: 'switch' } | { readonly kind: 'single' };
  /** Chip id in the documented override scheme, e.g. "us0.s1.c5" (optional; buildSystem sets it). */
  chipName?(chip: number): string;
}

/** Figures of a chip that an override may replace (SI). */
export type ChipOverride = Partial<Pick<ChipSpec, 'hbmBytes' | 'hbmBytesPerSecond' | 'chipLinkBytesPerSecond' | 'powerW'>> & {
  /** Scales every peak FLOP/s figure (a straggler at 0.8 runs at 80 %). */
  computeScale?: number;
  peakFlopsPerSecond?: Partial<Record<Datatype, number>>;
};

/** Overrides of a built system; every figure SI. Ids follow the scheme documented in docs/hardware.md. */
export interface SystemOverrides {
  /** EFA per 16-chip server (instance), whatever unit `count` counts. */
  efa?: { bytesPerSecondPerServer?: number; latencyS?: number; topology?: 'rail' | 'clos' };
  /** NeuronLink figures for every chip-to-chip link of the system. */
  neuronLink?: { bytesPerSecondPerLink?: number; latencyS?: number };
  /** Applies to every chip. */
  chip?: ChipOverride;
  /** Per-chip overrides by id (e.g. "us0.s1.c5" or a global chip index as a string). */
  chips?: Readonly<Record<string, ChipOverride>>;
  /** Per-link overrides by id: a bandwidth scale (0 < scale <= 1) or removal. */
  links?: Readonly<Record<string, { scale?: number; removed?: boolean; latencyS?: number }>>;
}

/** A fault injected into one step (issue 13): ids as docs/hardware.md names chips and links. */
export type Fault =
  | { readonly kind: 'slow-chip'; readonly chip: number | string; readonly slowdown: number }
  | { readonly kind: 'slow-link'; readonly link: string; readonly bandwidthFactor: number }
  | { readonly kind: 'down-link'; readonly link: string };

/** What a scenario's `system:` block resolves to. */
export interface SystemRequest {
  /** trn1.32xlarge | trn2.3xlarge | trn2.48xlarge | trn2-ultraserver | trn3-ultraserver-64 | trn3-ultraserver-144 | h100-8x */
  preset: string;
  /** Servers or UltraServers (the preset's unit). Default 1. */
  count?: number;
  /** Logical NeuronCore size (Trn2/Trn3); default the chip's Neuron default. */
  lnc?: number;
  overrides?: SystemOverrides;
  /**
   * Alternative published figures where sources conflict (docs/sources.md "Where sources disagree"), by name, e.g.
   * 'trn2-beta', 'trn2-hbm-nki', 'trn3-neuronlink-instance', 'trn2-ultraserver-efa-table'.
   * Default: none (official figures). docs/hardware.md lists them.
   */
  figureSets?: readonly string[];
  /** Faults of the step: slow chips, slow links, links down (applied after `overrides`). */
  faults?: readonly Fault[];
}
