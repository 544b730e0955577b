/**
 * `trnsim sweep <file> --emit ...` as a user runs it (the compiled CLI; npm test builds first):
 * the job description on stdout, Slurm's default command being this node and this CLI by absolute
 * path, and bad input refused in one sentence naming the flag, exit code 2.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitSweep, rejectEmitFlags } from '../../../src/cli/commands/sweep-emit.js';
import { isUserInputError } from '../../../src/user-input-error.js';
import { bundledSweep, root } from './helpers.js';

const cli = path.join(root, 'dist/src/cli/main.js');
let dir: string;

function trnsim(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  expect(fs.existsSync(cli), `${cli} missing: run npx tsc -p tsconfig.json first`).toBe(true);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trnsim-emit-cli-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('trnsim sweep --emit', () => {
  it('slurm: a bash script whose tasks run this node and this CLI, by absolute path; the out-dir is created', () => {
    const r = trnsim('sweep', bundledSweep, '--emit', 'slurm', '--out-dir', 'results', '--shards', '3', '--workers', '2');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const outDir = path.join(dir, 'results');
    expect(fs.statSync(outDir).isDirectory()).toBe(true);
    expect(r.stdout).toMatch(/^#!\/usr\/bin\/env bash\n# trnsim \d+\.\d+\.\d+: sweep [0-9a-f]{16} \(9 points\)/);
    expect(r.stdout).toContain(`exec ${process.execPath} ${cli} sweep ${bundledSweep} --shard "\${SLURM_ARRAY_TASK_ID}"/3 --out ${outDir}/shard-"\${SLURM_ARRAY_TASK_ID}".jsonl --resume --no-progress --workers 2\n`);
    expect(r.stdout).toContain('--cpus-per-task=2');
    const file = path.join(dir, 'submit.sh');
    fs.writeFileSync(file, r.stdout);
    expect(spawnSync('bash', ['-n', file]).status).toBe(0);
  });

  it('refuses bad input in one sentence naming the flag, exit code 2, nothing on stdout', () => {
    for (const [args, message] of [
      [['--emit', 'pbs', '--out-dir', 'd'], /^trnsim: --emit: expected slurm, k8s or batch, got "pbs"; e\.g\. --emit slurm\.\n$/],
      [['--emit', 'slurm', '--out-dir', 'd', '--shards', '0'], /^trnsim: --shards: expected an integer from 1 to 9 \(the points of this sweep\), got 0; e\.g\. --shards 8\.\n$/],
    ] as const) {
      const r = trnsim('sweep', bundledSweep, ...args);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
    }
    expect(fs.existsSync(path.join(dir, 'd'))).toBe(false);
  });
});

// the command's glue in-process (each CLI start costs most of a second of CPU)
describe('emitSweep (the --emit flags)', () => {
  async function refusal(p: Promise<unknown> | (() => unknown)): Promise<string> {
    try {
      await (typeof p === 'function' ? p() : p);
    } catch (e) {
      expect(isUserInputError(e), String(e)).toBe(true);
      return (e as Error).message;
    }
    throw new Error('expected a UserInputError');
  }

  it('k8s: the manifest; --trnsim sets the command; shards default to min(points, 8)', async () => {
    const text = await emitSweep(bundledSweep, undefined, { emit: 'k8s', image: 'ghcr.io/x/trnsim:1', outDir: '/results', trnsim: 'npx trnsim' });
    const docs = parseAllDocuments(text).map((d) => d.toJS() as { kind: string; spec?: { completions?: number; template: { spec: { containers: { command: string[] }[] } } } });
    expect(docs.map((d) => d.kind)).toEqual(['ConfigMap', 'Job', 'Job']);
    expect(docs[1]!.spec!.completions).toBe(8);
    expect(docs[1]!.spec!.template.spec.containers[0]!.command[2]).toMatch(/^exec npx trnsim sweep \/etc\/trnsim-input\/sweep\.json --shard "\$\{JOB_COMPLETION_INDEX\}"\/8 /);
  });

  it('refuses flags of a local run with --emit, emit flags without it, and bad values', async () => {
    const base = { emit: 'slurm', outDir: path.join(dir, 'e') };
    expect(await refusal(emitSweep(bundledSweep, undefined, { ...base, out: 'x.jsonl' }))).toBe(
      '--out: not used with --emit (each task of the emitted jobs runs its own shard into --out-dir); drop --out.',
    );
    expect(await refusal(emitSweep(bundledSweep, undefined, { ...base, resume: true }))).toMatch(/^--resume: not used with --emit/);
    expect(await refusal(emitSweep(bundledSweep, undefined, { ...base, shard: '0/2' }))).toMatch(/^--shard: not used with --emit/);
    expect(await refusal(emitSweep(bundledSweep, undefined, { ...base, shards: 'many' }))).toBe('--shards: expected a non-negative integer (the number of shard tasks, e.g. --shards 8), got "many".');
    expect(await refusal(emitSweep(bundledSweep, undefined, { ...base, objective: 'x:up' }))).toMatch(/^--objective: expected <output\.path>\[:max\|min\]/);
    expect(await refusal(emitSweep(bundledSweep, undefined, { ...base, trnsim: ' ' }))).toMatch(/^--trnsim: expected the command that runs trnsim/);
    expect(await refusal(emitSweep(bundledSweep, undefined, { emit: 'slurm' }))).toMatch(/^--out-dir: needed with --emit: /);
    const blocker = path.join(dir, 'a-file');
    fs.writeFileSync(blocker, '');
    expect(await refusal(emitSweep(bundledSweep, undefined, { emit: 'slurm', outDir: path.join(blocker, 'sub') }))).toMatch(/^--out-dir: cannot write to .*a-file\/sub \(ENOTDIR\)/);
    expect(await refusal(() => rejectEmitFlags({ shards: '2' }))).toBe('--shards: only used with --emit slurm|k8s|batch; add --emit or drop --shards.');
    expect(await refusal(() => rejectEmitFlags({ image: 'i' }))).toMatch(/^--image: only used with --emit/);
    expect(() => rejectEmitFlags({ out: 'x.jsonl', objective: 'stepTimeS:min' })).not.toThrow();
  });
});
