/**
 * `trnsim run <file> [--json]`: runs a scenario (training step or inference serving) and prints
 * the report, or one JSON object with stable SI fields. Bad input: one paragraph, exit code 2.
 */
import type { Command } from 'commander';
import { CliError } from '../cli-error.js';
import { loadScenario, resolveScenario, runScenario, systemPresetInfo } from '../../scenario/index.js';
import { formatResultJson, formatResultReport } from '../../report/index.js';

interface RunFlags {
  json?: boolean;
  seed?: string;
  exact?: boolean;
}

function seedFlag(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n)) throw new CliError(`--seed: expected a non-negative integer, got ${JSON.stringify(text)}`);
  return n;
}

export function register(program: Command): void {
  program
    .command('run')
    .description('run a scenario file (training step or inference serving) and print step time, throughput, MFU, time breakdown and memory, or latencies')
    .argument('<file>', 'scenario file, YAML or JSON (docs/scenarios.md)')
    .option('--json', 'print one JSON object with stable SI fields (meta last: wall time, events, host, version)')
    .option('--seed <n>', "replace the scenario's seed (a non-negative integer)")
    .option('--exact', 'training: simulate every rank, no symmetry reduction (slow at scale; the reference the reduction is tested against)')
    .action((file: string, flags: RunFlags) => {
      const seed = seedFlag(flags.seed);
      const scenario = loadScenario(file);
      const resolved = resolveScenario(scenario);
      if (scenario.sweep) {
        process.stderr.write(`trnsim: ${file} has a sweep: block; running its base point only (use \`trnsim sweep ${file}\` for the sweep)\n`);
      }
      const result = runScenario(scenario, { ...(seed === undefined ? {} : { seed }), ...(flags.exact ? { exact: true } : {}) });
      if (flags.json) {
        process.stdout.write(formatResultJson(result));
        return;
      }
      const info = systemPresetInfo(resolved.system.preset);
      const chips = info ? info.chipsPerUnit * (resolved.system.count ?? 1) : undefined;
      process.stdout.write(
        formatResultReport(result, {
          system: resolved.system,
          ranks: resolved.ranks,
          ...(chips !== undefined ? { chips } : {}),
          workload: resolved.workload,
        }),
      );
    });
}
