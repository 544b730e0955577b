/**
 * Flow-level network with max-min fair sharing (docs/network.md).
 *
 * Flows with an identical path form a class: one solver variable per class, weight = number of
 * flows, every flow of a class getting the same rate. Within a class, progress is tracked as
 * "virtual bytes served per flow" (`served`, integrated lazily as rate x time); a flow joining at
 * served = s with b bytes finishes when served reaches s + b (its `target`), so a class keeps its
 * flows in a min-heap by target and only the first one decides the class's next completion.
 *
 * Events: arrivals mark their class dirty and schedule one zero-delay update event (all arrivals
 * at one instant share it); the network keeps one engine event at the earliest class completion
 * (an indexed heap of class finish times), cancelled lazily and rescheduled when it moves. Each
 * update or completion recomputes max-min only on the connected component (classes linked by
 * shared links) of the dirty classes, and within it only on the classes at or above the rate of
 * the departing ones (see recompute). Completions due within TIME_EPSILON_REL of the same instant
 * are drained together (SimGrid's precision idea): one recomputation per batch. Classes live in
 * flow-classes.ts; the solver in max-min.ts.
 */
import type { Simulator } from '../engine/index.js';
import type { Topology } from '../hardware/types.js';
import { TIME_EPSILON_REL } from '../units.js';
import type { NetworkCounters } from './types.js';
import { IndexedMinHeap } from './indexed-heap.js';
import { MaxMinSolver, grownSize } from './max-min.js';
import { FlowClasses } from './flow-classes.js';
import { heapPop, heapPush } from './flow-heap.js';
import { checkStartFlow } from './validate.js';
import { networkErrors } from './errors.js';
import { NetworkBase } from './network-base.js';

/** Relative slack below the restart level within which classes are re-solved too (see recompute). */
const RESTART_LEVEL_SLACK = 1e-9;

export class MaxMinFlowNetwork extends NetworkBase {
  readonly mode = 'flow' as const;
  private readonly solver = new MaxMinSolver();

  /** Flow classes (distinct paths with active flows), struct of arrays. */
  private readonly cls: FlowClasses;
  private readonly due = new IndexedMinHeap(64);

  // dirty seeds and component scratch
  private readonly seedClasses: number[] = [];
  private readonly seedLinks: number[] = [];
  private epoch = 0;
  private linkStamp = new Uint32Array(64);
  private linkLocal = new Int32Array(64);
  private compClasses = new Int32Array(64);
  private compLinks = new Int32Array(64);
  /** Solver adjacency: local link i's classes (local indices) are members[memberStart[i] .. memberStart[i+1]). */
  private memberStart = new Int32Array(65);
  private members = new Int32Array(256);
  /** Local index of a class in the component being solved. */
  private clsLocal = new Int32Array(64);
  /** Per local link: load of the classes below the restart level (kept at their rates). */
  private fixedLoad = new Float64Array(64);
  /** Smallest rate of a class that lost flows since the last recomputation (0 after an arrival). */
  private restartLevel = Infinity;
  private solveWeight = new Float64Array(64);
  private solveRate = new Float64Array(64);
  private solvePathStart = new Int32Array(65);
  private solvePathLinks = new Int32Array(256);
  private solveCap = new Float64Array(64);
  private solveLoad = new Float64Array(64);

  private readonly updateKind: number;
  private readonly completionKind: number;
  private updatePending = false;
  private completionHandle = -1;
  private completionAtS = Infinity;

  private active = 0;
  private completed = 0;
  private recomputations = 0;
  private classesSolved = 0;
  private linksSolved = 0;
  private networkEvents = 0;

  constructor(sim: Simulator, topology: Topology) {
    super(sim, topology);
    this.cls = new FlowClasses(this.links);
    this.updateKind = sim.registerKind(() => this.onUpdate(), 'network.update');
    this.completionKind = sim.registerKind(() => this.onCompletion(), 'network.completion');
  }

  get activeFlowCount(): number {
    return this.active;
  }

