/**
 * Builds the task graph of one training step for one representative rank per pipeline stage
 * (docs/model.md "Symmetry"): TP ranks of a group, DP replicas and CP/EP peers run the same
 * program on identically shaped groups, so one rank per stage stands for all of them; collectives
 * are still timed on the representative's actual group placement.
 *
 * Two levels, so that a 1,024-chip step stays under a second:
 * - a layer chain (forward or backward of the n layers of a model chunk, with the TP / CP / EP
 *   collectives between its segments and the compiler's partial overlap) is simulated once per
 *   (stage, n, direction) as its own small task graph; the result is a macro task whose duration
 *   splits into compute and exposed communication by kind;
 * - the step graph strings those macro tasks in pipeline order (schedule.ts) with the pipeline
 *   sends between stages and the data-parallel gradient reduction, which overlaps the remaining
 *   backward: the last micro-batch's backward is expanded layer by layer so each layer's gradients
 *   start reducing as soon as they are ready (ZeRO-0/1); ZeRO-2/3 reduce-scatter a chunk's
 *   gradients after every micro-batch's backward.
 * Streams per stage: compute, TP collectives, pipeline sends, DP collectives, EP, CP.
 */
import type { System } from '../../hardware/types.js';
import type { TrainingWorkload } from '../types.js';
import { CATEGORY_COUNT, TaskCategory, TaskGraph } from '../task-graph.js';
import { DP_REDUCE_AFTER_BACKWARD, TP_COMM_OVERLAP } from './calibration.js';
import { chunksPerStage, layersPerChunk, microBatches } from './parallelism.js';
import { stageProgram } from './pipeline-schedule.js';
import { dpCosts, pipelineSendS, stageCosts, type StageCosts } from './stage-costs.js';
import { addSplit, layerEmitters, profileChain, STREAMS_PER_STAGE, S_COMPUTE, S_DP, S_PP, type ChainProfile } from './layer-tasks.js';

export { STREAMS_PER_STAGE, type ChainProfile } from './layer-tasks.js';
import type { CollectiveTimer } from '../../collectives/cost.js';

export interface StepGraph {
  readonly graph: TaskGraph;
  readonly stages: number;
  /** Lanes (simulated block x stage; lane = instance x stages + stage), each STREAMS_PER_STAGE streams. */
  readonly lanes: number;
  /** Costs per lane. */
  readonly costs: readonly StageCosts[];
  readonly microBatches: number;
  /** Events the layer-chain profiles took (simulated once each). */
  readonly profileEvents: number;
}

export interface StepGraphOptions {
  /**
   * Emit every layer of every micro-batch as its own tasks instead of macro tasks (slow; the
   * reference the reduced graph is tested against).
   */
  readonly expandLayers?: boolean;
  /** The lockstep blocks simulated, one instance each (blocks.ts; default block 0 alone). */
  readonly blocks?: readonly number[];
}

