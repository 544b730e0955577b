import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DETECTION_S,
  DEFAULT_MTBF_S,
  DEFAULT_RESTART_S,
  DEFAULT_CHECKPOINT_BYTES_PER_SECOND,
  LLAMA3_ACCELERATORS,
  LLAMA3_SNAPSHOT_S,
  LLAMA3_UNEXPECTED_INTERRUPTIONS,
  checkpointBytes,
  simulateLongJob,
  simulateReplication,
  youngDalyIntervalS,
  type LongJobSpec,
  type ReplicationOutcome,
} from '../../../src/workload/reliability/index.js';
import { modelPresets } from '../../../src/workload/models.js';
import { isUserInputError } from '../../../src/user-input-error.js';

const HOUR = 3600;

function spec(over: Partial<LongJobSpec> = {}): LongJobSpec {
  return {
    job: { kind: 'duration', durationS: 1000 * HOUR },
    stepTimeS: 1,
    failures: [{ component: 'chip', count: 1, ratePerSecond: 1 / HOUR, serversReplaced: 1 }],
    detectionS: 30,
    restartS: 120,
    restoreS: 60,
    repairS: 10 * HOUR,
    checkpoint: { intervalS: 600, writeS: 60 },
    seed: 7,
    replications: 1,
    ...over,
  };
}

function lostSum(o: Pick<ReplicationOutcome, 'lostS'>): number {
  const l = o.lostS;
  return l.failures + l.checkpoints + l.restarts + l.stragglers + l.linkFlaps + l.waitingForSpares;
}

describe('long job: closed forms without failures', () => {
  it('a steps job without failures costs exactly its steps and the checkpoints before the last step', () => {
    const o = simulateReplication(spec({ job: { kind: 'steps', steps: 1000 }, failures: [], checkpoint: { intervalS: 100, writeS: 7 } }), 1);
    // checkpoints after steps 100, 200, ..., 900; the job ends at step 1000
    expect(o.checkpointsWritten).toBe(9);
    expect(o.wallS).toBeCloseTo(1000 + 9 * 7, 9);
    expect(o.usefulS).toBeCloseTo(1000, 9);
    expect(o.lostS.checkpoints).toBeCloseTo(63, 9);
    expect(o.stepsCompleted).toBe(1000);
    expect(o.completed).toBe(true);
  });

  it('rounds the checkpoint interval up to whole steps', () => {
    const o = simulateReplication(spec({ job: { kind: 'steps', steps: 100 }, stepTimeS: 3, failures: [], checkpoint: { intervalS: 10, writeS: 1 } }), 1);
    // 4 steps (12 s >= 10 s) per checkpoint: after steps 4, 8, ..., 96
    expect(o.checkpointsWritten).toBe(24);
    expect(o.wallS).toBeCloseTo(300 + 24, 9);
  });

  it('a straggler that is always open makes every step the straggler step', () => {
    const o = simulateReplication(
      spec({ job: { kind: 'steps', steps: 500 }, failures: [], checkpoint: { intervalS: 1e9, writeS: 0 }, stragglers: { episodesPerSecond: 2e-5, durationS: 1e6, stepTimeS: 1.5 } }),
      3,
    );
    expect(o.wallS).toBeCloseTo(750, 6);
    expect(o.lostS.stragglers).toBeCloseTo(250, 6);
    expect(o.usefulS).toBeCloseTo(500, 6);
  });
});

