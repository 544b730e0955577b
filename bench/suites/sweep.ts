/**
 * Sweep benchmark (issue 9 targets, docs/performance.md "Sweeps"):
 *  - scaling: points/s of 2 workers over 1 worker for CPU-bound 50 ms points (target >= 1.7x on 2 cores);
 *  - overhead: wall time of 1 worker over the sum of point times, worker start-up included (target < 5%);
 *  - memory: heap after GC while a 10,000-point sweep streams to a file (target: flat).
 * Run: node --expose-gc dist/bench/suites/sweep.js [--quick]
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runSweep } from '../../src/sweep/index.js';

const runner = new URL('./sweep-busy-runner.js', import.meta.url);

function busySweep(points: number, busyMs: number): Record<string, unknown> {
  return {
    name: 'sweep-bench',
    seed: 1,
    busyMs,
    system: { count: 1 },
    sweep: { axes: { 'system.count': { from: 1, to: points, step: 1 } } },
  };
}

interface Timing {
  readonly wallS: number;
  readonly pointsPerSecond: number;
  /** Sum of the points' own run times. */
  readonly pointS: number;
  /** Time to the first result minus one point: thread start-up and module loading. */
  readonly startupS: number;
  /** Mean gap between consecutive results of one worker beyond the point time (message overhead). */
  readonly perPointOverheadS: number;
}

async function timeSweep(points: number, busyMs: number, workers: number): Promise<Timing> {
  let pointS = 0;
  const t0 = performance.now();
  const at: number[] = [];
  const summary = await runSweep(busySweep(points, busyMs), {
    workers,
    runner,
    schema: false,
    onResult: (l) => {
      at.push((performance.now() - t0) / 1000);
      // the point's time as the sweep measured it around runPoint (a spinning point overshoots
      // its 50 ms when the OS deschedules it; that is the machine's load, not sweep overhead)
      pointS += l.meta.wallTimeS;
    },
  }).finished();
  const w = Math.max(workers, 1);
  const first = at[w - 1] ?? 0;
  const last = at[at.length - 1] ?? 0;
  const rounds = (points - w) / w;
  return {
    wallS: summary.wallTimeS,
    pointsPerSecond: summary.pointsPerSecond,
    pointS,
    startupS: first - pointS / points,
    perPointOverheadS: rounds > 0 ? (last - first) / rounds - pointS / points : 0,
  };
}

export interface SweepBenchReport {
  readonly scaling: { readonly points: number; readonly busyMs: number; readonly oneWorkerPointsPerSecond: number; readonly twoWorkersPointsPerSecond: number; readonly speedup: number; readonly target: number };
  readonly overhead: {
    readonly points: number;
    readonly busyMs: number;
    readonly wallS: number;
    readonly pointSumS: number;
    /** wall / sum of point times - 1, worker start-up included. */
    readonly overheadFraction: number;
    readonly startupS: number;
    readonly perPointOverheadS: number;
    readonly target: number;
  };
  readonly memory: { readonly points: number; readonly wallS: number; readonly heapMiB: readonly { readonly done: number; readonly heapMiB: number }[]; readonly growthMiB: number; readonly gcExposed: boolean };
  /** The bundled training sweep (real scenarios through runScenario), 1 vs 2 workers. */
  readonly realScenarios?: { readonly file: string; readonly points: number; readonly oneWorkerPointsPerSecond: number; readonly twoWorkersPointsPerSecond: number };
  readonly cores: number;
  readonly note: string;
}

