/**
 * runInference: a serving run of an inference workload on a built system (issue 8).
 *
 * Checks the workload (UserInputError naming the field), shards the model over each replica's TP
 * group (replica r holds ranks r x tp .. r x tp + tp - 1), sizes the KV cache, draws request
 * lengths from seeded streams, runs the serving simulation on the engine and summarises it with
 * llmperf's definitions: TTFT = first token - arrival; TPOT per request = (last token - first token)
 * / (output tokens - 1), the mean gap after the first; percentiles over requests (type 7, see
 * percentiles.ts); end-to-end latency = last token - arrival.
 */
import type { ChipSpec, System } from '../../hardware/types.js';
import { RngStreams } from '../../engine/index.js';
import type { InferenceResult, InferenceWorkload, ModelConfig } from '../types.js';
import { DEFAULT_ACCEPTANCE_RATE } from './calibration.js';
import { HBM_RESERVED_FRACTION_BEYOND_KV } from '../calibration.js';
import { inferenceErrors } from './errors.js';
import { kvCapacity, type KvCapacity } from './kv-cache.js';
import { rankShape } from './model-shape.js';
import { latencyPercentiles } from './percentiles.js';
import { simulateServing, type ReplicaSetup } from './serving-sim.js';
import { StepCost } from './step-cost.js';
import { checkTokenLength, drawTokens, maxTokens } from './token-lengths.js';
import { createCollectiveTimer, sizeTimer } from '../../collectives/index.js';
import type { CollectiveTimer } from '../../collectives/cost.js';

export interface InferenceOptions {
  readonly seed: number;
  readonly name: string;
  /**
   * Time of an in-graph TP all-reduce. Default: the collectives layer's flow-level timer on the
   * replica's TP group (collectives/cost.ts), as training uses; a function for what-ifs and tests
   * (e.g. `() => 0` for free communication).
   */
  readonly collectiveTimer?: CollectiveTimer;
  /**
   * Fuse decode steps no other event can observe into one event (default true). false runs one
   * event per decode step: slower, same results (tested); for checking the fast path.
   */
  readonly fuseDecodeSteps?: boolean;
}

/**
 * Everything runInference fills (the optional issue-8 fields of InferenceResult are all present),
 * and the engine events the run took. No `meta`: the scenario layer adds wall time, host and
 * version around the whole run.
 */
export type InferenceRunResult = InferenceResult &
  Required<Pick<InferenceResult, 'outputTokensPerSecondPerChip' | 'chipUtilisation' | 'kvCache' | 'meanRequestsInSystem' | 'simulatedTimeS' | 'replicas' | 'steps'>> & {
    /** Engine events simulated: the serving run's and its collectives' (cache misses). */
    readonly eventsSimulated: number;
  };

function positiveInteger(field: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw inferenceErrors.notPositiveInteger(field, v);
  return v;
}

function computePeak(chip: ChipSpec): number {
  const p = chip.peakFlopsPerSecond;
  // weights in FP8 are dequantised to BF16 for the matmul (NxDI weight-only quantisation): BF16 peak either way
  return p.bf16 ?? p.fp16 ?? p.fp32 ?? 0;
}

/** What a replica of `tp` ranks starting at `firstRank` can do: its slowest and smallest chip, shared among that chip's ranks. */
function replicaRates(system: System, firstRank: number, tp: number) {
  let flops = Infinity, hbmBps = Infinity, hbmBytes = Infinity;
  let lastChip = -1;
  for (let k = 0; k < tp; k++) {
    const chip = system.rankToChip(firstRank + k);
    if (chip === lastChip) continue;
    lastChip = chip;
    const spec = system.chipAt(chip);
    flops = Math.min(flops, computePeak(spec));
    hbmBps = Math.min(hbmBps, spec.hbmBytesPerSecond);
    hbmBytes = Math.min(hbmBytes, spec.hbmBytes);
  }
  const perChip = system.ranksPerChip;
  // NeuronCore-v2 chips (Trn1, Inf2): the Transformers NeuronX serving model of step-cost.ts
  const v2 = system.chipAt(system.rankToChip(firstRank)).id === 'trainium1' || system.chipAt(system.rankToChip(firstRank)).id === 'inferentia2';
  return { flopsPerSecond: flops / perChip, hbmBytesPerSecond: hbmBps / perChip, hbmBytesPerRank: hbmBytes / perChip, neuronCoreV2: v2 };
}

function fitSuggestion(model: ModelConfig, workload: InferenceWorkload, system: System, availablePerRank: number): string {
  // TP degrees that tile the system's ranks (divisors of the rank count), as Neuron deploys them
  for (let tp = workload.parallelism.tp + 1; tp <= system.rankCount; tp++) {
    if (system.rankCount % tp !== 0) continue;
    if (rankShape(model, tp, workload.precision).weightBytesPerRank <= availablePerRank) {
      return `use workload.parallelism.tp >= ${tp}${workload.precision === 'bf16' ? ' or precision: fp8' : ''}, or a system with more HBM.`;
    }
  }
  return `even tp = ${system.rankCount} (every rank of ${system.preset}) is not enough${workload.precision === 'bf16' ? '; try precision: fp8' : ''}; use a larger system`;
}

