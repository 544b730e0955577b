/**
 * runTraining: one training step of a model on a system, simulated as a task graph on the engine.
 * Checks the parallelism and memory (clear UserInputError when they do not fit), builds the graph
 * for one representative rank per pipeline stage, runs it, and reports step time, throughput,
 * MFU (docs/validation.md "MFU"), the time breakdown of the critical rank and memory per chip.
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
import { createCollectiveTimer, type TimedGroup } from '../../collectives/index.js';
import { blockRanks, simulatedBlocks } from './blocks.js';
import type { CollectiveTimer } from '../../collectives/cost.js';
import { workloadErrors } from '../errors.js';

export interface TrainingOptions {
  readonly seed: number;
  readonly name: string;
  /**
   * How collectives are timed: 'collectives' (default) simulates each collective's flows on its
   * group's actual placement (collectives/cost.ts, in-graph, sibling groups folded in);
   * 'alpha-beta' evaluates the same schedules in closed form, every transfer as if alone; or a
   * function (tests, what-ifs, e.g. `() => 0` for free communication), called as it is.
   */
  readonly collectiveTimer?: 'collectives' | 'alpha-beta' | CollectiveTimer;
  /** Skip the memory check (report memory but simulate even if it does not fit). */
  readonly ignoreMemory?: boolean;
  /**
   * Simulate every layer of every micro-batch as its own tasks instead of per-chain macro tasks
   * (docs/model.md "Symmetry"). Slower; the reference the default is tested against.
   */
  readonly expandLayers?: boolean;
  /**
   * Simulate every lockstep block on its own, each group's collectives on its own placement, with
   * no reuse across identical blocks or groups (`trnsim run --exact`): the reference the symmetry
   * reduction is tested against. Default false: one block stands for all the blocks no fault
   * reaches, and every block a fault reaches is simulated in full (docs/model.md "Symmetry").
   */
  readonly exact?: boolean;
  /** Called with the step graph after it ran (traces and reports read it; issue 14). */
  readonly onStepGraph?: (step: StepGraph) => void;
}

/** TrainingResult plus details other layers may use (extra fields, the issue's JSON contract is kept). */
export interface TrainingResultDetail extends TrainingResult {
  /** Stage whose breakdown is reported (the one with the most compute). */
  readonly criticalStage: number;
  /** Lockstep blocks simulated (blocks.ts): the stand-in for the healthy ones first, then those a fault reaches. */
  readonly blocksSimulated: readonly number[];
  readonly microBatchesPerReplica: number;
  /** Model FLOPs per step (6N + attention per token x tokens). */
  readonly modelFlopsPerStep: number;
  /** What a chip does per step, for the energy model (activity.ts). */
  readonly activity: TrainingActivity;
  /**
   * Engine events simulated: the step, the layer-chain profiles and the collectives (cache misses).
   * No `meta`: the scenario layer adds wall time, host and version around the whole run.
   */
  readonly eventsSimulated: number;
}

/**
 * Ranks whose work the step simulated: every rank of the simulated blocks on every stage, and every
 * member of every collective simulated on the network (sibling groups folded in included). The
 * others are provably identical to one of them.
 */
function countSimulatedRanks(system: System, w: TrainingWorkload, blocks: readonly number[], groups: readonly TimedGroup[]): number {
  const seen = new Uint8Array(system.rankCount);
  let n = 0;
  const mark = (r: number): void => {
    if (seen[r] === 0) {
      seen[r] = 1;
      n++;
    }
  };
  for (const b of blocks) for (let s = 0; s < w.parallelism.pp; s++) for (const r of blockRanks(w.parallelism, b, s)) mark(r);
  for (const g of groups) for (const r of g.ranks) {
    mark(r);
    for (const k of g.shifts) mark(r + k);
  }
  return n;
}

export function runTraining(system: System, workload: TrainingWorkload, options: TrainingOptions): TrainingResultDetail {
  if (!workload || workload.kind !== 'training') throw workloadErrors.badField('workload.kind', workload?.kind, '"training"');
  // a library caller may hand over any object as the model: check its fields (names them on error)
  resolveModel(workload.model);
  checkParallelism(system, workload);
  const mem = memoryPerChip(system, workload);
  if (!options.ignoreMemory) checkMemoryFits(system, workload, mem);
  const choice = options.collectiveTimer ?? 'collectives';
  const custom = typeof choice === 'function' ? choice : undefined;
  const exact = options.exact === true;
  const cached = custom ? undefined : createCollectiveTimer(system, { model: choice === 'alpha-beta' ? 'closed-form' : 'flow', issue: 'in-graph', siblings: true, exact });
  const timer: CollectiveTimer = cached ?? ((req) => (req.ranks.length <= 1 || req.sizeBytes <= 0 ? 0 : custom!({ ...req, issue: 'in-graph' })));
  const { blocks } = simulatedBlocks(system, workload.parallelism, exact);
  const step = buildStepGraph(system, workload, timer, { expandLayers: options.expandLayers === true, blocks });
  const sim = new Simulator({ seed: options.seed });
  const stepTimeS = step.graph.run(sim);
  options.onStepGraph?.(step);

  const drain = pipelineDrainEndS(step.graph, step.lanes);
  let critical = 0;
  let best = stageBreakdown(step.graph, 0, stepTimeS, drain);
  for (let lane = 1; lane < step.lanes; lane++) {
    const b = stageBreakdown(step.graph, lane, stepTimeS, drain);
    if (b.computeS > best.computeS) {
      best = b;
      critical = lane;
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
    ranksSimulated: countSimulatedRanks(system, workload, blocks, cached?.simulated() ?? []),
    ranksTotal: system.rankCount,
    criticalStage: critical % step.stages,
    blocksSimulated: blocks,
    microBatchesPerReplica: step.microBatches,
    modelFlopsPerStep: flopsPerStep,
    activity: trainingActivity(system, workload, step),
    eventsSimulated: sim.eventsProcessed + step.profileEvents + (cached?.eventsSimulated() ?? 0),
  };
  return result;
}
