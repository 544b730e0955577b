import { describe, expect, it } from 'vitest';
import { buildSystem } from '../../src/hardware/index.js';
import {
  ALGORITHMS_FOR_OP,
  algbwGiBps,
  busBandwidthFactor,
  busbwGiBps,
  collectiveTimeS,
  parseSizeBytes,
  resolveAlgorithm,
  simulateCollective,
} from '../../src/collectives/index.js';
import { UserInputError } from '../../src/user-input-error.js';
import { GiB, KiB, MB, MiB } from '../../src/units.js';

const trn2 = buildSystem({ preset: 'trn2.48xlarge' });
const c3Ranks = Array.from({ length: 16 }, (_, i) => i); // 4 chips at LNC=2 (docs/sources.md, note c on C3)

describe('auto selection', () => {
  it("picks the algorithm C3 prints at each of C3's sizes (docs/sources.md, case C3)", () => {
    const pick = (s: number) => resolveAlgorithm(trn2, { op: 'all-reduce', ranks: c3Ranks, sizeBytes: s });
    expect(pick(4)).toBe('mesh');
    expect(pick(128 * KiB)).toBe('mesh');
    expect(pick(2 * MiB)).toBe('rdh');
    expect(pick(32 * MiB)).toBe('kangaring');
    expect(pick(512 * MiB)).toBe('kangaring');
  });
  it('keeps the documented ranges selectable (RDH up to 56 MB, Neuron docs intranode-collective-comm.rst)', () => {
    const pick = (s: number) => resolveAlgorithm(trn2, { op: 'all-reduce', ranks: c3Ranks, sizeBytes: s }, { selection: 'documented' });
    expect(pick(32 * MiB)).toBe('rdh');
    expect(pick(57 * MB)).toBe('kangaring');
    expect(pick(0.9 * MB)).toBe('mesh');
  });
  it('runs a flat ring on Trn1 and hierarchical across servers', () => {
    const trn1 = buildSystem({ preset: 'trn1.32xlarge' });
    expect(resolveAlgorithm(trn1, { op: 'all-reduce', ranks: [0, 1], sizeBytes: 1 * GiB })).toBe('ring');
    const two = buildSystem({ preset: 'trn2.48xlarge', count: 2 });
    expect(resolveAlgorithm(two, { op: 'all-reduce', ranks: Array.from({ length: 128 }, (_, i) => i), sizeBytes: MiB })).toBe('hierarchical');
  });
  it('every algorithm runs an all-reduce of 64 ranks, and costs differ between algorithms', () => {
    const ranks = Array.from({ length: 64 }, (_, i) => i);
    const times = new Map<string, number>();
    for (const a of ALGORITHMS_FOR_OP['all-reduce']) {
      const r = simulateCollective(trn2, { op: 'all-reduce', ranks, sizeBytes: 64 * MiB, algorithm: a });
      expect(r.algorithm).toBe(a);
      expect(r.timeS).toBeGreaterThan(0);
      times.set(a, r.timeS);
    }
    expect(new Set(times.values()).size).toBeGreaterThan(4);
    // in-graph (no stand-alone set-up): KangaRing's chip-level ring (36 steps, not 126) and its 1R2W
    // saving beat the plain ring on the same group
    const inGraph = (a: 'kangaring' | 'ring') => simulateCollective(trn2, { op: 'all-reduce', ranks, sizeBytes: 64 * MiB, algorithm: a, issue: 'in-graph' }).timeS;
    expect(inGraph('kangaring')).toBeLessThan(inGraph('ring'));
  });
  it('kangaring needs whole chips; rdh a power-of-two group: clear errors', () => {
    expect(() => simulateCollective(trn2, { op: 'all-reduce', ranks: [0, 1, 4, 5], sizeBytes: MiB, algorithm: 'kangaring' })).toThrow(/all ranks of each chip/);
    expect(() => simulateCollective(trn2, { op: 'all-reduce', ranks: [0, 4, 8], sizeBytes: MiB, algorithm: 'rdh' })).toThrow(UserInputError);
    expect(() => simulateCollective(trn2, { op: 'send-recv', ranks: [0, 4], sizeBytes: MiB, algorithm: 'ring' })).toThrow(/does not implement send-recv/);
    expect(() => simulateCollective(trn2, { op: 'all-reduce', ranks: [0, 999], sizeBytes: MiB })).toThrow(/rank 999 does not exist/);
    expect(() => simulateCollective(trn2, { op: 'all-reduce', ranks: [0, 0], sizeBytes: MiB })).toThrow(/twice/);
    expect(() => simulateCollective(trn2, { op: 'allr' as never, ranks: [0, 4], sizeBytes: MiB })).toThrow(/unknown collective "allr"; use one of all-reduce/);
  });
  it('collectiveTimeS memoises identical groups in other servers and matches simulateCollective', () => {
    const two = buildSystem({ preset: 'trn2.48xlarge', count: 2 });
    const a = { op: 'all-reduce' as const, ranks: [0, 4, 8, 12], sizeBytes: 8 * MiB, issue: 'in-graph' as const };
    const t = collectiveTimeS(two, a);
    expect(t).toBe(simulateCollective(two, a).timeS);
    expect(collectiveTimeS(two, { ...a, ranks: [64, 68, 72, 76] })).toBe(t);
  });
});

