import { describe, expect, it } from 'vitest';
import { buildSystem, systemSummary, EFA_POINT_TO_POINT_LATENCY_S } from '../../src/hardware/index.js';
import { GB, GBPS_BITS } from '../../src/units.js';
import { adjacency, bfsDistances, checkedRoute } from './graph-helpers.js';

const names = (sys: ReturnType<typeof buildSystem>, links: number[]): string[] => links.map((l) => sys.topology.link(l).name);

describe('EFA clusters', () => {
  it('rail-optimised: chip i of every server on rail i; same rail 2 hops at 15 us HBM to HBM, other rails 4 hops via the spine', () => {
    const sys = buildSystem({ preset: 'trn2.48xlarge', count: 4 });
    const t = sys.topology;
    const same = checkedRoute(t, 3, 16 + 3);
    expect(names(sys, same)).toEqual(['s0.c3.efa.up', 's1.c3.efa.down']);
    expect(same.reduce((s, l) => s + t.linkLatencyS(l), 0)).toBeCloseTo(EFA_POINT_TO_POINT_LATENCY_S, 15);
    expect(t.linkBytesPerSecond(same[0]!)).toBe(200 * GBPS_BITS);
    expect(names(sys, checkedRoute(t, 3, 32 + 7))).toEqual(['s0.c3.efa.up', 'efa.rail3.up', 'efa.rail7.down', 's2.c7.efa.down']);
    // inside a server traffic stays on NeuronLink
    expect(t.linkKind(checkedRoute(t, 16, 17)[0]!)).toBe('neuronlink');
    expect(t.diameter()).toBe(4);
  });

  it('two-tier Clos: a leaf per server, 4 hops between any two servers', () => {
    const sys = buildSystem({ preset: 'trn2.48xlarge', count: 3, overrides: { efa: { topology: 'clos' } } });
    expect(names(sys, checkedRoute(sys.topology, 3, 16 + 3))).toEqual(['s0.c3.efa.up', 's0.leaf.up', 's1.leaf.down', 's1.c3.efa.down']);
    expect(sys.linkIndex('s2.leaf.down')).toBeGreaterThan(0);
  });

  it('every route of a 2-UltraServer cluster is a valid path whose length is hopCount', () => {
    const t = buildSystem({ preset: 'trn2-ultraserver', count: 2 }).topology;
    for (let a = 0; a < 128; a += 3) for (let b = 0; b < 128; b += 1) expect(checkedRoute(t, a, b, a ^ b).length).toBe(t.hopCount(a, b));
  });

  it('bisection between two halves of the units is the NICs of one half (non-blocking EFA)', () => {
    const s = systemSummary(buildSystem({ preset: 'trn2-ultraserver', count: 4 }));
    // 2 UltraServers x 64 chips x 200 Gbps
    expect(s.bisectionBytesPerSecond).toBe(2 * 64 * 200 * GBPS_BITS);
  });

  it('efa.bytesPerSecondPerServer is per 16-chip server', () => {
    const sys = buildSystem({ preset: 'trn2-ultraserver', count: 2, overrides: { efa: { bytesPerSecondPerServer: 1600 * GBPS_BITS } } });
    expect(sys.topology.linkBytesPerSecond(sys.linkIndex('us1.s2.c3.efa.up'))).toBe(100 * GBPS_BITS);
  });
});

describe('override ids', () => {
  it('name every link so that the name parses back to the same link, on every preset, rail and Clos', () => {
    const bad: string[] = [];
    for (const preset of ['trn1.32xlarge', 'trn2.3xlarge', 'trn2.48xlarge', 'trn2-ultraserver', 'trn3-ultraserver-64', 'trn3-ultraserver-144', 'h100-8x']) {
      for (const topology of ['rail', 'clos'] as const) {
        const sys = buildSystem({ preset, count: 2, overrides: { efa: { topology } } });
        const seen = new Set<string>();
        for (let l = 0; l < sys.topology.linkCount; l++) {
          const name = sys.topology.link(l).name;
          if (sys.linkIndex(name) !== l || seen.has(name)) bad.push(`${preset}/${topology}: ${l} ${name} -> ${sys.linkIndex(name)}`);
          seen.add(name);
          if (sys.linkIndex(`#${l}`) !== l) bad.push(`${preset}: #${l}`);
        }
        for (let c = 0; c < sys.chipCount; c++) if (sys.chipIndex(sys.chipName(c)) !== c) bad.push(`${preset}: chip ${c}`);
      }
    }
    expect(bad.slice(0, 5)).toEqual([]);
  });
});

