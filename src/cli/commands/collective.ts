/**
 * `trnsim collective`: an nccom-test-shaped sweep of one collective on a system (docs/collectives.md).
 * A thin shell over collectives.runSizeSweep; every bad flag is a UserInputError naming the flag.
 */
import { applyCalibrationFlag, CALIBRATION_FLAG_HELP } from '../calibration-flag.js';
import { collectiveUncertainty, formatCollectiveReport } from '../../report/index.js';
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { CliError } from '../cli-error.js';
import { intFlag } from '../int-flag.js';
import { buildSystem, checkLnc, SYSTEM_PRESET_NAMES, presetByName } from '../../hardware/index.js';
import {
  ALGORITHM_NAMES,
  ALGORITHMS_FOR_OP,
  DTYPE_BYTES,
  OP_NAMES,
  SELECTION_POLICIES,
  parseSizeBytes,
  runSizeSweep,
  sweepSizes,
  targetsFromPairs,
} from '../../collectives/index.js';
import type { AlgorithmChoice, CollectiveOp, IssueMode, SelectionPolicy } from '../../collectives/index.js';

interface CollectiveFlags {
  op?: string;
  system?: string;
  count?: string;
  ranks?: string;
  lnc?: string;
  min: string;
  max: string;
  stepFactor: string;
  algorithm: string;
  dtype: string;
  selection: string;
  issue: string;
  mode: string;
  pairs?: string;
  json?: boolean;
  calibration?: string;
}

/** Targets of send-recv from an nccom-test `--custom-src-target-pairs` file (collectives/pairs.ts). */
function readPairs(file: string, rankCount: number): number[] {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new CliError(`--pairs: cannot read ${JSON.stringify(file)} as JSON (${(e as Error).message}); give nccom-test's pairs.json, {"src_target_pairs": [[[src, dst], ...]]}.`);
  }
  return targetsFromPairs(data, rankCount, `--pairs: ${file}`);
}

