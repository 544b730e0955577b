/**
 * What a requeued batch task relies on: `sweep --shard i/n --resume` on a shard file that a kill
 * left partly written (its last line cut short, no final newline) completes the shard with every
 * point once, and the merged shards equal a run in one piece. merge takes a result repeated in one
 * file (a task that ran twice at once) once, and still refuses two different results of one point.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mergeResults } from '../../src/sweep/merge.js';
import { runSweep } from '../../src/sweep/run-sweep.js';
import { comparableLines } from './comparable-lines.js';
import { isUserInputError } from '../../src/user-input-error.js';
import * as toy from './fixtures/toy-runner.mjs';
import { toyScenario } from './fixtures/toy-scenario.mjs';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trnsim-resume-shard-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const base = { workers: 0, runner: toy, schema: false as const, onWarning: () => {} };

const comparable = comparableLines;

describe('resuming a shard a kill left partly written', () => {
  it('completes it with no duplicate or lost point, for every cut of the last line', async () => {
    const whole = path.join(dir, 'whole.jsonl');
    await runSweep(toyScenario(), { ...base, out: whole }).finished();
    const reference = comparable(whole);
    expect(reference).toHaveLength(12);

    const shards = 3;
    const files: string[] = [];
    for (let i = 0; i < shards; i++) {
      const f = path.join(dir, `shard-${i}.jsonl`);
      await runSweep(toyScenario(), { ...base, shard: `${i}/${shards}`, out: f }).finished();
      files.push(f);
    }
    // shard 1 (points 1, 4, 7, 10) as a kill leaves it: two lines, then the third cut at k bytes
    const lines = fs.readFileSync(files[1]!, 'utf8').split('\n').filter(Boolean);
    expect(lines).toHaveLength(4);
    const third = lines[2]!;
    for (const cut of [0, 1, 17, Math.floor(third.length / 2), third.length - 1, third.length]) {
      fs.writeFileSync(files[1]!, `${lines[0]}\n${lines[1]}\n${third.slice(0, cut)}`);
      const warnings: string[] = [];
      const s = await runSweep(toyScenario(), { ...base, shard: `1/${shards}`, out: files[1]!, resume: true, onWarning: (w) => warnings.push(w) }).finished();
      // a whole last line without its newline is kept; a cut one is dropped and its point runs again
      const keptThird = cut === third.length;
      expect(s).toMatchObject({ shardPoints: 4, resumed: keptThird ? 3 : 2, ran: keptThird ? 1 : 2, ok: keptThird ? 1 : 2 });
      expect(warnings).toHaveLength(cut === 0 || keptThird ? 0 : 1);
      const text = fs.readFileSync(files[1]!, 'utf8');
      expect(text.endsWith('\n')).toBe(true);
      const indices = text.split('\n').filter(Boolean).map((t) => (JSON.parse(t) as { index: number }).index);
      expect(indices.sort((a, b) => a - b)).toEqual([1, 4, 7, 10]);
      const out = path.join(dir, 'merged.jsonl');
      expect(await mergeResults(files, out, { force: true })).toMatchObject({ written: 12, missing: 0, ok: 12 });
      expect(comparable(out)).toEqual(reference);
    }
  });
});

describe('merge of a shard file a task wrote twice', () => {
  it('takes an identical repeat once and refuses two different results of one point', async () => {
    const f = path.join(dir, 's.jsonl');
    await runSweep(toyScenario(), { ...base, out: f }).finished();
    const lines = fs.readFileSync(f, 'utf8').split('\n').filter(Boolean);
    // the repeat differs only in meta (its wall time, host), as a second attempt's line would
    const repeat = JSON.parse(lines[5]!) as { meta: { wallTimeS: number } };
    repeat.meta.wallTimeS += 1;
    fs.writeFileSync(f, `${[...lines, JSON.stringify(repeat)].join('\n')}\n`);
    const out = path.join(dir, 'm.jsonl');
    expect(await mergeResults([f], out)).toMatchObject({ written: 12, ok: 12 });
    expect(fs.readFileSync(out, 'utf8').split('\n').filter(Boolean)[5]).toBe(lines[5]);

    const other = JSON.parse(lines[5]!) as { outputs: { stepTimeS: number } };
    other.outputs.stepTimeS *= 2;
    fs.writeFileSync(f, `${[...lines, JSON.stringify(other)].join('\n')}\n`);
    const e = await mergeResults([f], out, { force: true }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(isUserInputError(e)).toBe(true);
    expect((e as Error).message).toMatch(/^merge: point 5 appears in both .*s\.jsonl and .*s\.jsonl/);
  });
});
