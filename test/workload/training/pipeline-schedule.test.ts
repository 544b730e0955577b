import { describe, expect, it } from 'vitest';
import { stageProgram } from '../../../src/workload/training/pipeline-schedule.js';
import { TaskGraph, TaskCategory } from '../../../src/workload/task-graph.js';
import { Simulator } from '../../../src/engine/index.js';

describe('pipeline schedules', () => {
  for (const [pp, m, v] of [
    [4, 8, 1],
    [4, 3, 1],
    [8, 16, 1],
    [4, 8, 2],
    [2, 4, 3],
  ] as const) {
    it(`pp ${pp}, m ${m}, v ${v}: every unit once, backward after its forward, bounded in-flight`, () => {
      for (let s = 0; s < pp; s++) {
        const prog = stageProgram(s, pp, m, v);
        expect(prog.length).toBe(2 * m * v);
        const seenF = new Set<string>();
        const seenB = new Set<string>();
        let inFlight = 0;
        let peak = 0;
        for (const u of prog) {
          const key = `${u.microBatch}:${u.chunk}`;
          if (u.forward) {
            expect(seenF.has(key)).toBe(false);
            seenF.add(key);
            inFlight++;
          } else {
            expect(seenF.has(key)).toBe(true);
            expect(seenB.has(key)).toBe(false);
            seenB.add(key);
            inFlight--;
          }
          peak = Math.max(peak, inFlight);
        }
        expect(seenF.size).toBe(m * v);
        expect(seenB.size).toBe(m * v);
        // 1F1B: stage s holds at most pp - s micro-batches (PipeDream-Flush)
        if (v === 1) expect(peak).toBe(Math.min(pp - s, m));
      }
    });
  }
});

describe('task graph', () => {
  it('runs tasks in stream order after their dependencies, one event per task', () => {
    const g = new TaskGraph();
    const a = g.addTask(0, TaskCategory.Compute, 1);
    const b = g.addTask(1, TaskCategory.Tp, 2, [a]);
    const c = g.addTask(0, TaskCategory.Compute, 3); // same stream as a: starts when a ends
    const d = g.addTask(0, TaskCategory.Compute, 1, [b]); // waits for b (ends at 3) and c (ends at 4)
    const sim = new Simulator();
    const end = g.run(sim);
    expect([...g.startS]).toEqual([0, 1, 1, 4]);
    expect(end).toBe(5);
    expect(g.lastDep[d]).toBe(b);
    expect(sim.eventsProcessed).toBe(4);
    void c;
  });

  it('reports a stalled graph (a cycle) instead of returning a wrong time', () => {
    const g = new TaskGraph();
    const a = g.addTask(0, TaskCategory.Compute, 1);
    const b = g.addTask(1, TaskCategory.Compute, 1, [a]);
    g.addEdge(b, a);
    expect(() => g.run(new Simulator())).toThrow(/stalled/);
  });
});
