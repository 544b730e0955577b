import type { Command } from 'commander';
import { CliError } from '../cli-error.js';

// Placeholder until the collective command lands; it reports clearly instead of pretending to work.
export function register(program: Command): void {
  program
    .command('collective')
    .description('(collective: not available in this build)')
    .allowUnknownOption()
    .action(() => {
      throw new CliError('the "collective" command is not available in this build yet');
    });
}
