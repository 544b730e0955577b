/**
 * `trnsim schema [--out file]`: prints the JSON Schema of scenario files (zod 4's toJSONSchema),
 * for editor completion (docs/scenarios.md "Editor completion").
 */
import type { Command } from 'commander';
import { scenarioJsonSchema } from '../../scenario/index.js';
import { checkOutputPath, writeOutputFile } from '../../report/index.js';

export function register(program: Command): void {
  program
    .command('schema')
    .description('print the JSON Schema of scenario files (for editor completion and validation)')
    .option('--out <file>', 'write the schema to this file instead of standard output')
    .action((flags: { out?: string }) => {
      if (flags.out !== undefined) checkOutputPath(flags.out, '--out');
      const text = `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
      if (flags.out === undefined) process.stdout.write(text);
      else {
        writeOutputFile(flags.out, text, '--out');
        process.stderr.write(`trnsim: wrote the JSON Schema to ${flags.out}\n`);
      }
    });
}