export function register(program: Command): void {
  program
    .command('collective')
    .description('simulate a collective over a range of sizes and print an nccom-test-shaped table (time, algbw, busbw in GiB/s, algorithm)')
    .option('--op <op>', `collective: ${OP_NAMES.join(', ')}`)
    .option('--system <preset>', `system preset: ${SYSTEM_PRESET_NAMES.join(', ')}`)
    .option('--count <n>', 'servers or UltraServers of the preset joined by EFA (default 1)')
    .option('--ranks <r>', 'ranks in the group: the first r logical NeuronCores, filled chip by chip (default: all)')
    .option('--lnc <n>', 'logical NeuronCore size (Trn2/Trn3: 1 or 2; default the chip default)')
    .option('--min <size>', 'smallest size, nccom-test style (8, 1kb, 64mb, 1gb: powers of 1024) or 512KiB', '8B')
    .option('--max <size>', 'largest size', '1GiB')
    .option('--step-factor <f>', 'multiply the size by f between rows (integer >= 2)', '2')
    .option('--algorithm <name>', `auto or one of ${ALGORITHM_NAMES.join(', ')}`, 'auto')
    .option('--dtype <type>', `element type for the count column: ${Object.keys(DTYPE_BYTES).join(', ')}`, 'fp32')
    .option('--selection <policy>', 'switch points of auto: measured (nccom-test C3, default) or documented (Neuron docs ranges)', 'measured')
    .option('--issue <mode>', 'standalone (nccom-test, pays the launch overhead; default) or in-graph', 'standalone')
    .option('--mode <mode>', 'network model: flow (max-min sharing, default) or alpha-beta', 'flow')
    .option('--pairs <file>', "send-recv only: nccom-test --custom-src-target-pairs JSON ({\"src_target_pairs\": [[[src, dst], ...]]}); default: rank i sends to rank i+1")
    .option('--json', 'print an array of rows {sizeBytes, count, dtype, timeS, algbwGiBps, busbwGiBps, algorithm, uncertainty}')
    .option('--calibration <file>', CALIBRATION_FLAG_HELP)
    .action((flags: CollectiveFlags) => {
      applyCalibrationFlag(flags.calibration);
      if (flags.op === undefined) throw new CliError(`--op: required; give one of ${OP_NAMES.join(', ')}.`);
      if (!OP_NAMES.includes(flags.op as CollectiveOp)) throw new CliError(`--op: unknown collective ${JSON.stringify(flags.op)}; use one of ${OP_NAMES.join(', ')}.`);
      const op = flags.op as CollectiveOp;
      if (flags.system === undefined) throw new CliError(`--system: required; give one of ${SYSTEM_PRESET_NAMES.join(', ')}.`);
      if (!presetByName(flags.system)) throw new CliError(`--system: unknown system ${JSON.stringify(flags.system)}; use one of ${SYSTEM_PRESET_NAMES.join(', ')}.`);
      const algorithm = flags.algorithm as AlgorithmChoice;
      if (algorithm !== 'auto' && !ALGORITHM_NAMES.includes(algorithm)) {
        throw new CliError(`--algorithm: unknown algorithm ${JSON.stringify(flags.algorithm)}; use auto or one of ${ALGORITHM_NAMES.join(', ')}.`);
      }
      if (algorithm !== 'auto' && !ALGORITHMS_FOR_OP[op].includes(algorithm)) {
        throw new CliError(`--algorithm: "${algorithm}" does not implement ${op}; for ${op} use auto or one of ${ALGORITHMS_FOR_OP[op].join(', ')}.`);
      }
      if (!(flags.dtype in DTYPE_BYTES)) throw new CliError(`--dtype: unknown datatype ${JSON.stringify(flags.dtype)}; use one of ${Object.keys(DTYPE_BYTES).join(', ')}.`);
      if (!SELECTION_POLICIES.includes(flags.selection as SelectionPolicy)) throw new CliError(`--selection: expected one of ${SELECTION_POLICIES.join(', ')}, got ${JSON.stringify(flags.selection)}.`);
      if (flags.issue !== 'standalone' && flags.issue !== 'in-graph') throw new CliError(`--issue: expected standalone or in-graph, got ${JSON.stringify(flags.issue)}.`);
      if (flags.mode !== 'flow' && flags.mode !== 'alpha-beta') throw new CliError(`--mode: expected flow or alpha-beta, got ${JSON.stringify(flags.mode)}.`);
      const minBytes = parseSizeBytes(flags.min, '--min');
      const maxBytes = parseSizeBytes(flags.max, '--max');
      const stepFactor = intFlag('--step-factor', flags.stepFactor, { min: 1 })!;
      sweepSizes(minBytes, maxBytes, stepFactor, { min: '--min', max: '--max', step: '--step-factor' });
      const count = intFlag('--count', flags.count, { min: 1 });
      const lnc = intFlag('--lnc', flags.lnc, { min: 1 });
      const chip = presetByName(flags.system)!.chip;
      if (lnc !== undefined) checkLnc('--lnc', chip, lnc);
      const system = buildSystem({ preset: flags.system, ...(count !== undefined ? { count } : {}), ...(lnc !== undefined ? { lnc } : {}) });
      const rankCount = intFlag('--ranks', flags.ranks, { min: 1 }) ?? system.rankCount;
      if (rankCount > system.rankCount) {
        throw new CliError(`--ranks: ${rankCount} ranks do not fit ${flags.system}${count ? ` x${count}` : ''}: it has ${system.rankCount} (${system.chipCount} chips x ${system.ranksPerChip} logical cores at LNC=${system.lnc}); use --ranks ${system.rankCount} or fewer, or a larger --count.`);
      }
      if (rankCount < 2 && op !== 'broadcast') throw new CliError(`--ranks: a collective needs at least 2 ranks, got ${rankCount}; give --ranks 2 or more (broadcast takes 1).`);
      const ranks = Array.from({ length: rankCount }, (_, i) => i);
      if (flags.pairs !== undefined && op !== 'send-recv') throw new CliError(`--pairs: applies only to --op send-recv, not ${op}; drop --pairs.`);
      const targets = flags.pairs !== undefined ? readPairs(flags.pairs, rankCount) : undefined;
      const rows = runSizeSweep(
        system,
        { op, ranks, minBytes, maxBytes, stepFactor, algorithm, dtype: flags.dtype, issue: flags.issue as IssueMode, ...(targets ? { targets } : {}) },
        { selection: flags.selection as SelectionPolicy, mode: flags.mode },
      );
      const uncertainty = collectiveUncertainty(system, rankCount);
      if (flags.json) process.stdout.write(JSON.stringify(rows.map((r) => (uncertainty ? { ...r, uncertainty } : r)), null, 2) + '\n');
      else {
        const systemName = `${flags.system}${count ? ` x${count}` : ''}`;
        process.stdout.write(formatCollectiveReport({ op, systemName, system, ranks: rankCount, issue: flags.issue, mode: flags.mode, rows, uncertainty }));
      }
    });
}