describe('long job: invariants', () => {
  const everything = (seed: number, job: LongJobSpec['job']): LongJobSpec =>
    spec({
      job,
      seed,
      failures: [
        { component: 'chip', count: 64, ratePerSecond: 1 / (50 * HOUR), serversReplaced: 1 },
        { component: 'ultraserver', count: 2, ratePerSecond: 1 / (200 * HOUR), serversReplaced: 4 },
        { component: 'link', count: 100, ratePerSecond: 1 / (1000 * HOUR), serversReplaced: 0 },
      ],
      spares: 3,
      repairS: 2 * HOUR,
      stragglers: { episodesPerSecond: 1 / HOUR, durationS: 600, stepTimeS: 1.3 },
      linkFlaps: { episodesPerSecond: 2 / HOUR, durationS: 30, stepTimeS: 1.1 },
    });

  it('useful + lost = wall, in duration and steps jobs, with every process on', () => {
    for (let seed = 1; seed <= 6; seed++) {
      for (const job of [{ kind: 'duration', durationS: 300 * HOUR }, { kind: 'steps', steps: 200_000 }] as const) {
        const o = simulateReplication(everything(seed, job), seed);
        expect(o.failures).toBeGreaterThan(0);
        expect(o.lostS.stragglers).toBeGreaterThan(0);
        expect(o.lostS.linkFlaps).toBeGreaterThan(0);
        expect(Math.abs(o.usefulS + lostSum(o) - o.wallS) / o.wallS).toBeLessThan(1e-9);
        if (job.kind === 'duration') expect(o.wallS).toBe(300 * HOUR);
        else expect(o.stepsCompleted).toBe(200_000);
      }
    }
  });

  it('the summary keeps useful + lost = wall for the means of several replications', () => {
    const { result, outcomes } = simulateLongJob({ ...everything(2, { kind: 'steps', steps: 100_000 }), replications: 5 });
    expect(outcomes).toHaveLength(5);
    const l = result.lostS;
    const lost = l.failures + l.checkpoints + l.restarts + l.stragglers + l.linkFlaps + l.waitingForSpares;
    expect(Math.abs(result.usefulS + lost - result.jobWallS) / result.jobWallS).toBeLessThan(1e-9);
    expect(result.goodputCi95).not.toBeNull();
    expect(result.goodputCi95!.low).toBeLessThanOrEqual(result.goodput);
    expect(result.goodputCi95!.high).toBeGreaterThanOrEqual(result.goodput);
    expect(new Set(outcomes.map((o) => o.seed)).size).toBe(5);
  });

  it('is deterministic per seed, and another seed gives other failure times', () => {
    const a = simulateReplication(spec(), 11, { recordFailureTimes: true });
    const b = simulateReplication(spec(), 11, { recordFailureTimes: true });
    const c = simulateReplication(spec(), 12, { recordFailureTimes: true });
    expect(b).toEqual(a);
    expect(a.failureTimesS!.length).toBeGreaterThan(100);
    expect(c.failureTimesS).not.toEqual(a.failureTimesS);
    expect(c.failureTimesS![0]).not.toBe(a.failureTimesS![0]);
  });

  it('adding a failure process does not shift the draws of another (named streams)', () => {
    const base = simulateReplication(spec(), 5, { recordFailureTimes: true });
    const withLinks = simulateReplication(
      spec({ failures: [...spec().failures, { component: 'link', count: 10, ratePerSecond: 1 / (100 * HOUR), serversReplaced: 0 }] }),
      5,
      { recordFailureTimes: true },
    );
    const chipTimes = new Set(withLinks.failureTimesS);
    for (const t of base.failureTimesS!) expect(chipTimes.has(t)).toBe(true);
  });

  it('spares running out costs waiting time and goodput; the failures stay the same', () => {
    const unlimited = simulateReplication(spec(), 4, { recordFailureTimes: true });
    const few = simulateReplication(spec({ spares: 2 }), 4, { recordFailureTimes: true });
    const none = simulateReplication(spec({ spares: 0 }), 4, { recordFailureTimes: true });
    expect(few.failureTimesS).toEqual(unlimited.failureTimesS);
    expect(unlimited.lostS.waitingForSpares).toBe(0);
    expect(few.lostS.waitingForSpares).toBeGreaterThan(0);
    expect(none.lostS.waitingForSpares).toBeGreaterThan(few.lostS.waitingForSpares);
    expect(few.usefulS).toBeLessThan(unlimited.usefulS);
    expect(none.usefulS).toBeLessThan(few.usefulS);
  });
});

