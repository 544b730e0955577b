/**
 * The built CLI, spawned as a user runs it (`npm test` builds first; run `npx tsc -p tsconfig.json`
 * before running this file alone).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CLI = join(process.cwd(), 'dist/src/cli/main.js');
const dir = mkdtempSync(join(tmpdir(), 'trnsim-cli-'));

function trnsim(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

/** Exit 2, one paragraph on stderr, no stack trace. */
function expectUserError(r: ReturnType<typeof trnsim>, pattern: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stderr).toMatch(pattern);
}

describe('trnsim schema', () => {
  it('prints a JSON Schema with the scenario fields and their defaults', () => {
    const r = trnsim('schema');
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout);
    expect(schema.$schema).toMatch(/json-schema\.org/);
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['name', 'seed', 'extends', 'system', 'workload', 'sweep']));
    expect(schema.properties.seed.default).toBe(1);
    expect(schema.properties.system.properties.preset.enum).toContain('trn2-ultraserver');
    expect(schema.required).toEqual(['system', 'workload']);
  });
});

describe('trnsim run: bad input', () => {
  it('exits 2 with the file, field path and value for tp: 0', () => {
    const p = file('tp0.yaml', 'system: { preset: trn2.48xlarge }\nworkload: { kind: training, model: llama-3.1-8b, sequenceLength: 8192, globalBatch: 64, parallelism: { tp: 0 } }\n');
    expectUserError(trnsim('run', p), new RegExp(`^trnsim: ${p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: workload\\.parallelism\\.tp: expected a positive integer, got 0\\.\\n$`));
  });

  // Library tests (test/scenario) cover every message; these check that the CLI keeps them one paragraph with exit code 2.
  it('exits 2 for a missing file and an absurd unit', () => {
    expectUserError(trnsim('run', join(dir, 'nope.yaml')), /cannot read scenario file .*nope\.yaml: no such file/);
    const units = file('units.yaml', 'system: { preset: trn2.48xlarge, overrides: { efa: { latency: "12 parsecs" } } }\nworkload: { kind: training, model: llama-3.1-8b, sequenceLength: 8192, globalBatch: 64, parallelism: { tp: 8 } }\n');
    expectUserError(trnsim('run', units), /system\.overrides\.efa\.latency: expected a duration/);
  });

  it('exits 2 for a bad --seed and for a missing argument', () => {
    const p = file('ok.yaml', 'system: { preset: trn2.48xlarge }\nworkload: { kind: training, model: llama-3.1-8b, sequenceLength: 8192, globalBatch: 64, parallelism: { tp: 8 } }\n');
    expectUserError(trnsim('run', p, '--seed', '-3'), /--seed: expected a non-negative integer, got "-3"/);
    expect(trnsim('run').code).toBe(2);
  });
});

describe('trnsim run', () => {
  it('prints the training report with step time, throughput, MFU, breakdown, memory, events and wall time', () => {
    const r = trnsim('run', 'scenarios/llama-3.1-8b-trn2-48xl.yaml');
    expect(r.code).toBe(0);
    for (const label of ['step time', 'sequences/s', 'tokens/s', 'MFU', 'compute', 'exposed communication', 'pipeline bubble', 'idle', 'Memory per chip', 'events simulated', 'wall time']) {
      expect(r.stdout).toContain(label);
    }
    expect(r.stdout).toContain('tp 8 x pp 1 x dp 8 x cp 1');
  });

  it('--json prints the stable fields in a fixed order, identical between runs apart from meta', () => {
    const a = trnsim('run', 'scenarios/llama-3.1-8b-trn2-48xl.yaml', '--json');
    const b = trnsim('run', 'scenarios/llama-3.1-8b-trn2-48xl.yaml', '--json');
    expect(a.code).toBe(0);
    const ja = JSON.parse(a.stdout);
    const jb = JSON.parse(b.stdout);
    expect(Object.keys(ja)).toEqual(expect.arrayContaining(['kind', 'name', 'stepTimeS', 'sequencesPerSecond', 'tokensPerSecond', 'mfu', 'breakdown', 'memoryBytesPerChip', 'meta']));
    expect(Object.keys(ja).slice(0, 8)).toEqual(['kind', 'name', 'stepTimeS', 'sequencesPerSecond', 'tokensPerSecond', 'mfu', 'breakdown', 'memoryBytesPerChip']);
    expect(Object.keys(ja).at(-1)).toBe('meta');
    expect(Object.keys(ja.meta)).toEqual(['wallTimeS', 'eventsSimulated', 'host', 'version']);
    expect(ja.meta.eventsSimulated).toBeGreaterThan(0);
    // sequences/s = globalBatch / step time; tokens/s = sequences/s x sequence length (8192)
    expect(ja.sequencesPerSecond).toBeCloseTo(64 / ja.stepTimeS, 9);
    expect(ja.tokensPerSecond).toBeCloseTo(ja.sequencesPerSecond * 8192, 6);
    const strip = (text: string) => text.slice(0, text.indexOf('"meta"'));
    expect(strip(a.stdout)).toBe(strip(b.stdout));
  });

  it('prints the inference report of an inference scenario', () => {
    const r = trnsim('run', 'scenarios/inference-llama-3.1-8b-trn2-3xl.yaml', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j).slice(0, 7)).toEqual(['kind', 'name', 'ttftS', 'tpotS', 'e2eLatencyS', 'outputTokensPerSecond', 'requestsPerSecond']);
    expect(Object.keys(j.ttftS)).toEqual(['p50', 'p90', 'p99', 'mean']);
  });

  it('a scenario that does not fit exits 2 with what overflows by how much', () => {
    expectUserError(trnsim('run', 'scenarios/llama-3.1-405b-does-not-fit.yaml'), /^trnsim: scenarios\/llama-3\.1-405b-does-not-fit\.yaml: .*does not fit.*over by [\d.]+ GiB/);
  });
});
