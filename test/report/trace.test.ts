import { describe, expect, it } from 'vitest';
import { runTraceJson, validateTrace } from '../../src/report/index.js';
import { trainingRun } from './fixtures.js';

describe('step trace', () => {
  const { run, step } = trainingRun();
  const trace = JSON.parse(runTraceJson(run, step));

  it('is a valid Trace Event Format file: fields, monotonic tracks, nested slices, paired flows', () => {
    expect(validateTrace(trace)).toEqual([]);
    const ph = new Set(trace.traceEvents.map((e: { ph: string }) => e.ph));
    expect([...ph].sort()).toEqual(['M', 'X', 'f', 's']);
    expect(trace.displayTimeUnit).toBe('ms');
  });

  it('has one process per representative chip, streams as threads, and the busiest links', () => {
    const names = trace.traceEvents.filter((e: { name: string }) => e.name === 'process_name').map((e: { args: { name: string } }) => e.args.name);
    expect(names).toHaveLength(3); // pp = 2 stages + the links process
    expect(names[0]).toMatch(/stage 0, block 0 representative: stands for 16 chips/);
    expect(names[2]).toMatch(/^links: the \d+ busiest of unit 0/);
    expect(trace.otherData).toMatchObject({ chipsSimulated: 2, chipsTotal: 32, ranksTotal: 128 });
    expect(trace.otherData.representatives).toMatch(/one rank per pipeline stage/);
  });

  it('lays the compute stream out as the pipeline program and ends at the step time', () => {
    const x = trace.traceEvents.filter((e: { ph: string; pid: number; tid: number }) => e.ph === 'X' && e.pid <= 2 && e.tid === 1);
    expect(x[0].name).toBe('forward mb 0');
    expect(x.filter((e: { name: string }) => e.name === 'optimizer step')).toHaveLength(2);
    const end = Math.max(...trace.traceEvents.filter((e: { ph: string }) => e.ph === 'X').map((e: { ts: number; dur: number }) => e.ts + e.dur));
    expect(end / 1e6).toBeCloseTo(run.result.kind === 'training' ? run.result.stepTimeS : 0, 6);
    // pipeline sends are flows from stage 0 to stage 1
    const flows = trace.traceEvents.filter((e: { ph: string; name: string }) => e.ph === 's' && e.name === 'pp -> compute');
    expect(flows.length).toBeGreaterThan(0);
  });

  it('the validator catches what Perfetto would reject', () => {
    const ev = (o: object) => ({ name: 'a', ph: 'X', ts: 0, dur: 10, pid: 1, tid: 1, ...o });
    expect(validateTrace({})).toEqual(['no traceEvents array']);
    expect(validateTrace({ traceEvents: [{ ph: 'X', ts: 0, dur: 1, pid: 1 }] })).toEqual(expect.arrayContaining([expect.stringMatching(/no "name"/), expect.stringMatching(/no "tid"/)]));
    expect(validateTrace({ traceEvents: [ev({ ts: 20 }), ev({ ts: 5 })] })[0]).toMatch(/before 20/);
    expect(validateTrace({ traceEvents: [ev({}), ev({ ts: 5, dur: 10 })] })[0]).toMatch(/overlaps/);
    expect(validateTrace({ traceEvents: [ev({}), ev({ ts: 2, dur: 3 })] })).toEqual([]);
    expect(validateTrace({ traceEvents: [ev({ ph: 'B' })] })[0]).toMatch(/B events without their E/);
    expect(validateTrace({ traceEvents: [ev({}), ev({ ph: 's', id: 1, ts: 5 })] })[0]).toMatch(/flow 1: no finish/);
    expect(validateTrace({ traceEvents: [ev({}), ev({ ph: 's', id: 1, ts: 5 }), ev({ ph: 'f', id: 1, ts: 50, tid: 2 })] })[0]).toMatch(/not inside a slice/);
  });
});
