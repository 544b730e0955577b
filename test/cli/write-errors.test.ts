/**
 * Write failures and peak memory with the built CLI as a process (issue 19): a full device or a
 * closed pipe is one sentence naming the path, exit 1, no stack trace, and every complete line
 * already written stays; the oversized inputs are refused with the process's peak memory far under
 * the limit. Needs `npx tsc -p tsconfig.json` first (npm test builds).
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CLI = join(process.cwd(), 'dist/src/cli/main.js');
const PROGRAM = join(process.cwd(), 'dist/src/cli/program.js');
const dir = mkdtempSync(join(tmpdir(), 'trnsim-write-'));
const small = join(dir, 'small.yaml');
writeFileSync(small, 'system: { preset: trn2.3xlarge }\nworkload: { kind: training, model: llama-3.2-1b, sequenceLength: 2048, globalBatch: 4, parallelism: { tp: 4 } }\n');
const sweep = join(dir, 'sweep.yaml');
writeFileSync(sweep, `extends: ${small}\nsweep: { axes: { seed: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] } }\n`);

/** One sentence on stderr, no stack trace. */
function expectOneSentence(stderr: string, pattern: RegExp): void {
  expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at |internal error/);
  expect(stderr).toMatch(pattern);
}

function withStdoutTo(path: string, ...args: string[]) {
  const fd = openSync(path, 'w');
  try {
    const r = spawnSync(process.execPath, [CLI, ...args], { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8', timeout: 60_000 });
    return { code: r.status, stderr: r.stderr };
  } finally {
    closeSync(fd);
  }
}

describe('write failures', () => {
  it('run --json > /dev/full and sweep > /dev/full: one sentence, exit 1', () => {
    const run = withStdoutTo('/dev/full', 'run', small, '--json');
    expect(run.code).toBe(1);
    expectOneSentence(run.stderr, /^trnsim: cannot write standard output: no space left on device \(ENOSPC\); free some space or write to another disk\n$/);
    const sw = withStdoutTo('/dev/full', 'sweep', sweep, '--workers', '0');
    expect(sw.code).toBe(1);
    expect(sw.stderr).toMatch(/^trnsim: cannot write standard output: no space left on device \(ENOSPC\)/m);
    expect(sw.stderr).not.toMatch(/\n\s+at |internal error/);
  });

  it('sweep --out /dev/full names the file; a reader that goes away is named too', () => {
    const r = spawnSync(process.execPath, [CLI, 'sweep', sweep, '--workers', '0', '--out', '/dev/full'], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(1);
    expectOneSentence(r.stderr, /^trnsim: --out: cannot write "\/dev\/full": no space left on device \(ENOSPC\)/);
    const pipe = spawnSync('bash', ['-c', `"${process.execPath}" "${CLI}" sweep "${sweep}" --workers 1 | head -c 1 > /dev/null; echo "exit \${PIPESTATUS[0]}" >&2`], { encoding: 'utf8', timeout: 60_000 });
    expect(pipe.stderr).toMatch(/^trnsim: cannot write standard output: the reader closed the pipe \(EPIPE\)\nexit 1\n$/);
  });

  it('a file that cannot grow keeps exactly its complete lines', () => {
    // a file-size limit (ulimit -f, SIGXFSZ ignored) stands in for a full disk: write(2) fails with EFBIG
    const out = join(dir, 'cut.jsonl');
    const r = spawnSync('bash', ['-c', `trap '' XFSZ; ulimit -f 4; exec "${process.execPath}" "${CLI}" sweep "${sweep}" --workers 0 --out "${out}"`], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(1);
    expectOneSentence(r.stderr, /^trnsim: --out: cannot write ".*cut\.jsonl": the file is too large for the file system \(EFBIG\)/);
    const text = readFileSync(out, 'utf8');
    expect(text.length).toBeGreaterThan(0);
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.length).toBeLessThan(12);
    for (const l of lines) expect(JSON.parse(l).status).toBe('ok');
  });
});

describe('peak memory on the oversized inputs', () => {
  it('globalBatch: 1e9, requests.count: 1e8 and 1e12 sweep points are refused with the process far under the limit', () => {
    const files = {
      batch: ['run', 'big-batch.yaml', 'extends: llama-3.1-8b-trn2-48xl\nworkload: { globalBatch: 1000000000 }\n'],
      requests: ['run', 'big-requests.yaml', 'extends: inference-llama-3.1-8b-trn2-3xl\nworkload: { requests: { count: 100000000 } }\n'],
      sweep: ['sweep', 'huge.yaml', 'extends: llama-3.1-8b-trn2-48xl\nsweep: { axes: { seed: { from: 1, to: 10000, step: 1 }, workload.microBatch: { from: 1, to: 10000, step: 1 }, system.count: { from: 1, to: 10000, step: 1 } } }\n'],
    };
    const runs = Object.values(files).map(([command, name, text]) => {
      writeFileSync(join(dir, name!), text!);
      return [command!, join(dir, name!), ...(command === 'sweep' ? ['--workers', '0'] : [])];
    });
    // one process runs the three through main() with the default limits (4 GiB) and reports its peak RSS
    const script = `const { main } = await import(${JSON.stringify(PROGRAM)}); const codes = []; for (const a of ${JSON.stringify(runs)}) codes.push(await main(a)); process.stdout.write(JSON.stringify({ codes, maxRssBytes: process.resourceUsage().maxRSS * 1024 }));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
    const { codes, maxRssBytes } = JSON.parse(r.stdout) as { codes: number[]; maxRssBytes: number };
    expect(codes).toEqual([2, 2, 2]);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(3);
    expect(r.stderr).toMatch(/above the memory limit of 4\.0 GiB; most of it is the step graph/);
    // each of them took gigabytes before (globalBatch 1e9: 9 GB and a heap-out-of-memory crash)
    expect(maxRssBytes).toBeLessThan(400 * 1024 ** 2);
  });
});
