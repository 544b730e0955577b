/**
 * runTraining: one training step of a model on a system, simulated as a task graph on the engine.
 * Checks the parallelism and memory (clear UserInputError when they do not fit), builds the graph
 * for one representative rank per pipeline stage, runs it, and reports step time, throughput,
 * MFU (reference/models.md definition), the time breakdown of the critical rank and memory per chip.
 */
import { Simulator } from '../../engine/index.js';
import type { System } from '../../hardware/types.js';
import type { TrainingResult, TrainingWorkload } from '../types.js';
import { checkMemoryFits, memoryPerChip } from './memory.js';
import { checkParallelism } from './parallelism.js';
import { modelFlopsPerToken, resolveModel } from '../models.js';
import { buildStepGraph, type StepGraph } from './step-graph.js';
import { trainingActivity, type TrainingActivity } from './activity.js';
import { pipelineDrainEndS, stageBreakdown } from './breakdown.js';
import { TaskCategory } from '../task-graph.js';
import { cachedTimer, ringEstimateS, type CollectiveTimer } from '../comm.js';
import { defaultCollectiveTimer } from '../collective-timer.js';
import { workloadErrors } from '../errors.js';
import { version } from '../../version.js';

export interface TrainingOptions {
  readonly seed: number;
  readonly name: string;
  /**
   * How collectives are timed: 'collectives' (default) asks the collectives layer on the actual
   * group placement; 'alpha-beta' uses the closed-form ring estimate; or a function (tests, what-ifs,
   * e.g. `() => 0` for free communication).
   */
  readonly collectiveTimer?: 'collectives' | 'alpha-beta' | CollectiveTimer;
  /** Skip the memory check (report memory but simulate even if it does not fit). */
  readonly ignoreMemory?: boolean;
  /**
   * Simulate every layer of every micro-batch as its own tasks instead of per-chain macro tasks
   * (docs/model.md "Symmetry"). Slower; the reference the default is tested against.
   */
  readonly expandLayers?: boolean;
  /** Called with the step graph after it ran (traces and reports read it; issue 14). */
  readonly onStepGraph?: (step: StepGraph) => void;
}

/** TrainingResult plus details other layers may use (extra fields, the JSON contract is kept). */
export interface TrainingResultDetail extends TrainingResult {
  /** Stage whose breakdown is reported (the one with the most compute). */
  readonly criticalStage: number;
  readonly microBatchesPerReplica: number;
  /** Model FLOPs per step (6N + attention per token x tokens). */
  readonly modelFlopsPerStep: number;
  /** What a chip does per step, for the energy model (activity.ts). */
  readonly activity: TrainingActivity;
}

export function runTraining(system: System, workload: TrainingWorkload, options: TrainingOptions): TrainingResultDetail {
  const wallStart = performance.now();
  if (!workload || workload.kind !== 'training') throw workloadErrors.badField('workload.kind', workload?.kind, '"training"');
  // a library caller may hand over any object as the model: check its fields (names them on error)
  resolveModel(workload.model);
  checkParallelism(system, workload);
  const mem = memoryPerChip(system, workload);
  if (!options.ignoreMemory) checkMemoryFits(system, workload, mem);
  const choice = options.collectiveTimer ?? 'collectives';
  const base: CollectiveTimer =
    typeof choice === 'function' ? choice : choice === 'alpha-beta' ? (req) => ringEstimateS(system, req) : defaultCollectiveTimer(system);
  const timer = cachedTimer(system, base);
  const step = buildStepGraph(system, workload, timer, { expandLayers: options.expandLayers === true });
  const sim = new Simulator({ seed: options.seed });
  const stepTimeS = step.graph.run(sim);
  options.onStepGraph?.(step);

  const drain = pipelineDrainEndS(step.graph, step.stages);
  let critical = 0;
  let best = stageBreakdown(step.graph, 0, stepTimeS, drain);
  for (let s = 1; s < step.stages; s++) {
    const b = stageBreakdown(step.graph, s, stepTimeS, drain);
    if (b.computeS > best.computeS) {
      best = b;
      critical = s;
    }
  }
  const e = best.exposedS;
  const byKind = { tp: e[TaskCategory.Tp]!, pp: e[TaskCategory.Pp]!, dp: e[TaskCategory.Dp]!, ep: e[TaskCategory.Ep]!, cp: e[TaskCategory.Cp]! };
  const exposedCommS = byKind.tp + byKind.pp + byKind.dp + byKind.ep + byKind.cp;
  const tokens = workload.globalBatch * workload.sequenceLength;
  const flopsPerStep = modelFlopsPerToken(workload.model, workload.sequenceLength) * tokens;
  const peak = (workload.precision === 'fp8' ? system.chip.peakFlopsPerSecond.fp8 : undefined) ?? system.chip.peakFlopsPerSecond.bf16 ?? 0;
  const result: TrainingResultDetail = {
    kind: 'training',
    name: options.name,
    stepTimeS,
    sequencesPerSecond: workload.globalBatch / stepTimeS,
    tokensPerSecond: tokens / stepTimeS,
    mfu: peak > 0 ? flopsPerStep / stepTimeS / (system.chipCount * peak) : 0,
    breakdown: { computeS: best.computeS, exposedCommS, exposedCommByKindS: byKind, bubbleS: best.bubbleS, idleS: best.idleS },
    memoryBytesPerChip: {
      weights: mem.weights,
      gradients: mem.gradients,
      optimizer: mem.optimizer,
      activations: mem.activations,
      total: mem.total,
      capacity: mem.capacity,
    },
    criticalStage: critical,
    microBatchesPerReplica: step.microBatches,
    modelFlopsPerStep: flopsPerStep,
    activity: trainingActivity(system, workload, step),
    meta: { wallTimeS: (performance.now() - wallStart) / 1000, eventsSimulated: sim.eventsProcessed + step.profileEvents, host: '', version },
  };
  return result;
}
