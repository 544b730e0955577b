/**
 * Closed forms: the classic alpha-beta costs (tests and docs) and an event-free evaluation of a
 * schedule where every transfer runs as if alone (the alpha-beta mode without a simulator):
 *
 *   T = launch + set-up + sum over steps of (overhead of the step + max(max over chip pairs of (latency + bytes / B), DMA work))
 */
import type { System } from '../hardware/types.js';
import { alphaBetaTransferS } from '../network/index.js';
import type { CollectiveRequest } from './types.js';
import type { CollectiveParams } from './params.js';
import { resolveParams } from './params.js';
import { placeGroup } from './group.js';
import { buildSchedule } from './algorithms.js';
import { StepWork } from './schedule.js';
import { StepLoad } from './step-load.js';
import { chooseAlgorithm } from './choose.js';
import { checkRequest } from './validate.js';
import { algorithmSetupS, launchOverheadS, rankDmaBytesPerSecond, ringLatencyCreditsS, scheduleStepOverheadsS } from './step-costs.js';
import type { SelectionPolicy } from './types.js';

/** Ring all-reduce on p ranks over uncontended links: 2(p-1) x alpha + 2(p-1)/p x S / B. */
export function ringAllReduceClosedFormS(p: number, sizeBytes: number, alphaS: number, bytesPerSecond: number): number {
  if (p <= 1) return 0;
  return 2 * (p - 1) * alphaS + ((2 * (p - 1)) / p) * (sizeBytes / bytesPerSecond);
}

/** The request's schedule evaluated step by step with every transfer alone (no contention, no events). */
export interface ClosedFormOptions {
  readonly selection?: SelectionPolicy;
  readonly params?: Partial<CollectiveParams>;
  /** Bytes factor of every chip-to-chip transfer (sibling groups folded in, siblings.ts); default 1. */
  readonly flowMultiplicity?: number;
}

export function closedFormTimeS(system: System, request: CollectiveRequest, options: ClosedFormOptions = {}): number {
  checkRequest(request);
  const params = resolveParams(options.params);
  const g = placeGroup(system, request.ranks);
  const alg = chooseAlgorithm(system, request, g, options);
  const schedule = buildSchedule(alg, request.op, g, request.sizeBytes, params, 'algorithm', request.targets);
  const issue = request.issue ?? 'standalone';
  let t = issue === 'standalone' ? launchOverheadS(params, g.size) + algorithmSetupS(params, alg, issue) : 0;
  const overheads = scheduleStepOverheadsS(system, params, schedule, g, issue);
  const rankBw = rankDmaBytesPerSecond(system, params, request.op);
  const credits = ringLatencyCreditsS(system, params, schedule, g);
  const load = new StepLoad(g);
  const mult = options.flowMultiplicity ?? 1;
  for (let n = 0; n < schedule.steps.length; n++) {
    const st = schedule.steps[n]!;
    load.load(st);
    const { send, recv } = load;
    let body = 0;
    for (let i = 0; i < g.size; i++) {
      body = Math.max(body, st.work === StepWork.CcReduce ? recv[i]! / params.meshBytesPerSecondPerRank : (send[i]! * st.dmaFactor) / rankBw);
    }
    for (let i = 0; i < load.pairCount; i++) {
      const a = load.srcChip(i);
      const b = load.dstChip(i);
      const bytes = Math.floor(a / system.chipsPerServer) === Math.floor(b / system.chipsPerServer) ? load.bytes(i) : load.bytes(i) / params.efaBandwidthEfficiency;
      body = Math.max(body, alphaBetaTransferS(system.topology, a, b, mult * bytes));
    }
    t += st.repeat * (overheads[n]! + body) - (st.repeat - 1) * credits[n]!;
  }
  return t;
}
