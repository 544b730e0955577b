import { describe, expect, it } from 'vitest';
import { buildSystem } from '../../../src/hardware/index.js';
import { HBM_JOULES_PER_BYTE, LINK_JOULES_PER_BYTE, chipPower } from '../../../src/hardware/power.js';
import { priceQuote, priceQuotes } from '../../../src/hardware/pricing.js';
import { SYSTEM_PRESET_NAMES } from '../../../src/hardware/presets.js';
import {
  inferenceCostEnergy,
  inferenceRunLength,
  isMissing,
  powerSettings,
  systemPrice,
  trainingCostEnergy,
  trainingRunLength,
  windowEnergy,
  type PowerSettings,
} from '../../../src/workload/cost/index.js';
import { fixtureSystem } from '../fixture-system.js';

const power: PowerSettings = {
  chip: { idleW: 100, loadW: 600, hbmW: 100, linkW: 50, computeW: 350 },
  hostWPerServer: 1000,
  servers: 2,
  chips: 32,
  pue: 1.2,
  hbmBytesPerSecond: 2e12,
  linkEgressBytesPerSecond: 1e12,
  estimates: [],
};

describe('energy: the sum over components of power x time', () => {
  it('integrates idle, compute, HBM, link, host and facility power over the window', () => {
    // 30 of 32 chips active for 2 s: compute busy 1.5 s, HBM 1e12 B (25 % of 2e12 x 2 s), links 0.5e12 B (25 %)
    const e = windowEnergy(power, { windowS: 2, activeChips: 30, computeBusySPerChip: 1.5, hbmBytesPerChip: 1e12, linkHopBytesPerChip: 0.5e12 });
    expect(e.utilisation).toEqual({ compute: 0.75, hbm: 0.25, link: 0.25 });
    const c = e.components;
    expect(c.idle).toBeCloseTo(32 * 100 * 2, 9);
    expect(c.compute).toBeCloseTo(30 * 350 * 0.75 * 2, 9);
    expect(c.hbm).toBeCloseTo(30 * 100 * 0.25 * 2, 9);
    expect(c.link).toBeCloseTo(30 * 50 * 0.25 * 2, 9);
    expect(c.host).toBeCloseTo(2 * 1000 * 2, 9);
    const it = c.idle + c.compute + c.hbm + c.link + c.host;
    expect(c.facility).toBeCloseTo(0.2 * it, 9);
    expect(e.joules).toBeCloseTo(1.2 * it, 9);
  });

  it('draws the load figure per chip when everything runs flat out, and caps fractions at 1', () => {
    const solo = { ...power, chips: 1, servers: 0, pue: 1 };
    const e = windowEnergy(solo, { windowS: 1, activeChips: 1, computeBusySPerChip: 5, hbmBytesPerChip: 9e12, linkHopBytesPerChip: 9e12 });
    expect(e.utilisation).toEqual({ compute: 1, hbm: 1, link: 1 });
    expect(e.joules).toBeCloseTo(600, 9);
  });

  it('splits a catalogue chip so that idle + compute + HBM + link = load (HBM 4 pJ/bit, links 5 pJ/bit)', () => {
    const s = buildSystem({ preset: 'trn2.48xlarge' });
    const p = chipPower(s.chip);
    if ('missing' in p) throw new Error('trainium2 has power figures');
    expect(p.hbmW).toBeCloseTo(HBM_JOULES_PER_BYTE * 2.9e12, 9);
    expect(p.linkW).toBeCloseTo(LINK_JOULES_PER_BYTE * 1.28e12, 9);
    expect(p.idleW + p.computeW + p.hbmW + p.linkW).toBeCloseTo(p.loadW, 9);
    // H100: NVLink's 900 GB/s counts both directions, half leaves the GPU
    const h = chipPower(buildSystem({ preset: 'h100-8x' }).chip);
    expect('missing' in h ? 0 : h.linkW).toBeCloseTo(LINK_JOULES_PER_BYTE * 450e9, 9);
  });
});

