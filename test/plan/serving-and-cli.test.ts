/**
 * Serving plans (SLO and rate checked on the simulated run) and `trnsim plan` as a user runs it:
 * the compiled CLI (dist/; npm test builds first) with flags, a plan file, --json and --report.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plan } from '../../src/plan/index.js';
import { runScenario } from '../../src/scenario/index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = path.join(root, 'dist/src/cli/main.js');
let dir: string;
beforeAll(() => {
  expect(fs.existsSync(cli), `${cli} missing: run npx tsc -p tsconfig.json first`).toBe(true);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trnsim-plan-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function trnsim(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('serving plans', () => {
  it('meets the SLO and the rate on every frontier plan, and its scenario reproduces it', async () => {
    const r = await plan(
      {
        name: 'serve',
        model: 'llama-3.1-8b',
        systems: [{ preset: 'trn2.48xlarge', counts: [1] }, { preset: 'h100-8x', counts: [1, 2] }],
        serve: { rate: 4, inputTokens: 1000, outputTokens: 200, ttftP99: '2 s', tpotP50: '8 ms', requests: 60, search: { tp: [4, 8, 16], maxBatch: [4, 16] } },
      },
      { workers: 0 },
    );
    expect(r.kind).toBe('serving');
    expect(r.pareto.length).toBeGreaterThan(0);
    expect((r.lost['misses the SLO'] ?? 0) + (r.pruned['misses the SLO (bound)'] ?? 0)).toBeGreaterThan(0);
    for (const e of r.pareto) {
      const d = e.details as { ttftP99S: number; tpotP50S: number; requestsPerSecond: number; requestsRejected: number };
      expect(d.ttftP99S).toBeLessThanOrEqual(2);
      expect(d.tpotP50S).toBeLessThanOrEqual(0.008);
      expect(d.requestsRejected).toBe(0);
      expect(d.requestsPerSecond).toBeGreaterThanOrEqual(0.9 * 4);
      expect(e.timeToTrainS).toBeNull();
      // an hour of the deployment at its price
      expect(e.costUsd).toBeCloseTo(e.usdPerHour!, 9);
      const run = runScenario(e.scenario, { omitMeta: true }) as { tpotS: { p50: number } };
      expect(Math.abs(run.tpotS.p50 - e.stepTimeS) / e.stepTimeS).toBeLessThan(1e-3);
    }
  }, 60_000);
});

describe('trnsim plan', () => {
  it('answers the common case given as flags, as JSON with the contract fields', () => {
    const r = trnsim('plan', '--model', 'llama-3.1-8b', '--tokens', '2e10', '--deadline', '4d', '--systems', 'trn2.48xlarge,h100-8x', '--max-chips', '16', '--sequence', '4096', '--global-batch', '64', '--json', '--workers', '0', '--no-progress');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    for (const k of ['evaluated', 'feasible', 'pruned', 'pareto', 'bestBySystem']) expect(j).toHaveProperty(k);
    expect(j.pareto.length).toBeGreaterThan(0);
    for (const k of ['scenario', 'system', 'chips', 'parallelism', 'stepTimeS', 'timeToTrainS', 'costUsd', 'energyJ']) expect(j.pareto[0]).toHaveProperty(k);
    expect(Object.keys(j.bestBySystem)).toEqual(['trn2.48xlarge', 'h100-8x']);
    // the scenario of a plan runs as it is
    const file = path.join(dir, 'best.json');
    fs.writeFileSync(file, JSON.stringify(j.pareto[0].scenario));
    const run = trnsim('run', file, '--json');
    expect(run.code).toBe(0);
    expect(Math.abs(JSON.parse(run.stdout).stepTimeS - j.pareto[0].stepTimeS) / j.pareto[0].stepTimeS).toBeLessThan(1e-3);
  }, 120_000);

  it('reads a plan file, prints the answer and writes an HTML report with the frontier chart', () => {
    const file = path.join(dir, 'p.yaml');
    fs.writeFileSync(
      file,
      ['model: llama-3.1-8b', 'systems: [{ preset: h100-8x, counts: [1, 2] }]', 'train: { tokens: 2e10, sequenceLength: 4096, globalBatch: 64, search: { tp: [4, 8], pp: [1], zero: [1], recompute: [selective] } }', ''].join('\n'),
    );
    const r = trnsim('plan', file, '--report', 'plan.html', '--workers', '0', '--top', '1');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^To train on 2\.00e\+10 tokens: fastest \d+ x h100-8x/);
    expect(r.stdout).toMatch(/Pareto frontier/);
    expect(r.stdout).toMatch(/wrote the report to plan\.html/);
    const html = fs.readFileSync(path.join(dir, 'plan.html'), 'utf8');
    expect(html).toMatch(/<svg[^>]*viewBox/);
    const data = JSON.parse(/<script type="application\/json" id="trnsim-data">(.*?)<\/script>/s.exec(html)![1]!);
    expect((html.match(/class="frontier"/g) ?? []).length).toBe(data.pareto.length);
  }, 120_000);

  it('exits 2 on malformed input, naming the flag or field', () => {
    const bad = trnsim('plan', '--model', 'llama-3.1-8b', '--tokens', 'lots', '--systems', 'h100-8x');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--tokens: expected a positive number/);
    const unknown = trnsim('plan', '--model', 'llama-3.1-8b', '--tokens', '1e9', '--systems', 'h100-9x');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/systems\[0\]: unknown system preset "h100-9x" \(did you mean h100-8x\?\)/);
    expect(trnsim('plan').code).toBe(2);
  }, 60_000);

  it('answers an impossible deadline with exit 0 and what came closest', () => {
    const r = trnsim('plan', '--model', 'llama-3.1-8b', '--tokens', '1e12', '--deadline', '1h', '--systems', 'h100-8x', '--max-chips', '16', '--workers', '0', '--no-progress');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^No plan can train on 1\.00e\+12 tokens within 60\.0 min\. Closest: \d+ x h100-8x .*misses the deadline/);
  }, 120_000);
});
