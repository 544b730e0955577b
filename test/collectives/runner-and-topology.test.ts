import { describe, expect, it } from 'vitest';
import { Simulator } from '../../src/engine/index.js';
import { buildSystem } from '../../src/hardware/index.js';
import { createFlowNetwork } from '../../src/network/index.js';
import { CollectiveRunner, simulateCollective, simulateConcurrent } from '../../src/collectives/index.js';
import { MiB } from '../../src/units.js';

describe('CollectiveRunner inside an existing simulator', () => {
  it('notifies completion through an engine event at the collective end time', () => {
    const system = buildSystem({ preset: 'trn2.48xlarge' });
    const sim = new Simulator();
    const network = createFlowNetwork(sim, system.topology);
    const runner = new CollectiveRunner(sim, network, system);
    const seen: Array<[number, number, number]> = [];
    const kind = sim.registerKind((a, h) => seen.push([sim.now, a, h]), 'done');
    const req = { op: 'all-reduce' as const, ranks: Array.from({ length: 16 }, (_, i) => i), sizeBytes: 8 * MiB, issue: 'in-graph' as const };
    // start the collective at t = 1 ms, from inside the simulation
    let h = -1;
    sim.at(1e-3, () => (h = runner.start(req, kind, 42)));
    sim.run();
    expect(seen).toHaveLength(1);
    const [t, a, handle] = seen[0]!;
    expect(a).toBe(42);
    expect(handle).toBe(h);
    const alone = simulateCollective(system, req).timeS;
    expect(runner.result(h).timeS).toBeCloseTo(alone, 12);
    expect(t).toBeCloseTo(1e-3 + alone, 12);
  });
});

describe('algorithms follow the torus', () => {
  it('torus all-reduce is 2D on a trn2.48xlarge and 3D on an UltraServer', () => {
    const dims = (preset: string) => {
      const s = buildSystem({ preset });
      const r = simulateCollective(s, { op: 'all-reduce', ranks: Array.from({ length: s.rankCount }, (_, i) => i), sizeBytes: 64 * MiB, algorithm: 'torus' });
      return new Set(r.linkBytes!.map((l) => l.name.slice(-2, -1)));
    };
    expect([...dims('trn2.48xlarge')].sort()).toEqual(['x', 'y']);
    expect([...dims('trn2-ultraserver')].sort()).toEqual(['x', 'y', 'z']);
  });
  it('kangaring rings move only between torus neighbours on a whole server', () => {
    const s = buildSystem({ preset: 'trn2.48xlarge' });
    const r = simulateCollective(s, { op: 'all-gather', ranks: Array.from({ length: 64 }, (_, i) => i), sizeBytes: 64 * MiB, algorithm: 'kangaring' });
    // 4 rings (2 Hamiltonian cycles x 2 directions) over 16 chips use all 64 directed links equally
    expect(r.linkBytes!.length).toBe(64);
    const b = r.linkBytes!.map((l) => l.bytes);
    expect(Math.max(...b) / Math.min(...b)).toBeCloseTo(1, 9);
  });
  it('kangaring and torus refuse switched fabrics with a clear error', () => {
    const t3 = buildSystem({ preset: 'trn3-ultraserver-64' });
    expect(() => simulateCollective(t3, { op: 'all-reduce', ranks: Array.from({ length: 16 }, (_, i) => i), sizeBytes: MiB, algorithm: 'kangaring' })).toThrow(/kangaring.*sub-grid/);
  });
  it('the shortcut for repeated ring steps is exact: alone equals the fully simulated concurrent run of one', () => {
    const s = buildSystem({ preset: 'trn2-ultraserver' });
    const req = { op: 'all-reduce' as const, ranks: Array.from({ length: 256 }, (_, i) => i), sizeBytes: 64 * MiB, algorithm: 'kangaring' as const };
    const alone = simulateCollective(s, req);
    // an idle second request on other ranks forces the non-exclusive path (every step as flows)
    const [full] = simulateConcurrent(s, [req, { op: 'all-reduce', ranks: [0], sizeBytes: 1 }]);
    expect(full!.timeS / alone.timeS).toBeCloseTo(1, 9);
    expect(full!.steps).toBe(alone.steps);
    const sum = (r: typeof alone) => r.linkBytes!.reduce((a, l) => a + l.bytes, 0);
    expect(sum(full!) / sum(alone)).toBeCloseTo(1, 9);
  });
});
