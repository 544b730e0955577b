import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSystem } from '../../src/hardware/index.js';
import { runScenario } from '../../src/scenario/run.js';
import { loadScenario } from '../../src/scenario/load.js';
import { resolveScenario } from '../../src/scenario/resolve.js';
import { bundledScenarioDir, bundledScenarioNames } from '../../src/scenario/documents.js';
import { SYSTEM_PRESETS, systemPresetInfo, systemRankCount } from '../../src/scenario/system-catalogue.js';
import { formatResultJson, withoutMeta } from '../../src/report/index.js';
import { UserInputError } from '../../src/user-input-error.js';

const bundled = (n: string) => join(bundledScenarioDir(), `${n}.yaml`);

describe('runScenario', () => {
  it('gives byte-identical JSON apart from meta for identical runs', () => {
    for (const n of ['llama-3.1-8b-trn2-48xl', 'inference-llama-3.1-8b-trn2-3xl']) {
      const a = runScenario(bundled(n));
      const b = runScenario(bundled(n));
      expect(formatResultJson(withoutMeta(a) as typeof a)).toBe(formatResultJson(withoutMeta(b) as typeof b));
      expect(a.meta).toBeDefined();
      expect(a.meta!.eventsSimulated).toBeGreaterThan(0);
      expect(a.meta!.wallTimeS).toBeGreaterThan(0);
    }
  });

  it('leaves meta out on request and takes seed and name options', () => {
    const r = runScenario(bundled('llama-3.1-8b-trn2-48xl'), { omitMeta: true, name: 'renamed', seed: 5 });
    expect(r).not.toHaveProperty('meta');
    expect(r.name).toBe('renamed');
  });

  it('accepts a loaded scenario, a path and an object alike', () => {
    const s = loadScenario(bundled('llama-3.1-8b-trn2-48xl'));
    const fromLoaded = runScenario(s, { omitMeta: true });
    const fromObject = runScenario(structuredClone(s.document), { omitMeta: true, name: s.name });
    expect(formatResultJson(fromObject)).toBe(formatResultJson(fromLoaded));
  });

  it('names the file when the workload does not fit', () => {
    let err: unknown;
    try {
      runScenario(bundled('llama-3.1-405b-does-not-fit'));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UserInputError);
    expect((err as Error).message).toMatch(/llama-3\.1-405b-does-not-fit\.yaml: .*does not fit.*over by [\d.]+ GiB/);
    expect((err as Error).message).not.toContain('\n');
  });

  it('names the file for a parallelism rule the work estimate meets first (tp against the heads)', () => {
    const doc = { name: 'tp128', system: { preset: 'trn2.48xlarge', count: 2 }, workload: { kind: 'training', model: 'llama-3.1-70b', sequenceLength: 8192, globalBatch: 64, parallelism: { tp: 128 } } };
    expect(() => runScenario(doc, { origin: 'tp128.yaml' })).toThrow(
      "tp128.yaml: workload.parallelism.tp: 128 does not divide the model's 64 attention heads (each TP rank holds heads / tp of them); choose tp among 1, 2, 4, 8, 16, 32 or 64.",
    );
  });
});

describe('every bundled scenario', () => {
  for (const n of bundledScenarioNames()) {
    if (n === 'llama-3.1-405b-does-not-fit') continue;
    // Rainier-scale files (500k-1M chips) are timed by the benchmarks, not run by unit tests
    const chips = (() => {
      const s = loadScenario(bundled(n));
      return (systemPresetInfo(s.system.preset)?.chipsPerUnit ?? 1) * s.system.count;
    })();
    if (chips > 65_536) continue;
    it(`${n} runs`, () => {
      const r = runScenario(bundled(n), { omitMeta: true });
      if (r.kind === 'training') {
        expect(r.stepTimeS).toBeGreaterThan(0);
        expect(r.mfu).toBeGreaterThan(0);
        expect(r.mfu).toBeLessThan(1);
        expect(r.memoryBytesPerChip.total).toBeLessThanOrEqual(r.memoryBytesPerChip.capacity);
      } else {
        expect(r.ttftS.p50).toBeGreaterThan(0);
        expect(r.outputTokensPerSecond).toBeGreaterThan(0);
      }
    });
  }
});

describe('system catalogue of the scenario layer', () => {
  it('agrees with the hardware layer on chips, ranks and LNC for every preset', () => {
    for (const preset of SYSTEM_PRESETS) {
      const info = systemPresetInfo(preset)!;
      const sys = buildSystem({ preset, count: 2 });
      expect([preset, sys.chipCount, sys.lnc, sys.rankCount]).toEqual([preset, info.chipsPerUnit * 2, info.defaultLnc, systemRankCount(info, 2, info.defaultLnc)]);
      expect(sys.chip.supportedLnc).toEqual(info.supportedLnc);
    }
  });

  it('resolves to the SystemRequest buildSystem takes, with the ranks it builds', () => {
    const r = resolveScenario(loadScenario(bundled('llama-3.1-70b-trn2-16-ultraservers')));
    const sys = buildSystem(r.system);
    expect(sys.rankCount).toBe(r.ranks);
    expect(sys.rankCount).toBe(4096); // 16 UltraServers x 64 chips x 4 ranks
  });

  it('passes efa.bandwidth as a per-16-chip-server figure, whatever count counts', () => {
    // 3.2 Tb/s = 4e11 B/s per trn2u.48xlarge server of 16 chips -> 2.5e10 B/s per chip, on an UltraServer too
    const r = resolveScenario(loadScenario({ system: { preset: 'trn2-ultraserver', count: 2, overrides: { efa: { bandwidth: '3.2 Tb/s', latency: '15 us' } } }, workload: { kind: 'training', model: 'llama-3.1-8b', sequenceLength: 4096, globalBatch: 64, parallelism: { tp: 8 } } }));
    expect(r.system.overrides?.efa).toEqual({ bytesPerSecondPerServer: 4e11, latencyS: 1.5e-5 });
    const sys = buildSystem(r.system);
    expect(sys.efaBytesPerSecondPerChip).toBe(2.5e10);
  });
});
