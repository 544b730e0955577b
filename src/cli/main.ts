#!/usr/bin/env node
/**
 * The trnsim command line: a thin shell that parses flags and calls the library API.
 * Each command lives in commands/<name>.ts and exports `register(program)`.
 */
import { Command, CommanderError } from 'commander';
import { isUserInputError } from '../user-input-error.js';
import { commands } from './commands/index.js';
import { version } from '../version.js';

export async function main(argv: string[]): Promise<number> {
  const program = new Command();
  program
    .name('trnsim')
    .description('Discrete-event simulator of AWS Trainium clusters')
    .version(version)
    .exitOverride()
    .configureOutput({ outputError: (str, write) => write(str) });
  for (const register of commands) register(program);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (e) {
    if (e instanceof CommanderError) {
      // help and version exit with 0; usage errors (unknown flag, missing argument) with 2
      return e.exitCode === 0 ? 0 : 2;
    }
    if (isUserInputError(e)) {
      process.stderr.write(`trnsim: ${e.message}\n`);
      return e.exitCode;
    }
    const msg = e instanceof Error ? e.message : String(e);
    process.stderr.write(`trnsim: internal error: ${msg}\n(set TRNSIM_DEBUG=1 for a stack trace)\n`);
    if (process.env.TRNSIM_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
    return 1;
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
