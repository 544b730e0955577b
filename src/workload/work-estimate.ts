/**
 * What a run will cost before it runs: engine events and bytes allocated, from the workload's
 * shape alone (docs/scenarios.md "Work limits"). An order-of-magnitude estimate, meant to err high,
 * from the terms that grow without bound: training's step graph (micro-batches x stages x simulated
 * blocks), its layer-chain profiles and the flows of its widest collectives; inference's requests
 * and decode steps. The constants are measured on the bundled scenarios (bytes per task, events
 * per collective member), not fitted per case. Nothing here allocates in proportion to the run.
 */
import type { System } from '../hardware/types.js';
import type { InferenceWorkload, TokenLength, TrainingWorkload } from './types.js';
import { chunksPerStage, layersPerChunk, microBatches } from './training/parallelism.js';
import { blockCount, simulatedBlocks } from './training/blocks.js';
import { maxTokens } from './inference/token-lengths.js';

/** One term of an estimate: what grows, how much, and the fields that shrink it. */
export interface WorkTerm {
  /** e.g. "step graph: 125,000,000 micro-batches x 1 stage x 1 block". */
  readonly what: string;
  readonly events: number;
  readonly bytes: number;
  /** How to shrink it, e.g. "lower workload.globalBatch or raise workload.microBatch". */
  readonly shrink: string;
}

export interface WorkEstimate {
  readonly events: number;
  readonly bytes: number;
  readonly terms: readonly WorkTerm[];
}

/** Bytes per step-graph task, all arrays included (measured: 350-440 B on the bundled scenarios). */
export const BYTES_PER_TASK = 450;
/** Tasks per layer of a profiled layer chain (forward or backward with its TP / CP / EP collectives). */
const TASKS_PER_PROFILED_LAYER = 14;
/** Flow-network events per member of a simulated collective (measured 5-7 on DP groups up to 80,000 ranks). */
export const EVENTS_PER_COLLECTIVE_MEMBER = 8;
/** Bytes per member of the widest collective while it is simulated (measured ~6 KB). */
export const BYTES_PER_COLLECTIVE_MEMBER = 8 * 1024;
/** Bytes per chip of a training run's network state (link and routing arrays; measured ~110 B at 1M chips). */
export const BYTES_PER_CHIP = 128;
/** Bytes per inference request: lengths, times, states and latency arrays (typed arrays). */
export const BYTES_PER_REQUEST = 128;
/** Events per request of a serving run with fused decode steps (arrival, admission, prefill, completion; measured 1.5-8). */
const EVENTS_PER_REQUEST = 10;

function sumEstimate(terms: WorkTerm[]): WorkEstimate {
  let events = 0;
  let bytes = 0;
  for (const t of terms) {
    events += t.events;
    bytes += t.bytes;
  }
  return { events, bytes, terms };
}

const n = (x: number): string => Math.round(x).toLocaleString('en-US');
const plural = (x: number, word: string): string => `${n(x)} ${Math.round(x) === 1 ? word : /(ch|sh|s|x)$/.test(word) ? `${word}es` : `${word}s`}`;

