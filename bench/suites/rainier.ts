/**
 * Project Rainier scale (issue 13 targets, docs/performance.md "Rainier scale"): one training step
 * of Llama-3.1-405B FP8, TP 64 x PP 16 x DP 4,096 on 16,384 Trn2 UltraServers (1,048,576 chips) in
 * under 10 s wall and 4 GB peak RSS, healthy and with a slow chip and a slow link; and the wall time
 * and peak RSS of Llama-3.1-70B TP 32 x PP 8 (dp = ranks / 256, 8 micro-batches per replica) from
 * 64 chips to 1M chips, with the growth exponent (least-squares slope of log wall against log
 * chips from 1,024 chips up). Each point runs in its own process (its own peak RSS).
 * Run: node dist/bench/suites/rainier.js [--quick]
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { RainierPoint } from './rainier-point.js';

const POINT = fileURLToPath(new URL('./rainier-point.js', import.meta.url));

export interface RainierRow extends RainierPoint {
  readonly name: string;
}

export interface RainierBench {
  readonly headline: readonly RainierRow[];
  readonly scaling: readonly RainierRow[];
  /** d log(wall) / d log(chips) over the scaling rows from 1,024 chips up. */
  readonly growthExponent: number;
}

function point(name: string, args: string[]): RainierRow {
  const out = execFileSync(process.execPath, [POINT, ...args], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return { name, ...(JSON.parse(out.trim()) as RainierPoint) };
}

function slope(xs: number[], ys: number[]): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
  }
  return sxy / sxx;
}

export function runRainierBench(options: { quick?: boolean } = {}): RainierBench {
  const headline = ['none', 'chip', 'link', 'both'].map((f) => point(`405B FP8 TP64 PP16 DP4096, 16,384 UltraServers, faults: ${f}`, ['llama-3.1-405b', '64', '16', '16384', 'fp8', f]));
  const sizes = options.quick ? [1, 16, 256, 4096] : [1, 16, 256, 1024, 4096, 8192, 16384];
  const scaling = sizes.map((u) => point(`70B TP32 PP8 DP${u}`, ['llama-3.1-70b', '32', '8', String(u), 'bf16', 'none']));
  const big = scaling.filter((r) => r.chips >= 1024);
  const growthExponent = slope(big.map((r) => Math.log(r.chips)), big.map((r) => Math.log(r.wallS)));
  return { headline, scaling, growthExponent };
}

export function formatRainierBench(b: RainierBench): string {
  const row = (r: RainierRow) => `| ${r.name} | ${r.chips.toLocaleString('en-US')} | ${r.wallS.toFixed(2)} | ${(r.maxRssBytes / 2 ** 30).toFixed(2)} | ${r.stepTimeS.toFixed(3)} | ${r.ranksSimulated.toLocaleString('en-US')} / ${r.ranksTotal.toLocaleString('en-US')} | ${r.events.toLocaleString('en-US')} |`;
  const head = ['| case | chips | wall (s) | peak RSS (GiB) | simulated step (s) | ranks simulated / total | events |', '|---|---|---|---|---|---|---|'];
  return [
    'One step at 1,048,576 chips (target: < 10 s wall, < 4 GiB peak RSS):',
    '',
    ...head,
    ...b.headline.map(row),
    '',
    'Scaling (Llama-3.1-70B TP 32 x PP 8, dp = ranks / 256):',
    '',
    ...head,
    ...b.scaling.map(row),
    '',
    `Growth exponent of wall time against chips (1,024 chips and up): ${b.growthExponent.toFixed(2)}`,
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(formatRainierBench(runRainierBench({ quick: process.argv.includes('--quick') })));
}
