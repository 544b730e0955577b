/**
 * What the link heatmap draws, as plain data (embedded in the report's JSON): the chips of one unit
 * (server or UltraServer), the links leaving them with their utilisation over a step, and the EFA
 * links of the unit summarised. Utilisation comes from workload/training/link-load.ts.
 */
import type { System } from '../../hardware/types.js';
import type { LinkLoad } from '../../workload/training/link-load.js';

/** A link as the heatmap draws it: its load without the per-kind split. */
export type ViewLink = Pick<LinkLoad, 'name' | 'kind' | 'src' | 'dst' | 'bytesPerStep' | 'utilisation'>;

export interface TopologyView {
  readonly unit: number;
  readonly fabric: 'torus' | 'switch' | 'single';
  /** Torus dimension sizes (unit-local chip = x + X * (y + Y * z)). */
  readonly dims: readonly number[];
  readonly chipsPerServer: number;
  readonly chips: ReadonlyArray<{ readonly chip: number; readonly name: string }>;
  /** Chip-to-chip and chip-to-switch links leaving the unit's chips (EFA excluded). */
  readonly links: readonly ViewLink[];
  readonly efa: { readonly links: number; readonly bytesPerStep: number; readonly meanUtilisation: number; readonly maxUtilisation: number };
  readonly basis: string;
}

/** Links walked to find idle ones; beyond this only links that carry traffic are listed. */
const LINK_SCAN_LIMIT = 500_000;

export function topologyView(system: System, loads: readonly LinkLoad[], unit = 0): TopologyView {
  const perUnit = system.chipCount / system.count;
  const first = unit * perUnit;
  const inUnit = (c: number): boolean => c >= first && c < first + perUnit;
  const topo = system.topology;
  const byLink = new Map(loads.map((l) => [l.link, l]));
  const ids: number[] = [];
  if (topo.linkCount <= LINK_SCAN_LIMIT) {
    for (let l = 0; l < topo.linkCount; l++) if (inUnit(topo.linkSrc(l)) || (topo.linkKind(l) === 'efa' && inUnit(topo.linkDst(l)))) ids.push(l);
  } else {
    for (const l of loads) if (inUnit(l.src) || (l.kind === 'efa' && inUnit(l.dst))) ids.push(l.link);
  }
  const links: ViewLink[] = [];
  const efa: ViewLink[] = [];
  for (const l of ids) {
    const info = topo.link(l);
    const load = byLink.get(l);
    const v: ViewLink = { name: info.name, kind: info.kind, src: info.src, dst: info.dst, bytesPerStep: load?.bytesPerStep ?? 0, utilisation: load?.utilisation ?? 0 };
    (info.kind === 'efa' ? efa : links).push(v);
  }
  const fab = system.unitFabric;
  const chips = [];
  for (let c = first; c < first + perUnit; c++) chips.push({ chip: c, name: system.chipName?.(c) ?? `c${c}` });
  const efaBytes = efa.reduce((a, l) => a + l.bytesPerStep, 0);
  return {
    unit,
    fabric: fab?.kind ?? 'switch',
    dims: fab?.kind === 'torus' ? fab.dims : [],
    chipsPerServer: system.chipsPerServer,
    chips,
    links,
    efa: {
      links: efa.length,
      bytesPerStep: efaBytes,
      meanUtilisation: efa.length ? efa.reduce((a, l) => a + l.utilisation, 0) / efa.length : 0,
      maxUtilisation: efa.reduce((a, l) => Math.max(a, l.utilisation), 0),
    },
    basis: 'ring-equivalent traffic of every collective with a rank in this unit, routed on the topology (an estimate of where the bytes go)',
  };
}
