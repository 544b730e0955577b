import { describe, expect, it } from 'vitest';
import { buildSystem, listSystems, systemSummary, SYSTEM_PRESET_NAMES } from '../../src/hardware/index.js';
import { SYSTEM_PRESETS, systemPresetInfo, systemRankCount } from '../../src/scenario/system-catalogue.js';

// The stable JSON contract of `trnsim hardware <name> --json` (docs/hardware.md "Summary JSON").
const FIELDS = [
  'preset', 'description', 'count', 'unit', 'instanceType', 'chip', 'chipName', 'figureSets', 'chips', 'servers',
  'chipsPerServer', 'physicalCores', 'lnc', 'ranksPerChip', 'ranks', 'peakFlopsPerSecond', 'sparseFlopsPerSecond',
  'hbmBytes', 'hbmBytesPerSecond', 'sbufBytes', 'neuronLinkBytesPerSecondPerChip', 'neuronLinkBytesPerSecond',
  'efaBytesPerSecondPerServer', 'efaBytesPerSecond', 'efaTopology', 'efaLatencyS', 'topology', 'nodes', 'links',
  'diameterHops', 'bisectionBytesPerSecond', 'pricePerHourUsd', 'priceKind', 'powerW', 'idlePowerW', 'estimates',
];

describe('systemSummary', () => {
  it('has exactly the documented fields, in order, for every preset', () => {
    for (const name of SYSTEM_PRESET_NAMES) expect(Object.keys(systemSummary(buildSystem({ preset: name, count: 2 })))).toEqual(FIELDS);
  });

  it('is deterministic (same request, byte-identical JSON)', () => {
    const a = JSON.stringify(systemSummary(buildSystem({ preset: 'trn2-ultraserver', count: 3 })));
    const b = JSON.stringify(systemSummary(buildSystem({ preset: 'trn2-ultraserver', count: 3 })));
    expect(a).toBe(b);
  });

  it('scales cluster totals linearly with count and price with units', () => {
    const one = systemSummary(buildSystem({ preset: 'trn2.48xlarge' }));
    const many = systemSummary(buildSystem({ preset: 'trn2.48xlarge', count: 1000 }));
    expect(many.peakFlopsPerSecond.bf16).toBe(1000 * one.peakFlopsPerSecond.bf16!);
    expect(many.efaBytesPerSecond).toBe(1000 * one.efaBytesPerSecondPerServer);
    expect(many.pricePerHourUsd).toBeCloseTo(1000 * one.pricePerHourUsd!, 6);
    expect(many.estimates).toContain('pricePerHourUsd');
    // Trn3 has no published price: the catalogue's estimate (pricing.ts), 64 chips x Trn2's chip-hour x 1.5
    const trn3 = systemSummary(buildSystem({ preset: 'trn3-ultraserver-64' }));
    expect(trn3.pricePerHourUsd).toBeCloseTo(64 * (35.76 / 16) * 1.5, 9);
    expect(trn3.estimates).toContain('pricePerHourUsd');
  });

  it('lists every preset with a description', () => {
    expect(listSystems().map((s) => s.name)).toEqual([...SYSTEM_PRESET_NAMES]);
    for (const s of listSystems()) expect(s.description.length).toBeGreaterThan(10);
  });

  it('agrees with the scenario layer catalogue on chips, cores, LNC and ranks', () => {
    expect([...SYSTEM_PRESETS].sort()).toEqual([...SYSTEM_PRESET_NAMES].sort());
    for (const name of SYSTEM_PRESET_NAMES) {
      const info = systemPresetInfo(name)!;
      const sys = buildSystem({ preset: name, count: 2 });
      expect(info.chipsPerUnit * 2).toBe(sys.chipCount);
      expect(info.physicalCoresPerChip).toBe(sys.chip.physicalCores);
      expect(info.defaultLnc).toBe(sys.lnc);
      expect([...info.supportedLnc]).toEqual([...sys.chip.supportedLnc]);
      expect(systemRankCount(info, 2, sys.lnc)).toBe(sys.rankCount);
    }
  });
});
