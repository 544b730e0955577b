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
import { StepLoad } from './step-load.js';

/** Largest topology whose link bytes the runner snapshots (exclusive mode). */
const LINK_SNAPSHOT_LIMIT = 200_000;
import { chooseAlgorithm } from './choose.js';
import { checkRequest } from './validate.js';
import { algbwGiBps, busbwGiBps } from './bandwidth.js';

export interface RunnerOptions {
  readonly selection?: SelectionPolicy;
  readonly params?: Partial<CollectiveParams>;
  /**
   * The runner's collectives are the only traffic on the network and only one runs at a time: the
   * identical steps of a ring phase are then simulated once and their duration (and link bytes)
   * reused, which is exact on an otherwise idle network. simulateCollective sets it.
   */
  readonly exclusive?: boolean;
}

interface Running {
  readonly request: CollectiveRequest;
  readonly algorithm: AlgorithmName;
  readonly schedule: Schedule;
  readonly group: GroupPlacement;
  /** Overhead paid before each step (scheduleStepOverheadsS). */
  readonly overheadS: Float64Array;
  /** Latency each repeated copy of a step does not pay again (ringLatencyCreditsS). */
  readonly creditS: Float64Array;
  /** Credit not yet taken off a step overhead (non-exclusive replays). */
  bankS: number;
  readonly rankBytesPerSecond: number;
  readonly load: StepLoad;
  readonly notifyKind: number;
  readonly notifyA: number;
  /** Bytes factor of the flows (sibling groups folded in; DMA work is per rank and not scaled). */
  readonly flowMultiplicity: number;
  readonly startS: number;
  step: number;
  /** Repetition of the current step (non-exclusive runs replay each copy). */
  rep: number;
  pending: number;
  stepStartS: number;
  endS: number;
  stepsRun: number;
}

import { algorithmSetupS, launchOverheadS, rankDmaBytesPerSecond, ringLatencyCreditsS, scheduleStepOverheadsS } from './step-costs.js';

