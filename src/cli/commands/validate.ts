import type { Command } from 'commander';
import { CliError } from '../cli-error.js';

// Placeholder until the validate command lands; it reports clearly instead of pretending to work.
export function register(program: Command): void {
  program
    .command('validate')
    .description('(validate: not available in this build)')
    .allowUnknownOption()
    .action(() => {
      throw new CliError('the "validate" command is not available in this build yet');
    });
}
