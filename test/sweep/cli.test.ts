/**
 * `trnsim sweep` and `trnsim merge` as a user runs them: the compiled CLI (dist/src/cli/main.js;
 * npm test builds first) on a small real scenario sweep.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = path.join(root, 'dist/src/cli/main.js');
let dir: string;
let scenario: string;

function trnsim(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function comparable(file: string): string[] {
  return fs
    .readFileSync(path.join(dir, file), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((t) => JSON.parse(t))
    .sort((a, b) => a.index - b.index)
    .map(({ meta: _m, ...rest }) => JSON.stringify(rest));
}

beforeAll(() => {
  expect(fs.existsSync(cli), `${cli} missing: run npx tsc -p tsconfig.json first`).toBe(true);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trnsim-sweep-cli-'));
  scenario = path.join(dir, 'small-sweep.yaml');
  // Llama 3.1 8B on 4 trn2.48xlarge: points of a few tens of ms each
  fs.writeFileSync(
    scenario,
    [
      `extends: ${path.join(root, 'scenarios/llama-3.1-8b-trn2-48xl.yaml')}`,
      'name: small-sweep',
      'system: { count: 4 }',
      'workload: { globalBatch: 256 }',
      'sweep:',
      '  axes:',
      '    workload.parallelism.tp: [8, 16]',
      '    workload.microBatch: [1, 2]',
      '',
    ].join('\n'),
  );
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('trnsim sweep / merge', () => {
  it('runs a sweep to a file, sharded runs merge to the same results, and --csv exports them', () => {
    const full = trnsim('sweep', scenario, '--workers', '2', '--out', 'full.jsonl', '--objective', 'stepTimeS:min', '--csv', 'full.csv');
    expect(full.stderr).toBe('');
    expect(full.code).toBe(0);
    expect(full.stdout).toMatch(/sweep [0-9a-f]{16}: 4 points; ran 4 \(ok 4, invalid 0, error 0\)/);
    expect(full.stdout).toMatch(/best by stepTimeS \(min\):/);
    const csv = fs.readFileSync(path.join(dir, 'full.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(5);
    expect(csv[0]).toMatch(/^index,seed,replication,status,workload\.parallelism\.tp,workload\.microBatch,.*stepTimeS/);

    for (const i of [0, 1]) expect(trnsim('sweep', scenario, '--workers', '0', '--shard', `${i}/2`, '--out', `s${i}.jsonl`).code).toBe(0);
    const merged = trnsim('merge', 's1.jsonl', 's0.jsonl', '--out', 'merged.jsonl');
    expect(merged.code).toBe(0);
    expect(merged.stdout).toMatch(/merged 2 files of sweep [0-9a-f]{16}: 4 of 4 points/);
    expect(comparable('merged.jsonl')).toEqual(comparable('full.jsonl'));

    const incomplete = trnsim('merge', 's0.jsonl', '--out', 'half.jsonl');
    expect(incomplete.code).toBe(2);
    expect(incomplete.stderr).toMatch(/^trnsim: merge: 2 of 4 points are missing \(e\.g\. index 1\)/);
  });

  it('resumes after a corrupt line with a warning, re-running only that point', () => {
    const lines = fs.readFileSync(path.join(dir, 'full.jsonl'), 'utf8').split('\n').filter(Boolean);
    fs.writeFileSync(path.join(dir, 'damaged.jsonl'), `${lines.slice(0, 3).join('\n')}\n${lines[3]!.slice(0, 25)}`);
    const r = trnsim('sweep', scenario, '--workers', '0', '--out', 'damaged.jsonl', '--resume');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: damaged\.jsonl:4: corrupt line/);
    expect(r.stdout).toMatch(/ran 1 \(ok 1, invalid 0, error 0\), 3 already done/);
    expect(comparable('damaged.jsonl')).toEqual(comparable('full.jsonl'));
  });

  it('on Ctrl-C finishes and writes the running points, exits 130, and --resume completes the rest', async () => {
    // 16 points of Llama 3.1 8B on one server (tens of ms each): more than the pool holds in flight
    // (2 tasks per worker, batched when points are fast), so Ctrl-C always leaves some undone
    const slow = path.join(dir, 'slow.yaml');
    fs.writeFileSync(slow, fs.readFileSync(scenario, 'utf8').replace('system: { count: 4 }', 'system: { count: 1 }').replace('workload.microBatch: [1, 2]', 'workload.microBatch: [1]').concat('  replications: 8\n'));
    const out = path.join(dir, 'slow.jsonl');
    const child = spawn(process.execPath, [cli, 'sweep', slow, '--workers', '1', '--out', out], { cwd: dir });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    const exited = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
    const lineCount = (): number => (fs.existsSync(out) ? fs.readFileSync(out, 'utf8').split('\n').filter(Boolean).length : 0);
    while (lineCount() === 0) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toMatch(/stopping: running points finish and are written/);
    const written = lineCount();
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(16);
    const r = trnsim('sweep', slow, '--workers', '1', '--out', 'slow.jsonl', '--resume');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`ran ${16 - written} \\(ok ${16 - written}, invalid 0, error 0\\), ${written} already done`));
    expect(lineCount()).toBe(16);
  });

  it('refuses bad input in one paragraph with exit code 2 and no stack trace', () => {
    const shard = trnsim('sweep', scenario, '--shard', '3/2');
    expect(shard.code).toBe(2);
    expect(shard.stderr).toMatch(/^trnsim: --shard: expected i\/n with integers 0 <= i < n .* got "3\/2"\.\n$/);
    const bad = path.join(dir, 'bad-axis.yaml');
    fs.writeFileSync(bad, fs.readFileSync(scenario, 'utf8').replace('workload.microBatch: [1, 2]', 'workload.microbatch: [1, 2]'));
    const axis = trnsim('sweep', bad, '--out', 'never.jsonl');
    expect(axis.code).toBe(2);
    expect(axis.stderr).toMatch(/sweep\.axes\."workload\.microbatch": not a scenario field: "microbatch" is not a field of "workload"/);
    expect(axis.stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(path.join(dir, 'never.jsonl'))).toBe(false);
  });
});