describe('nccom-test bandwidth definitions (Neuron docs nccom-test.rst)', () => {
  it('bus factors: all-reduce 2(r-1)/r; ag, rs, a2a (r-1)/r; send-recv 1', () => {
    expect(busBandwidthFactor('all-reduce', 16)).toBe(30 / 16);
    expect(busBandwidthFactor('all-gather', 8)).toBe(7 / 8);
    expect(busBandwidthFactor('reduce-scatter', 4)).toBe(3 / 4);
    expect(busBandwidthFactor('all-to-all', 2)).toBe(1 / 2);
    expect(busBandwidthFactor('send-recv', 2)).toBe(1);
  });
  it('C3 at 512 MiB: 96.75 GiB/s busbw from the time (the printed 103.89 is decimal GB/s, §5.3 note b)', () => {
    const t = 9689.51e-6;
    expect(busbwGiBps('all-reduce', 16, 512 * MiB, t)).toBeCloseTo(96.75, 2);
    expect(busbwGiBps('all-reduce', 16, 512 * MiB, t) * (GiB / 1e9)).toBeCloseTo(103.89, 1);
    expect(algbwGiBps(1 * GiB, 2)).toBe(0.5);
  });
  it('results carry algbw and busbw consistent with their time', () => {
    const r = simulateCollective(trn2, { op: 'all-reduce', ranks: c3Ranks, sizeBytes: 32 * MiB });
    expect(r.algbwGiBps).toBeCloseTo((32 * MiB) / r.timeS / GiB, 12);
    expect(r.busbwGiBps).toBeCloseTo(r.algbwGiBps * (30 / 16), 12);
  });
});

describe('sizes as nccom-test writes them', () => {
  it('reads bytes, kb/mb/gb as powers of 1024 in any case, and KiB/MiB/GiB', () => {
    expect(parseSizeBytes('8')).toBe(8);
    expect(parseSizeBytes('1kb')).toBe(1024);
    expect(parseSizeBytes('64MB')).toBe(64 * MiB);
    expect(parseSizeBytes('1gb')).toBe(GiB);
    expect(parseSizeBytes('1GiB')).toBe(GiB);
    expect(parseSizeBytes('512 KiB')).toBe(512 * KiB);
    expect(parseSizeBytes('8B')).toBe(8);
  });
  it('rejects "12 parsecs" naming the flag', () => {
    expect(() => parseSizeBytes('12 parsecs', '--min')).toThrow(UserInputError);
    expect(() => parseSizeBytes('12 parsecs', '--min')).toThrow(/--min.*parsecs/);
    expect(() => parseSizeBytes('-3', '--max')).toThrow(/--max/);
    expect(() => parseSizeBytes('0.3', '--max')).toThrow(/whole number/);
  });
});
