/**
 * Asks the Topology for a route into a reusable buffer (grown when a rerouted path is longer than
 * expected) and turns a partition into a clear UserInputError.
 */
import type { Topology } from '../hardware/types.js';
import { networkErrors } from './errors.js';

export class RouteBuffer {
  links: Int32Array;

  constructor(private readonly topology: Topology) {
    let diameter = 16;
    try {
      diameter = Math.max(diameter, topology.diameter());
    } catch {
      // a partitioned or huge topology may not know its diameter cheaply; the buffer grows anyway
    }
    this.links = new Int32Array(Math.max(64, 4 * diameter));
  }

  /** Routes src -> dst; returns the hop count, links in `this.links[0..hops)`. */
  route(src: number, dst: number, salt: number): number {
    let hops: number;
    for (;;) {
      try {
        hops = this.topology.route(src, dst, this.links, salt);
      } catch (e) {
        throw networkErrors.partitioned(src, dst, e instanceof Error ? e.message : String(e));
      }
      if (hops <= this.links.length) break;
      this.links = new Int32Array(hops * 2);
    }
    if (!(Number.isInteger(hops) && hops >= 0)) throw networkErrors.badRoute(src, dst, hops, 'hop count is not an integer >= 0');
    const n = this.topology.linkCount;
    for (let i = 0; i < hops; i++) {
      const l = this.links[i]!;
      if (!(l >= 0 && l < n)) throw networkErrors.badRoute(src, dst, hops, `link id ${l} is outside 0..${n - 1}`);
    }
    return hops;
  }
}
