import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runSweep } from '../../src/sweep/run-sweep.js';
import { mergeResults } from '../../src/sweep/merge.js';
import { readSortedResults } from '../../src/sweep/read-results.js';
import { writeCsv } from '../../src/sweep/csv.js';
import * as toy from './fixtures/toy-runner.mjs';
import { toyScenario } from './fixtures/toy-scenario.mjs';
import { rejection } from '../user-errors.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trnsim-merge-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const base = { workers: 0, runner: toy, schema: false as const };

async function shards(n: number, scenario = toyScenario(), prefix = 's'): Promise<string[]> {
  const files: string[] = [];
  for (let i = 0; i < n; i++) {
    const out = path.join(dir, `${prefix}${i}.jsonl`);
    await runSweep(scenario, { ...base, out, shard: { index: i, count: n } }).finished();
    files.push(out);
  }
  return files;
}


describe('mergeResults', () => {
  it('joins shards sorted by index', async () => {
    const files = await shards(3);
    const out = path.join(dir, 'all.jsonl');
    expect(await mergeResults(files, out)).toMatchObject({ total: 12, written: 12, missing: 0, ok: 12 });
    const idx = fs.readFileSync(out, 'utf8').trim().split('\n').map((t) => JSON.parse(t).index);
    expect(idx).toEqual([...Array(12).keys()]);
  });

  it('refuses incomplete, overlapping, foreign and corrupt inputs, naming the file and the fix', async () => {
    const files = await shards(3);
    const out = path.join(dir, 'all.jsonl');
    expect(await rejection(mergeResults(files.slice(0, 2), out))).toMatch(/4 of 12 points are missing \(e\.g\. index 2\); run the missing shards/);
    expect(fs.existsSync(out)).toBe(false);
    expect(await mergeResults(files.slice(0, 2), out, { allowIncomplete: true })).toMatchObject({ written: 8, missing: 4 });
    // an existing --out is replaced only with force
    expect(await rejection(mergeResults(files, out))).toMatch(/^--out: cannot write ".*all\.jsonl": the file exists; pass --force to overwrite it/);
    expect(await rejection(mergeResults(files, files[0]!, { force: true }))).toMatch(/^--out: cannot write ".*s0\.jsonl": it is also an input \(.*s0\.jsonl\); write the output to another file/);
    fs.rmSync(out);
    expect(await rejection(mergeResults([files[0]!, files[0]!], out))).toMatch(/point 0 appears in both .*s0\.jsonl and .*s0\.jsonl; give each shard once/);
    const [foreign] = await shards(1, toyScenario({ replications: 3 }), 'f');
    expect(await rejection(mergeResults([files[0]!, foreign!], out, { force: true }))).toMatch(/belongs to sweep [0-9a-f]{16} but .*f0\.jsonl to sweep [0-9a-f]{16}/);
    fs.appendFileSync(files[1]!, '{"id": "cut sho');
    expect(await rejection(mergeResults(files, out, { force: true }))).toMatch(/s1\.jsonl:5: not a sweep result line \(not valid JSON \(cut short\?\)\); re-run that shard with --resume/);
    expect(await rejection(mergeResults([], out))).toMatch(/at least one results file/);
    expect(await rejection(mergeResults([path.join(dir, 'nope.jsonl')], out))).toMatch(/nope\.jsonl: cannot read/);
  });
});

describe('writeCsv', () => {
  it('writes one row per point with flattened inputs and outputs, quoting where needed', async () => {
    const s = toyScenario({ axes: { 'system.count': [1, 2], 'workload.fail': ['none', 'throw'] }, replications: 1 });
    const out = path.join(dir, 'r.jsonl');
    await runSweep(s, { ...base, out }).finished();
    const csvFile = path.join(dir, 'r.csv');
    expect(writeCsv((await readSortedResults([out])).lines, csvFile)).toBe(4);
    const rows = fs.readFileSync(csvFile, 'utf8').trim().split('\n');
    expect(rows[0]).toBe(
      'index,seed,replication,status,system.count,workload.fail,kind,name,stepTimeS,tokensPerSecond,breakdown.computeS,breakdown.commS,error',
    );
    const first = rows[1]!.split(',');
    expect(first.slice(0, 8)).toEqual(['0', '7', '0', 'ok', '1', 'none', 'toy', 'toy']);
    // step time of the toy: (1/16 + 0.001 x 4) x (1 + 0.01 u), u in [0, 1)
    expect(Number(first[8])).toBeGreaterThanOrEqual(1 / 16 + 0.004);
    expect(Number(first[8])).toBeLessThan((1 / 16 + 0.004) * 1.01);
    expect(rows[2]).toMatch(/^1,7,0,error,1,throw,,,,,,,toy failure at count 1$/);
  });
});
