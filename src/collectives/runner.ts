/**
 * Runs collectives inside an existing Simulator and FlowNetwork: each step's cross-chip transfers
 * become flows (merged per chip pair), its on-chip work a DMA timer, and the next step starts a
 * per-step overhead after the slowest of them. Completion is an engine event, so a task graph can
 * wait on a collective and several collectives contend on shared links.
 *
 *   time = launch (stand-alone only) + sum over steps of (step overhead + max(flows, DMA work))
 */
import type { Simulator } from '../engine/index.js';
import type { System } from '../hardware/types.js';
import type { FlowNetwork } from '../network/types.js';
import type { AlgorithmName, CollectiveRequest, CollectiveResult, SelectionPolicy } from './types.js';
import type { CollectiveParams } from './params.js';
import { resolveParams } from './params.js';
import { placeGroup } from './group.js';
import type { GroupPlacement } from './group.js';
import { buildSchedule } from './algorithms.js';
import type { Schedule } from './schedule.js';
import { StepWork } from './schedule.js';
import { selectAlgorithm } from './select.js';
import { checkRequest } from './validate.js';
import { algbwGiBps, busbwGiBps } from './bandwidth.js';

export interface RunnerOptions {
  readonly selection?: SelectionPolicy;
  readonly params?: Partial<CollectiveParams>;
}

interface Running {
  readonly request: CollectiveRequest;
  readonly algorithm: AlgorithmName;
  readonly schedule: Schedule;
  readonly group: GroupPlacement;
  readonly stepOverheadS: number;
  readonly rankBytesPerSecond: number;
  readonly send: Float64Array;
  readonly recv: Float64Array;
  readonly notifyKind: number;
  readonly notifyA: number;
  readonly startS: number;
  step: number;
  pending: number;
  endS: number;
}

/** Seconds of the stand-alone launch for p ranks: a dissemination barrier of ceil(log2 p) rounds. */
export function launchOverheadS(params: CollectiveParams, ranks: number): number {
  return ranks <= 1 ? 0 : params.launchOverheadPerRoundS * Math.ceil(Math.log2(ranks));
}

/** Per-step overhead of a group: local when it sits on one chip. */
export function stepOverheadS(params: CollectiveParams, g: GroupPlacement, issue: 'standalone' | 'in-graph'): number {
  if (g.chips.length <= 1) return params.localStepOverheadS;
  return issue === 'in-graph' ? params.inGraphStepOverheadS : params.standaloneStepOverheadS;
}

/** Bytes/s of one rank's collective DMA work (params.ts dmaEfficiency). */
export function rankDmaBytesPerSecond(system: System, params: CollectiveParams): number {
  const dma = system.chip.dmaBytesPerSecond ?? system.chip.hbmBytesPerSecond;
  return (params.dmaEfficiency * dma) / system.ranksPerChip;
}

export class CollectiveRunner {
  private readonly running: Running[] = [];
  private readonly flowKind: number;
  private readonly timerKind: number;
  private readonly params: CollectiveParams;
  private readonly agg = new Map<number, number>();

  constructor(
    readonly sim: Simulator,
    readonly network: FlowNetwork,
    readonly system: System,
    private readonly options: RunnerOptions = {},
  ) {
    this.params = resolveParams(options.params);
    this.flowKind = sim.registerKind((h) => this.done(h), 'collective-flow');
    this.timerKind = sim.registerKind((h, what) => (what === 0 ? this.startStep(h) : this.done(h)), 'collective-step');
  }

  /** The algorithm a request runs (auto resolved). */
  algorithmFor(request: CollectiveRequest, group = placeGroup(this.system, request.ranks)): AlgorithmName {
    const alg = request.algorithm ?? 'auto';
    return alg === 'auto' ? selectAlgorithm(this.system, request.op, group, request.sizeBytes, this.options.selection) : alg;
  }

