/**
 * A plan across many processes: 3 shards (--shard i/3) and their merge give the single-process
 * result byte for byte (apart from meta), on a plan with feasible plans and on one where nothing
 * is feasible (the fallback candidates); every candidate has exactly one line in exactly one shard,
 * pruned ones with their reason; a shard cut short resumes to the same lines; the merge refuses
 * shards of another plan, a missing or repeated shard, and an existing shard file without --resume.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergePlanShards, plan, planId, planShard } from '../../src/plan/index.js';
import { loadPlanSpec } from '../../src/scenario/index.js';
import { withConstants } from '../../src/workload/fitted-constants.js';
import type { PlanResult } from '../../src/plan/index.js';
import { comparableText, parseLine } from '../../src/sweep/index.js';
import type { SweepLine } from '../../src/sweep/index.js';
import { SMALL_TRAINING_PLAN } from './small-spec.js';

const spec = SMALL_TRAINING_PLAN;
// nothing meets a one-hour deadline: the plan simulates what comes closest (space.fallback)
const impossible = { ...spec, name: 'impossible', train: { ...spec.train, tokens: 1e12, deadline: '1 h', search: { ...spec.train.search, tp: [8], zero: [1] } } };
const serving = {
  name: 'serve',
  model: 'llama-3.1-8b',
  systems: [{ preset: 'trn2.48xlarge', counts: [1] }, { preset: 'h100-8x', counts: [1, 2] }],
  serve: { rate: 4, inputTokens: 1000, outputTokens: 200, ttftP99: '2 s', tpotP50: '8 ms', requests: 60, search: { tp: [4, 8, 16], maxBatch: [4, 16] } },
};
const SHARDS = 3;
const cli = path.join(fileURLToPath(new URL('../../', import.meta.url)), 'dist/src/cli/main.js');

const comparable = (r: PlanResult): string => JSON.stringify({ ...r, meta: undefined }, null, 2);
const linesOf = (file: string): SweepLine[] =>
  fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((t) => t.trim() !== '')
    .map((t) => {
      const p = parseLine(t);
      if (!p.ok) throw new Error(`${file}: ${p.why}`);
      return p.line;
    });

let dir: string;
let single: PlanResult;
let files: string[];

async function shardsOf(source: Record<string, unknown>, name: string): Promise<string[]> {
  const out = Array.from({ length: SHARDS }, (_, i) => path.join(dir, `${name}-shard-${i}.jsonl`));
  for (let i = 0; i < SHARDS; i++) await planShard(source, { shard: `${i}/${SHARDS}`, out: out[i]!, workers: 0 });
  return out;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trnsim-plan-shards-'));
  single = await plan(spec, { workers: 0 });
  files = await shardsOf(spec, 'small');
}, 60_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('a plan in shards', () => {
  it('merges to the single-process result, byte for byte apart from meta', async () => {
    const merged = await mergePlanShards(spec, files);
    expect(merged.pareto.length).toBeGreaterThan(1);
    expect(comparable(merged)).toBe(comparable(single));
    expect(merged.meta.shards).toBe(SHARDS);
    // the shard order given to the merge does not matter
    expect(comparable(await mergePlanShards(spec, [...files].reverse()))).toBe(comparable(single));
  });

  it('writes one line per candidate, in the shard of its id, pruned ones with their reason', () => {
    const seen = new Map<number, SweepLine>();
    files.forEach((file, i) => {
      for (const l of linesOf(file)) {
        expect(l.index % SHARDS).toBe(i);
        expect(seen.has(l.index)).toBe(false);
        expect(l.total).toBe(single.candidates);
        seen.set(l.index, l);
      }
    });
    expect(seen.size).toBe(single.candidates);
    const all = [...seen.values()];
    const simulated = all.filter((l) => l.status === 'ok');
    // the shards simulate at least what the single process did (they know less, so prune less)
    expect(simulated.length).toBeGreaterThanOrEqual(single.evaluated);
    expect(simulated.length).toBeLessThan(single.candidates);
    // closed-form reasons as the single process counts them (the bound pruning differs per shard)
    const reasons = new Map<string, number>();
    for (const l of all) if (l.status === 'invalid') reasons.set(l.error!, (reasons.get(l.error!) ?? 0) + 1);
    for (const [reason, count] of Object.entries(single.pruned)) if (reason !== 'dominated (bound)') expect(reasons.get(reason), reason).toBe(count);
    const line = simulated[0]!;
    expect(Object.keys(line.inputs)).toEqual(['system', 'count', 'precision', 'tp', 'pp', 'dp', 'cp', 'ep', 'microBatch', 'zero', 'recompute', 'schedule']);
    expect((line.outputs as { stepTimeS: number }).stepTimeS).toBeGreaterThan(0);
  });

  it('resumes a shard cut short: the same lines, none twice, only the missing ones simulated', async () => {
    const full = linesOf(files[1]!);
    const text = fs.readFileSync(files[1]!, 'utf8').split('\n').filter(Boolean);
    const cut = path.join(dir, 'cut.jsonl');
    const keep = Math.floor(text.length / 2);
    // half the lines and a line cut short by the kill
    fs.writeFileSync(cut, `${text.slice(0, keep).join('\n')}\n${text[keep]!.slice(0, 40)}`);
    const s = await planShard(spec, { shard: `1/${SHARDS}`, out: cut, resume: true, workers: 0 });
    expect(s.alreadyDone).toBe(keep);
    expect(s.warnings.some((w) => /corrupt line/.test(w))).toBe(true);
    const simulatedKept = text.slice(0, keep).filter((t) => t.includes('"status":"ok"')).length;
    expect(s.ranNow).toBe(s.simulated - simulatedKept);
    const again = linesOf(cut);
    expect(again).toHaveLength(full.length);
    const sorted = (ls: SweepLine[]): string[] => ls.map(comparableText).sort();
    expect(sorted(again)).toEqual(sorted(full));
    // and a finished shard resumed does nothing
    const done = await planShard(spec, { shard: `1/${SHARDS}`, out: cut, resume: true, workers: 0 });
    expect(done.ranNow).toBe(0);
    expect(linesOf(cut)).toHaveLength(full.length);
  });

  it('merges a plan where nothing is feasible to the same closest miss', async () => {
    const one = await plan(impossible, { workers: 0 });
    expect(one.feasible).toBe(0);
    expect(one.closest?.entry).toBeDefined();
    const merged = await mergePlanShards(impossible, await shardsOf(impossible, 'impossible'));
    expect(comparable(merged)).toBe(comparable(one));
  }, 30_000);

  it('merges a serving plan to the single-process result', async () => {
    const one = await plan(serving, { workers: 0 });
    expect(one.pareto.length).toBeGreaterThan(0);
    expect(comparable(await mergePlanShards(serving, await shardsOf(serving, 'serve')))).toBe(comparable(one));
  }, 30_000);

  it('from the CLI: a plan file --shard 0/1 --out, then --merge --out plan.json, is what --json prints', () => {
    const file = path.join(dir, 'small.json');
    fs.writeFileSync(file, JSON.stringify(spec));
    const trnsim = (...args: string[]) => spawnSync(process.execPath, [cli, 'plan', file, '--no-progress', ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    const shard = trnsim('--shard', '0/1', '--out', 'only.jsonl', '--workers', '0');
    expect(shard.stderr).toBe('');
    expect(shard.stdout).toMatch(/^plan [0-9a-f]{16} shard 0\/1: 128 of 128 candidates: simulated \d+ \(0 failed, \d+ feasible; ran \d+ now, 0 lines already in the file\), pruned \d+ \(\d+ dominated within the shard\) -> only\.jsonl/);
    const merged = trnsim('--merge', 'only.jsonl', '--out', 'plan.json');
    expect(merged.status, merged.stderr).toBe(0);
    expect(merged.stdout).toMatch(/^merged 1 shard file into plan\.json\nTo train on 2\.00e\+10 tokens within 4\.0 d: fastest /);
    const text = fs.readFileSync(path.join(dir, 'plan.json'), 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const result = JSON.parse(text) as PlanResult;
    expect(result.meta.shards).toBe(1);
    expect(comparable(result)).toBe(comparable(single));
  }, 60_000);

  it('gives the plan another id under other fitted constants (a --calibration)', () => {
    const id = planId(loadPlanSpec(spec));
    expect(planId(loadPlanSpec({ ...spec, systems: [...spec.systems].reverse() }))).not.toBe(id);
    expect(withConstants({ 'training.tpCommOverlap': 0.5 }, () => planId(loadPlanSpec(spec)))).not.toBe(id);
    expect(planId(loadPlanSpec(spec))).toBe(id);
    expect(planId(loadPlanSpec({ ...spec, train: { ...spec.train, deadline: '96 h' } }))).toBe(id);
  });

  it('refuses shards of another plan, a missing shard, an existing file without --resume', async () => {
    await expect(mergePlanShards({ ...spec, seed: 2 }, files)).rejects.toThrow(/^--merge: .*small-shard-0\.jsonl holds lines of plan [0-9a-f]{16}, but this plan is [0-9a-f]{16}; give the plan file, flags and --calibration the shards ran/);
    await expect(mergePlanShards(spec, files.slice(0, 2))).rejects.toThrow(/^--merge: 42 of 128 candidates have no line in the files \(e\.g\. candidate 2\); give every shard's file/);
    await expect(mergePlanShards(spec, [files[0]!, files[0]!, files[1]!, files[2]!])).rejects.toThrow(/^merge: point \d+ appears in both .*small-shard-0\.jsonl and .*small-shard-0\.jsonl/);
    await expect(mergePlanShards(spec, [])).rejects.toThrow(/^--merge: give the shard files/);
    await expect(planShard(spec, { shard: '0/3', out: files[0]!, workers: 0 })).rejects.toThrow(/^--out: .* already exists; pass --resume to continue that shard/);
    await expect(planShard({ ...spec, seed: 2 }, { shard: '0/3', out: files[0]!, resume: true, workers: 0 })).rejects.toThrow(/^--out: .* holds lines of another plan \(id [0-9a-f]{16}; this plan is [0-9a-f]{16}\)/);
    await expect(planShard(spec, { shard: '3/3', out: path.join(dir, 'x.jsonl'), workers: 0 })).rejects.toThrow(/^--shard: expected i\/n with integers 0 <= i < n/);
  });
});
