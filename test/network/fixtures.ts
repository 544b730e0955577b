/**
 * Hand-made Topology implementations for network tests: a line, a star (one switch) and an
 * explicit-path graph. Links are directed; routes are fixed (salt ignored) unless stated.
 */
import type { LinkInfo, LinkKind, Topology } from '../../src/hardware/types.js';

export interface FixtureLink {
  src: number;
  dst: number;
  bytesPerSecond: number;
  latencyS: number;
}

/** A topology from a link list and a routing function returning link ids (throws if unreachable). */
export class ExplicitTopology implements Topology {
  readonly linkCount: number;
  constructor(
    readonly chipCount: number,
    readonly nodeCount: number,
    private readonly links: FixtureLink[],
    private readonly routeFn: (src: number, dst: number, salt: number) => number[],
  ) {
    this.linkCount = links.length;
  }
  linkBytesPerSecond(l: number): number {
    return this.links[l]!.bytesPerSecond;
  }
  linkLatencyS(l: number): number {
    return this.links[l]!.latencyS;
  }
  linkSrc(l: number): number {
    return this.links[l]!.src;
  }
  linkDst(l: number): number {
    return this.links[l]!.dst;
  }
  linkKind(): LinkKind {
    return 'neuronlink';
  }
  link(l: number): LinkInfo {
    const k = this.links[l]!;
    return { id: l, src: k.src, dst: k.dst, kind: 'neuronlink', bytesPerSecond: k.bytesPerSecond, latencyS: k.latencyS, name: `l${l}` };
  }
  route(src: number, dst: number, out: Int32Array, salt = 0): number {
    if (src === dst) return 0;
    const path = this.routeFn(src, dst, salt);
    for (let i = 0; i < path.length && i < out.length; i++) out[i] = path[i]!;
    return path.length;
  }
  hopCount(src: number, dst: number): number {
    return src === dst ? 0 : this.routeFn(src, dst, 0).length;
  }
  diameter(): number {
    let d = 0;
    for (let a = 0; a < this.chipCount; a++) for (let b = 0; b < this.chipCount; b++) d = Math.max(d, this.hopCount(a, b));
    return d;
  }
  bisectionBytesPerSecond(): number {
    return NaN;
  }
}

/**
 * Chips 0..n-1 in a line; link 2i goes i -> i+1, link 2i+1 goes i+1 -> i. Route: straight along.
 */
export function lineTopology(n: number, bytesPerSecond: number, latencyS: number): ExplicitTopology {
  const links: FixtureLink[] = [];
  for (let i = 0; i + 1 < n; i++) {
    links.push({ src: i, dst: i + 1, bytesPerSecond, latencyS });
    links.push({ src: i + 1, dst: i, bytesPerSecond, latencyS });
  }
  return new ExplicitTopology(n, n, links, (s, d) => {
    const path: number[] = [];
    if (s < d) for (let i = s; i < d; i++) path.push(2 * i);
    else for (let i = s - 1; i >= d; i--) path.push(2 * i + 1);
    return path;
  });
}

/**
 * n chips around one switch (node n); link 2c: chip c -> switch (uplink), 2c+1: switch -> chip c.
 * `removed` chips' uplinks are gone: routes from them throw (a partition).
 */
export function starTopology(n: number, bytesPerSecond: number, latencyS: number, removedUplinks: number[] = []): ExplicitTopology {
  const links: FixtureLink[] = [];
  for (let c = 0; c < n; c++) {
    links.push({ src: c, dst: n, bytesPerSecond, latencyS });
    links.push({ src: n, dst: c, bytesPerSecond, latencyS });
  }
  return new ExplicitTopology(n, n + 1, links, (s, d) => {
    if (removedUplinks.includes(s)) throw new Error(`chip ${s} has no working uplink`);
    return [2 * s, 2 * d + 1];
  });
}

/**
 * The textbook-style max-min example: three links, four flows (each flow i goes from chip i to
 * chip 4 + i along a fixed path).
 *   link 0: capacity 1, link 1: capacity 2, link 2: capacity 1.5 (bytes/s; latency 0)
 *   flow A: links 0, 1   flow B: link 0   flow C: links 1, 2   flow D: link 2
 * Progressive filling: link 0 saturates first at 1/2 (A, B), then link 2 at 0.75 (C, D); link 1
 * carries 1.25 of 2. Max-min rates: A = B = 0.5, C = D = 0.75.
 */
export const TEXTBOOK = {
  capacities: [1, 2, 1.5],
  paths: [[0, 1], [0], [1, 2], [2]],
  rates: [0.5, 0.5, 0.75, 0.75],
  loads: [1, 1.25, 1.5],
};

export function textbookTopology(): ExplicitTopology {
  const links: FixtureLink[] = TEXTBOOK.capacities.map((c, i) => ({ src: 8 + i, dst: 9 + i, bytesPerSecond: c, latencyS: 0 }));
  return new ExplicitTopology(8, 12, links, (s, d) => {
    if (d !== s + 4 || s > 3) throw new Error(`no route ${s} -> ${d}`);
    return TEXTBOOK.paths[s]!;
  });
}
