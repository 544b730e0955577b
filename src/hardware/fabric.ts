/**
 * The chip-to-chip fabric inside one unit (a server or an UltraServer), described arithmetically so
 * a cluster of thousands of identical units never materialises per-chip objects. Unit-local node
 * numbering: chips 0 .. chipsPerUnit-1, then the unit's switches. Unit-local link ids are dense,
 * 0 .. linksPerUnit-1. The cluster topology (cluster-topology.ts) offsets both per unit.
 */
import type { LinkKind } from './types.js';

export interface UnitFabric {
  /** One-line description, e.g. "4x4x4 3D torus (NeuronLink-v3)". */
  readonly description: string;
  readonly chipsPerUnit: number;
  readonly switchesPerUnit: number;
  readonly linksPerUnit: number;
  /** Largest out-degree of a unit-local node (sizes BFS scratch buffers). */
  readonly maxOutDegree: number;
  linkSrc(localLink: number): number;
  linkDst(localLink: number): number;
  linkKind(localLink: number): LinkKind;
  linkBytesPerSecond(localLink: number): number;
  linkLatencyS(localLink: number): number;
  /**
   * Name suffix of a link: for a link leaving chip c, `{ chip: c, suffix: 'x+' }`; for a switch
   * link, `{ chip: -1, suffix: 's1.sw.up' }` (relative to the unit).
   */
  linkNameParts(localLink: number): { chip: number; suffix: string };
  /** Inverse of linkNameParts for chip links; -1 when the suffix does not exist. */
  chipLinkBySuffix(localChip: number, suffix: string): number;
  /** Inverse of linkNameParts for switch links (suffix relative to the unit); -1 when unknown. */
  switchLinkBySuffix(suffix: string): number;
  /** Valid chip link suffixes, for error messages. */
  readonly chipLinkSuffixes: readonly string[];
  /** Writes the out-links of a unit-local node into `out` from index 0; returns how many. */
  outLinks(localNode: number, out: Int32Array): number;
  /** Nominal (fault-free) route between unit-local chips; unit-local link ids from `out[offset]`. */
  route(src: number, dst: number, out: Int32Array, offset: number, salt: number): number;
  hopCount(src: number, dst: number): number;
  diameter(): number;
  /** Bisection bandwidth of the unit, bytes/s, one direction (min over the natural cuts). */
  bisectionBytesPerSecond(): number;
  /** Sum of the bandwidth of the chip-to-chip links leaving one chip (bytes/s, one direction). */
  chipEgressBytesPerSecond(): number;
}