describe('overrides', () => {
  it('degrade only the named link, by scale, and set its latency', () => {
    const sys = buildSystem({ preset: 'trn2.48xlarge', overrides: { links: { 's0.c5.x+': { scale: 0.5, latencyS: 3e-6 } } } });
    const t = sys.topology;
    const l = sys.linkIndex('s0.c5.x+');
    expect(t.linkBytesPerSecond(l)).toBe(128 * GB);
    expect(t.linkLatencyS(l)).toBe(3e-6);
    let degraded = 0;
    for (let i = 0; i < t.linkCount; i++) if (t.linkBytesPerSecond(i) !== 256 * GB) degraded++;
    expect(degraded).toBe(1);
  });

  it('route around a removed link by a shortest detour (BFS without it)', () => {
    const sys = buildSystem({ preset: 'trn2-ultraserver', overrides: { links: { 'us0.s0.c0.x+': { removed: true }, 'us0.s0.c4.x+': { removed: true } } } });
    const t = sys.topology;
    const removed = new Set([sys.linkIndex('us0.s0.c0.x+'), sys.linkIndex('us0.s0.c4.x+')]);
    expect(t.linkBytesPerSecond([...removed][0]!)).toBe(0);
    const adj = adjacency(t, (l) => removed.has(l));
    for (const a of [0, 4, 20]) {
      const dist = bfsDistances(t, adj, a);
      for (let b = 0; b < 64; b++) {
        const links = checkedRoute(t, a, b);
        for (const l of links) expect(removed.has(l)).toBe(false);
        expect(links.length).toBe(dist[b]);
        expect(t.hopCount(a, b)).toBe(links.length);
      }
    }
  });

  it('leave a server through another chip when a NIC is removed, and avoid a removed rail uplink', () => {
    const sys = buildSystem({ preset: 'trn2.48xlarge', count: 2, overrides: { links: { 's0.c0.efa.up': { removed: true }, 'efa.rail2.up': { removed: true } } } });
    const t = sys.topology;
    const r1 = checkedRoute(t, 0, 16);
    expect(r1).not.toContain(sys.linkIndex('s0.c0.efa.up'));
    expect(r1.length).toBe(4); // 1 NeuronLink hop to a neighbour, its NIC on the same rail as the entry, 1 hop back
    const r2 = checkedRoute(t, 2, 16 + 5);
    expect(r2).not.toContain(sys.linkIndex('efa.rail2.up'));
    expect(t.hopCount(2, 16 + 5)).toBe(r2.length);
  });

  it('a partitioned chip gives a clear Error naming both chips', () => {
    const links: Record<string, { removed: boolean }> = {};
    for (const d of ['x+', 'x-', 'y+', 'y-']) links[`s0.c0.${d}`] = { removed: true };
    const t = buildSystem({ preset: 'trn2.48xlarge', overrides: { links } }).topology;
    expect(() => t.route(0, 5, new Int32Array(16))).toThrow(/no route from chip s0.c0 to chip s0.c5/);
    expect(() => t.hopCount(0, 5)).toThrow(/partition/);
    expect(t.hopCount(5, 0)).toBe(2); // links into chip 0 still work
  });

  it('a chip link figure carries through to the links: all chips (overrides.chip) or the links leaving one chip', () => {
    const all = buildSystem({ preset: 'trn2-ultraserver', overrides: { chip: { chipLinkBytesPerSecond: 640 * GB } } });
    expect(all.topology.linkBytesPerSecond(all.linkIndex('us0.s0.c0.x+'))).toBe(128 * GB);
    expect(all.topology.linkBytesPerSecond(all.linkIndex('us0.s0.c0.z-'))).toBe(64 * GB);
    const one = buildSystem({ preset: 'trn2.48xlarge', overrides: { chips: { 's0.c5': { chipLinkBytesPerSecond: 320 * GB } } } });
    const t = one.topology;
    for (const d of ['x+', 'x-', 'y+', 'y-']) expect(t.linkBytesPerSecond(one.linkIndex(`s0.c5.${d}`))).toBeCloseTo(64 * GB, 0);
    expect(t.linkBytesPerSecond(one.linkIndex('s0.c4.x+'))).toBe(256 * GB); // into chip 5: unchanged
    const pcie = buildSystem({ preset: 'trn3-ultraserver-64', figureSets: ['trn3-neuronlink-pcie'] });
    expect(pcie.topology.linkBytesPerSecond(pcie.linkIndex('us0.s0.c0.direct'))).toBeCloseTo((704 * GB * 2) / 11, 0);
  });

  it('per-chip overrides change that chip only, by id or global index', () => {
    const sys = buildSystem({ preset: 'trn2-ultraserver', count: 2, overrides: { chips: { 'us1.s2.c3': { computeScale: 0.8 }, '7': { hbmBytes: 64 * 2 ** 30 } } } });
    const g = 64 + 2 * 16 + 3;
    expect(sys.chipAt(g).peakFlopsPerSecond.fp8).toBeCloseTo(0.8 * 1299e12, 0);
    expect(sys.chipAt(g - 1).peakFlopsPerSecond.fp8).toBe(1299e12);
    expect(sys.chipAt(7).hbmBytes).toBe(64 * 2 ** 30);
    const s = systemSummary(sys);
    expect(s.peakFlopsPerSecond.fp8).toBeCloseTo(127 * 1299e12 + 0.8 * 1299e12, -3);
  });
});