describe('cost: price x time x instances', () => {
  const step = { stepTimeS: 1800, tokensPerStep: 4e6, activity: { computeBusySPerChip: 900, hbmBytesPerChip: 0, linkHopBytesPerChip: 0 } };
  it('prices a step, a million tokens and a run from the system price', () => {
    const s = buildSystem({ preset: 'trn2.48xlarge', count: 3 });
    const price = systemPrice(s);
    if (isMissing(price)) throw new Error('catalogued');
    expect(price.usdPerHour).toBeCloseTo(3 * 35.76, 9);
    const run = trainingRunLength({ steps: 10 }, step.stepTimeS, step.tokensPerStep);
    const { cost } = trainingCostEnergy(step, price, undefined, run);
    expect(cost!.usdPerStep).toBeCloseTo(3 * 35.76 * 0.5, 9);
    expect(cost!.usdPerMillionTokens).toBeCloseTo((3 * 35.76 * 0.5) / 4, 9);
    expect(cost!.usdPerRun).toBeCloseTo(10 * 3 * 35.76 * 0.5, 9);
    expect(run).toEqual({ wallS: 18000, from: 'job.steps', tokens: 4e7 });
  });

  it('takes a chip-hour or unit price from the scenario and a catalogue basis by name', () => {
    const s = buildSystem({ preset: 'h100-8x', count: 2 });
    expect(systemPrice(s, { usdPerChipHour: 2 })).toMatchObject({ usdPerHour: 32, basis: 'scenario' });
    expect(systemPrice(s, { usdPerHour: 50 })).toMatchObject({ usdPerHour: 100 });
    expect(systemPrice(s, { basis: 'capacity-block' })).toMatchObject({ usdPerHour: 2 * 39.33, kind: 'official' });
    const missing = systemPrice(buildSystem({ preset: 'trn2.48xlarge' }), { basis: 'capacity-block' });
    expect(isMissing(missing) && missing.missing).toBe('system.pricing.usdPerHour');
  });

  it('has a default quote, dated and sourced, for every preset; Trn2 and Trn3 are not official', () => {
    for (const p of SYSTEM_PRESET_NAMES) {
      const q = priceQuote(p)!;
      expect(q.usdPerHour).toBeGreaterThan(0);
      expect(q.source.length).toBeGreaterThan(10);
      expect(q.asOf).toBeTruthy();
      if (p.startsWith('trn2') || p.startsWith('trn3')) expect(q.kind).not.toBe('official');
    }
    expect(priceQuotes('trn1.32xlarge').map((q) => q.basis)).toEqual(['on-demand', 'capacity-block', 'ri-effective']);
  });

  it('uses the long-job wall time when a reliability simulation gives one, and token budgets', () => {
    expect(trainingRunLength({ tokens: 8e6 }, 10, 4e6)).toEqual({ wallS: 20, from: 'job.tokens', tokens: 8e6 });
    expect(trainingRunLength({ steps: 2 }, 10, 4e6, 99)).toEqual({ wallS: 99, from: 'reliability.jobWallS', tokens: 8e6 });
    // a long job of 1 h completing 300 steps of 10 s (the rest lost to failures): $ per useful token
    const run = trainingRunLength({ durationS: 3600 }, 10, 4e6, 3600, 300)!;
    expect(run.tokens).toBe(1.2e9);
    const { cost } = trainingCostEnergy({ stepTimeS: 10, tokensPerStep: 4e6, activity: { computeBusySPerChip: 5, hbmBytesPerChip: 0, linkHopBytesPerChip: 0 } }, { usdPerHour: 100, basis: 'x', kind: 'estimate', source: 'x' }, undefined, run);
    expect(cost!.usdPerMillionTokensOverRun).toBeCloseTo((100 / 1.2e9) * 1e6, 12);
    expect(cost!.usdPerMillionTokensOverRun! / cost!.usdPerMillionTokens).toBeCloseTo(360 / 300, 12);
    expect(trainingRunLength(undefined, 10, 4e6)).toBeUndefined();
    expect(inferenceRunLength({ tokens: 1e6 }, 1000)).toEqual({ wallS: 1000, from: 'job.tokens', tokens: 1e6 });
  });
});

describe('inference: per generated token', () => {
  it('charges the whole system for the serving run and counts idle chips at idle power', () => {
    const figures = { simulatedTimeS: 100, outputTokensPerSecond: 1000, chipUtilisation: { chips: 16, busyFraction: 1, hbmBandwidthFraction: 0.5 }, linkBusyFraction: 0 };
    const price = { usdPerHour: 36, basis: 'on-demand', kind: 'estimate' as const, source: 'x' };
    const { cost, energy } = inferenceCostEnergy(figures, price, power);
    expect(cost!.usdPerMillionTokens).toBeCloseTo(((36 * 100) / 3600 / 1e5) * 1e6, 9);
    expect(cost!.usdPerStep).toBeUndefined();
    const c = energy!.joulesByComponent;
    expect(c.idle).toBeCloseTo(32 * 100 * 100, 6);
    expect(c.compute).toBeCloseTo(16 * 350 * 100, 6);
    expect(c.hbm).toBeCloseTo(16 * 100 * 0.5 * 100, 6);
    expect(energy!.joulesPerToken).toBeCloseTo((1.2 * (c.idle + c.compute + c.hbm + c.host)) / 1e5, 6);
  });
});

describe('missing and bad power figures', () => {
  it('names system.power.loadW for a chip without catalogue power, and rejects idle above load', () => {
    const custom = fixtureSystem({});
    const p = powerSettings(custom);
    expect(isMissing(p) && p.missing).toBe('system.power.loadW');
    expect(isMissing(p) && p.why).toMatch(/give system\.power\.loadW/);
    const s = buildSystem({ preset: 'trn2.48xlarge' });
    expect(() => powerSettings(s, { idleW: 600 })).toThrow(/system\.power\.idleW: 600 W is above the load power 500 W/);
    expect(() => powerSettings(s, { loadW: 200 })).toThrow(/system\.power\.loadW: 200 W leaves nothing for compute/);
  });
});