describe('long job: failure counts are Poisson', () => {
  it('count, split by component and dispersion match the superposed Poisson process', () => {
    const chip = 1e-3;
    const server = 1e-4;
    const T = 1e6;
    const reps = 20;
    const { result, outcomes } = simulateLongJob(
      spec({
        job: { kind: 'duration', durationS: T },
        stepTimeS: 10,
        failures: [
          { component: 'chip', count: 1000, ratePerSecond: chip / 1000, serversReplaced: 1 },
          { component: 'server', count: 10, ratePerSecond: server / 10, serversReplaced: 1 },
        ],
        detectionS: 10,
        restartS: 20,
        restoreS: 5,
        checkpoint: { intervalS: 300, writeS: 5 },
        replications: reps,
      }),
    );
    const mean = (chip + server) * T; // 1,100 per replication
    expect(result.expectedFailures).toBeCloseTo(mean, 6);
    const counts = outcomes.map((o) => o.failures);
    const total = counts.reduce((a, b) => a + b, 0);
    // total over 20 replications ~ Poisson(22,000): within 4 sigma
    expect(Math.abs(total - reps * mean)).toBeLessThan(4 * Math.sqrt(reps * mean));
    // chip share ~ Binomial(total, 1/1.1): within 4 sigma
    const chips = outcomes.reduce((a, o) => a + o.failuresByProcess[0]!, 0);
    const p = chip / (chip + server);
    expect(Math.abs(chips - total * p)).toBeLessThan(4 * Math.sqrt(total * p * (1 - p)));
    // index of dispersion ~ chi-square(19): inside its 99.9 % range [6.8, 43.8]
    const m = total / reps;
    const d = counts.reduce((a, x) => a + (x - m) ** 2, 0) / m;
    expect(d).toBeGreaterThan(6.8);
    expect(d).toBeLessThan(43.8);
  });
});

describe('long job: goodput against Young/Daly', () => {
  it('peaks at the sweep point nearest sqrt(2 x write x MTBF), within the sweep resolution', () => {
    const writeS = 60;
    const mtbfS = HOUR;
    const young = youngDalyIntervalS(writeS, mtbfS); // 657 s
    const factor = 1.25;
    const intervals = [256, 320, 400, 500, 625, 781, 977, 1221, 1526];
    const goodput = intervals.map((intervalS) => {
      const o = simulateReplication(
        spec({ job: { kind: 'duration', durationS: 20_000 * HOUR }, detectionS: 0, restartS: 0, restoreS: 0, checkpoint: { intervalS, writeS } }),
        21,
      );
      return o.usefulS / o.wallS;
    });
    const best = intervals[goodput.indexOf(Math.max(...goodput))]!;
    expect(Math.abs(Math.log(best / young))).toBeLessThanOrEqual(Math.log(factor));
    // and the curve falls away on both sides
    expect(goodput[0]!).toBeLessThan(Math.max(...goodput) - 0.02);
    expect(goodput[goodput.length - 1]!).toBeLessThan(Math.max(...goodput) - 0.02);
    // first-order waste at the optimum: write / tau + tau / (2 MTBF) = sqrt(2 write / MTBF) = 18 %
    expect(1 - Math.max(...goodput)).toBeCloseTo(Math.sqrt((2 * writeS) / mtbfS), 1);
  });

  it('the Llama 3 setting (an interruption every ~3 h on 16,384 accelerators) gives over 90 % goodput with the defaults, as reported', () => {
    const rate = LLAMA3_UNEXPECTED_INTERRUPTIONS / LLAMA3_SNAPSHOT_S;
    const writeS = checkpointBytes(modelPresets['llama-3.1-405b']!) / DEFAULT_CHECKPOINT_BYTES_PER_SECOND;
    const { result } = simulateLongJob(
      spec({
        job: { kind: 'duration', durationS: LLAMA3_SNAPSHOT_S },
        stepTimeS: 10,
        failures: [{ component: 'chip', count: LLAMA3_ACCELERATORS, ratePerSecond: rate / LLAMA3_ACCELERATORS, serversReplaced: 1 }],
        detectionS: DEFAULT_DETECTION_S,
        restartS: DEFAULT_RESTART_S,
        restoreS: writeS,
        checkpoint: { intervalS: youngDalyIntervalS(writeS, 1 / rate), writeS },
        replications: 10,
      }),
    );
    expect(result.goodput).toBeGreaterThan(0.9);
    expect(result.goodput).toBeLessThan(0.97);
    expect(result.failures).toBeGreaterThan(350);
    expect(result.failures).toBeLessThan(490);
  });

  it('default rates are the Llama 3 shares per component (estimates)', () => {
    // 58.7 % of 419 over 16,384 GPUs x 54 days: about 86,000 h
    expect(DEFAULT_MTBF_S.chip! / HOUR).toBeCloseTo((16_384 * 54 * 24) / (419 * 0.587), 6);
    expect(DEFAULT_MTBF_S.chip! / HOUR).toBeGreaterThan(80_000);
    expect(DEFAULT_MTBF_S.server! / HOUR).toBeCloseTo((2048 * 54 * 24) / (419 * 0.109), 3);
    expect(DEFAULT_MTBF_S.ultraserver).toBeUndefined();
  });
});

