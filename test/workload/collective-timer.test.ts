import { describe, expect, it } from 'vitest';
import { buildSystem } from '../../src/hardware/index.js';
import { collectiveTimeS } from '../../src/collectives/index.js';
import { defaultCollectiveTimer, siblingShifts } from '../../src/workload/collective-timer.js';
import { cachedTimer, ringEstimateS } from '../../src/workload/comm.js';
import { dpGroup, tpGroup } from '../../src/workload/training/parallelism.js';
import type { Parallelism } from '../../src/workload/types.js';

const trn1 = buildSystem({ preset: 'trn1.32xlarge', count: 2 }); // 32 chips, 2 ranks per chip, 64 ranks
const par: Parallelism = { tp: 8, pp: 1, dp: 8, cp: 1, ep: 1, zero: 1, sequenceParallel: true, schedule: '1f1b', virtualStages: 1 };

describe('collective timing for the training step', () => {
  it('finds the sibling DP groups that share the chips of a DP group (one rank per chip)', () => {
    const dp = dpGroup(par, { tp: 0, cp: 0, dp: 0, pp: 0 }); // ranks 0, 8, ..., 56
    expect(dp).toEqual([0, 8, 16, 24, 32, 40, 48, 56]);
    expect(siblingShifts(trn1, dp)).toEqual([1]); // rank 1 shares chip 0 with rank 0
    // a TP group of 8 fills its 4 chips: no siblings on them
    expect(siblingShifts(trn1, tpGroup(par, { tp: 0, cp: 0, dp: 0, pp: 0 }))).toEqual([]);
  });

  it('a DP reduce-scatter with its sibling on the same chips takes at least as long as alone', () => {
    const dp = dpGroup(par, { tp: 0, cp: 0, dp: 0, pp: 0 });
    const req = { op: 'reduce-scatter' as const, ranks: dp, sizeBytes: 64 * 2 ** 20, issue: 'in-graph' as const };
    const alone = collectiveTimeS(trn1, req);
    const shared = defaultCollectiveTimer(trn1)(req);
    expect(shared).toBeGreaterThanOrEqual(alone);
    expect(shared).toBeGreaterThan(0);
  });

  it('caches per placement: the same group shape in another server is timed once', () => {
    let calls = 0;
    const t = cachedTimer(trn1, (q) => {
      calls++;
      return ringEstimateS(trn1, q);
    });
    const a = t({ op: 'all-gather', ranks: [0, 1, 2, 3, 4, 5, 6, 7], sizeBytes: 1e6 });
    const b = t({ op: 'all-gather', ranks: [32, 33, 34, 35, 36, 37, 38, 39], sizeBytes: 1e6 }); // server 1
    expect(b).toBe(a);
    expect(calls).toBe(1);
    expect(t({ op: 'all-gather', ranks: [0], sizeBytes: 1e6 })).toBe(0);
  });

  it('ring estimate: send-recv over one NeuronLink hop is latency + bytes / (bandwidth / sharing)', () => {
    // ranks 1 and 2 sit on chips 0 and 1, neighbours on the trn1 torus (one link)
    const buf = new Int32Array(8);
    const hops = trn1.topology.route(0, 1, buf);
    expect(hops).toBe(1);
    const bw = trn1.topology.linkBytesPerSecond(buf[0]!);
    const lat = trn1.topology.linkLatencyS(buf[0]!);
    // the chip's other rank (rank 0) sends its own slice over the same link at the same time: sharing 2
    expect(ringEstimateS(trn1, { op: 'send-recv', ranks: [1, 2], sizeBytes: 1e6 })).toBeCloseTo(lat + 1e6 / (bw / 2), 12);
  });
});
