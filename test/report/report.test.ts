import { describe, expect, it } from 'vitest';
import { formatResultJson, formatTrainingReport, formatInferenceReport, orderFields, withoutMeta } from '../../src/report/index.js';
import type { InferenceResult, TrainingResult } from '../../src/workload/types.js';

// Formatter inputs (hand-written fixtures, not simulated results): the report layer only formats.
const training: TrainingResult = {
  meta: { version: '0.1.0', host: 'h', eventsSimulated: 123456, wallTimeS: 0.5 },
  memoryBytesPerChip: { capacity: 103079215104, total: 60e9, activations: 10e9, optimizer: 30e9, gradients: 10e9, weights: 10e9 },
  breakdown: { idleS: 0.5, bubbleS: 1, exposedCommByKindS: { cp: 0, ep: 0, dp: 0.25, pp: 0.25, tp: 1 }, exposedCommS: 1.5, computeS: 7 },
  mfu: 0.3512,
  ranksSimulated: 256,
  ranksTotal: 256,
  tokensPerSecond: 679936,
  sequencesPerSecond: 83,
  stepTimeS: 10,
  name: 'fixture',
  kind: 'training',
};

describe('stable JSON', () => {
  it('prints the issue 7 fields in a fixed order with meta last, whatever the insertion order', () => {
    const keys = Object.keys(JSON.parse(formatResultJson(training)));
    expect(keys).toEqual(['kind', 'name', 'stepTimeS', 'sequencesPerSecond', 'tokensPerSecond', 'mfu', 'breakdown', 'memoryBytesPerChip', 'ranksSimulated', 'ranksTotal', 'meta']);
    const parsed = JSON.parse(formatResultJson(training));
    expect(Object.keys(parsed.breakdown)).toEqual(['computeS', 'exposedCommS', 'exposedCommByKindS', 'bubbleS', 'idleS']);
    expect(Object.keys(parsed.breakdown.exposedCommByKindS)).toEqual(['tp', 'pp', 'dp', 'ep', 'cp']);
    expect(Object.keys(parsed.meta)).toEqual(['wallTimeS', 'eventsSimulated', 'host', 'version']);
  });

  it('puts extra fields after the contract ones, sorted', () => {
    const o = orderFields({ zeta: 1, kind: 'training', alpha: { b: 1, a: 2 }, meta: { host: 'x' }, name: 'n' }, ['kind', 'name']) as object;
    expect(JSON.stringify(o)).toBe('{"kind":"training","name":"n","alpha":{"a":2,"b":1},"zeta":1,"meta":{"host":"x"}}');
  });

  it('gives identical bytes for equal results and drops meta on request', () => {
    const shuffled = JSON.parse(JSON.stringify(training)) as TrainingResult;
    expect(formatResultJson(shuffled)).toBe(formatResultJson(training));
    expect(withoutMeta(training)).not.toHaveProperty('meta');
  });
});

describe('terminal reports', () => {
  it('shows throughput, breakdown shares and memory of a training step', () => {
    const text = formatTrainingReport(training, { system: { preset: 'trn2-ultraserver', count: 4, lnc: 2 }, ranks: 1024, chips: 256 });
    expect(text).toContain('4 x trn2-ultraserver: 256 chips, 1,024 ranks (lnc 2)');
    expect(text).toMatch(/step time\s+10\.00 s/);
    expect(text).toMatch(/tokens\/s\s+679,936/);
    expect(text).toMatch(/MFU\s+35\.1%/);
    expect(text).toMatch(/compute\s+7\.00 s\s+70\.0%/);
    expect(text).toMatch(/ {2}tp\s+1\.00 s\s+10\.0%/);
    expect(text).toMatch(/pipeline bubble\s+1\.00 s\s+10\.0%/);
    expect(text).toMatch(/total\s+55\.9 GiB of 96\.0 GiB \(58\.2%\)/);
    expect(text).toMatch(/events simulated\s+123,456/);
  });

  it('shows latency percentiles and KV use of an inference run', () => {
    const p = (x: number) => ({ p50: x, p90: 2 * x, p99: 3 * x, mean: 1.5 * x });
    const inf: InferenceResult = {
      kind: 'inference', name: 'inf', ttftS: p(0.8142), tpotS: p(0.0196), e2eLatencyS: p(30), outputTokensPerSecond: 36,
      requestsPerSecond: 0.02, requestsCompleted: 10, requestsRejected: 0,
      kvCache: { capacityTokensPerReplica: 100000, bytesPerTokenPerRank: 5120, bytesPerRank: 5e8, peakUsedFraction: 0.5, meanUsedFraction: 0.25, requestsWaited: 0 },
    };
    const text = formatInferenceReport(inf);
    expect(text).toMatch(/TTFT\s+814\.20 ms\s+1\.63 s\s+2\.44 s\s+1\.22 s/);
    expect(text).toMatch(/TPOT\s+19\.60 ms/);
    expect(text).toMatch(/output tokens\/s\s+36\.00/);
    expect(text).toMatch(/peak used\s+50\.0%/);
    const keys = Object.keys(JSON.parse(formatResultJson(inf)));
    expect(keys.slice(0, 9)).toEqual(['kind', 'name', 'ttftS', 'tpotS', 'e2eLatencyS', 'outputTokensPerSecond', 'requestsPerSecond', 'requestsCompleted', 'requestsRejected']);
  });
});
