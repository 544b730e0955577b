/**
 * The HOLD model (../shared/peers/README.md) on the trnsim engine, through its public dispatch:
 * N pending events; each hold is one engine event whose handler draws Exp(1) and schedules the
 * same id again. Fill: ids 0..N-1 in order at time expo(). endTime = clock after the M-th hold.
 * Timed region: the M holds only (fill excluded), as the C++ heap peers time it.
 */
import { Simulator, type QueueKind } from '../src/engine/index.js';
import { Mulberry32 } from './mulberry32.js';

export interface HoldResult {
  peer: 'trnsim';
  n: number;
  m: number;
  seed: number;
  /** M / seconds of the timed holds. */
  eventsPerSecond: number;
  /** Simulated time of the M-th hold. */
  endTime: number;
  /** Wall-clock seconds of the timed holds. */
  holdSeconds: number;
}

/**
 * Runs one HOLD cell on a fresh Simulator. n >= 1, m >= 1, seed an unsigned 32-bit integer;
 * queue picks the pending-event set (the engine's default, the ladder queue, or a heap).
 */
export function runHold(n: number, m: number, seed: number, queue: QueueKind = 'ladder'): HoldResult {
  const sim = new Simulator({ seed, initialCapacity: n + 1, queue });
  const rng = new Mulberry32(seed);
  // the handler is the whole model: one draw, one schedule, the id carried in payload slot a
  const hold = sim.registerKind((id) => {
    sim.schedule(rng.expo(), hold, id);
  }, 'hold');
  for (let id = 0; id < n; id++) sim.schedule(rng.expo(), hold, id);
  const t0 = process.hrtime.bigint();
  const r = sim.run({ maxEvents: m });
  const t1 = process.hrtime.bigint();
  if (r.events !== m) throw new Error(`HOLD: expected ${m} events, ran ${r.events}`);
  const holdSeconds = Number(t1 - t0) / 1e9;
  return { peer: 'trnsim', n, m, seed, eventsPerSecond: m / holdSeconds, endTime: sim.now, holdSeconds };
}
