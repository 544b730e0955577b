/**
 * A task graph of compute and communication tasks on in-order streams, executed by the engine.
 *
 * Each task has a duration, a stream and dependencies. A stream runs its tasks in the order they
 * were added (program order, as a Neuron queue or CUDA stream does); a task starts when it is at
 * the head of its stream, the stream is free and all its dependencies have finished. One engine
 * event per task (its completion); the handler works on typed arrays in CSR form, so the hot path
 * allocates nothing per event (docs/engine.md "Hot-path rules").
 */
import { Simulator } from '../engine/index.js';

/** What a task does; communication categories follow TrainingResult.breakdown.exposedCommByKindS. */
export const enum TaskCategory {
  Compute = 0,
  Tp = 1,
  Pp = 2,
  Dp = 3,
  Ep = 4,
  Cp = 5,
}

export const CATEGORY_COUNT = 6;

export class TaskGraph {
  private durations: number[] = [];
  private streamOf: number[] = [];
  private categoryOf: number[] = [];
  private edgeFrom: number[] = [];
  private edgeTo: number[] = [];
  private streamCount = 0;
  /** Per task, CATEGORY_COUNT numbers: how a macro task's duration splits into compute and exposed communication. */
  private splitOf: number[] = [];

  // filled by run()
  startS = new Float64Array(0);
  endS = new Float64Array(0);
  /** The dependency that finished last before the task could start (-1: none). */
  lastDep = new Int32Array(0);
  category = new Int8Array(0);
  stream = new Int32Array(0);
  /** Task ids of each stream in program order (CSR). */
  streamStart = new Int32Array(0);
  streamTasks = new Int32Array(0);

  get taskCount(): number {
    return this.durations.length;
  }

  get streams(): number {
    return this.streamCount;
  }

  /**
   * Adds a task. `split` (optional, CATEGORY_COUNT numbers summing to durationS) says how a macro
   * task, which stands for a whole chain of compute and collectives, divides into compute
   * (index 0) and exposed communication by category; by default the task is all its category.
   */
  addTask(stream: number, category: TaskCategory, durationS: number, deps?: readonly number[], split?: ArrayLike<number>): number {
    if (!(durationS >= 0) || !Number.isFinite(durationS)) throw new Error(`task duration must be finite and >= 0, got ${durationS}`);
    const id = this.durations.length;
    this.durations.push(durationS);
    this.streamOf.push(stream);
    this.categoryOf.push(category);
    for (let k = 0; k < CATEGORY_COUNT; k++) this.splitOf.push(split ? split[k]! : k === category ? durationS : 0);
    if (stream + 1 > this.streamCount) this.streamCount = stream + 1;
    if (deps) for (const d of deps) if (d >= 0) this.addEdge(d, id);
    return id;
  }

  /** `to` may not start before `from` has finished. */
  addEdge(from: number, to: number): void {
    this.edgeFrom.push(from);
    this.edgeTo.push(to);
  }

  duration(task: number): number {
    return this.durations[task]!;
  }

  /** Part of task's duration in category k (compute for k = 0). */
  splitPart(task: number, k: number): number {
    return this.splitOf[task * CATEGORY_COUNT + k]!;
  }

  /**
   * Runs the graph from time 0 on `sim` (which may be shared with other models) and returns the
   * time the last task ends. Throws if a dependency cycle or a stream-order conflict leaves tasks
   * unrun (a bug in the builder, not bad input).
   */
  run(sim: Simulator): number {
    const n = this.durations.length;
    const dur = Float64Array.from(this.durations);
    this.category = Int8Array.from(this.categoryOf);
    this.stream = Int32Array.from(this.streamOf);
    const ns = this.streamCount;
    // CSR of successors
    const succStart = new Int32Array(n + 1);
    for (let e = 0; e < this.edgeFrom.length; e++) succStart[this.edgeFrom[e]! + 1]!++;
    for (let i = 0; i < n; i++) succStart[i + 1]! += succStart[i]!;
    const succ = new Int32Array(this.edgeFrom.length);
    const fill = succStart.slice(0, n);
    const pending = new Int32Array(n);
    for (let e = 0; e < this.edgeFrom.length; e++) {
      succ[fill[this.edgeFrom[e]!]!++] = this.edgeTo[e]!;
      pending[this.edgeTo[e]!]!++;
    }
    // CSR of streams, program order
    const sStart = new Int32Array(ns + 1);
    for (let i = 0; i < n; i++) sStart[this.streamOf[i]! + 1]!++;
    for (let s = 0; s < ns; s++) sStart[s + 1]! += sStart[s]!;
    const sTasks = new Int32Array(n);
    const sFill = sStart.slice(0, ns);
    for (let i = 0; i < n; i++) sTasks[sFill[this.streamOf[i]!]!++] = i;
    this.streamStart = sStart;
    this.streamTasks = sTasks;
    const head = sStart.slice(0, ns);
    const busy = new Uint8Array(ns);
    const start = new Float64Array(n).fill(NaN);
    const end = new Float64Array(n).fill(NaN);
    const lastDep = new Int32Array(n).fill(-1);
    const stream = this.stream;
    let done = 0;
    let lastEnd = 0;

    const tryStart = (s: number): void => {
      if (busy[s] === 1) return;
      const h = head[s]!;
      if (h >= sStart[s + 1]!) return;
      const t = sTasks[h]!;
      if (pending[t] !== 0) return;
      busy[s] = 1;
      start[t] = sim.now;
      sim.schedule(dur[t]!, kind, t, 0);
    };
    const complete = (tf: number): void => {
      const t = tf | 0;
      const now = sim.now;
      end[t] = now;
      lastEnd = now;
      done++;
      const s = stream[t]!;
      busy[s] = 0;
      head[s]!++;
      for (let e = succStart[t]!; e < succStart[t + 1]!; e++) {
        const j = succ[e]!;
        lastDep[j] = t;
        pending[j]!--;
      }
      tryStart(s);
      for (let e = succStart[t]!; e < succStart[t + 1]!; e++) tryStart(stream[succ[e]!]!);
    };
    const kind = sim.registerKind(complete, 'task-done');
    const t0 = sim.now;
    for (let s = 0; s < ns; s++) tryStart(s);
    sim.run();
    if (done !== n) throw new Error(`task graph stalled: ${n - done} of ${n} tasks never ran (dependency cycle or stream-order conflict)`);
    this.startS = start;
    this.endS = end;
    this.lastDep = lastDep;
    return lastEnd - t0;
  }
}