describe('long job: stragglers', () => {
  it('slow steps take the stationary share 1 - exp(-rate x duration) of the running time', () => {
    const m = 0.5; // mean open episodes
    const episode = 200;
    const { result } = simulateLongJob(
      spec({
        job: { kind: 'duration', durationS: 400 * HOUR },
        failures: [],
        checkpoint: { intervalS: 1e9, writeS: 0 },
        stragglers: { episodesPerSecond: m / episode, durationS: episode, stepTimeS: 2 },
        replications: 4,
      }),
    );
    // running time at 2 s per step: half is straggler excess
    const slowShare = (2 * result.lostS.stragglers) / result.jobWallS;
    expect(slowShare).toBeCloseTo(1 - Math.exp(-m), 1);
  });
});

describe('long job: bad input', () => {
  const bad = (over: Partial<LongJobSpec>, field: string): void => {
    let err: unknown;
    try {
      simulateLongJob(spec(over));
    } catch (e) {
      err = e;
    }
    expect(isUserInputError(err)).toBe(true);
    expect((err as Error).message).toContain(field);
  };

  it('names the field of a job shorter than one step, a zero or negative rate and impossible settings', () => {
    bad({ job: { kind: 'duration', durationS: 0.5 }, stepTimeS: 2 }, 'job.duration');
    bad({ job: { kind: 'steps', steps: 0 } }, 'job.steps');
    bad({ failures: [{ component: 'chip', count: 1, ratePerSecond: 0, serversReplaced: 1 }] }, 'reliability.failures[0].mtbf');
    bad({ failures: [{ component: 'chip', count: 1, ratePerSecond: -1, serversReplaced: 1 }] }, 'reliability.failures[0].mtbf');
    bad({ failures: [{ component: 'chip', count: 1, ratePerSecond: Infinity, serversReplaced: 1 }] }, 'reliability.failures[0].mtbf');
    bad({ restartS: -1 }, 'reliability.restart');
    bad({ checkpoint: { intervalS: 0, writeS: 1 } }, 'reliability.checkpoint.interval');
    bad({ spares: 1.5 }, 'reliability.spares');
    bad({ replications: 0 }, 'reliability.replications');
    bad({ stragglers: { episodesPerSecond: 1, durationS: 10, stepTimeS: 0.5 } }, 'reliability.stragglers.stepTimeS');
  });
});
