/**
 * Where a stage's step time goes (docs/model.md "Breakdown"). For one stage's compute stream:
 *   stepTimeS = computeS + exposed comm (tp + pp + dp + ep + cp) + bubbleS + idleS, exactly.
 * computeS is the stream's busy time. Every gap before a compute task is walked back along the
 * chain of last-finishing dependencies: the part covered by a communication task counts as
 * exposed communication of its kind (a pipeline send counts as pp); the part spent waiting for
 * another stage's compute is pipeline bubble. After the stage's last compute task, time covered by
 * the stage's trailing communication (the ZeRO all-gather, say) is exposed communication; waiting
 * while other stages still run pipeline work (the drain of 1F1B) is bubble; the rest, waiting for
 * other stages' optimizer step and trailing collectives, is idle.
 */
import { CATEGORY_COUNT, TaskCategory, type TaskGraph } from '../task-graph.js';
import { computeStream, STREAMS_PER_STAGE } from './step-graph.js';

export interface StageBreakdown {
  readonly computeS: number;
  /** Indexed by TaskCategory (index 0 unused). */
  readonly exposedS: Float64Array;
  readonly bubbleS: number;
  readonly idleS: number;
}

/**
 * Attributes [from, until] of a stage's compute-stream gap by walking back from task `dep` along
 * last-finishing dependencies. Communication covers its own span (and any wait for its stream);
 * reaching another stage's compute or a pipeline send's source means the stage waited for the
 * pipeline: the rest is bubble. Returns the bubble part.
 */
function walk(g: TaskGraph, stage: number, from: number, until: number, dep: number, acc: Float64Array): number {
  let cur = until;
  let d = dep;
  let lastCat = -1;
  while (d >= 0 && cur > from) {
    const cat = g.category[d]!;
    if (cat === TaskCategory.Compute) {
      if (Math.floor(g.stream[d]! / STREAMS_PER_STAGE) !== stage) lastCat = TaskCategory.Pp;
      break;
    }
    const lo = Math.max(from, g.startS[d]!);
    if (cur > lo) acc[cat]! += cur - lo;
    cur = Math.min(cur, lo);
    lastCat = cat;
    d = g.lastDep[d]!;
  }
  const rest = Math.max(0, cur - from);
  if (rest > 0 && lastCat > 0 && lastCat !== TaskCategory.Pp) {
    // the last communication task waited for its stream (an earlier collective of its kind)
    acc[lastCat]! += rest;
    return 0;
  }
  return rest;
}

/** End of the last pipeline (non-optimizer) compute task over all stages: the pipeline's drain. */
export function pipelineDrainEndS(g: TaskGraph, stages: number): number {
  let t = 0;
  for (let stage = 0; stage < stages; stage++) {
    const s = computeStream(stage);
    const n = g.streamStart[s + 1]! - g.streamStart[s]!;
    // the optimizer step is always the stage's last compute task
    if (n >= 2) t = Math.max(t, g.endS[g.streamTasks[g.streamStart[s + 1]! - 2]!]!);
  }
  return t;
}

export function stageBreakdown(g: TaskGraph, stage: number, stepTimeS: number, drainEndS: number): StageBreakdown {
  const acc = new Float64Array(CATEGORY_COUNT);
  const s = computeStream(stage);
  let computeS = 0;
  let bubbleS = 0;
  let prevEnd = 0;
  for (let i = g.streamStart[s]!; i < g.streamStart[s + 1]!; i++) {
    const t = g.streamTasks[i]!;
    const st = g.startS[t]!;
    if (st > prevEnd) bubbleS += walk(g, stage, prevEnd, st, g.lastDep[t]!, acc);
    // a macro task's duration is compute plus the communication exposed inside its chain
    computeS += g.splitPart(t, TaskCategory.Compute);
    for (let k = 1; k < CATEGORY_COUNT; k++) acc[k]! += g.splitPart(t, k);
    prevEnd = g.endS[t]!;
  }
  // tail: the stage's last-ending non-compute task after its last compute
  let lastTask = -1;
  let lastEnd = prevEnd;
  for (let k = 1; k < STREAMS_PER_STAGE; k++) {
    const sk = stage * STREAMS_PER_STAGE + k;
    if (sk >= g.streams) break;
    const n = g.streamStart[sk + 1]! - g.streamStart[sk]!;
    if (n === 0) continue;
    const t = g.streamTasks[g.streamStart[sk + 1]! - 1]!;
    if (g.endS[t]! > lastEnd) {
      lastEnd = g.endS[t]!;
      lastTask = t;
    }
  }
  let idleS = 0;
  if (lastTask >= 0) {
    // the trailing task and its chain of dependencies back to the last compute
    idleS += walk(g, stage, prevEnd, lastEnd, lastTask, acc);
  }
  // after the stage's own work: waiting while other stages drain the pipeline is bubble; waiting
  // for their optimizer and trailing collectives is idle
  // (the stage's own optimizer step runs during that wait, so the drain is measured from the end
  // of its own last pipeline compute)
  const nc = g.streamStart[s + 1]! - g.streamStart[s]!;
  const ownPipelineEnd = nc >= 2 ? g.endS[g.streamTasks[g.streamStart[s + 1]! - 2]!]! : lastEnd;
  const drain = Math.min(Math.max(0, stepTimeS - lastEnd), Math.max(0, Math.min(stepTimeS, drainEndS) - ownPipelineEnd));
  bubbleS += drain;
  idleS += Math.max(0, stepTimeS - lastEnd - drain);
  return { computeS, exposedS: acc, bubbleS, idleS };
}
