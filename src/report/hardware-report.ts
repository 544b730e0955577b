/**
 * `trnsim hardware` in human units: the list of system presets, and one system's summary
 * (hardware.systemSummary) as a two-column table. The JSON of both is the hardware layer's own.
 */
import type { SystemListEntry, SystemSummary } from '../hardware/index.js';
import { formatBitsPerSecond, formatBytes, formatBytesPerSecond, formatFlops, formatSeconds } from '../units.js';

/** The presets, one per line with their description. */
export function formatSystemList(rows: readonly SystemListEntry[]): string {
  const w = Math.max(...rows.map((r) => r.name.length));
  const lines = rows.map((r) => `  ${r.name.padEnd(w)}  ${r.description}`);
  return `Systems (trnsim hardware <name> [--count N] [--json]):\n${lines.join('\n')}\n`;
}

/** One system: chips, cores, peak FLOP/s, HBM, links, EFA, diameter, bisection, price, power; estimates marked. */
export function formatSystemSummary(s: SystemSummary): string {
  const rows: Array<[string, string]> = [];
  const est = (field: string): string => (s.estimates.includes(field) ? ' (estimate)' : '');
  rows.push(['System', `${s.preset} x ${s.count} (${s.unit === 'ultraserver' ? 'UltraServers' : 'servers'}; ${s.instanceType})`]);
  rows.push(['Topology', s.topology]);
  rows.push(['Chips', `${s.chips} ${s.chipName} in ${s.servers} server${s.servers === 1 ? '' : 's'} of ${s.chipsPerServer}`]);
  rows.push(['Cores', `${s.physicalCores} physical; LNC=${s.lnc}${est('lnc')}: ${s.ranksPerChip} ranks per chip, ${s.ranks} ranks`]);
  for (const [dt, v] of Object.entries(s.peakFlopsPerSecond)) rows.push([`Peak ${dt.toUpperCase()} dense`, formatFlops(v)]);
  if (s.sparseFlopsPerSecond !== null) rows.push(['Peak sparse', formatFlops(s.sparseFlopsPerSecond)]);
  rows.push(['HBM', `${formatBytes(s.hbmBytes)} at ${formatBytesPerSecond(s.hbmBytesPerSecond)}`]);
  rows.push([
    'Chip links per chip',
    s.neuronLinkBytesPerSecondPerChip === 0
      ? 'none (one chip per unit)'
      : `${formatBytesPerSecond(s.neuronLinkBytesPerSecondPerChip)} out of each chip, one direction${est('neuronLinkBytesPerSecondPerChip')}`,
  ]);
  rows.push([
    'EFA',
    `${formatBitsPerSecond(s.efaBytesPerSecondPerServer)} per server, ${formatBitsPerSecond(s.efaBytesPerSecond)} in all` +
      (s.efaTopology ? ` (${s.efaTopology}, ${formatSeconds(s.efaLatencyS ?? 0)} point to point)` : ''),
  ]);
  rows.push(['Diameter', `${s.diameterHops} hops`]);
  rows.push(['Bisection', `${formatBytesPerSecond(s.bisectionBytesPerSecond)} one direction${est('bisectionBytesPerSecond')}`]);
  rows.push(['Price', s.pricePerHourUsd === null ? 'not published' : `$${s.pricePerHourUsd.toFixed(2)}/h${est('pricePerHourUsd')}`]);
  rows.push(['Power (chips)', s.powerW === null ? 'not published' : `${(s.powerW / 1000).toFixed(1)} kW${est('powerW')}`]);
  if (s.figureSets.length) rows.push(['Figure sets', s.figureSets.join(', ')]);
  const w = Math.max(...rows.map((r) => r[0].length));
  return rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`).join('\n') + '\n';
}
