/**
 * What a step of a multi-server collective pays besides its flows (step-costs.ts; docs/validation.md
 * change 2): on Trainium every step of a group that spans servers pays the EFA proxy step cost, on
 * H100 only the steps that cross servers; a repeated ring step with an EFA hop pays the mean hop
 * latency whatever ringLatencyExposure says, a step inside a server its exposed share.
 */
import { describe, expect, it } from 'vitest';
import { buildSystem } from '../../src/hardware/index.js';
import { DEFAULT_COLLECTIVE_PARAMS, ringLatencyCreditsS, scheduleStepOverheadsS } from '../../src/collectives/index.js';
import { buildSchedule } from '../../src/collectives/algorithms.js';
import { placeGroup } from '../../src/collectives/group.js';
import type { System } from '../../src/hardware/types.js';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const EFA = DEFAULT_COLLECTIVE_PARAMS.efaStepOverheadS;

/** Per-step EFA share of the overheads, and whether each step crosses servers, for a stand-alone all-reduce over all ranks. */
function efaShare(system: System, algorithm: 'hierarchical' | 'ring') {
  const g = placeGroup(system, range(system.rankCount));
  const schedule = buildSchedule(algorithm, 'all-reduce', g, 1024, DEFAULT_COLLECTIVE_PARAMS);
  const withEfa = scheduleStepOverheadsS(system, DEFAULT_COLLECTIVE_PARAMS, schedule, g, 'standalone');
  const without = scheduleStepOverheadsS(system, { ...DEFAULT_COLLECTIVE_PARAMS, efaStepOverheadS: 0 }, schedule, g, 'standalone');
  const crosses = schedule.steps.map((st) => {
    for (let t = 0; t < st.count; t++) if (g.serverOf[st.from[t]!] !== g.serverOf[st.to[t]!]) return true;
    return false;
  });
  return { share: Array.from(withEfa, (v, i) => v - without[i]!), crosses, g, schedule };
}

describe('EFA step cost of a group that spans servers', () => {
  it('Trainium1: every step of the hierarchical all-reduce pays it, the intra-server ones too', () => {
    const { share, crosses } = efaShare(buildSystem({ preset: 'trn1.32xlarge', count: 2 }), 'hierarchical');
    expect(crosses.some((c) => !c)).toBe(true);
    expect(crosses.some((c) => c)).toBe(true);
    for (const s of share) expect(s).toBeCloseTo(EFA, 15);
  });

  it('H100: only the steps that cross servers pay it', () => {
    const { share, crosses } = efaShare(buildSystem({ preset: 'h100-8x', count: 2 }), 'hierarchical');
    expect(crosses.some((c) => !c)).toBe(true);
    share.forEach((s, i) => expect(s).toBeCloseTo(crosses[i] ? EFA : 0, 15));
  });

  it('one server: no step pays it', () => {
    const system = buildSystem({ preset: 'trn1.32xlarge' });
    const g = placeGroup(system, range(32));
    const schedule = buildSchedule('ring', 'all-reduce', g, 1024, DEFAULT_COLLECTIVE_PARAMS);
    const a = scheduleStepOverheadsS(system, DEFAULT_COLLECTIVE_PARAMS, schedule, g, 'standalone');
    const b = scheduleStepOverheadsS(system, { ...DEFAULT_COLLECTIVE_PARAMS, efaStepOverheadS: 1 }, schedule, g, 'standalone');
    expect([...a]).toEqual([...b]);
  });
});

describe('ring latency credit of a step with an EFA hop', () => {
  it('is the same whatever ringLatencyExposure, and a step inside a server follows the exposure', () => {
    const system = buildSystem({ preset: 'trn1.32xlarge', count: 2 });
    const flat = placeGroup(system, range(64));
    const ring = buildSchedule('ring', 'all-reduce', flat, 1 << 20, DEFAULT_COLLECTIVE_PARAMS);
    const at = (e: number) => ringLatencyCreditsS(system, { ...DEFAULT_COLLECTIVE_PARAMS, ringLatencyExposure: e }, ring, flat);
    const [half, quarter, one] = [at(0.5), at(0.25), at(1)];
    expect(Math.max(...half)).toBeGreaterThan(0);
    expect([...half]).toEqual([...quarter]);
    // exposure 1 (a barrier) inside servers only: the EFA steps keep their credit
    expect([...one]).toEqual([...half]);

    const one1 = buildSystem({ preset: 'trn1.32xlarge' });
    const g1 = placeGroup(one1, range(32));
    const ring1 = buildSchedule('ring', 'all-reduce', g1, 1 << 20, DEFAULT_COLLECTIVE_PARAMS);
    const c = (e: number) => ringLatencyCreditsS(one1, { ...DEFAULT_COLLECTIVE_PARAMS, ringLatencyExposure: e }, ring1, g1);
    const [c25, c50] = [c(0.25), c(0.5)];
    expect(Math.max(...c50)).toBeGreaterThan(0);
    c25.forEach((v, i) => expect(v).toBeCloseTo((0.75 / 0.5) * c50[i]!, 15));
    expect([...c(1)].every((v) => v === 0)).toBe(true);
  });
});
