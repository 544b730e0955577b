/**
 * The flags that bound a command's work and its inputs (docs/scenarios.md "Work limits"):
 * --max-events, --max-memory and --max-scenario-bytes, mapped onto the library's maxEvents,
 * maxMemoryBytes and maxBytes. The CLI also allows `extends` to read any folder the user can read
 * (the library confines it to the scenario's folder and the bundled scenarios by default).
 */
import { parse, resolve } from 'node:path';
import type { Command } from 'commander';
import { CliError } from './cli-error.js';
import { parseQuantity } from '../scenario/index.js';

export interface LimitFlags {
  maxEvents?: string;
  maxMemory?: string;
  maxScenarioBytes?: string;
}

export function addLimitFlags(command: Command, scenarios = true): Command {
  command
    .option('--max-events <n>', 'refuse or stop a run above this many engine events (default 1e9)')
    .option('--max-memory <bytes>', 'refuse a run estimated above this memory, e.g. "8 GiB" (default 4 GiB)');
  if (scenarios) command.option('--max-scenario-bytes <bytes>', 'refuse scenario files larger than this, e.g. "4 MiB" (default 1 MiB)');
  return command;
}

function positive(flag: string, text: string, dimension: 'bytes' | undefined, example: string): number {
  let v: number;
  if (dimension === undefined) {
    v = /^\s*[0-9]+(\.[0-9]*)?(e[0-9]+)?\s*$/i.test(text) ? Number(text) : NaN;
  } else {
    try {
      v = parseQuantity(/^\s*[0-9.e+]+\s*$/i.test(text) ? Number(text) : text, dimension, flag);
    } catch {
      v = NaN;
    }
  }
  if (!(v >= 1) || !Number.isFinite(v)) throw new CliError(`${flag}: expected a positive ${dimension === undefined ? 'number' : 'size'}, got ${JSON.stringify(text)}; e.g. ${flag} ${example}.`);
  return Math.floor(v);
}

/** Library options of the flags: maxEvents, maxMemoryBytes, maxBytes, allowedRoots (every folder). */
export function limitOptions(flags: LimitFlags): { maxEvents?: number; maxMemoryBytes?: number; maxBytes?: number; allowedRoots: string[] } {
  return {
    ...(flags.maxEvents !== undefined ? { maxEvents: positive('--max-events', flags.maxEvents, undefined, '1e10') } : {}),
    ...(flags.maxMemory !== undefined ? { maxMemoryBytes: positive('--max-memory', flags.maxMemory, 'bytes', '"8 GiB"') } : {}),
    ...(flags.maxScenarioBytes !== undefined ? { maxBytes: positive('--max-scenario-bytes', flags.maxScenarioBytes, 'bytes', '"4 MiB"') } : {}),
    // the user's shell can read any of these files anyway; errors still never quote a non-scenario
    allowedRoots: [parse(resolve('.')).root],
  };
}
