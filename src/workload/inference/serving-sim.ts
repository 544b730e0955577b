/**
 * The serving simulation on the engine (docs/inference.md "Scheduling"): request arrivals and step
 * completions are events; each model replica runs one forward pass at a time.
 *
 * Continuous batching, prefill first (vLLM's default scheduler, NxDI's continuous batching): when a
 * pass ends, waiting requests are admitted in arrival order while a batch slot and KV space for their
 * whole context are free; if any were admitted the next pass is their prefill (all of them in one
 * pass, whole prompts, no chunking), which yields each one's first token; otherwise the next pass is
 * a decode step of every active sequence. Static batching admits a new batch only when the previous
 * one has finished entirely. A request whose context can never fit the KV cache is rejected at
 * arrival; one that does not fit now waits (head of line blocks, as in FIFO schedulers).
 *
 * Per-request state lives in typed arrays; handlers allocate nothing per event.
 */
import { Simulator } from '../../engine/index.js';
import type { RandomStream } from '../../engine/index.js';
import type { StepCost } from './step-cost.js';

export interface ReplicaSetup {
  readonly cost: StepCost;
  readonly draftCost?: StepCost;
  readonly capacityTokens: number;
  /** Ranks in the replica (to scale per-rank FLOPs and bytes). */
  readonly ranks: number;
}

export interface ServingSetup {
  readonly seed: number;
  readonly replicas: readonly ReplicaSetup[];
  readonly maxBatch: number;
  readonly policy: 'continuous' | 'static';
  readonly inputTokens: Int32Array;
  readonly outputTokens: Int32Array;
  /** KV tokens reserved per request at admission (maxContextTokens, or input + output). */
  readonly reservedTokens: Int32Array;
  /** Requests whose context can never fit: rejected at arrival. */
  readonly rejectAtArrival: Uint8Array;
  readonly concurrency?: number;
  readonly arrivalRatePerSecond?: number;
  readonly speculation?: { readonly tokens: number; readonly acceptanceRate: number };
  /** Fuse unobservable decode steps into one event (default true; false prices every step as its own event). */
  readonly fuseDecodeSteps?: boolean;
}

export interface ServingOutcome {
  readonly arrivalS: Float64Array;
  readonly firstTokenS: Float64Array;
  readonly lastTokenS: Float64Array;
  /** 3 = completed, 4 = rejected. */
  readonly state: Uint8Array;
  readonly completed: number;
  readonly rejected: number;
  /** Requests that had to wait for KV space at least once. */
  readonly waitedForKv: number;
  readonly outputTokens: number;
  readonly endS: number;
  readonly events: number;
  readonly busyS: Float64Array;
  /** FLOPs and HBM bytes executed, summed over all ranks. */
  readonly flops: number;
  readonly hbmBytes: number;
  readonly collectiveS: number;
  /** Time integrals, for time averages: requests in system, KV tokens in use (all replicas). */
  readonly inSystemIntegral: number;
  readonly kvTokensIntegral: number;
  readonly peakKvFraction: number;
  readonly decodeSteps: number;
  readonly prefillSteps: number;
  readonly meanDecodeBatch: number;
}

const WAITING = 1, ACTIVE = 2, DONE = 3, REJECTED = 4;
const PASS_NONE = 0, PASS_PREFILL = 1, PASS_DECODE = 2;

/** Time of k decode steps whose times grow linearly: sum_{j<k} (d0 + j slope). */
function fusedTotal(k: number, d0: number, slope: number): number {
  return k * d0 + (slope * k * (k - 1)) / 2;
}

