/**
 * The override id scheme (docs/hardware.md "Override ids"), computed both ways without per-chip
 * objects:
 * - chips: "us<U>.s<S>.c<C>" in UltraServer presets (UltraServer U, server S inside it, chip C
 *   inside the server), "s<S>.c<C>" in server presets; or a global chip index ("1234").
 * - chip links: "<chip>.<suffix>" with suffix x+ x- y+ y- z+ z- (tori), nl.up nl.down direct
 *   (NeuronSwitch), nvl.up nvl.down (NVSwitch), efa.up efa.down (the chip's EFA NIC).
 * - switch links: "us<U>.sw<J>.up|down" (Trn3 Gen2 first-level switch J to its second level),
 *   "efa.rail<R>.up|down" (rail R to the spine), "<server>.leaf.up|down" (Clos leaf to spine);
 *   or a numeric link id ("#1234" or "1234").
 */
import type { ClusterTopology } from './cluster-topology.js';

export interface IdScheme {
  readonly ultra: boolean;
  readonly chipsPerUnit: number;
  readonly chipsPerServer: number;
  readonly unitCount: number;
}

export function chipName(s: IdScheme, chip: number): string {
  const u = Math.floor(chip / s.chipsPerUnit);
  const local = chip - u * s.chipsPerUnit;
  const srv = Math.floor(local / s.chipsPerServer);
  const c = local - srv * s.chipsPerServer;
  return s.ultra ? `us${u}.s${srv}.c${c}` : `s${u}.c${c}`;
}

export function serverName(s: IdScheme, server: number): string {
  if (!s.ultra) return `s${server}`;
  const perUnit = s.chipsPerUnit / s.chipsPerServer;
  const u = Math.floor(server / perUnit);
  return `us${u}.s${server - u * perUnit}`;
}

export function unitName(s: IdScheme, unit: number): string {
  return s.ultra ? `us${unit}` : `s${unit}`;
}

/** Global chip index of a chip id, or -1. */
export function parseChipId(s: IdScheme, id: string): number {
  const chips = s.chipsPerUnit * s.unitCount;
  if (/^\d+$/.test(id)) {
    const g = Number(id);
    return g < chips ? g : -1;
  }
  const serversPerUnit = s.chipsPerUnit / s.chipsPerServer;
  if (s.ultra) {
    const m = /^us(\d+)\.s(\d+)\.c(\d+)$/.exec(id);
    if (!m) return -1;
    const u = Number(m[1]);
    const srv = Number(m[2]);
    const c = Number(m[3]);
    if (u >= s.unitCount || srv >= serversPerUnit || c >= s.chipsPerServer) return -1;
    return u * s.chipsPerUnit + srv * s.chipsPerServer + c;
  }
  const m = /^s(\d+)\.c(\d+)$/.exec(id);
  if (!m) return -1;
  const u = Number(m[1]);
  const c = Number(m[2]);
  if (u >= s.unitCount || c >= s.chipsPerServer) return -1;
  return u * s.chipsPerUnit + c;
}

/** Link id of a link name, or -1. */
export function parseLinkId(s: IdScheme, topo: ClusterTopology, id: string): number {
  const num = /^#?(\d+)$/.exec(id);
  if (num) {
    const l = Number(num[1]);
    return l < topo.linkCount ? l : -1;
  }
  const rail = /^efa\.rail(\d+)\.(up|down)$/.exec(id);
  if (rail) return topo.efa?.topology === 'rail' ? topo.tierLink(Number(rail[1]), rail[2] === 'up') : -1;
  const leaf = /^(.*)\.leaf\.(up|down)$/.exec(id);
  if (leaf) {
    if (topo.efa?.topology !== 'clos') return -1;
    const first = parseChipId(s, `${leaf[1]}.c0`);
    return first < 0 ? -1 : topo.tierLink(first / s.chipsPerServer, leaf[2] === 'up');
  }
  const sw = /^(us|s)(\d+)\.(sw\d+\.(?:up|down))$/.exec(id);
  if (sw && (sw[1] === 'us') === s.ultra) {
    const u = Number(sw[2]);
    if (u >= s.unitCount) return -1;
    const local = topo.fabric.switchLinkBySuffix(sw[3]!);
    return local < 0 ? -1 : topo.unitLinkId(u, local);
  }
  // "<chip>.<suffix>": the chip id has exactly 1 (server presets) or 2 (UltraServers) dots
  const parts = id.split('.');
  const chipParts = s.ultra ? 3 : 2;
  if (parts.length <= chipParts) return -1;
  const chip = parseChipId(s, parts.slice(0, chipParts).join('.'));
  if (chip < 0) return -1;
  const suffix = parts.slice(chipParts).join('.');
  if (suffix === 'efa.up') return topo.nicUpLink(chip);
  if (suffix === 'efa.down') return topo.nicDownLink(chip);
  const u = Math.floor(chip / s.chipsPerUnit);
  const local = topo.fabric.chipLinkBySuffix(chip - u * s.chipsPerUnit, suffix);
  return local < 0 ? -1 : topo.unitLinkId(u, local);
}
