/**
 * Alpha-beta (latency-bandwidth) mode: every flow completes at
 *   t = sum of the path's link latencies + bytes / (smallest link bandwidth on the path),
 * as if it were alone on the fabric. No sharing, no recomputation: one engine event per flow (the
 * caller's notification), for very large sweeps. With nothing shared this equals the flow mode
 * exactly (docs/network.md). `alphaBetaTransferS` answers the same question without a simulator.
 */
import type { Topology } from '../hardware/types.js';
import type { NetworkCounters } from './types.js';
import { RouteBuffer } from './routing.js';
import { networkErrors } from './errors.js';
import { checkStartFlow } from './validate.js';
import { NetworkBase } from './network-base.js';

/** One route buffer per topology, so repeated calls (a collective's pairs) allocate nothing. */
const routers = new WeakMap<Topology, RouteBuffer>();

/**
 * Seconds to move `bytes` from chip `src` to chip `dst` alone on the topology:
 * latency (sum over the route's links) + bytes / bottleneck bandwidth; 0 when src === dst.
 * `salt` picks the equal-cost path as the network would (default 0).
 */
export function alphaBetaTransferS(topology: Topology, src: number, dst: number, bytes: number, salt = 0): number {
  const n = topology.chipCount;
  if (!(Number.isInteger(src) && src >= 0 && src < n)) throw networkErrors.badChip('alphaBetaTransferS', 'src', src, n);
  if (!(Number.isInteger(dst) && dst >= 0 && dst < n)) throw networkErrors.badChip('alphaBetaTransferS', 'dst', dst, n);
  if (!(bytes >= 0 && bytes < Infinity)) throw networkErrors.badBytes('alphaBetaTransferS', bytes);
  if (src === dst) return 0;
  let router = routers.get(topology);
  if (router === undefined) {
    router = new RouteBuffer(topology);
    routers.set(topology, router);
  }
  const hops = router.route(src, dst, salt);
  return pathTimeS(topology, router.links, hops, bytes);
}

/** latency sum + bytes / bottleneck over links[0..hops). */
function pathTimeS(topology: Topology, links: Int32Array, hops: number, bytes: number): number {
  let latencyS = 0;
  let bottleneck = Infinity;
  for (let i = 0; i < hops; i++) {
    const l = links[i]!;
    latencyS += topology.linkLatencyS(l);
    const bw = topology.linkBytesPerSecond(l);
    if (bw < bottleneck) bottleneck = bw;
  }
  return bytes === 0 || hops === 0 ? latencyS : latencyS + bytes / bottleneck;
}

export class AlphaBetaNetwork extends NetworkBase {
  readonly mode = 'alpha-beta' as const;
  /** Per link slot: end of the union of busy intervals so far (starts are monotone in time). */
  private busyUntil = new Float64Array(64);
  private rate = new Float64Array(256);
  private completedBy = 0;

  /** Flows whose last byte has not left yet (their end time is known at the start). */
  get activeFlowCount(): number {
    const now = this.sim.now, endS = this.flows.endS;
    while (this.completedBy < this.flows.count && endS[this.completedBy]! <= now) this.completedBy++;
    // a diagnostic, O(flows since the oldest unfinished one): alpha-beta keeps no active set
    let n = 0;
    for (let f = this.completedBy; f < this.flows.count; f++) if (endS[f]! > now) n++;
    return n;
  }

  startFlow(src: number, dst: number, bytes: number, notifyKind: number, notifyA = 0, salt?: number): number {
    checkStartFlow(this.sim, this.topology, src, dst, bytes, notifyKind, notifyA, salt);
    const now = this.sim.now;
    const hops = this.route(src, dst, salt);
    const f = this.flows.add(now, bytes, notifyKind, notifyA);
    const links = this.router.links;
    const durationS = pathTimeS(this.topology, links, hops, bytes);
    this.flows.endS[f] = now + durationS;
    if (f >= this.rate.length) {
      const r = new Float64Array(this.rate.length * 2);
      r.set(this.rate);
      this.rate = r;
    }
    // bytes are counted on every link when the flow starts; busy time is the union of
    // [start, start + bytes / bottleneck) intervals (exact because starts never go back in time)
    if (bytes > 0 && hops > 0) {
      let bottleneck = Infinity;
      for (let i = 0; i < hops; i++) bottleneck = Math.min(bottleneck, this.topology.linkBytesPerSecond(links[i]!));
      this.rate[f] = bottleneck;
      const endBytesS = now + bytes / bottleneck;
      for (let i = 0; i < hops; i++) {
        const s = this.links.slot(links[i]!, now);
        if (s >= this.busyUntil.length) {
          const b = new Float64Array(this.busyUntil.length * 2);
          b.set(this.busyUntil);
          this.busyUntil = b;
        }
        this.links.bytes[s]! += bytes;
        const from = this.busyUntil[s]! > now ? this.busyUntil[s]! : now;
        if (endBytesS > from) {
          this.links.busyS[s]! += endBytesS - from;
          this.busyUntil[s] = endBytesS;
        }
      }
    }
    this.sim.schedule(durationS, notifyKind, notifyA, f);
    return f;
  }

  protected rateOf(flow: number): number {
    const rate = this.rate[flow]!;
    // the bytes have left at start + bytes / rate; the latency tail carries none
    return rate > 0 && this.flows.startS[flow]! + this.flows.bytes[flow]! / rate > this.sim.now ? rate : 0;
  }

  /** Bytes of the flows that have crossed the link, counted when each flow starts. */
  protected bytesCarriedBy(link: number): number {
    const s = this.links.find(link);
    return s < 0 ? 0 : this.links.bytes[s]!;
  }

  /** Length of the union of the link's busy intervals up to now. */
  protected busySOf(link: number): number {
    const s = this.links.find(link);
    if (s < 0) return 0;
    // every interval started at or before now, so the union's part after now is [now, busyUntil)
    const ahead = this.busyUntil[s]! - this.sim.now;
    return this.links.busyS[s]! - (ahead > 0 ? ahead : 0);
  }

  /** No sharing is modelled: always 0. */
  protected loadOf(): number {
    return 0;
  }

  counters(): NetworkCounters {
    let completed = 0;
    const now = this.sim.now;
    for (let f = 0; f < this.flows.count; f++) if (this.flows.endS[f]! <= now) completed++;
    return {
      flowsStarted: this.flows.count,
      flowsCompleted: completed,
      recomputations: 0,
      classesSolved: 0,
      linksSolved: 0,
      networkEvents: 0,
      activeClasses: 0,
      linksTouched: this.links.count,
    };
  }
}