export class CollectiveRunner {
  private readonly running: Running[] = [];
  private readonly flowKind: number;
  private readonly timerKind: number;
  private readonly params: CollectiveParams;
  /** Exclusive mode: link bytes of the repeated copies not run as flows, per link. */
  private readonly extraLinkBytes = new Map<number, number>();
  private before: Float64Array | undefined;

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
    return chooseAlgorithm(this.system, request, group, this.options);
  }

  /**
   * Starts a collective now; returns its handle. When it completes the runner schedules the engine
   * event (notifyKind, notifyA, handle) at delay 0 (notifyKind 0 or omitted: no notification).
   */
  start(request: CollectiveRequest, notifyKind = -1, notifyA = 0, flowMultiplicity = 1): number {
    checkRequest(request);
    const group = placeGroup(this.system, request.ranks);
    const algorithm = this.algorithmFor(request, group);
    const schedule = buildSchedule(algorithm, request.op, group, request.sizeBytes, this.params, 'algorithm', request.targets);
    const issue = request.issue ?? 'standalone';
    const r: Running = {
      request,
      algorithm,
      schedule,
      group,
      overheadS: scheduleStepOverheadsS(this.system, this.params, schedule, group, issue),
      creditS: ringLatencyCreditsS(this.system, this.params, schedule, group),
      bankS: 0,
      rankBytesPerSecond: rankDmaBytesPerSecond(this.system, this.params, request.op),
      load: new StepLoad(group),
      notifyKind,
      notifyA,
      flowMultiplicity,
      startS: this.sim.now,
      step: 0,
      rep: 0,
      pending: 0,
      stepStartS: 0,
      endS: NaN,
      stepsRun: 0,
    };
    const h = this.running.length;
    this.running.push(r);
    const launch = issue === 'standalone' ? launchOverheadS(this.params, group.size) + algorithmSetupS(this.params, algorithm, issue) : 0;
    if (schedule.steps.length === 0) {
      // nothing to move (one rank, or zero bytes): only the launch is paid
      r.pending = 1;
      r.step = -1;
      r.stepsRun = 0;
      this.sim.schedule(launch, this.timerKind, h, 1);
    } else {
      this.sim.schedule(launch + r.overheadS[0]!, this.timerKind, h, 0);
    }
    return h;
  }

  private startStep(h: number): void {
    const r = this.running[h]!;
    const st = r.schedule.steps[r.step]!;
    const load = r.load;
    load.load(st);
    const { send, recv } = load;
    let dmaS = 0;
    if (st.work === StepWork.CcReduce) {
      for (let i = 0; i < recv.length; i++) dmaS = Math.max(dmaS, recv[i]! / this.params.meshBytesPerSecondPerRank);
    } else {
      for (let i = 0; i < send.length; i++) dmaS = Math.max(dmaS, (send[i]! * st.dmaFactor) / r.rankBytesPerSecond);
    }
    if (this.options.exclusive && st.repeat > 1) this.before = this.snapshotLinkBytes();
    r.stepStartS = this.sim.now;
    r.pending = load.pairCount + 1;
    const cps = this.system.chipsPerServer;
    const efaScale = 1 / this.params.efaBandwidthEfficiency;
    const mult = r.flowMultiplicity;
    for (let i = 0; i < load.pairCount; i++) {
      const a = load.srcChip(i);
      const b = load.dstChip(i);
      // params.efaBandwidthEfficiency: inter-server flows reach a fraction of the EFA line rate
      const bytes = Math.floor(a / cps) === Math.floor(b / cps) ? load.bytes(i) : load.bytes(i) * efaScale;
      this.network.startFlow(a, b, mult * bytes, this.flowKind, h);
    }
    this.sim.schedule(dmaS, this.timerKind, h, 1);
  }

  private snapshotLinkBytes(): Float64Array | undefined {
    const count = this.system.topology.linkCount;
    if (count > LINK_SNAPSHOT_LIMIT) return undefined;
    const out = new Float64Array(count);
    for (let l = 0; l < count; l++) out[l] = this.network.linkBytesCarried(l);
    return out;
  }

  private done(h: number): void {
    const r = this.running[h]!;
    if (--r.pending > 0) return;
    if (r.step < 0) return this.finish(r, h);
    const st = r.schedule.steps[r.step]!;
    // time still owed for copies of this step accounted without running them (exclusive mode)
    let owedS = 0;
    if (this.options.exclusive && st.repeat > 1) {
      // the other copies would take exactly as long on the idle network: account for them at once
      const copies = st.repeat - 1;
      // the copies pay the ring's mean hop latency, not the slowest hop's (ringLatencyCreditsS)
      owedS = copies * (r.overheadS[r.step]! + (this.sim.now - r.stepStartS) - r.creditS[r.step]!);
      r.stepsRun += st.repeat;
      if (this.before) {
        for (let l = 0; l < this.before.length; l++) {
          const d = this.network.linkBytesCarried(l) - this.before[l]!;
          if (d > 0) this.extraLinkBytes.set(l, (this.extraLinkBytes.get(l) ?? 0) + copies * d);
        }
        this.before = undefined;
      }
      r.step++;
      r.rep = 0;
    } else {
      r.stepsRun++;
      // a replayed copy earns the latency credit, taken off the next overheads (never below zero)
      if (r.rep + 1 < st.repeat) r.bankS += r.creditS[r.step]!;
      if (++r.rep >= st.repeat) {
        r.step++;
        r.rep = 0;
      }
    }
    if (r.step < r.schedule.steps.length) {
      let delay = owedS + r.overheadS[r.step]!;
      if (r.bankS > 0) {
        const used = Math.min(delay, r.bankS);
        r.bankS -= used;
        delay -= used;
      }
      this.sim.schedule(delay, this.timerKind, h, 0);
      return;
    }
    if (owedS > 0) {
      // the last step's accounted copies end later than its first copy: finish then
      r.step = -1;
      r.pending = 1;
      this.sim.schedule(owedS, this.timerKind, h, 1);
      return;
    }
    this.finish(r, h);
  }

  private finish(r: Running, h: number): void {
    r.endS = this.sim.now;
    if (r.notifyKind > 0) this.sim.schedule(0, r.notifyKind, r.notifyA, h);
  }

  /** Bytes of the steps accounted without flows (exclusive mode), by link; add them to the network's counts. */
  extraBytesOnLink(link: number): number {
    return this.extraLinkBytes.get(link) ?? 0;
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
      steps: r.stepsRun,
    };
  }
}
