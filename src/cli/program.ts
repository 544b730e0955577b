/**
 * The trnsim command line as a function: main(argv) parses flags, runs one command and returns the
 * exit code (0 ok, 1 a write failure or internal error, 2 bad input, 130 interrupted). main.ts is
 * the executable; tests call main() in-process.
 */
import { Command, CommanderError } from 'commander';
import { isUserInputError } from '../user-input-error.js';
import { OutputWriteError, writeFailed } from '../report/index.js';
import { commands } from './commands/index.js';
import { version } from '../version.js';
import { guardOutput, settleOutput } from './stdout-guard.js';
import { exampleLine } from './help-examples.js';

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('trnsim')
    .description('Discrete-event simulator of AWS Trainium clusters')
    .version(version)
    .exitOverride()
    .configureOutput({ outputError: (str, write) => write(str) });
  for (const register of commands) register(program);
  for (const c of [program, ...program.commands]) {
    const example = exampleLine(c === program ? 'trnsim' : c.name());
    if (example !== undefined) c.addHelpText('after', example);
  }
  return program;
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  const stdout = guardOutput(process.stdout);
  process.exitCode = undefined;
  let code: number;
  let reported = false;
  try {
    await program.parseAsync(argv, { from: 'user' });
    code = process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (e) {
    if (e instanceof CommanderError) {
      // help and version exit with 0; usage errors (unknown flag, missing argument) with 2
      code = e.exitCode === 0 ? 0 : 2;
    } else if (isUserInputError(e)) {
      process.stderr.write(`trnsim: ${e.message}\n`);
      code = e.exitCode;
      reported = e instanceof OutputWriteError && e.message.includes('standard output');
    } else {
      process.stderr.write(`trnsim: internal error: ${messageOf(e)}\n(set TRNSIM_DEBUG=1 for a stack trace)\n`);
      if (process.env.TRNSIM_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
      code = 1;
    }
  }
  await settleOutput();
  const failure = stdout.failure();
  stdout.dispose();
  process.exitCode = undefined;
  if (failure !== undefined) {
    // the command's own message, when it already reported this failure, is enough
    if (!reported) process.stderr.write(`trnsim: ${writeFailed('stdout', '-', failure).message}\n`);
    return 1;
  }
  return code;
}
