import type { Command } from 'commander';
import { CliError } from '../cli-error.js';

// Placeholder until the merge command lands; it reports clearly instead of pretending to work.
export function register(program: Command): void {
  program
    .command('merge')
    .description('(merge: not available in this build)')
    .allowUnknownOption()
    .action(() => {
      throw new CliError('the "merge" command is not available in this build yet');
    });
}
