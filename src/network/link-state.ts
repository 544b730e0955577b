/**
 * Per-link state of a network, allocated lazily: a link gets a slot the first time a flow uses it,
 * so a network over a topology with millions of links costs nothing until traffic touches them.
 * Slots hold capacity and latency (read once from the Topology), the current load, and the lazily
 * integrated counters: bytes carried (integral of load) and busy time (time with load > 0).
 */
import type { Topology } from '../hardware/types.js';
import { grownSize } from './max-min.js';

export class LinkState {
  private readonly slotOf = new Map<number, number>();
  count = 0;
  topoId = new Int32Array(64);
  capacity = new Float64Array(64);
  latencyS = new Float64Array(64);
  /** Sum over active classes of weight x per-flow rate, bytes/s. */
  load = new Float64Array(64);
  /** Time up to which bytes and busy are integrated. */
  lastS = new Float64Array(64);
  bytes = new Float64Array(64);
  busyS = new Float64Array(64);
  /** Active classes crossing the link (flow mode only). */
  classes: number[][] = [];

  constructor(private readonly topology: Topology) {}

  /** Slot of a topology link, or -1 if no flow has used it. */
  find(link: number): number {
    return this.slotOf.get(link) ?? -1;
  }

  /** Slot of a topology link, created on first use (the clock value starts its integration). */
  slot(link: number, nowS: number): number {
    const s = this.slotOf.get(link);
    if (s !== undefined) return s;
    const i = this.count++;
    if (i === this.topoId.length) this.grow(i + 1);
    this.slotOf.set(link, i);
    this.topoId[i] = link;
    this.capacity[i] = this.topology.linkBytesPerSecond(link);
    this.latencyS[i] = this.topology.linkLatencyS(link);
    this.load[i] = 0;
    this.lastS[i] = nowS;
    this.bytes[i] = 0;
    this.busyS[i] = 0;
    this.classes.push([]);
    return i;
  }

  /** Integrates bytes and busy time of a slot up to nowS (call before its load changes). */
  advance(slot: number, nowS: number): void {
    const dt = nowS - this.lastS[slot]!;
    if (dt > 0) {
      const load = this.load[slot]!;
      if (load > 0) {
        this.bytes[slot]! += load * dt;
        this.busyS[slot]! += dt;
      }
      this.lastS[slot] = nowS;
    }
  }

  /** Topology ids of the slots, ascending. */
  touched(): number[] {
    return Array.from(this.topoId.subarray(0, this.count)).sort((a, b) => a - b);
  }

  bytesCarried(link: number, nowS: number): number {
    const s = this.find(link);
    if (s < 0) return 0;
    return this.bytes[s]! + this.load[s]! * (nowS - this.lastS[s]!);
  }

  busy(link: number, nowS: number): number {
    const s = this.find(link);
    if (s < 0) return 0;
    return this.busyS[s]! + (this.load[s]! > 0 ? nowS - this.lastS[s]! : 0);
  }

  private grow(min: number): void {
    const n = grownSize(this.topoId.length, min);
    const g64 = (a: Float64Array) => {
      const b = new Float64Array(n);
      b.set(a);
      return b;
    };
    const t = new Int32Array(n);
    t.set(this.topoId);
    this.topoId = t;
    this.capacity = g64(this.capacity);
    this.latencyS = g64(this.latencyS);
    this.load = g64(this.load);
    this.lastS = g64(this.lastS);
    this.bytes = g64(this.bytes);
    this.busyS = g64(this.busyS);
  }
}
