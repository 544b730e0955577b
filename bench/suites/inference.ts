/**
 * Inference benchmark (issue 8 target: 10,000 requests simulate in under 5 s; docs/performance.md
 * "Inference"). Each case runs runInference on a catalogue system and reports wall time (median
 * of `repeats`), events, decode passes and requests simulated per wall second.
 * Run: node dist/bench/suites/inference.js [--quick]
 */
import { pathToFileURL } from 'node:url';
import { buildSystem } from '../../src/hardware/index.js';
import { runInference } from '../../src/workload/inference/index.js';
import { modelPresets } from '../../src/workload/index.js';
import type { InferenceWorkload } from '../../src/workload/types.js';

export interface InferenceBenchRow {
  readonly name: string;
  readonly requests: number;
  readonly wallS: number;
  readonly events: number;
  readonly decodePasses: number;
  readonly requestsPerWallSecond: number;
}

function preset(name: string) {
  const m = modelPresets[name];
  if (!m) throw new Error(`bench: unknown model preset ${name}`);
  return m;
}

function cases(count: number): Array<{ name: string; system: string; workload: InferenceWorkload }> {
  const fixed = (tokens: number) => ({ kind: 'fixed' as const, tokens });
  const l70 = preset('llama-3.3-70b');
  return [
    {
      name: `I3 shape: 70B TP64 batch 1, 10k in / 1.5k out (${count} req)`,
      system: 'trn2.48xlarge',
      workload: {
        kind: 'inference', model: l70, precision: 'bf16', parallelism: { tp: 64, dp: 1, pp: 1 },
        batching: { maxBatch: 1, policy: 'continuous' },
        requests: { count, inputTokens: fixed(10000), outputTokens: fixed(1500), concurrency: 1 },
        maxContextTokens: 12288,
      },
    },
    {
      name: `70B TP64 continuous batch 8, 2k / 500, closed loop 8 (${count} req)`,
      system: 'trn2.48xlarge',
      workload: {
        kind: 'inference', model: l70, precision: 'bf16', parallelism: { tp: 64, dp: 1, pp: 1 },
        batching: { maxBatch: 8, policy: 'continuous' },
        requests: { count, inputTokens: fixed(2000), outputTokens: fixed(500), concurrency: 8 },
      },
    },
    {
      name: `8B one chip TP4 batch 32, Poisson 4/s, seeded lengths (${count} req)`,
      system: 'trn2.3xlarge',
      workload: {
        kind: 'inference', model: preset('llama-3.1-8b'), precision: 'bf16', parallelism: { tp: 4, dp: 1, pp: 1 },
        batching: { maxBatch: 32, policy: 'continuous' },
        requests: {
          count,
          inputTokens: { kind: 'uniform', min: 200, max: 4000 },
          outputTokens: { kind: 'lognormal', median: 200, sigma: 0.7, min: 8, max: 2000 },
          arrivalRatePerSecond: 4,
        },
      },
    },
    {
      name: `70B TP16 x DP4 batch 16, Poisson 20/s (${count} req)`,
      system: 'trn2.48xlarge',
      workload: {
        kind: 'inference', model: l70, precision: 'bf16', parallelism: { tp: 16, dp: 4, pp: 1 },
        batching: { maxBatch: 16, policy: 'continuous' },
        requests: { count, inputTokens: { kind: 'uniform', min: 500, max: 3000 }, outputTokens: { kind: 'uniform', min: 50, max: 800 }, arrivalRatePerSecond: 20 },
      },
    },
    {
      name: `70B TP64 speculative (1B draft, k 4) batch 4, 2k / 500 (${Math.max(1, count / 10)} req)`,
      system: 'trn2.48xlarge',
      workload: {
        kind: 'inference', model: l70, precision: 'bf16', parallelism: { tp: 64, dp: 1, pp: 1 },
        batching: { maxBatch: 4, policy: 'continuous' },
        requests: { count: Math.max(1, count / 10), inputTokens: fixed(2000), outputTokens: fixed(500), concurrency: 4 },
        speculation: { draft: preset('llama-3.2-1b'), tokens: 4, acceptanceRate: 0.7 },
      },
    },
  ];
}

export function runInferenceBench(options: { count?: number; repeats?: number } = {}): InferenceBenchRow[] {
  const count = options.count ?? 10000;
  const repeats = options.repeats ?? 3;
  const rows: InferenceBenchRow[] = [];
  for (const c of cases(count)) {
    const walls: number[] = [];
    let events = 0, decode = 0;
    for (let i = 0; i < repeats; i++) {
      // a fresh System each repeat: collective answers are kept per System across runs
      const system = buildSystem({ preset: c.system });
      const t0 = performance.now();
      const r = runInference(system, c.workload, { seed: 1, name: c.name });
      walls.push((performance.now() - t0) / 1000);
      events = r.eventsSimulated;
      decode = r.steps.decode;
    }
    walls.sort((a, b) => a - b);
    const wallS = walls[Math.floor(walls.length / 2)]!;
    rows.push({ name: c.name, requests: c.workload.requests.count, wallS, events, decodePasses: decode, requestsPerWallSecond: c.workload.requests.count / wallS });
  }
  return rows;
}

export function formatInferenceBench(rows: readonly InferenceBenchRow[]): string {
  const lines = ['| case | requests | wall (s, median) | events | decode passes | requests / wall s |', '|---|---|---|---|---|---|'];
  for (const r of rows) {
    lines.push(`| ${r.name} | ${r.requests} | ${r.wallS.toFixed(3)} | ${r.events} | ${r.decodePasses} | ${Math.round(r.requestsPerWallSecond)} |`);
  }
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const quick = process.argv.includes('--quick');
  const rows = runInferenceBench(quick ? { count: 1000, repeats: 1 } : {});
  console.log(formatInferenceBench(rows));
}
