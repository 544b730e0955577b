/**
 * Shared by the emitter tests: a sweep file, and a stand-in for trnsim (or sbatch, aws) that
 * records the arguments it was called with, so a test can run the emitted shell text for real and
 * see exactly which argv each task would give trnsim.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../../', import.meta.url));
/** The bundled 9-point sweep (3 cluster sizes x 3 tp). */
export const bundledSweep = path.join(root, 'scenarios/sweep-llama-3.1-8b-parallelism.yaml');

/** A directory whose name needs quoting in any shell: spaces, quotes, '$', a backslash. */
export function awkwardDir(parent: string): string {
  const dir = path.join(parent, `out dir's "q" $HOME \\ x`);
  return dir;
}

export interface Recorder {
  /** Path of the executable. */
  readonly path: string;
  /** Every call so far: its argv (without the program) and its stdin. */
  calls(): { argv: string[]; stdin: string }[];
}

/**
 * An executable that appends each call (argv, NUL-separated, and stdin) to files in `dir` and
 * prints `reply` (a shell snippet run after recording, with $n = the call's number from 1).
 */
export function recorder(dir: string, name: string, reply = ''): Recorder {
  fs.mkdirSync(dir, { recursive: true });
  const log = path.join(dir, `${name}.calls`);
  fs.mkdirSync(log, { recursive: true });
  const exe = path.join(dir, name);
  fs.writeFileSync(
    exe,
    [
      '#!/bin/bash',
      `log=${JSON.stringify(log)}`,
      'n=$(( $(ls "$log" | wc -l) / 2 + 1 ))',
      'printf "%s\\0" "$@" > "$log/$n.argv"',
      'if [ -t 0 ]; then : > "$log/$n.stdin"; else cat > "$log/$n.stdin"; fi',
      reply,
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
  return {
    path: exe,
    calls: () => {
      const n = fs.readdirSync(log).filter((f) => f.endsWith('.argv')).length;
      return Array.from({ length: n }, (_, k) => {
        const text = fs.readFileSync(path.join(log, `${k + 1}.argv`), 'utf8');
        return { argv: text === '' ? [] : text.slice(0, -1).split('\0'), stdin: fs.readFileSync(path.join(log, `${k + 1}.stdin`), 'utf8') };
      });
    },
  };
}

export function run(cmd: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env, input?: string): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, { env, encoding: 'utf8', timeout: 30_000, ...(input !== undefined ? { input } : { stdio: ['ignore', 'pipe', 'pipe'] }) });
  return { code: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}
