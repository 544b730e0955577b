/**
 * Engine benchmark (issue 3; docs/performance.md "Engine"):
 *  1. tinybench micro-benchmarks of the engine with its dispatch: HOLD steps, schedule + drain,
 *     schedule + cancel + drain, the closure API;
 *  2. the HOLD comparison with the peers (bench/hold-table.ts), trnsim in fresh processes;
 *  3. the GC check: 1e7 HOLD events after warm-up in a fresh process, scavenges counted.
 * Environment: TRNSIM_BENCH_ROUNDS (default 3), TRNSIM_PEERS_DIR (default ../shared/peers).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Bench } from 'tinybench';
import { Simulator } from '../../src/engine/index.js';
import { Mulberry32 } from '../mulberry32.js';
import { repoRoot } from '../peers.js';
import { formatHoldTable, runHoldTable, type HoldTableReport } from '../hold-table.js';
import type { GcCheckResult } from '../gc-check.js';

export interface MicroRow {
  name: string;
  eventsPerOp: number;
  opsPerSecond: number;
  eventsPerSecond: number;
  relativeMarginOfError: number;
}

export interface EngineBenchReport {
  micro: MicroRow[];
  hold: HoldTableReport;
  gc: Array<GcCheckResult | { n: number; error: string }>;
}

const BATCH = 1000;

async function runMicro(): Promise<MicroRow[]> {
  const bench = new Bench({ time: 400, warmup: true });
  // HOLD steps through the public API: 1000 dispatches per op, on the default (ladder) queue. The
  // heaps are compared in the HOLD table, each in its own process: in one process, a second queue
  // class would make the simulator's calls into the queue polymorphic and slow every row
  for (const n of [1e3, 1e5]) {
    const hold = new Simulator({ seed: 1, initialCapacity: n + 1 });
    const rng = new Mulberry32(1);
    const kHold = hold.registerKind((id) => void hold.schedule(rng.expo(), kHold, id));
    for (let i = 0; i < n; i++) hold.schedule(rng.expo(), kHold, i);
    bench.add(`hold step (pop + dispatch + schedule), N=${n.toExponential(0).replace('+', '')}`, () => void hold.run({ maxEvents: BATCH }));
  }

  const fill = new Simulator({ seed: 2 });
  const kNop = fill.registerKind(() => {});
  let x = 1;
  bench.add('schedule 1e3 random times, then run to empty', () => {
    for (let i = 0; i < BATCH; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      fill.schedule(x / 4294967296, kNop, i);
    }
    fill.run();
  });

  const canc = new Simulator({ seed: 3 });
  const kC = canc.registerKind(() => {});
  const handles = new Float64Array(BATCH);
  bench.add('schedule 1e3, cancel every other, run to empty', () => {
    for (let i = 0; i < BATCH; i++) handles[i] = canc.schedule((i * 7919) % BATCH, kC, i);
    for (let i = 0; i < BATCH; i += 2) canc.cancel(handles[i]!);
    canc.run();
  });

  const clo = new Simulator({ seed: 4 });
  let hits = 0;
  const fn = (): void => void hits++;
  bench.add('closure API: after() 1e3 times, then run to empty', () => {
    for (let i = 0; i < BATCH; i++) clo.after((i * 7919) % BATCH, fn);
    clo.run();
  });

  await bench.run();
  return bench.tasks.map((t) => {
    const r = t.result;
    const ops = r.state === 'completed' ? r.throughput.mean : 0;
    const rme = r.state === 'completed' ? r.latency.rme : Number.NaN;
    return { name: t.name, eventsPerOp: BATCH, opsPerSecond: ops, eventsPerSecond: ops * BATCH, relativeMarginOfError: rme };
  });
}

function runGcChild(n: number): GcCheckResult | { n: number; error: string } {
  const r = spawnSync(process.execPath, ['--expose-gc', join(repoRoot(), 'dist', 'bench', 'gc-check.js'), String(n), '10000000'], {
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (r.status !== 0) return { n, error: `gc-check exited ${r.status ?? r.signal}: ${(r.stderr ?? '').trim()}` };
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as GcCheckResult;
}

export async function runEngineBench(options: { rounds?: number; log?: (line: string) => void } = {}): Promise<EngineBenchReport> {
  const log = options.log ?? (() => {});
  log('engine: micro-benchmarks (tinybench)');
  const micro = await runMicro();
  const rounds = options.rounds ?? Number(process.env['TRNSIM_BENCH_ROUNDS'] ?? 3);
  log(`engine: HOLD table, ${rounds} rounds`);
  const hold = runHoldTable({
    rounds,
    onCell: (peer, n, round, o) =>
      log(`  round ${round + 1} ${peer} N=${n}: ${o.ok ? `${(o.cell.eventsPerSecond / 1e6).toFixed(2)} M/s` : o.note}`),
  });
  log('engine: GC check (1e7 HOLD events after warm-up)');
  const gc = [runGcChild(1_000), runGcChild(100_000), runGcChild(1_000_000)];
  return { micro, hold, gc };
}

export function formatEngineBench(r: EngineBenchReport): string {
  const lines = ['### Micro-benchmarks (tinybench, in-process)', '', '| task | events/s | ±% |', '|---|---|---|'];
  for (const m of r.micro) lines.push(`| ${m.name} | ${(m.eventsPerSecond / 1e6).toFixed(2)} M/s | ${m.relativeMarginOfError.toFixed(1)} |`);
  lines.push('', '### HOLD (events/s · ratio to C++ std::priority_queue)', '', formatHoldTable(r.hold), '', '### GC check', '');
  for (const g of r.gc) {
    lines.push(
      'error' in g
        ? `N=${g.n}: ${g.error}`
        : `N=${g.n}: ${g.events.toExponential(0)} events after ${g.warmupEvents.toExponential(0)} warm-up: ` +
            `${g.scavenges} scavenges, ${g.markSweeps} mark-sweeps (${(g.eventsPerSecond / 1e6).toFixed(2)} M/s)`,
    );
  }
  return lines.join('\n');
}
