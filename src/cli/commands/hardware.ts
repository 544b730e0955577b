/**
 * `trnsim hardware` lists the system presets; `trnsim hardware <name> [--count N] [--lnc L]
 * [--efa rail|clos] [--figure-set S ...] [--json]` prints one system's summary: a table in human
 * units, or with --json the stable JSON of hardware.systemSummary (SI units, docs/hardware.md).
 */
import type { Command } from 'commander';
import { CliError } from '../cli-error.js';
import { buildSystem, listSystems, systemSummary, SYSTEM_PRESET_NAMES, MAX_CHIPS, presetByName } from '../../hardware/index.js';
import type { SystemSummary } from '../../hardware/index.js';
import { formatBitsPerSecond, formatBytes, formatBytesPerSecond, formatFlops, formatSeconds } from '../../units.js';

interface HardwareOptions {
  count?: string;
  lnc?: string;
  efa?: string;
  figureSet?: string[];
  json?: boolean;
}

function parseIntFlag(flag: string, raw: string, min: number, max: number): number {
  const v = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(v) || v < min || v > max) {
    throw new CliError(`${flag} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return v;
}

function listTable(): string {
  const rows = listSystems();
  const w = Math.max(...rows.map((r) => r.name.length));
  const lines = rows.map((r) => `  ${r.name.padEnd(w)}  ${r.description}`);
  return `Systems (trnsim hardware <name> [--count N] [--json]):\n${lines.join('\n')}\n`;
}

function summaryTable(s: SystemSummary): string {
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

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export function register(program: Command): void {
  program
    .command('hardware')
    .description('list the system presets, or print one system: chips, cores, peak FLOP/s, HBM, links, diameter, bisection, price, power')
    .argument('[name]', `system preset (${SYSTEM_PRESET_NAMES.join(', ')})`)
    .option('--count <n>', 'servers or UltraServers joined by EFA (default 1)')
    .option('--lnc <l>', 'logical NeuronCore size (Trn2/Trn3: 1 or 2; default the chip default)')
    .option('--efa <topology>', 'EFA network between units: rail (default) or clos')
    .option('--figure-set <name>', 'use an alternative published figure set (repeatable; docs/hardware.md)', collect)
    .option('--json', 'print the summary as JSON (SI units)')
    .action((name: string | undefined, opts: HardwareOptions) => {
      if (name === undefined) {
        if (opts.json) process.stdout.write(`${JSON.stringify(listSystems(), null, 2)}\n`);
        else process.stdout.write(listTable());
        return;
      }
      const preset = presetByName(name);
      if (!preset) throw new CliError(`unknown system "${name}"; valid systems: ${SYSTEM_PRESET_NAMES.join(', ')}`);
      const count = opts.count === undefined ? 1 : parseIntFlag('--count', opts.count, 1, Math.floor(MAX_CHIPS / preset.chipsPerUnit));
      const lnc = opts.lnc === undefined ? undefined : parseIntFlag('--lnc', opts.lnc, 1, 8);
      if (lnc !== undefined && !preset.chip.supportedLnc.includes(lnc)) {
        throw new CliError(`--lnc must be one of ${preset.chip.supportedLnc.join(', ')} for ${preset.chip.displayName}, got ${lnc}`);
      }
      if (opts.efa !== undefined && opts.efa !== 'rail' && opts.efa !== 'clos') throw new CliError(`--efa must be "rail" or "clos", got "${opts.efa}"`);
      const system = buildSystem({
        preset: name,
        count,
        ...(lnc !== undefined ? { lnc } : {}),
        ...(opts.figureSet ? { figureSets: opts.figureSet } : {}),
        ...(opts.efa ? { overrides: { efa: { topology: opts.efa } } } : {}),
      });
      const summary = systemSummary(system);
      process.stdout.write(opts.json ? `${JSON.stringify(summary, null, 2)}\n` : summaryTable(summary));
    });
}
