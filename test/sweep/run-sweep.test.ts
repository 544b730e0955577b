import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runSweep } from '../../src/sweep/run-sweep.js';
import { comparableText, parseLine } from '../../src/sweep/result-line.js';
import type { SweepLine } from '../../src/sweep/types.js';
import * as toy from './fixtures/toy-runner.mjs';
import { toyScenario } from './fixtures/toy-scenario.mjs';
import { rejection } from '../user-errors.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trnsim-sweep-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const base = { workers: 0, runner: toy, schema: false as const, onWarning: () => {} };

function readLines(file: string): SweepLine[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => {
      const p = parseLine(l);
      if (!p.ok) throw new Error(p.why);
      return p.line;
    });
}


describe('runSweep (in-process)', () => {
  it('writes one line per point with the contract keys in order, and iterates the same lines', async () => {
    const out = path.join(dir, 'r.jsonl');
    const seen: SweepLine[] = [];
    const iterated: SweepLine[] = [];
    const run = runSweep(toyScenario(), { ...base, out, onResult: (l) => seen.push(l) });
    for await (const line of run) iterated.push(line);
    const summary = await run.finished();
    const lines = readLines(out);
    expect(lines).toHaveLength(12);
    expect(iterated.map(comparableText)).toEqual(seen.map(comparableText));
    expect(Object.keys(lines[0]!)).toEqual(['id', 'index', 'total', 'seed', 'replication', 'inputs', 'status', 'outputs', 'meta']);
    expect(lines.map((l) => l.index).sort((a, b) => a - b)).toEqual([...Array(12).keys()]);
    expect(new Set(lines.map((l) => l.id)).size).toBe(1);
    expect(lines[0]!.total).toBe(12);
    expect(summary).toMatchObject({ total: 12, ran: 12, ok: 12, invalid: 0, error: 0, resumed: 0, cancelled: false });
    // the runner's meta goes under the line's meta, never into outputs
    expect(lines[0]!.outputs).not.toHaveProperty('meta');
    expect(lines[0]!.meta.run).toEqual({ wallTimeS: 0.001, eventsSimulated: 16 });
  });

  it('ranks the best point by the default objective (tokensPerSecond, max) and by stepTimeS:min', async () => {
    const a = await runSweep(toyScenario(), base).finished();
    expect(a.objective).toEqual({ path: 'tokensPerSecond', direction: 'max' });
    // the toy step time 1/(16 count) + 0.001 tp is smallest at count 4, tp 4
    expect(a.best[0]!.line.inputs).toEqual({ 'system.count': 4, 'workload.parallelism.tp': 4 });
    const b = await runSweep(toyScenario(), { ...base, objective: { path: 'stepTimeS', direction: 'min' } }).finished();
    expect(b.best[0]!.line.index).toBe(a.best[0]!.line.index);
    expect(b.best[0]!.value).toBeLessThanOrEqual(b.best[1]!.value);
  });

  it('records a point that throws as an error and goes on', async () => {
    const s = toyScenario({ axes: { 'system.count': [1, 2], 'workload.fail': ['none', 'throw'] }, replications: 1 });
    const lines: SweepLine[] = [];
    const summary = await runSweep(s, { ...base, onResult: (l) => lines.push(l) }).finished();
    expect(summary).toMatchObject({ ok: 2, error: 2 });
    const failed = lines.find((l) => l.status === 'error')!;
    expect(Object.keys(failed)).toEqual(['id', 'index', 'total', 'seed', 'replication', 'inputs', 'status', 'error', 'meta']);
    expect(failed.error).toMatch(/toy failure/);
  });

  it('records run-time invalid input as "invalid" when skipInvalid, else as "error"', async () => {
    const axes = { 'system.count': [1], 'workload.fail': ['none', 'invalid'] };
    const skip = await runSweep(toyScenario({ axes, replications: 1, skipInvalid: true }), base).finished();
    expect(skip).toMatchObject({ ok: 1, invalid: 1, error: 0 });
    const strict = await runSweep(toyScenario({ axes, replications: 1 }), base).finished();
    expect(strict).toMatchObject({ ok: 1, invalid: 0, error: 1 });
  });

  it('reports every invalid point together before anything runs when skipInvalid is false', async () => {
    const out = path.join(dir, 'r.jsonl');
    const validate = (s: Record<string, any>) => (s.workload.parallelism.tp > 4 && s.system.count < 4 ? [`tp ${s.workload.parallelism.tp} needs 4 servers`] : []);
    const msg = await rejection(runSweep(toyScenario(), { ...base, out, validate }).finished());
    // count 1 and 2 with tp 8, two replications each
    expect(msg).toMatch(/4 of 12 points are invalid/);
    expect(msg).toMatch(/point 2 \{"system.count":1,"workload.parallelism.tp":8\}: tp 8 needs 4 servers/);
    expect(msg).toMatch(/skipInvalid: true/);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('records a point whose axis path cannot be set as invalid with the reason', async () => {
    const s = toyScenario({ axes: { 'workload.globalBatch.x': [1] }, replications: 1, skipInvalid: true });
    const lines: SweepLine[] = [];
    await runSweep(s, { ...base, onResult: (l) => lines.push(l) }).finished();
    expect(lines[0]!.status).toBe('invalid');
    expect(lines[0]!.error).toMatch(/"workload.globalBatch" is 64, not an object/);
  });

  it('runs only its shard', async () => {
    const lines: SweepLine[] = [];
    const s = await runSweep(toyScenario(), { ...base, shard: '1/3', onResult: (l) => lines.push(l) }).finished();
    expect(lines.map((l) => l.index)).toEqual([1, 4, 7, 10]);
    expect(s).toMatchObject({ shardPoints: 4, ran: 4, shard: { index: 1, count: 3 } });
    expect(await rejection(runSweep(toyScenario(), { ...base, shard: '3/2' }).finished())).toMatch(/--shard/);
  });
});

describe('runSweep failures of the caller', () => {
  it('stops on an exception from onResult, after writing the point, and rethrows it', async () => {
    const out = path.join(dir, 'r.jsonl');
    let calls = 0;
    const run = runSweep(toyScenario(), {
      ...base,
      out,
      onResult: () => {
        if (++calls === 3) throw new Error('consumer broke');
      },
    });
    await expect(run.finished()).rejects.toThrow('consumer broke');
    expect(readLines(out)).toHaveLength(3);
  });

  it('records every point as an error when the runner module cannot be loaded', async () => {
    const s = await runSweep(toyScenario({ replications: 1 }), { ...base, runner: new URL('./fixtures/no-such-runner.mjs', import.meta.url) }).finished();
    expect(s).toMatchObject({ ran: 6, error: 6 });
  });
});

describe('runSweep resume', () => {
  it('refuses to overwrite an existing results file without resume', async () => {
    const out = path.join(dir, 'r.jsonl');
    fs.writeFileSync(out, '{"x":1}\n');
    expect(await rejection(runSweep(toyScenario(), { ...base, out }).finished())).toMatch(/already exists; pass --resume/);
    expect(fs.readFileSync(out, 'utf8')).toBe('{"x":1}\n');
  });

  it('after a stop, runs only the rest; the file ends with every point once', async () => {
    const out = path.join(dir, 'r.jsonl');
    const first = runSweep(toyScenario(), { ...base, out });
    let n = 0;
    for await (const _line of first) if (++n === 5) break; // like Ctrl-C after 5 points
    // the point already running when the loop stopped is finished and written too
    const partial = readLines(out);
    expect(partial.length).toBeGreaterThanOrEqual(5);
    expect(partial.length).toBeLessThan(12);
    const second = await runSweep(toyScenario(), { ...base, out, resume: true }).finished();
    expect(second).toMatchObject({ resumed: partial.length, ran: 12 - partial.length });
    const all = readLines(out);
    expect(all.map((l) => l.index).sort((a, b) => a - b)).toEqual([...Array(12).keys()]);
    // a third run has nothing to do
    expect(await runSweep(toyScenario(), { ...base, out, resume: true }).finished()).toMatchObject({ resumed: 12, ran: 0 });
  });

  it('re-runs points recorded as errors and corrupt lines (with a warning), keeping good lines', async () => {
    const out = path.join(dir, 'r.jsonl');
    await runSweep(toyScenario(), { ...base, out }).finished();
    const good = fs.readFileSync(out, 'utf8').split('\n').filter(Boolean);
    const asError = JSON.parse(good[3]!);
    delete asError.outputs;
    const errorLine = JSON.stringify({ ...asError, status: 'error', error: 'boom', meta: asError.meta });
    // line 4 recorded as an error, line 6 cut short as by a crash mid-write
    const damaged = [...good.slice(0, 3), errorLine, good[4], good[5]!.slice(0, 40), ...good.slice(6)].join('\n');
    fs.writeFileSync(out, damaged); // no final newline either
    const warnings: string[] = [];
    const s = await runSweep(toyScenario(), { ...base, out, resume: true, onWarning: (w) => warnings.push(w) }).finished();
    expect(s).toMatchObject({ resumed: 10, ran: 2 });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/r\.jsonl:6: corrupt line \(not valid JSON \(cut short\?\)\); its point will run again/);
    const all = readLines(out);
    expect(all).toHaveLength(12);
    expect(all.every((l) => l.status === 'ok')).toBe(true);
    const byIndex = new Map(all.map((l) => [l.index, comparableText(l)]));
    for (const text of good) {
      const l = parseLine(text);
      if (l.ok) expect(byIndex.get(l.line.index)).toBe(comparableText(l.line));
    }
  });

  it('refuses to resume a file of another sweep', async () => {
    const out = path.join(dir, 'r.jsonl');
    await runSweep(toyScenario(), { ...base, out }).finished();
    const other = toyScenario({ axes: { 'system.count': [1, 2, 8], 'workload.parallelism.tp': [4, 8] } });
    expect(await rejection(runSweep(other, { ...base, out, resume: true }).finished())).toMatch(/holds results of another sweep/);
  });

  it('names a results file that cannot be written', async () => {
    const out = path.join(dir, 'no-such-dir', 'r.jsonl');
    expect(await rejection(runSweep(toyScenario(), { ...base, out }).finished())).toMatch(/^--out: cannot write ".*no-such-dir\/r\.jsonl": its directory does not exist \(ENOENT\); give a file path in an existing, writable directory\.$/);
  });

  it('needs a results file to resume', async () => {
    expect(await rejection(runSweep(toyScenario(), { ...base, resume: true }).finished())).toMatch(/--resume: needs --out/);
  });
});
