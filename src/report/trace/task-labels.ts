/**
 * Names for the compute tasks of a stage in a step graph: the stage's pipeline program
 * (pipeline-schedule.ts) says which unit each macro task is (forward or backward of a micro-batch
 * and model chunk; the last micro-batch's backward is one task per layer when ZeRO-0/1 reduces
 * gradients layer by layer), then the optimizer step. When the stream does not have the expected
 * number of tasks (the expanded reference graph, or a builder that changed) every task is simply
 * "compute", which is still true.
 */
import type { TrainingWorkload } from '../../workload/types.js';
import { stageProgram } from '../../workload/training/pipeline-schedule.js';
import { chunksPerStage, layersPerChunk, microBatches } from '../../workload/training/parallelism.js';
import type { StepGraph } from '../../workload/training/step-graph.js';

export function computeTaskLabels(step: StepGraph, w: TrainingWorkload, lane: number, taskCount: number): string[] {
  const p = w.parallelism;
  const stage = lane % p.pp;
  const v = chunksPerStage(p);
  const m = microBatches(w);
  const layers = layersPerChunk(w.model.layers, p.pp, v)[stage]!;
  const perLayerDp = p.zero <= 1 && (step.costs[lane]?.dpLayerGradS ?? 0) > 0;
  const labels: string[] = [];
  for (const u of stageProgram(stage, p.pp, m, v)) {
    const chunk = v > 1 ? ` chunk ${u.chunk}` : '';
    if (u.forward) {
      labels.push(`forward mb ${u.microBatch}${chunk}`);
      continue;
    }
    const n = layers[u.chunk]!;
    if (perLayerDp && u.microBatch === m - 1) {
      for (let l = 0; l < Math.max(1, n); l++) labels.push(`backward mb ${u.microBatch}${chunk} layer ${n - 1 - l}`);
    } else {
      labels.push(`backward mb ${u.microBatch}${chunk}`);
    }
  }
  labels.push('optimizer step');
  if (labels.length !== taskCount) return Array.from({ length: taskCount }, () => 'compute');
  return labels;
}
