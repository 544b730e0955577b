import type { Command } from 'commander';
import { CliError } from '../cli-error.js';

// Placeholder until the schema command lands; it reports clearly instead of pretending to work.
export function register(program: Command): void {
  program
    .command('schema')
    .description('(schema: not available in this build)')
    .allowUnknownOption()
    .action(() => {
      throw new CliError('the "schema" command is not available in this build yet');
    });
}