/** Validates the workload against the system; throws UserInputError naming the field. */
function checkWorkload(system: System, w: InferenceWorkload): void {
  const tp = positiveInteger('parallelism.tp', w.parallelism.tp);
  const dp = positiveInteger('parallelism.dp', w.parallelism.dp);
  const pp = positiveInteger('parallelism.pp', w.parallelism.pp);
  if (pp !== 1) throw inferenceErrors.pipelineNotModelled(pp);
  if (tp * dp * pp > system.rankCount) throw inferenceErrors.tooManyRanks(tp, dp, pp, system.rankCount, system.preset);
  positiveInteger('batching.maxBatch', w.batching.maxBatch);
  if (w.batching.policy !== 'continuous' && w.batching.policy !== 'static') {
    throw inferenceErrors.badPolicy(w.batching.policy);
  }
  positiveInteger('requests.count', w.requests.count);
  const hasC = w.requests.concurrency !== undefined, hasR = w.requests.arrivalRatePerSecond !== undefined;
  if (hasC === hasR) throw inferenceErrors.bothOrNeitherLoad(hasC);
  if (hasC) positiveInteger('requests.concurrency', w.requests.concurrency);
  if (hasR) {
    const rate = w.requests.arrivalRatePerSecond!;
    if (typeof rate !== 'number' || !Number.isFinite(rate) || rate <= 0) throw inferenceErrors.badRate(rate);
  }
  checkTokenLength('inputTokens', w.requests.inputTokens);
  checkTokenLength('outputTokens', w.requests.outputTokens);
  if (w.maxContextTokens !== undefined) positiveInteger('maxContextTokens', w.maxContextTokens);
  if (w.contextBuckets !== undefined) w.contextBuckets.forEach((b, i) => positiveInteger(`contextBuckets[${i}]`, b));
  if (w.speculation !== undefined) {
    const k = w.speculation.tokens;
    if (typeof k !== 'number' || !Number.isInteger(k) || k < 1) throw inferenceErrors.speculationTokens(k);
    const a = w.speculation.acceptanceRate;
    if (a !== undefined && !(typeof a === 'number' && a >= 0 && a < 1)) throw inferenceErrors.acceptanceRate(a);
  }
}