  startFlow(src: number, dst: number, bytes: number, notifyKind: number, notifyA = 0, salt?: number): number {
    checkStartFlow(this.sim, this.topology, src, dst, bytes, notifyKind, notifyA, salt);
    const now = this.sim.now;
    const hops = this.route(src, dst, salt);
    const flows = this.flows;
    const f = flows.add(now, bytes, notifyKind, notifyA);
    if (hops === 0 || bytes === 0) {
      // no bandwidth used: completes after the path latency alone
      let latencyS = 0;
      for (let i = 0; i < hops; i++) latencyS += this.topology.linkLatencyS(this.router.links[i]!);
      flows.endS[f] = now + latencyS;
      this.completed++;
      this.sim.schedule(latencyS, notifyKind, notifyA, f);
      return f;
    }
    const c = this.cls.classFor(this.router.links, hops, now);
    this.cls.advance(c, now);
    flows.target[f] = this.cls.served[c]! + bytes;
    flows.cls[f] = c;
    const heap = this.cls.flows[c]!;
    heapPush(heap, f, flows.target);
    this.cls.nextTarget[c] = flows.target[heap[0]!]!;
    this.cls.weight[c]!++;
    this.cls.dueDirty[c] = 1;
    this.active++;
    this.seedClasses.push(c);
    this.restartLevel = 0;
    if (!this.updatePending) {
      this.updatePending = true;
      this.sim.schedule(0, this.updateKind, 0, 0);
    }
    return f;
  }

  protected rateOf(flow: number): number {
    if (!Number.isNaN(this.flows.endS[flow]!)) return 0;
    return this.cls.rate[this.flows.cls[flow]!]!;
  }

  protected bytesCarriedBy(link: number): number {
    return this.links.bytesCarried(link, this.sim.now);
  }

  protected busySOf(link: number): number {
    return this.links.busy(link, this.sim.now);
  }

  protected loadOf(link: number): number {
    const s = this.links.find(link);
    return s < 0 ? 0 : this.links.load[s]!;
  }

  counters(): NetworkCounters {
    return {
      flowsStarted: this.flows.count,
      flowsCompleted: this.completed,
      recomputations: this.recomputations,
      classesSolved: this.classesSolved,
      linksSolved: this.linksSolved,
      networkEvents: this.networkEvents,
      activeClasses: this.cls.active,
      linksTouched: this.links.count,
    };
  }

  // ---- events ---------------------------------------------------------------------------------

  private onUpdate(): void {
    this.networkEvents++;
    this.updatePending = false;
    this.recompute();
    this.rescheduleCompletion();
  }

  private onCompletion(): void {
    this.networkEvents++;
    this.completionHandle = -1;
    this.completionAtS = NaN; // forces a fresh schedule below
    const now = this.sim.now;
    const limit = now + now * TIME_EPSILON_REL;
    const due = this.due, flows = this.flows, target = flows.target;
    while (due.length > 0 && due.peekKey() <= limit) {
      const c = due.pop();
      this.cls.advance(c, now);
      if (this.cls.rate[c]! < this.restartLevel) this.restartLevel = this.cls.rate[c]!;
      const heap = this.cls.flows[c]!;
      const served = this.cls.served[c]!;
      // flows finishing within the tolerance window are done now (snap tiny remainders)
      const snapBytes = this.cls.rate[c]! * (limit - now);
      do {
        this.finishFlow(heapPop(heap, target), c, now);
      } while (heap.length > 0 && target[heap[0]!]! - served <= snapBytes);
      if (this.cls.weight[c] === 0) this.freeClass(c);
      else {
        this.cls.nextTarget[c] = target[heap[0]!]!;
        this.cls.dueDirty[c] = 1;
        this.seedClasses.push(c);
      }
    }
    this.recompute();
    this.rescheduleCompletion();
  }

  private finishFlow(f: number, c: number, now: number): void {
    const latencyS = this.cls.latencyS[c]!;
    this.flows.endS[f] = now + latencyS;
    this.cls.weight[c]!--;
    this.active--;
    this.completed++;
    this.sim.schedule(latencyS, this.flows.notifyKind[f]!, this.flows.notifyA[f]!, f);
  }

