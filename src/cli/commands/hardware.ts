/**
 * `trnsim hardware` lists the system presets; `trnsim hardware <name> [--count N] [--lnc L]
 * [--efa rail|clos] [--figure-set S ...] [--json]` prints one system's summary: a table in human
 * units, or with --json the stable JSON of hardware.systemSummary (SI units, docs/hardware.md).
 */
import type { Command } from 'commander';
import { CliError } from '../cli-error.js';
import { intFlag } from '../int-flag.js';
import { buildSystem, checkLnc, listSystems, systemSummary, SYSTEM_PRESET_NAMES, MAX_CHIPS, presetByName } from '../../hardware/index.js';
import { formatSystemList, formatSystemSummary } from '../../report/index.js';

interface HardwareOptions {
  count?: string;
  lnc?: string;
  efa?: string;
  figureSet?: string[];
  json?: boolean;
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
        else process.stdout.write(formatSystemList(listSystems()));
        return;
      }
      const preset = presetByName(name);
      if (!preset) throw new CliError(`name: unknown system ${JSON.stringify(name)}; use one of ${SYSTEM_PRESET_NAMES.join(', ')}.`);
      const count = intFlag('--count', opts.count, { min: 1, max: Math.floor(MAX_CHIPS / preset.chipsPerUnit) }) ?? 1;
      const lnc = intFlag('--lnc', opts.lnc, { min: 1 });
      if (lnc !== undefined) checkLnc('--lnc', preset.chip, lnc);
      if (opts.efa !== undefined && opts.efa !== 'rail' && opts.efa !== 'clos') throw new CliError(`--efa: must be rail or clos, got ${JSON.stringify(opts.efa)}.`);
      const system = buildSystem({
        preset: name,
        count,
        ...(lnc !== undefined ? { lnc } : {}),
        ...(opts.figureSet ? { figureSets: opts.figureSet } : {}),
        ...(opts.efa ? { overrides: { efa: { topology: opts.efa } } } : {}),
      });
      const summary = systemSummary(system);
      process.stdout.write(opts.json ? `${JSON.stringify(summary, null, 2)}\n` : formatSystemSummary(summary));
    });
}
