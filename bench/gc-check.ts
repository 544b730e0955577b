/**
 * The engine's no-allocation-per-event check (DESIGN.md "engine"): HOLD at N = 1e5 on the engine,
 * a warm-up of 2e6 events, then 1e7 events while a PerformanceObserver counts garbage collections
 * by kind. Zero scavenges (minor GCs) means the dispatch loop, the handler's schedule and the heap
 * allocated nothing per event. Prints one JSON line. Run it in a fresh process:
 *   node --expose-gc dist/bench/gc-check.js [N] [EVENTS]
 */
import { PerformanceObserver, constants } from 'node:perf_hooks';
import { Simulator } from '../src/engine/index.js';
import { Mulberry32 } from './mulberry32.js';

export interface GcCheckResult {
  n: number;
  warmupEvents: number;
  events: number;
  scavenges: number;
  markSweeps: number;
  otherGcs: number;
  eventsPerSecond: number;
}

export async function runGcCheck(n = 100_000, events = 10_000_000, warmupEvents = 2_000_000): Promise<GcCheckResult> {
  const sim = new Simulator({ seed: 12345, initialCapacity: n + 1 });
  const rng = new Mulberry32(12345);
  const hold = sim.registerKind((id) => {
    sim.schedule(rng.expo(), hold, id);
  }, 'hold');
  for (let id = 0; id < n; id++) sim.schedule(rng.expo(), hold, id);
  // warm up in chunks: the measured run() enters the dispatch loop afresh, so it must already be
  // optimised as a function, not only on-stack-replaced inside one long first call (interpreted
  // code boxes doubles: a scavenge in the measured window that is the warm-up's, not the events')
  const chunks = 20;
  for (let i = 0; i < chunks; i++) sim.run({ maxEvents: Math.ceil(warmupEvents / chunks) });
  // empty the young generation of the warm-up's garbage (compilation, deopts): otherwise V8 may
  // collect it with a timer-driven scavenge during or just after the measured window, which would
  // be counted against the events (run with --expose-gc; the engine suite does)
  (globalThis as { gc?: () => void }).gc?.();
  const counts = { scavenges: 0, markSweeps: 0, otherGcs: 0 };
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const kind = (e as unknown as { detail?: { kind?: number } }).detail?.kind;
      if (kind === constants.NODE_PERFORMANCE_GC_MINOR) counts.scavenges++;
      else if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) counts.markSweeps++;
      else counts.otherGcs++;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  const t0 = process.hrtime.bigint();
  sim.run({ maxEvents: events });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  // GC entries are delivered asynchronously: let them arrive before counting
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();
  return { n, warmupEvents, events, ...counts, eventsPerSecond: events / seconds };
}

if (process.argv[1] !== undefined && import.meta.url.endsWith('/bench/gc-check.js') && process.argv[1].endsWith('gc-check.js')) {
  const n = Number(process.argv[2] ?? 100_000);
  const events = Number(process.argv[3] ?? 10_000_000);
  if (!(Number.isInteger(n) && n >= 1 && Number.isInteger(events) && events >= 1)) {
    process.stderr.write('usage: node dist/bench/gc-check.js [N >= 1] [EVENTS >= 1]\n');
    process.exit(2);
  }
  process.stdout.write(JSON.stringify(await runGcCheck(n, events)) + '\n');
}