/** The work of one training step (the symmetry reduction's blocks, or every block with `exact`). */
export function trainingWorkEstimate(system: System, w: TrainingWorkload, exact = false): WorkEstimate {
  const p = w.parallelism;
  const v = chunksPerStage(p);
  const m = microBatches(w);
  const blocks = exact ? blockCount(p) : simulatedBlocks(system, p, false).blocks.length;
  const lanes = blocks * p.pp;
  const totalV = p.pp * v;
  const layers = layersPerChunk(w.model.layers, p.pp, v);
  const maxChunk = Math.max(...layers.map((row) => Math.max(...row)));
  // per lane: a forward and a backward macro task per micro-batch and chunk, their pipeline sends,
  // ZeRO-2/3's reduce-scatter per micro-batch, the last micro-batch's backward layer by layer
  const unitTasks = v * m * (2 + (2 * (totalV - 1)) / totalV + (p.zero >= 2 ? 1 : 0));
  const stepTasks = lanes * (unitTasks + 2 * maxChunk * v + 8);
  // one forward and one backward chain per distinct chunk length (1 or 2 lengths) and lane
  const lengths = new Set(layers.flat()).size;
  const profileTasks = lanes * 2 * lengths * maxChunk * TASKS_PER_PROFILED_LAYER * (w.recompute === 'full' ? 2 : 1);
  // the groups simulated on the network: TP, CP, EP (ep replicas' TP ranks) and DP
  const members = [p.tp, p.cp, p.ep > 1 ? p.ep * p.tp : 1, p.dp].filter((g) => g > 1);
  const widest = Math.max(0, ...members);
  const memberSum = members.reduce((a, b) => a + b, 0);
  const terms: WorkTerm[] = [
    {
      what: `step graph: ${plural(m, 'micro-batch')}${v > 1 ? ` x ${v} chunks` : ''} x ${plural(p.pp, 'stage')} x ${plural(blocks, 'simulated block')}`,
      events: stepTasks,
      bytes: stepTasks * BYTES_PER_TASK,
      shrink: `lower workload.globalBatch or raise workload.microBatch (micro-batches = globalBatch / (dp x microBatch))${exact ? ', or drop --exact' : ''}`,
    },
    {
      what: `layer-chain profiles: ${plural(maxChunk, 'layer')} per chunk x ${plural(lanes, 'lane')}`,
      events: profileTasks,
      bytes: 2 * maxChunk * TASKS_PER_PROFILED_LAYER * BYTES_PER_TASK,
      shrink: 'use fewer layers per stage (raise workload.parallelism.pp)',
    },
    {
      what: `collectives: ${plural(members.length, 'kind')} of group, the widest of ${plural(widest, 'rank')}`,
      events: EVENTS_PER_COLLECTIVE_MEMBER * memberSum * 3 * Math.min(blocks, 64),
      bytes: BYTES_PER_COLLECTIVE_MEMBER * widest + system.rankCount + BYTES_PER_CHIP * system.chipCount,
      shrink: 'use a smaller system (system.count) or a larger tp / pp so dp, the widest group, shrinks',
    },
  ];
  return sumEstimate(terms);
}

/** Mean of a token length, an estimate (clipped at its max). */
function meanTokens(t: TokenLength): number {
  switch (t.kind) {
    case 'fixed':
      return t.tokens;
    case 'uniform':
      return (t.min + t.max) / 2;
    case 'normal':
      return Math.min(t.max ?? Infinity, Math.max(t.min ?? 1, t.mean));
    case 'lognormal':
      return Math.min(t.max ?? Infinity, Math.max(t.min ?? 1, t.median * Math.exp((t.sigma * t.sigma) / 2)));
  }
}

/** The work of a serving run. */
export function inferenceWorkEstimate(w: InferenceWorkload): WorkEstimate {
  const r = w.requests.count;
  const { tp, dp } = w.parallelism;
  // a fused decode run ends at the next event of any replica: events per request grow with dp
  const perRequest = EVENTS_PER_REQUEST + 2 * dp;
  // each distinct prefill or decode size times the replica's TP all-reduce once (a cache miss)
  const longestInput = Number.isFinite(maxTokens(w.requests.inputTokens)) ? maxTokens(w.requests.inputTokens) : 8192;
  const sizes = Math.min(r + w.batching.maxBatch, w.batching.maxBatch * longestInput);
  const collectiveEvents = tp > 1 ? sizes * 2 * tp * EVENTS_PER_COLLECTIVE_MEMBER : 0;
  const tokens = r * meanTokens(w.requests.outputTokens);
  const spec = w.speculation;
  // decode steps are fused into one event while nothing else can happen, except with speculation,
  // where every step draws its accepted tokens (expected (1 - a^(k+1)) / (1 - a) per step for k
  // drafted tokens accepted with probability a): a draft and a verify event per step
  const a = spec ? (spec.acceptanceRate ?? 0.8) : 0;
  const perStep = spec ? (1 - a ** (spec.tokens + 1)) / (1 - a) : Infinity;
  const decodeEvents = spec ? (2 * tokens) / perStep / Math.max(1, Math.min(w.batching.maxBatch, w.requests.concurrency ?? w.batching.maxBatch)) : 0;
  const terms: WorkTerm[] = [
    {
      what: `requests: ${plural(r, 'request')}${spec ? ` with ${n(tokens)} output tokens, speculative` : ''}`,
      events: perRequest * r + decodeEvents + collectiveEvents,
      bytes: BYTES_PER_REQUEST * r,
      shrink: `lower workload.requests.count${spec ? ' or the output tokens' : ''} (percentiles settle long before millions of requests)`,
    },
  ];
  return sumEstimate(terms);
}