  private rescheduleCompletion(): void {
    const t = this.due.peekKey();
    if (t === this.completionAtS) return;
    if (this.completionHandle >= 0) this.sim.cancel(this.completionHandle);
    this.completionAtS = t;
    if (t === Infinity) {
      this.completionHandle = -1;
      return;
    }
    const now = this.sim.now;
    this.completionHandle = this.sim.scheduleAt(t > now ? t : now, this.completionKind, 0, 0);
  }

  // ---- component recomputation ------------------------------------------------------------------

  /**
   * Max-min on the part of the component(s) of the dirty classes and links whose rates can change.
   *
   * Restart level: progressive filling freezes classes in increasing order of rate. A departure of
   * flows whose class ran at rate x changes nothing below x (every link of that class saturates at
   * x or above, and the filling below x sees the same links and classes), so classes with a rate
   * below the batch's smallest departing rate keep their rates and only consume fixed capacity.
   * The search therefore only continues through classes at or above that level, and the solver
   * runs on them with each link's capacity minus the fixed load of the others. This is exact: the
   * max-min allocation restricted to a set of classes, the others held at their max-min rates, is
   * the max-min allocation of the residual problem (the bottleneck condition carries over and the
   * allocation is unique). Arrivals restart from level 0 (their component is solved in full).
   */
  private recompute(): void {
    if (this.seedClasses.length === 0 && this.seedLinks.length === 0) return;
    const now = this.sim.now;
    const links = this.links;
    // include classes within a hair below the level too: including more is always exact
    const level = this.restartLevel * (1 - RESTART_LEVEL_SLACK);
    this.restartLevel = Infinity;
    this.reserveComponent();
    const epoch = this.nextEpoch();
    const clsStamp = this.cls.stamp, linkStamp = this.linkStamp, linkLocal = this.linkLocal;
    const clsRate = this.cls.rate, clsWeight = this.cls.weight;
    const compC = this.compClasses, compL = this.compLinks, fixedLoad = this.fixedLoad;
    const pool = this.cls.pathPool, clsPathStart = this.cls.pathStart, clsPathLen = this.cls.pathLen;
    let nC = 0, nL = 0;
    const clsLocal = this.clsLocal, memStart = this.memberStart, mem = this.members;
    let nM = 0;
    for (let i = 0; i < this.seedClasses.length; i++) {
      const c = this.seedClasses[i]!;
      if (clsWeight[c]! > 0 && clsStamp[c] !== epoch) {
        clsStamp[c] = epoch;
        clsLocal[c] = nC;
        compC[nC++] = c;
      }
    }
    for (let i = 0; i < this.seedLinks.length; i++) {
      const s = this.seedLinks[i]!;
      if (linkStamp[s] !== epoch) {
        linkStamp[s] = epoch;
        linkLocal[s] = nL;
        compL[nL++] = s;
      }
    }
    this.seedClasses.length = 0;
    this.seedLinks.length = 0;
    // breadth-first over class -> links -> classes at or above the restart level; the scan of a
    // link's classes also writes the solver's link -> classes adjacency (local indices)
    let ic = 0, il = 0;
    while (ic < nC || il < nL) {
      while (ic < nC) {
        const c = compC[ic++]!;
        for (let p = clsPathStart[c]!, pe = p + clsPathLen[c]!; p < pe; p++) {
          const s = pool[p]!;
          if (linkStamp[s] !== epoch) {
            linkStamp[s] = epoch;
            linkLocal[s] = nL;
            compL[nL++] = s;
          }
        }
      }
      while (il < nL) {
        const members = links.classes[compL[il]!]!;
        let fixed = 0;
        memStart[il] = nM;
        for (let j = 0; j < members.length; j++) {
          const c = members[j]!;
          if (clsStamp[c] !== epoch) {
            if (clsRate[c]! < level) {
              fixed += clsWeight[c]! * clsRate[c]!;
              continue;
            }
            clsStamp[c] = epoch;
            clsLocal[c] = nC;
            compC[nC++] = c;
          }
          mem[nM++] = clsLocal[c]!;
        }
        fixedLoad[il++] = fixed;
      }
    }
    // gather into the solver's local numbering, integrating link counters up to now first
    let pathTotal = 0;
    for (let k = 0; k < nC; k++) pathTotal += clsPathLen[compC[k]!]!;
    this.reserveSolve(nC, nL, pathTotal);
    const cap = this.solveCap, weight = this.solveWeight, pStart = this.solvePathStart, pLinks = this.solvePathLinks;
    for (let i = 0; i < nL; i++) {
      const s = compL[i]!;
      links.advance(s, now);
      const residual = links.capacity[s]! - fixedLoad[i]!;
      cap[i] = residual > 0 ? residual : 0;
    }
    let p = 0;
    for (let k = 0; k < nC; k++) {
      const c = compC[k]!;
      weight[k] = clsWeight[c]!;
      pStart[k] = p;
      for (let j = clsPathStart[c]!, je = j + clsPathLen[c]!; j < je; j++) pLinks[p++] = linkLocal[pool[j]!]!;
    }
    pStart[nC] = p;
    memStart[nL] = nM;
    this.solver.solveWithMembers(nC, nL, weight, pStart, pLinks, memStart, mem, cap, this.solveRate, this.solveLoad);
    for (let i = 0; i < nL; i++) links.load[compL[i]!] = fixedLoad[i]! + this.solveLoad[i]!;
    const nextTarget = this.cls.nextTarget, dueDirty = this.cls.dueDirty;
    let smallest = Infinity;
    for (let k = 0; k < nC; k++) {
      const c = compC[k]!;
      const rate = this.solveRate[k]!;
      if (rate < smallest) smallest = rate;
      if (rate === clsRate[c] && dueDirty[c] === 0) continue; // same rate, same first flow: same finish
      this.cls.advance(c, now); // at the old rate, up to now
      clsRate[c] = rate;
      dueDirty[c] = 0;
      this.due.set(c, now + (nextTarget[c]! - this.cls.served[c]!) / rate);
    }
    // a class with flows and no rate would never finish: a bug, not a state to carry on from
    if (!(smallest > 0)) throw networkErrors.internal(`a flow class got rate ${smallest} at t = ${now} s`);
    this.recomputations++;
    this.classesSolved += nC;
    this.linksSolved += nL;
  }