export function runInference(system: System, workload: InferenceWorkload, options: { seed: number; name: string } & Partial<InferenceOptions>): InferenceRunResult {
  checkWorkload(system, workload);
  const { tp, dp } = workload.parallelism;
  const maxBatch = workload.batching.maxBatch;
  const layerTimer = options.collectiveTimer ? undefined : createCollectiveTimer(system, { issue: 'in-graph' });
  const timer = options.collectiveTimer ?? layerTimer!;
  const target = rankShape(workload.model, tp, workload.precision);
  const draft = workload.speculation ? rankShape(workload.speculation.draft, tp, workload.precision) : undefined;

  // replicas, their cost models and KV caches
  const replicas: ReplicaSetup[] = [];
  let kv0: KvCapacity | undefined;
  for (let r = 0; r < dp; r++) {
    const first = r * tp;
    const rates = { ...replicaRates(system, first, tp), ...(workload.maxContextTokens !== undefined ? { maxContextTokens: workload.maxContextTokens } : {}), ...(workload.contextBuckets !== undefined ? { contextBuckets: workload.contextBuckets } : {}) };
    const kv = kvCapacity(rates.hbmBytesPerRank, target, draft);
    if (kv.kvBytesPerRank <= 0 || kv.capacityTokens < 1) {
      const avail = rates.hbmBytesPerRank * (1 - HBM_RESERVED_FRACTION_BEYOND_KV) - (draft?.weightBytesPerRank ?? 0);
      throw inferenceErrors.modelDoesNotFit(workload.model.name, tp, kv.weightBytesPerRank, rates.hbmBytesPerRank * (1 - HBM_RESERVED_FRACTION_BEYOND_KV), fitSuggestion(workload.model, workload, system, avail));
    }
    kv0 ??= kv;
    const ranks: number[] = [];
    for (let k = 0; k < tp; k++) ranks.push(first + k);
    const allReduceS = sizeTimer(timer, 'all-reduce', ranks);
    replicas.push({
      cost: new StepCost(target, rates, allReduceS),
      draftCost: draft ? new StepCost(draft, rates, allReduceS) : undefined,
      capacityTokens: kv.capacityTokens,
      ranks: tp,
    });
  }
  const kv = kv0!;
  let minCapacity = Infinity;
  for (const r of replicas) minCapacity = Math.min(minCapacity, r.capacityTokens);

  // a batch the KV cache can never hold is a configuration error, not a queueing effect
  const perSequenceMax = workload.maxContextTokens ?? maxTokens(workload.requests.inputTokens) + maxTokens(workload.requests.outputTokens);
  if (Number.isFinite(perSequenceMax) && maxBatch * perSequenceMax > minCapacity) {
    throw inferenceErrors.batchExceedsKv(maxBatch, perSequenceMax, minCapacity, workload.maxContextTokens !== undefined ? 'workload.maxContextTokens' : 'workload.requests');
  }

  // request lengths, drawn in request order from their own streams (the engine's seeded RNG)
  const n = workload.requests.count;
  // the engine's named streams of this seed (the serving simulation draws 'arrivals' and 'speculation')
  const streams = new RngStreams(options.seed);
  const inRng = streams.get('input-tokens'), outRng = streams.get('output-tokens');
  const inputTokens = new Int32Array(n), outputTokens = new Int32Array(n), reservedTokens = new Int32Array(n);
  const rejectAtArrival = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const a = drawTokens(workload.requests.inputTokens, inRng);
    const b = drawTokens(workload.requests.outputTokens, outRng);
    inputTokens[i] = a;
    outputTokens[i] = b;
    const reserve = workload.maxContextTokens ?? a + b;
    reservedTokens[i] = reserve;
    if (a + b > reserve || reserve > minCapacity) rejectAtArrival[i] = 1;
  }

  const out = simulateServing({
    seed: options.seed,
    replicas,
    maxBatch,
    policy: workload.batching.policy,
    inputTokens,
    outputTokens,
    reservedTokens,
    rejectAtArrival,
    concurrency: workload.requests.concurrency,
    arrivalRatePerSecond: workload.requests.arrivalRatePerSecond,
    fuseDecodeSteps: options.fuseDecodeSteps,
    speculation: workload.speculation
      ? { tokens: workload.speculation.tokens, acceptanceRate: workload.speculation.acceptanceRate ?? DEFAULT_ACCEPTANCE_RATE }
      : undefined,
  });

  // latencies over no request would print as 0 s: a run in which nothing completes is an input error
  if (out.completed === 0) {
    let longest = 0;
    for (let i = 0; i < n; i++) longest = Math.max(longest, inputTokens[i]! + outputTokens[i]!);
    throw inferenceErrors.noneCompleted(n, longest, workload.maxContextTokens, minCapacity);
  }

  // per-request latencies of completed requests
  const ttft = new Float64Array(n), tpot = new Float64Array(n), e2e = new Float64Array(n);
  let nDone = 0, nTpot = 0;
  for (let i = 0; i < n; i++) {
    if (out.state[i] !== 3) continue;
    ttft[nDone] = out.firstTokenS[i]! - out.arrivalS[i]!;
    e2e[nDone] = out.lastTokenS[i]! - out.arrivalS[i]!;
    nDone++;
    if (outputTokens[i]! > 1) tpot[nTpot++] = (out.lastTokenS[i]! - out.firstTokenS[i]!) / (outputTokens[i]! - 1);
  }

  const T = out.endS;
  const chips = new Set<number>();
  for (let r = 0; r < tp * dp; r++) chips.add(system.rankToChip(r));
  let busy = 0;
  for (let r = 0; r < dp; r++) busy += out.busyS[r]!;
  let peakFlops = 0, peakHbm = 0;
  for (const c of chips) {
    const spec = system.chipAt(c);
    peakFlops += computePeak(spec);
    peakHbm += spec.hbmBytesPerSecond;
  }
  const rate = (x: number) => (T > 0 ? x / T : 0);
  let totalCapacity = 0;
  for (const r of replicas) totalCapacity += r.capacityTokens;

  const result: InferenceRunResult = {
    kind: 'inference',
    name: options.name,
    ttftS: latencyPercentiles(ttft, nDone),
    tpotS: latencyPercentiles(tpot, nTpot),
    e2eLatencyS: latencyPercentiles(e2e, nDone),
    outputTokensPerSecond: rate(out.outputTokens),
    requestsPerSecond: rate(out.completed),
    requestsCompleted: out.completed,
    requestsRejected: out.rejected,
    outputTokensPerSecondPerChip: rate(out.outputTokens) / chips.size,
    chipUtilisation: {
      chips: chips.size,
      busyFraction: rate(busy / dp),
      flopsFraction: rate(out.flops / peakFlops),
      hbmBandwidthFraction: rate(out.hbmBytes / peakHbm),
      // share of time a replica's TP collectives run (the energy model's link activity, issue 14)
      collectiveFraction: rate(out.collectiveS / dp),
    },
    kvCache: {
      capacityTokensPerReplica: minCapacity,
      bytesPerTokenPerRank: kv.kvBytesPerTokenPerRank,
      bytesPerRank: kv.kvBytesPerRank,
      peakUsedFraction: out.peakKvFraction,
      meanUsedFraction: totalCapacity > 0 ? rate(out.kvTokensIntegral / totalCapacity) : 0,
      requestsWaited: out.waitedForKv,
    },
    meanRequestsInSystem: rate(out.inSystemIntegral),
    simulatedTimeS: T,
    replicas: dp,
    steps: { prefill: out.prefillSteps, decode: out.decodeSteps, meanDecodeBatch: out.meanDecodeBatch },
    eventsSimulated: out.events + (layerTimer?.eventsSimulated() ?? 0),
  };
  return result;
}
