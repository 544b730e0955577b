import type { Command } from 'commander';
import { CliError } from '../cli-error.js';

// Placeholder until the hardware command lands; it reports clearly instead of pretending to work.
export function register(program: Command): void {
  program
    .command('hardware')
    .description('(hardware: not available in this build)')
    .allowUnknownOption()
    .action(() => {
      throw new CliError('the "hardware" command is not available in this build yet');
    });
}
