/**
 * Collectives benchmark (issue 6; docs/performance.md "Collectives"): the issue's target, a 64-chip
 * Trn2 UltraServer all-reduce sweep from 8 B to 1 GiB (factor 2, auto algorithm, all 256 ranks,
 * flow mode), timed cold (first run in the process) and warm (best of 3); plus a 16-rank C3 sweep
 * and the cost of a cached collectiveTimeS call. Run: node dist/bench/suites/collectives.js
 */
import { pathToFileURL } from 'node:url';
import { buildSystem } from '../../src/hardware/index.js';
import { collectiveTimeS, runSizeSweep } from '../../src/collectives/index.js';
import type { System } from '../../src/hardware/types.js';

export interface CollectivesBenchRow {
  readonly name: string;
  readonly sizes: number;
  readonly coldS: number;
  readonly warmS: number;
  readonly algorithms: string;
}

export interface CollectivesBench {
  readonly sweeps: CollectivesBenchRow[];
  readonly cachedCallNs: number;
}

function sweep(system: System, ranks: number, min: number, max: number, factor: number): { wallS: number; sizes: number; algorithms: string } {
  const t0 = performance.now();
  const rows = runSizeSweep(system, { op: 'all-reduce', ranks: Array.from({ length: ranks }, (_, i) => i), minBytes: min, maxBytes: max, stepFactor: factor });
  const wallS = (performance.now() - t0) / 1000;
  const algs = [...new Set(rows.map((r) => r.algorithm))].join(' > ');
  return { wallS, sizes: rows.length, algorithms: algs };
}

function row(name: string, run: () => { wallS: number; sizes: number; algorithms: string }): CollectivesBenchRow {
  const cold = run();
  let warm = Infinity;
  for (let i = 0; i < 3; i++) warm = Math.min(warm, run().wallS);
  return { name, sizes: cold.sizes, coldS: cold.wallS, warmS: warm, algorithms: cold.algorithms };
}

export function runCollectivesBench(): CollectivesBench {
  const us = buildSystem({ preset: 'trn2-ultraserver' });
  const trn2 = buildSystem({ preset: 'trn2.48xlarge' });
  const sweeps = [
    row('Trn2 UltraServer, 256 ranks, 8 B-1 GiB x2', () => sweep(us, us.rankCount, 8, 2 ** 30, 2)),
    row('trn2.48xlarge, 16 ranks (C3), 4 B-1 GiB x16', () => sweep(trn2, 16, 4, 2 ** 30, 16)),
  ];
  const req = { op: 'all-reduce' as const, ranks: Array.from({ length: 64 }, (_, i) => i), sizeBytes: 16384, issue: 'in-graph' as const };
  collectiveTimeS(trn2, req);
  const n = 200_000;
  const t0 = performance.now();
  let sink = 0;
  for (let i = 0; i < n; i++) sink += collectiveTimeS(trn2, req);
  const cachedCallNs = ((performance.now() - t0) * 1e6) / n;
  if (sink < 0) console.log(sink);
  return { sweeps, cachedCallNs };
}

export function formatCollectivesBench(b: CollectivesBench): string {
  const lines = ['| sweep | sizes | cold (s) | warm, best of 3 (s) | algorithms |', '|---|---:|---:|---:|---|'];
  for (const r of b.sweeps) lines.push(`| ${r.name} | ${r.sizes} | ${r.coldS.toFixed(2)} | ${r.warmS.toFixed(2)} | ${r.algorithms} |`);
  lines.push('', `Cached collectiveTimeS call (64-rank in-graph all-reduce, hit): ${b.cachedCallNs.toFixed(0)} ns`);
  return lines.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(formatCollectivesBench(runCollectivesBench()));
}