  private nextEpoch(): number {
    if (this.epoch === 0xffffffff) {
      this.epoch = 0;
      this.cls.stamp.fill(0);
      this.linkStamp.fill(0);
    }
    return ++this.epoch;
  }

  private freeClass(c: number): void {
    this.due.remove(c);
    this.cls.free(c, this.seedLinks);
  }

  // ---- storage ----------------------------------------------------------------------------------

  private reserveComponent(): void {
    if (this.compClasses.length < this.cls.high) {
      const n = grownSize(this.compClasses.length, this.cls.high);
      this.compClasses = new Int32Array(n);
      this.clsLocal = new Int32Array(n);
    }
    // every membership is a path entry of a live class, all of which sit below the pool's top
    if (this.members.length < this.cls.pathTop) this.members = new Int32Array(grownSize(this.members.length, this.cls.pathTop));
    if (this.memberStart.length < this.links.count + 1) this.memberStart = new Int32Array(grownSize(this.memberStart.length, this.links.count + 1));
    const nl = this.links.count;
    if (this.compLinks.length < nl) {
      const n = grownSize(this.compLinks.length, nl);
      this.compLinks = new Int32Array(n);
      this.linkLocal = new Int32Array(n);
      this.fixedLoad = new Float64Array(n);
      const stamp = new Uint32Array(n);
      stamp.set(this.linkStamp);
      this.linkStamp = stamp;
    }
  }

  private reserveSolve(nC: number, nL: number, pathTotal: number): void {
    if (this.solveWeight.length < nC) {
      const n = grownSize(this.solveWeight.length, nC);
      this.solveWeight = new Float64Array(n);
      this.solveRate = new Float64Array(n);
      this.solvePathStart = new Int32Array(n + 1);
    }
    if (this.solveCap.length < nL) {
      const n = grownSize(this.solveCap.length, nL);
      this.solveCap = new Float64Array(n);
      this.solveLoad = new Float64Array(n);
    }
    if (this.solvePathLinks.length < pathTotal) this.solvePathLinks = new Int32Array(grownSize(this.solvePathLinks.length, pathTotal));
  }
}
