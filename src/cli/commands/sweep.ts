import type { Command } from 'commander';
import { CliError } from '../cli-error.js';

// Placeholder until the sweep command lands; it reports clearly instead of pretending to work.
export function register(program: Command): void {
  program
    .command('sweep')
    .description('(sweep: not available in this build)')
    .allowUnknownOption()
    .action(() => {
      throw new CliError('the "sweep" command is not available in this build yet');
    });
}
