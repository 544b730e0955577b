/**
 * Hardware benchmark (issue 4; docs/hardware.md "Scale"): building Project Rainier-size systems
 * without per-chip objects, and answering routes and hop counts on them. Reports build time,
 * heap growth of the built system (accurate with node --expose-gc), routes per second over seeded
 * random chip pairs, and the summary time. Run: node --expose-gc dist/bench/suites/hardware.js [--quick]
 */
import { pathToFileURL } from 'node:url';
import { buildSystem, systemSummary } from '../../src/hardware/index.js';
import type { SystemRequest } from '../../src/hardware/index.js';
import { Mulberry32 } from '../mulberry32.js';

export interface HardwareBenchRow {
  readonly name: string;
  readonly chips: number;
  readonly links: number;
  readonly buildMs: number;
  /** Heap growth while the system is alive, bytes (NaN without --expose-gc). */
  readonly heapBytes: number;
  readonly routesPerSecond: number;
  readonly hopCountsPerSecond: number;
  readonly summaryMs: number;
}

const gc = (globalThis as { gc?: () => void }).gc;

function heapUsed(): number {
  if (!gc) return NaN;
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

function benchOne(name: string, req: SystemRequest, queries: number): HardwareBenchRow {
  const before = heapUsed();
  const t0 = process.hrtime.bigint();
  const sys = buildSystem(req);
  const t1 = process.hrtime.bigint();
  const heapBytes = heapUsed() - before;
  const t = sys.topology;
  const rng = new Mulberry32(42);
  const rand = (): number => rng.uniform();
  const pairs = new Int32Array(2 * queries);
  for (let i = 0; i < pairs.length; i++) pairs[i] = Math.floor(rand() * t.chipCount);
  const out = new Int32Array(64);
  let sink = 0;
  const t2 = process.hrtime.bigint();
  for (let i = 0; i < queries; i++) sink += t.route(pairs[2 * i]!, pairs[2 * i + 1]!, out, i);
  const t3 = process.hrtime.bigint();
  for (let i = 0; i < queries; i++) sink += t.hopCount(pairs[2 * i]!, pairs[2 * i + 1]!);
  const t4 = process.hrtime.bigint();
  const s = systemSummary(sys);
  const t5 = process.hrtime.bigint();
  if (sink < 0 || s.chips !== t.chipCount) throw new Error('unreachable');
  return {
    name,
    chips: t.chipCount,
    links: t.linkCount,
    buildMs: Number(t1 - t0) / 1e6,
    heapBytes,
    routesPerSecond: queries / (Number(t3 - t2) / 1e9),
    hopCountsPerSecond: queries / (Number(t4 - t3) / 1e9),
    summaryMs: Number(t5 - t4) / 1e6,
  };
}

export function runHardwareBench(options: { queries?: number } = {}): HardwareBenchRow[] {
  const q = options.queries ?? 200_000;
  return [
    benchOne('trn2.48xlarge x 1', { preset: 'trn2.48xlarge' }, q),
    benchOne('trn2-ultraserver x 16 (1,024 chips)', { preset: 'trn2-ultraserver', count: 16 }, q),
    benchOne('Rainier 500k: trn2-ultraserver x 7,813', { preset: 'trn2-ultraserver', count: 7813 }, q),
    benchOne('Rainier 1M: trn2-ultraserver x 15,625', { preset: 'trn2-ultraserver', count: 15625 }, q),
    benchOne('1M, Clos, 100 links removed', {
      preset: 'trn2-ultraserver',
      count: 15625,
      overrides: {
        efa: { topology: 'clos' },
        links: Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`us${i * 150}.s${i % 4}.c${i % 16}.x+`, { removed: true }])),
      },
    }, q),
    benchOne('trn3-ultraserver-144 x 7,000 (1.008M chips)', { preset: 'trn3-ultraserver-144', count: 7000 }, q),
  ];
}

export function formatHardwareBench(rows: readonly HardwareBenchRow[]): string {
  const lines = rows.map(
    (r) =>
      `${r.name.padEnd(44)} chips ${String(r.chips).padStart(8)}  links ${String(r.links).padStart(9)}  build ${r.buildMs.toFixed(2).padStart(7)} ms  ` +
      `heap ${Number.isNaN(r.heapBytes) ? '   n/a' : (r.heapBytes / 1024).toFixed(0).padStart(6) + ' KiB'}  ` +
      `route ${(r.routesPerSecond / 1e6).toFixed(2)} M/s  hopCount ${(r.hopCountsPerSecond / 1e6).toFixed(2)} M/s  summary ${r.summaryMs.toFixed(2)} ms`,
  );
  return `${lines.join('\n')}\n`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const quick = process.argv.includes('--quick');
  process.stdout.write(formatHardwareBench(runHardwareBench({ queries: quick ? 20_000 : 200_000 })));
}
