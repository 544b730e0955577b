import { describe, it, expect } from 'vitest';
import { Simulator } from '../../src/engine/index.js';

/**
 * M/M/1 queue on the engine: Poisson arrivals (rate lambda), one FIFO server with exponential
 * service (rate mu). Closed form: mean time in system W = 1 / (mu - lambda).
 * Returns the per-customer times in system, in departure order.
 */
function simulateMM1(lambda: number, mu: number, customers: number, seed: number): Float64Array {
  const sim = new Simulator({ seed });
  const arrivals = sim.rng('arrivals');
  const service = sim.rng('service');
  const arrivedAt = new Float64Array(customers); // FIFO: customer i departs i-th
  const sojourn = new Float64Array(customers);
  let arrived = 0;
  let departed = 0;
  const DEPART = sim.registerKind(() => {
    sojourn[departed] = sim.now - arrivedAt[departed]!;
    departed++;
    if (departed < arrived) sim.schedule(service.exponential(mu), DEPART);
  }, 'depart');
  const ARRIVE = sim.registerKind(() => {
    arrivedAt[arrived++] = sim.now;
    if (arrived - departed === 1) sim.schedule(service.exponential(mu), DEPART); // server was idle
    if (arrived < customers) sim.schedule(arrivals.exponential(lambda), ARRIVE);
  }, 'arrive');
  sim.schedule(arrivals.exponential(lambda), ARRIVE);
  sim.run();
  expect(departed).toBe(customers);
  return sojourn;
}

describe('M/M/1 on the engine', () => {
  it('reproduces the mean time in system 1/(mu - lambda) within its 99.9% confidence interval', () => {
    const lambda = 0.5;
    const mu = 1;
    const expected = 1 / (mu - lambda); // W = 2 s
    const warmup = 10_000;
    const batches = 20;
    const perBatch = 20_000;
    const w = simulateMM1(lambda, mu, warmup + batches * perBatch, 2026);
    // batch means: successive sojourn times are correlated, batch means of 20k customers nearly not
    const means: number[] = [];
    for (let k = 0; k < batches; k++) {
      let s = 0;
      for (let i = 0; i < perBatch; i++) s += w[warmup + k * perBatch + i]!;
      means.push(s / perBatch);
    }
    const mean = means.reduce((p, q) => p + q, 0) / batches;
    const variance = means.reduce((p, q) => p + (q - mean) ** 2, 0) / (batches - 1);
    const halfWidth = 3.883 * Math.sqrt(variance / batches); // t(0.9995, df = 19) = 3.883
    expect(Math.abs(mean - expected)).toBeLessThan(halfWidth);
    // the check has power: the interval is narrow (a model off by 5% would fail it)
    expect(halfWidth / expected).toBeLessThan(0.05);
  });
});
