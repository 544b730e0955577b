/**
 * The CLI's main() called in-process with its standard output and error captured: what a user
 * sees, in milliseconds instead of a process start per case (the fuzz test runs thousands).
 */
import { main } from '../../src/cli/program.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function cli(...args: string[]): Promise<CliRun> {
  const out = process.stdout.write;
  const err = process.stderr.write;
  let stdout = '';
  let stderr = '';
  process.stdout.write = ((chunk: string | Uint8Array) => ((stdout += String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => ((stderr += String(chunk)), true)) as typeof process.stderr.write;
  try {
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

/** Neither a stack trace nor an internal error: what no input may ever produce. */
export function problemsOf(r: CliRun): string[] {
  const problems: string[] = [];
  if (/\n\s+at |^\s+at /m.test(r.stderr) || /\n\s+at /.test(r.stdout)) problems.push('stack trace');
  if (/internal error/.test(r.stderr)) problems.push('internal error');
  if (![0, 1, 2].includes(r.code)) problems.push(`exit code ${r.code}`);
  // a result is printed, or the file it went to is named ("trnsim: wrote ...")
  if (r.code === 0 && r.stdout.trim() === '' && !/^trnsim: wrote /m.test(r.stderr)) problems.push('exit 0 without a result');
  if (r.code !== 0 && r.stderr.trim() === '') problems.push(`exit ${r.code} without a message`);
  return problems;
}