describe('Project Rainier scale (1M chips)', () => {
  it('answers routes, distances, aggregates and overrides arithmetically', () => {
    const sys = buildSystem({ preset: 'trn2-ultraserver', count: 15625, overrides: { links: { 'us15624.s3.c15.z+': { scale: 0.25 } } } });
    const t = sys.topology;
    expect(sys.chipCount).toBe(1_000_000);
    expect(sys.rankCount).toBe(4_000_000);
    expect(names(sys, checkedRoute(t, 0, 999_999))).toEqual(['us0.s0.c0.efa.up', 'efa.rail0.up', 'efa.rail15.down', 'us15624.s3.c15.efa.down']);
    expect(t.hopCount(999_936, 999_936 + 2 + 8 + 32)).toBe(6); // (0,0,0) to (2,2,2) in the last UltraServer: 2+2+2
    expect(t.hopCount(999_936, 999_999)).toBe(3); // (0,0,0) to (3,3,3): one step back round each ring
    expect(t.diameter()).toBe(6);
    const l = sys.linkIndex('us15624.s3.c15.z+');
    expect(t.linkBytesPerSecond(l)).toBe(32 * GB);
    expect(sys.chipName(999_999)).toBe('us15624.s3.c15');
    const s = systemSummary(sys);
    expect(s.peakFlopsPerSecond.fp8).toBe(1e6 * 1299e12);
    expect(s.hbmBytes).toBe(1e6 * 96 * 2 ** 30);
  });

  it('holds no per-chip objects: four live 1M-chip systems grow the heap by far less than one byte per chip', () => {
    // typed-array storage is counted in `external`, objects in `heapUsed`
    const used = (): number => process.memoryUsage().heapUsed + process.memoryUsage().external;
    const before = used();
    const systems = [0, 1, 2, 3].map((i) => buildSystem({ preset: i % 2 ? 'trn3-ultraserver-144' : 'trn2-ultraserver', count: i % 2 ? 6945 : 15625 }));
    const grown = used() - before;
    expect(systems.every((s) => s.chipCount >= 1_000_000)).toBe(true);
    // 4M chips; a per-chip object or typed-array entry would be several MB at least
    expect(grown).toBeLessThan(4_000_000);
  });
});
