/**
 * Sweeps on piscina worker threads. The workers load the compiled dist/src/sweep/worker.js, so
 * this suite needs `npx tsc -p tsconfig.json` first (npm test builds before it tests).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSweep } from '../../src/sweep/run-sweep.js';
import { mergeResults } from '../../src/sweep/merge.js';
import { comparableLines } from './comparable-lines.js';
import { workerFileUrl } from '../../src/sweep/pool.js';
import * as toy from './fixtures/toy-runner.mjs';
import { toyScenario } from './fixtures/toy-scenario.mjs';

const runner = new URL('./fixtures/toy-runner.mjs', import.meta.url);
let dir: string;
beforeAll(() => {
  workerFileUrl(); // fails with "run npx tsc first" when the compiled worker is missing
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trnsim-sweep-w-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const sortedComparable = (file: string): string => comparableLines(file).join('\n');

// 4 counts x 3 tp x 2 replications = 24 points, one of each kind failing
const scenario = toyScenario({
  axes: { 'system.count': [1, 2, 4, 8], 'workload.parallelism.tp': [4, 8, 16], 'workload.fail': ['none', 'none', 'throw'] },
  replications: 2,
  mode: 'cross',
});

describe('runSweep on worker threads', () => {
  it('gives byte-identical results (apart from meta) in-process, on 2 workers, and as 3 shards merged', async () => {
    const inProc = path.join(dir, 'inproc.jsonl');
    await runSweep(scenario, { workers: 0, runner: toy, schema: false, out: inProc }).finished();
    const two = path.join(dir, 'two.jsonl');
    const s2 = await runSweep(scenario, { workers: 2, runner, schema: false, out: two }).finished();
    expect(s2).toMatchObject({ total: 72, ran: 72, error: 24 });
    const shards: string[] = [];
    for (let i = 0; i < 3; i++) {
      const f = path.join(dir, `shard-${i}.jsonl`);
      await runSweep(scenario, { workers: 1, runner, schema: false, out: f, shard: { index: i, count: 3 } }).finished();
      shards.push(f);
    }
    const merged = path.join(dir, 'merged.jsonl');
    const m = await mergeResults(shards.reverse(), merged);
    expect(m).toMatchObject({ total: 72, written: 72, missing: 0, ok: 48, error: 24 });
    const reference = sortedComparable(inProc);
    expect(reference.split('\n')).toHaveLength(72);
    expect(sortedComparable(two)).toBe(reference);
    expect(sortedComparable(merged)).toBe(reference);
    // the merged file is sorted by index and its lines are the shards' lines byte for byte
    const mergedLines = fs.readFileSync(merged, 'utf8').split('\n').filter(Boolean);
    expect(mergedLines.map((t) => JSON.parse(t).index)).toEqual([...Array(72).keys()]);
    const shardText = shards.map((f) => fs.readFileSync(f, 'utf8')).join('');
    for (const l of mergedLines) expect(shardText.includes(`${l}\n`)).toBe(true);
    // workers really ran the points: thread ids, not 0
    const twoLines = fs.readFileSync(two, 'utf8').split('\n').filter(Boolean).map((t) => JSON.parse(t));
    expect(twoLines.filter((l) => l.status === 'ok').every((l) => l.meta.worker > 0)).toBe(true);
  });

  it('records a worker that dies as an error, replaces it, and finishes the sweep', async () => {
    const s = toyScenario({ axes: { 'system.count': [1, 2, 4, 8, 16, 32], 'workload.fail': ['none', 'exit'] }, replications: 1 });
    const out = path.join(dir, 'dying.jsonl');
    const summary = await runSweep(s, { workers: 2, runner, schema: false, out }).finished();
    expect(summary).toMatchObject({ total: 12, ran: 12, ok: 6, error: 6 });
    const lines = fs.readFileSync(out, 'utf8').split('\n').filter(Boolean).map((t) => JSON.parse(t));
    const dead = lines.filter((l) => l.status === 'error');
    expect(dead.every((l) => /worker failed/.test(l.error) && l.inputs['workload.fail'] === 'exit')).toBe(true);
    // --resume re-runs exactly the failed points (they fail again, deterministically)
    const again = await runSweep(s, { workers: 1, runner, schema: false, out, resume: true }).finished();
    expect(again).toMatchObject({ resumed: 6, ran: 6, error: 6 });
  });

  it('records every point as an error naming the cause when workers cannot load the runner', async () => {
    const lines: { error?: string }[] = [];
    const s = await runSweep(toyScenario({ replications: 1 }), {
      workers: 2,
      runner: new URL('./fixtures/no-such-runner.mjs', import.meta.url),
      schema: false,
      onResult: (l) => lines.push(l),
    }).finished();
    expect(s).toMatchObject({ ran: 6, error: 6 });
    expect(lines.every((l) => /^cannot load the point runner: .*no-such-runner\.mjs/.test(l.error ?? ''))).toBe(true);
  });
});
