/**
 * `trnsim schema [--out file]`: prints the JSON Schema of scenario files (zod 4's toJSONSchema),
 * for editor completion (docs/scenarios.md "Editor completion").
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { CliError } from '../cli-error.js';
import { scenarioJsonSchema } from '../../scenario/index.js';

export function register(program: Command): void {
  program
    .command('schema')
    .description('print the JSON Schema of scenario files (for editor completion and validation)')
    .option('--out <file>', 'write the schema to this file instead of standard output')
    .action((flags: { out?: string }) => {
      const text = `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
      if (flags.out === undefined) {
        process.stdout.write(text);
        return;
      }
      try {
        writeFileSync(flags.out, text);
      } catch (e) {
        throw new CliError(`--out: cannot write ${flags.out} (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
      }
    });
}