export function simulateServing(setup: ServingSetup): ServingOutcome {
  const n = setup.inputTokens.length;
  const R = setup.replicas.length;
  const maxBatch = setup.maxBatch;
  const sim = new Simulator({ seed: setup.seed, initialCapacity: 64 });
  const arrivalsRng: RandomStream = sim.rng('arrivals');
  const specRng: RandomStream = sim.rng('speculation');

  const arrivalS = new Float64Array(n);
  const firstTokenS = new Float64Array(n);
  const lastTokenS = new Float64Array(n);
  const generated = new Int32Array(n);
  const state = new Uint8Array(n);
  const waitedKv = new Uint8Array(n);

  // per replica: FIFO of waiting requests as a linked list through `nextWaiting` (O(n + R) memory),
  // active and prefill lists of maxBatch
  const nextWaiting = new Int32Array(n);
  const qHead = new Int32Array(R).fill(-1), qTail = new Int32Array(R).fill(-1);
  const active = new Int32Array(R * maxBatch), activeCount = new Int32Array(R);
  const pre = new Int32Array(R * maxBatch), preCount = new Int32Array(R);
  const pass = new Uint8Array(R);
  const kickPending = new Uint8Array(R);
  const fused = new Int32Array(R);
  const kvUsed = new Float64Array(R);
  const busyS = new Float64Array(R);
  const inReplica = new Int32Array(R);

  let kvTotal = 0, peakKvFraction = 0;
  let totalCapacity = 0;
  for (const r of setup.replicas) totalCapacity += r.capacityTokens;
  let inSystem = 0, inSystemIntegral = 0, kvTokensIntegral = 0, lastT = 0;
  let completed = 0, rejected = 0, outputTotal = 0, nextRequest = 0, waitedForKv = 0;
  let flops = 0, hbmBytes = 0, collectiveS = 0, decodeSteps = 0, prefillSteps = 0, decodeBatchSum = 0;
  const spec = setup.speculation;
  const fuse = setup.fuseDecodeSteps !== false;

  const advance = (): void => {
    const t = sim.now;
    const dt = t - lastT;
    if (dt > 0) {
      inSystemIntegral += inSystem * dt;
      kvTokensIntegral += kvTotal * dt;
      lastT = t;
    }
  };

  const arrivalKind = sim.registerKind((a) => onArrival(a), 'arrival');
  const stepDoneKind = sim.registerKind((a) => onStepDone(a), 'step-done');
  // a replica starts its next pass (after an arrival to an idle replica, or when a pass ends) once
  // every arrival of the same instant has queued (events at equal times run in insertion order):
  // simultaneous requests, and those a completion releases in a closed loop, share one prefill
  const kickKind = sim.registerKind((a) => {
    kickPending[a] = 0;
    if (pass[a] === PASS_NONE) startPass(a);
  }, 'kick');

  const kick = (r: number): void => {
    if (kickPending[r] === 0) {
      kickPending[r] = 1;
      sim.schedule(0, kickKind, r, 0);
    }
  };

  const spawnNext = (delayS: number): void => {
    if (nextRequest < n) sim.schedule(delayS, arrivalKind, nextRequest++, 0);
  };

  function onArrival(req: number): void {
    advance();
    arrivalS[req] = sim.now;
    if (setup.arrivalRatePerSecond !== undefined) spawnNext(arrivalsRng.exponential(setup.arrivalRatePerSecond));
    if (setup.rejectAtArrival[req] === 1) {
      state[req] = REJECTED;
      rejected++;
      if (setup.concurrency !== undefined) spawnNext(0);
      return;
    }
    // join the replica with the fewest requests (lowest index on ties)
    let best = 0;
    for (let r = 1; r < R; r++) if (inReplica[r]! < inReplica[best]!) best = r;
    inReplica[best]!++;
    inSystem++;
    state[req] = WAITING;
    nextWaiting[req] = -1;
    if (qTail[best]! < 0) qHead[best] = req;
    else nextWaiting[qTail[best]!] = req;
    qTail[best] = req;
    if (pass[best] === PASS_NONE) kick(best);
  }

  function complete(r: number, req: number): void {
    state[req] = DONE;
    completed++;
    outputTotal += setup.outputTokens[req]!;
    kvUsed[r]! -= setup.reservedTokens[req]!;
    kvTotal -= setup.reservedTokens[req]!;
    inSystem--;
    inReplica[r]!--;
    if (setup.concurrency !== undefined) spawnNext(0);
  }

  function onStepDone(r: number): void {
    advance();
    const now = sim.now;
    if (pass[r] === PASS_PREFILL) {
      const base = r * maxBatch;
      for (let i = 0; i < preCount[r]!; i++) {
        const req = pre[base + i]!;
        firstTokenS[req] = now;
        lastTokenS[req] = now;
        generated[req] = 1;
        if (setup.outputTokens[req]! <= 1) complete(r, req);
        else {
          state[req] = ACTIVE;
          active[base + activeCount[r]!] = req;
          activeCount[r]!++;
        }
      }
      preCount[r] = 0;
    } else {
      const base = r * maxBatch;
      let i = 0;
      while (i < activeCount[r]!) {
        const req = active[base + i]!;
        let emitted = fused[r]!;
        if (spec !== undefined) {
          // accepted drafts: leading successes among k Bernoulli(a) trials; plus the target's own token
          let acc = 0;
          while (acc < spec.tokens && specRng.next() < spec.acceptanceRate) acc++;
          emitted = acc + 1;
        }
        const left = setup.outputTokens[req]! - generated[req]!;
        generated[req]! += emitted < left ? emitted : left;
        lastTokenS[req] = now;
        if (generated[req]! >= setup.outputTokens[req]!) {
          complete(r, req);
          activeCount[r]!--;
          active[base + i] = active[base + activeCount[r]!]!;
        } else i++;
      }
    }
    pass[r] = PASS_NONE;
    kick(r);
  }

  function startPass(r: number): void {
    const rep = setup.replicas[r]!;
    const base = r * maxBatch;
    const mayAdmit = setup.policy === 'continuous' || activeCount[r] === 0;
    if (mayAdmit) {
      while (qHead[r]! >= 0 && activeCount[r]! + preCount[r]! < maxBatch) {
        const req = qHead[r]!;
        const need = setup.reservedTokens[req]!;
        if (kvUsed[r]! + need > rep.capacityTokens) {
          if (waitedKv[req] === 0) {
            waitedKv[req] = 1;
            waitedForKv++;
          }
          break;
        }
        qHead[r] = nextWaiting[req]!;
        if (qHead[r]! < 0) qTail[r] = -1;
        kvUsed[r]! += need;
        kvTotal += need;
        pre[base + preCount[r]!] = req;
        preCount[r]!++;
      }
      if (totalCapacity > 0 && kvTotal / totalCapacity > peakKvFraction) peakKvFraction = kvTotal / totalCapacity;
    }
    let dt: number;
    const cost = rep.cost;
    if (preCount[r]! > 0) {
      // one prefill pass over every admitted prompt: linear ops on all tokens, causal attention per sequence
      let tokens = 0, pairs = 0;
      for (let i = 0; i < preCount[r]!; i++) {
        // the prompt runs padded to its compiled context bucket (calibration.ts contextBucketTokens)
        const t = cost.bucketTokens(setup.inputTokens[pre[base + i]!]!);
        tokens += t;
        pairs += (t * (t + 1)) / 2;
      }
      dt = cost.forwardS(tokens, pairs, 0, preCount[r]!, true, true);
      flops += cost.lastFlopsPerRank * rep.ranks;
      hbmBytes += cost.lastHbmBytesPerRank * rep.ranks;
      collectiveS += cost.lastCollectiveS;
      if (rep.draftCost !== undefined) {
        dt += rep.draftCost.forwardS(tokens, pairs, 0, preCount[r]!, true, true);
        flops += rep.draftCost.lastFlopsPerRank * rep.ranks;
        hbmBytes += rep.draftCost.lastHbmBytesPerRank * rep.ranks;
        collectiveS += rep.draftCost.lastCollectiveS;
      }
      pass[r] = PASS_PREFILL;
      prefillSteps++;
    } else if (activeCount[r]! > 0) {
      const b = activeCount[r]!;
      let ctx = 0;
      for (let i = 0; i < b; i++) {
        const req = active[base + i]!;
        ctx += setup.inputTokens[req]! + generated[req]!;
      }
      let steps = 1;
      if (spec === undefined || rep.draftCost === undefined) {
        dt = cost.decodeS(b, ctx);
        flops += cost.lastFlopsPerRank * rep.ranks;
        hbmBytes += cost.lastHbmBytesPerRank * rep.ranks;
        collectiveS += cost.lastCollectiveS;
        // Fuse the decode steps that change nothing another event could see: no sequence finishes
        // before the last of them, admission just failed and stays impossible until a completion or
        // an arrival, and every fused step ends before the next pending event (an arrival or another
        // replica's step). Same results as one event per step, far fewer events at small batches.
        // A decode step's time, FLOPs and bytes are affine in the context (only attention and KV
        // reads grow, both in proportion), so k steps sum in closed form:
        //   sum_{j<k} (d0 + j s) = k d0 + s k (k - 1) / 2
        let minLeft = 0x7fffffff;
        for (let i = 0; i < b; i++) {
          const req = active[base + i]!;
          const left = setup.outputTokens[req]! - generated[req]!;
          if (left < minLeft) minLeft = left;
        }
        if (minLeft > 1 && fuse) {
          const d0 = dt, f0 = cost.lastFlopsPerRank, h0 = cost.lastHbmBytesPerRank, c0 = cost.lastCollectiveS;
          const slope = cost.decodeS(b, ctx + b) - d0;
          const df = cost.lastFlopsPerRank - f0, dh = cost.lastHbmBytesPerRank - h0, dc = cost.lastCollectiveS - c0;
          const horizon = sim.peekTime() - sim.now;
          let k = minLeft;
          if (horizon !== Infinity && fusedTotal(k, d0, slope) >= horizon) {
            const est = slope > 0 ? (-(d0 - slope / 2) + Math.sqrt((d0 - slope / 2) ** 2 + 2 * slope * horizon)) / slope : horizon / d0;
            k = Math.max(1, Math.min(minLeft, Math.floor(est)));
            while (k > 1 && fusedTotal(k, d0, slope) >= horizon) k--;
            while (k < minLeft && fusedTotal(k + 1, d0, slope) < horizon) k++;
          }
          steps = k;
          const tri = (k * (k - 1)) / 2;
          dt = fusedTotal(k, d0, slope);
          flops += ((k - 1) * f0 + df * tri) * rep.ranks;
          hbmBytes += ((k - 1) * h0 + dh * tri) * rep.ranks;
          collectiveS += (k - 1) * c0 + dc * tri;
        }
      } else {
        // fused speculation (NxDI): one pass runs k draft decode steps one after another, then the
        // target scores k + 1 tokens per sequence; the pass pays one step overhead
        dt = 0;
        const draft = rep.draftCost;
        for (let j = 0; j < spec.tokens; j++) {
          dt += draft.fusedDraftS(b, ctx + j * b);
          flops += draft.lastFlopsPerRank * rep.ranks;
          hbmBytes += draft.lastHbmBytesPerRank * rep.ranks;
          collectiveS += draft.lastCollectiveS;
        }
        dt += cost.verifyS(b, spec.tokens + 1, ctx);
        flops += cost.lastFlopsPerRank * rep.ranks;
        hbmBytes += cost.lastHbmBytesPerRank * rep.ranks;
        collectiveS += cost.lastCollectiveS;
      }
      pass[r] = PASS_DECODE;
      fused[r] = steps;
      decodeSteps += steps;
      decodeBatchSum += b * steps;
    } else {
      pass[r] = PASS_NONE;
      return;
    }
    busyS[r]! += dt;
    sim.schedule(dt, stepDoneKind, r, 0);
  }

  // initial load: the closed loop's first `concurrency` requests at t = 0; the open loop's first arrival
  if (setup.concurrency !== undefined) {
    for (let i = 0; i < setup.concurrency && i < n; i++) spawnNext(0);
  } else {
    spawnNext(arrivalsRng.exponential(setup.arrivalRatePerSecond!));
  }
  sim.run();
  advance();

  return {
    arrivalS,
    firstTokenS,
    lastTokenS,
    state,
    completed,
    rejected,
    waitedForKv,
    outputTokens: outputTotal,
    endS: sim.now,
    events: sim.eventsProcessed,
    busyS,
    flops,
    hbmBytes,
    collectiveS,
    inSystemIntegral,
    kvTokensIntegral,
    peakKvFraction,
    decodeSteps,
    prefillSteps,
    meanDecodeBatch: decodeSteps > 0 ? decodeBatchSum / decodeSteps : 0,
  };
}