  /**
   * Starts a collective now; returns its handle. When it completes the runner schedules the engine
   * event (notifyKind, notifyA, handle) at delay 0 (notifyKind 0 or omitted: no notification).
   */
  start(request: CollectiveRequest, notifyKind = -1, notifyA = 0): number {
    checkRequest(request);
    const group = placeGroup(this.system, request.ranks);
    const algorithm = this.algorithmFor(request, group);
    const schedule = buildSchedule(algorithm, request.op, group, request.sizeBytes, this.params);
    const issue = request.issue ?? 'standalone';
    const r: Running = {
      request,
      algorithm,
      schedule,
      group,
      stepOverheadS: stepOverheadS(this.params, group, issue),
      rankBytesPerSecond: rankDmaBytesPerSecond(this.system, this.params),
      send: new Float64Array(group.size),
      recv: new Float64Array(group.size),
      notifyKind,
      notifyA,
      startS: this.sim.now,
      step: 0,
      pending: 0,
      endS: NaN,
    };
    const h = this.running.length;
    this.running.push(r);
    const launch = issue === 'standalone' ? launchOverheadS(this.params, group.size) : 0;
    if (schedule.steps.length === 0) {
      // nothing to move (one rank, or zero bytes): only the launch is paid
      r.pending = 1;
      r.step = -1;
      this.sim.schedule(launch, this.timerKind, h, 1);
    } else {
      this.sim.schedule(launch + r.stepOverheadS, this.timerKind, h, 0);
    }
    return h;
  }

  private startStep(h: number): void {
    const r = this.running[h]!;
    const st = r.schedule.steps[r.step]!;
    const { send, recv } = r;
    send.fill(0);
    recv.fill(0);
    const chipOf = r.group.chipOf;
    const n = this.system.chipCount;
    const agg = this.agg;
    agg.clear();
    for (let t = 0; t < st.count; t++) {
      const f = st.from[t]!, to = st.to[t]!, b = st.bytes[t]!;
      send[f]! += b;
      recv[to]! += b;
      const cf = chipOf[f]!, ct = chipOf[to]!;
      if (cf !== ct) {
        const key = cf * n + ct;
        agg.set(key, (agg.get(key) ?? 0) + b);
      }
    }
    let dmaS = 0;
    if (st.work === StepWork.CcReduce) {
      for (let i = 0; i < recv.length; i++) dmaS = Math.max(dmaS, recv[i]! / this.params.meshBytesPerSecondPerRank);
    } else {
      for (let i = 0; i < send.length; i++) dmaS = Math.max(dmaS, (send[i]! * st.dmaFactor) / r.rankBytesPerSecond);
    }
    r.pending = agg.size + 1;
    for (const [key, b] of agg) {
      const src = Math.floor(key / n);
      this.network.startFlow(src, key - src * n, b, this.flowKind, h);
    }
    this.sim.schedule(dmaS, this.timerKind, h, 1);
  }

  private done(h: number): void {
    const r = this.running[h]!;
    if (--r.pending > 0) return;
    r.step++;
    if (r.step > 0 && r.step < r.schedule.steps.length) {
      this.sim.schedule(r.stepOverheadS, this.timerKind, h, 0);
      return;
    }
    r.endS = this.sim.now;
    if (r.notifyKind > 0) this.sim.schedule(0, r.notifyKind, r.notifyA, h);
  }

  isDone(handle: number): boolean {
    return !Number.isNaN(this.running[handle]!.endS);
  }

  /** Result of a finished collective (throws if it has not finished). */
  result(handle: number): CollectiveResult {
    const r = this.running[handle];
    if (!r) throw new Error(`collectives: unknown handle ${handle}`);
    if (Number.isNaN(r.endS)) throw new Error(`collectives: collective ${handle} has not finished (run the simulator first)`);
    const timeS = r.endS - r.startS;
    const { op, sizeBytes } = r.request;
    const p = r.group.size;
    return {
      op,
      algorithm: r.algorithm,
      rankCount: p,
      sizeBytes,
      timeS,
      algbwGiBps: algbwGiBps(sizeBytes, timeS),
      busbwGiBps: busbwGiBps(op, p, sizeBytes, timeS),
      steps: r.schedule.steps.length,
    };
  }
}