export async function runSweepBench(options: { readonly quick?: boolean } = {}): Promise<SweepBenchReport> {
  const quick = options.quick === true;
  const scalingPoints = quick ? 20 : 60;
  const busyMs = 50;
  // warm the module cache and the JIT once
  await timeSweep(4, 1, 1);
  const one = await timeSweep(scalingPoints, busyMs, 1);
  const two = await timeSweep(scalingPoints, busyMs, 2);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trnsim-sweep-bench-'));
  const memPoints = quick ? 2000 : 10_000;
  const gc = (globalThis as { gc?: () => void }).gc;
  const heapMiB: { done: number; heapMiB: number }[] = [];
  const every = memPoints / 10;
  let done = 0;
  const t0 = performance.now();
  try {
    await runSweep(busySweep(memPoints, 0), {
      workers: 2,
      runner,
      schema: false,
      out: path.join(dir, 'mem.jsonl'),
      onResult: () => {
        done++;
        if (done % every === 0) {
          gc?.();
          heapMiB.push({ done, heapMiB: process.memoryUsage().heapUsed / 2 ** 20 });
        }
      },
    }).finished();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const memWallS = (performance.now() - t0) / 1000;
  const growthMiB = heapMiB.length > 1 ? heapMiB[heapMiB.length - 1]!.heapMiB - heapMiB[0]!.heapMiB : 0;

  let realScenarios: SweepBenchReport['realScenarios'];
  if (!quick) {
    const file = fileURLToPath(new URL('../../../scenarios/sweep-llama-3.1-8b-parallelism.yaml', import.meta.url));
    const rate = async (workers: number): Promise<{ points: number; pps: number }> => {
      const s = await runSweep(file, { workers }).finished();
      return { points: s.ran, pps: s.pointsPerSecond };
    };
    const r1 = await rate(1);
    const r2 = await rate(2);
    realScenarios = { file: 'scenarios/sweep-llama-3.1-8b-parallelism.yaml', points: r1.points, oneWorkerPointsPerSecond: r1.pps, twoWorkersPointsPerSecond: r2.pps };
  }

  return {
    ...(realScenarios ? { realScenarios } : {}),
    scaling: {
      points: scalingPoints,
      busyMs,
      oneWorkerPointsPerSecond: one.pointsPerSecond,
      twoWorkersPointsPerSecond: two.pointsPerSecond,
      speedup: two.pointsPerSecond / one.pointsPerSecond,
      target: 1.7,
    },
    overhead: {
      points: scalingPoints,
      busyMs,
      wallS: one.wallS,
      pointSumS: one.pointS,
      overheadFraction: one.wallS / one.pointS - 1,
      startupS: one.startupS,
      perPointOverheadS: one.perPointOverheadS,
      target: 0.05,
    },
    memory: { points: memPoints, wallS: memWallS, heapMiB, growthMiB, gcExposed: gc !== undefined },
    cores: os.availableParallelism(),
    note: `load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} at the end (other processes share the cores)`,
  };
}

export function formatSweepBench(r: SweepBenchReport): string {
  const s = r.scaling;
  const o = r.overhead;
  const m = r.memory;
  return [
    `- ${s.points} points of ${s.busyMs} ms: 1 worker ${s.oneWorkerPointsPerSecond.toFixed(2)} points/s, 2 workers ${s.twoWorkersPointsPerSecond.toFixed(2)} points/s: ${s.speedup.toFixed(2)}x (target >= ${s.target}x, ${r.cores} cores)`,
    `- overhead of 1 worker incl. start-up: wall ${o.wallS.toFixed(3)} s over ${o.pointSumS.toFixed(3)} s of points = ${(o.overheadFraction * 100).toFixed(1)}% (target < ${o.target * 100}%); start-up ${(o.startupS * 1000).toFixed(0)} ms, per point ${(o.perPointOverheadS * 1000).toFixed(2)} ms`,
    `- ${m.points} small points on 2 workers in ${m.wallS.toFixed(1)} s (${(m.points / m.wallS).toFixed(0)} points/s); heap after GC ${m.heapMiB.map((h) => h.heapMiB.toFixed(1)).join(' / ')} MiB: growth ${m.growthMiB.toFixed(1)} MiB${m.gcExposed ? '' : ' (no --expose-gc: heap not collected before sampling)'}`,
    ...(r.realScenarios
      ? [
          `- real scenarios (${r.realScenarios.file}, ${r.realScenarios.points} points): 1 worker ${r.realScenarios.oneWorkerPointsPerSecond.toFixed(2)} points/s, 2 workers ${r.realScenarios.twoWorkersPointsPerSecond.toFixed(2)} points/s: ${(r.realScenarios.twoWorkersPointsPerSecond / r.realScenarios.oneWorkerPointsPerSecond).toFixed(2)}x (start-up included)`,
        ]
      : []),
    `- ${r.note}`,
  ].join('\n');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const report = await runSweepBench({ quick: process.argv.includes('--quick') });
  process.stdout.write(`${formatSweepBench(report)}\n`);
  if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(report)}\n`);
}