export function buildStepGraph(system: System, w: TrainingWorkload, timer: CollectiveTimer, options: StepGraphOptions = {}): StepGraph {
  const p = w.parallelism;
  const pp = p.pp;
  const v = chunksPerStage(p);
  const m = microBatches(w);
  const g = new TaskGraph();
  const blocks = options.blocks ?? [0];
  const instances = blocks.length;
  const lanes = instances * pp;
  const dpOfStage = Array.from({ length: pp }, (_, s) => dpCosts(system, w, s, timer));
  const costs: StageCosts[] = [];
  const ppSend: number[] = [];
  for (let i = 0; i < instances; i++) {
    for (let s = 0; s < pp; s++) {
      costs.push(stageCosts(system, w, s, timer, blocks[i]!, dpOfStage[s]!));
      ppSend.push(pipelineSendS(system, w, s, blocks[i]!, timer));
    }
  }
  const layers = layersPerChunk(w.model.layers, pp, v);
  const totalV = pp * v;
  const size = totalV * m;
  const tpExposed = (d: number): number => (p.tp > 1 ? d * (1 - TP_COMM_OVERLAP) : 0);
  let profileEvents = 0;
  // the DP reductions of each stage, in program order: their durations, and per instance the task each waits for
  const dpDur: number[][] = Array.from({ length: pp }, () => []);
  const dpAfter: number[][][] = Array.from({ length: pp }, () => Array.from({ length: instances }, () => []));
  const optimizers: number[][] = Array.from({ length: pp }, () => []);

  for (let inst = 0; inst < instances; inst++) {
  const fwdEntry = new Int32Array(size).fill(-1);
  const bwdEntry = new Int32Array(size).fill(-1);
  const fwdSend = new Int32Array(size).fill(-1);
  const bwdSend = new Int32Array(size).fill(-1);
  for (let s = 0; s < pp; s++) {
    const lane = inst * pp + s;
    const c = costs[lane]!;
    const base = lane * STREAMS_PER_STAGE;
    const sendS = ppSend[lane]!;
    const sendBackS = ppSend[inst * pp + ((s - 1 + pp) % pp)]!;
    // a DP reduction after task `after`: recorded now, added once every instance of the stage is built
    const dpTasks = { push: (d: number, after: number): void => {
      if (inst === 0) dpDur[s]!.push(d);
      dpAfter[s]![inst]!.push(after);
    } };
    const profiles = new Map<string, ChainProfile>();
    const profile = (n: number, forward: boolean): ChainProfile => {
      const key = `${n}${forward ? 'f' : 'b'}`;
      let pr = profiles.get(key);
      if (!pr) {
        const r = profileChain(w, c, n, forward);
        profileEvents += r.events;
        pr = r;
        profiles.set(key, pr);
      }
      return pr;
    };
    // head / tail pieces of the first and last virtual stage: embedding, logits and their TP collectives
    const piece = (computeS: number, tpS: number): Float64Array => {
      const x = new Float64Array(CATEGORY_COUNT);
      x[TaskCategory.Compute] = computeS;
      x[TaskCategory.Tp] = tpExposed(tpS);
      return x;
    };
    const sp = p.sequenceParallel;
    const embFwd = piece(c.embeddingFwdS, sp ? c.tpReduceScatterS : c.tpAllReduceS);
    const logitsFwd = piece(c.logitsFwdS, sp ? c.tpAllGatherS : 0);
    const logitsBwd = piece(c.logitsBwdS, sp ? c.tpReduceScatterS : 0);
    const embBwd = piece(c.embeddingBwdS, sp ? c.tpAllGatherS : c.tpAllReduceS);
    const macro = (split: Float64Array, deps: number[]): number => {
      let d = 0;
      for (let k = 0; k < CATEGORY_COUNT; k++) d += split[k]!;
      return g.addTask(base + S_COMPUTE, TaskCategory.Compute, d, deps, split);
    };
    // scratch splits, reused per unit (addTask copies them): no typed-array allocation per unit
    const scratch = new Float64Array(CATEGORY_COUNT);
    const headScratch = new Float64Array(CATEGORY_COUNT);
    const perLayerDp = p.zero <= 1 && c.dpLayerGradS > 0;
    for (const unit of stageProgram(s, pp, m, v)) {
      const vs = unit.chunk * pp + s;
      const idx = vs * m + unit.microBatch;
      const n = layers[s]![unit.chunk]!;
      const first = vs === 0;
      const last = vs === totalV - 1;
      if (options.expandLayers) {
        const e = layerEmitters(g, w, c, base);
        const entry = g.taskCount;
        let prev = -1;
        if (unit.forward) {
          if (first) prev = e.tpComm(sp ? c.tpReduceScatterS : c.tpAllReduceS, [e.compute(c.embeddingFwdS, [])]);
          for (let l = 0; l < n; l++) prev = e.forward(prev, true);
          if (last) prev = e.compute(c.logitsFwdS, [sp ? e.tpComm(c.tpAllGatherS, [prev]) : prev]);
          fwdEntry[idx] = entry;
          if (!last) fwdSend[idx] = g.addTask(base + S_PP, TaskCategory.Pp, sendS, [prev]);
        } else {
          const lastMb = unit.microBatch === m - 1;
          if (last) prev = e.compute(c.logitsBwdS, []);
          if (last && sp) prev = e.tpComm(c.tpReduceScatterS, [prev]);
          for (let l = 0; l < n; l++) {
            prev = e.backward(prev);
            if (perLayerDp && lastMb && !DP_REDUCE_AFTER_BACKWARD) dpTasks.push(c.dpLayerGradS, prev);
          }
          if (perLayerDp && lastMb && DP_REDUCE_AFTER_BACKWARD) for (let l = 0; l < n; l++) dpTasks.push(c.dpLayerGradS, prev);
          if (first) prev = e.compute(c.embeddingBwdS, [e.tpComm(sp ? c.tpAllGatherS : c.tpAllReduceS, [prev])]);
          if (perLayerDp && lastMb && (first || last) && c.dpEmbeddingGradS > 0) dpTasks.push(c.dpEmbeddingGradS, prev);
          if (p.zero >= 2 && c.dpLayerGradS > 0) dpTasks.push(n * c.dpLayerGradS + (first || last ? c.dpEmbeddingGradS : 0), prev);
          bwdEntry[idx] = entry;
          if (vs > 0) bwdSend[idx] = g.addTask(base + S_PP, TaskCategory.Pp, sendBackS, [prev]);
        }
        continue;
      }
      if (unit.forward) {
        const split = scratch.fill(0);
        if (first) addSplit(split, embFwd);
        addSplit(split, profile(n, true).split);
        if (last) addSplit(split, logitsFwd);
        const t = macro(split, []);
        fwdEntry[idx] = t;
        if (!last) fwdSend[idx] = g.addTask(base + S_PP, TaskCategory.Pp, sendS, [t]);
        continue;
      }
      const lastMb = unit.microBatch === m - 1;
      const chain = profile(n, false);
      let t: number;
      if (perLayerDp && lastMb) {
        // expanded: each layer's gradients start reducing as soon as its backward is done
        const head = headScratch.fill(0);
        if (last) addSplit(head, logitsBwd);
        t = -1;
        let entry = -1;
        for (let l = 0; l < n; l++) {
          const split = scratch.fill(0);
          if (l === 0) addSplit(split, head);
          addSplit(split, chain.split, 1 / n);
          if (l === n - 1 && first) addSplit(split, embBwd);
          t = macro(split, [t]);
          if (entry < 0) entry = t;
          if (!DP_REDUCE_AFTER_BACKWARD) dpTasks.push(c.dpLayerGradS, t);
        }
        // calibration.ts DP_REDUCE_AFTER_BACKWARD: the stage's gradients reduce once its last backward is done
        if (DP_REDUCE_AFTER_BACKWARD) for (let l = 0; l < n; l++) dpTasks.push(c.dpLayerGradS, t);
        if (n === 0) {
          const split = scratch.fill(0);
          addSplit(split, head);
          if (first) addSplit(split, embBwd);
          t = macro(split, []);
          entry = t;
        }
        bwdEntry[idx] = entry;
        if ((first || last) && c.dpEmbeddingGradS > 0) dpTasks.push(c.dpEmbeddingGradS, t);
      } else {
        const split = scratch.fill(0);
        if (last) addSplit(split, logitsBwd);
        addSplit(split, chain.split);
        if (first) addSplit(split, embBwd);
        t = macro(split, []);
        bwdEntry[idx] = t;
        if (p.zero >= 2 && c.dpLayerGradS > 0) {
          // ZeRO-2/3: the chunk's gradients are reduce-scattered after every micro-batch
          const d = n * c.dpLayerGradS + ((first || last) ? c.dpEmbeddingGradS : 0);
          dpTasks.push(d, t);
        }
      }
      if (vs > 0) bwdSend[idx] = g.addTask(base + S_PP, TaskCategory.Pp, sendBackS, [t]);
    }
  }
  // a forward unit needs the previous virtual stage's send of the same micro-batch; a backward
  // unit needs the next virtual stage's gradient send
  for (let vs = 0; vs < totalV; vs++) {
    for (let mb = 0; mb < m; mb++) {
      const idx = vs * m + mb;
      if (vs > 0) g.addEdge(fwdSend[idx - m]!, fwdEntry[idx]!);
      if (vs < totalV - 1) g.addEdge(bwdSend[idx + m]!, bwdEntry[idx]!);
    }
  }
  }
  // a DP reduction joins every block of the stage: each instance's ranks take part in it, and it
  // starts when the last instance is ready; then each instance's optimizer step on its
  // (ZeRO-sharded) parameters, then ZeRO-1/2 all-gather the updated parameters
  for (let s = 0; s < pp; s++) {
    for (let inst = 0; inst < instances; inst++) {
      const lane = inst * pp + s;
      const base = lane * STREAMS_PER_STAGE;
      const reduced: number[] = [];
      dpDur[s]!.forEach((d, k) => reduced.push(g.addTask(base + S_DP, TaskCategory.Dp, d, dpAfter[s]!.map((after) => after[k]!))));
      optimizers[s]!.push(g.addTask(base + S_COMPUTE, TaskCategory.Compute, costs[lane]!.optimizerS, reduced));
    }
    const gatherS = costs[s]!.dpParamAllGatherS;
    if (gatherS > 0) for (let inst = 0; inst < instances; inst++) g.addTask((inst * pp + s) * STREAMS_PER_STAGE + S_DP, TaskCategory.Dp, gatherS, optimizers[s]!);
  }
  return { graph: g, stages: pp, lanes, costs, microBatches: m, profileEvents };
}

/** Stream id of a stage's compute stream. */
export function computeStream(stage: number): number {
  return stage * STREAMS_PER_STAGE + S_COMPUTE;
}
