import type { Command } from 'commander';
import { CliError } from '../cli-error.js';

// Placeholder until the run command lands; it reports clearly instead of pretending to work.
export function register(program: Command): void {
  program
    .command('run')
    .description('(run: not available in this build)')
    .allowUnknownOption()
    .action(() => {
      throw new CliError('the "run" command is not available in this build yet');
    });
}
