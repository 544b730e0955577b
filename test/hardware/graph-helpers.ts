/** Test helpers: brute-force graph checks over a Topology's explicit links (small systems only). */
import type { Topology } from '../../src/hardware/types.js';

/** Out-links of every node, from linkSrc over all links (the naive reference). */
export function adjacency(t: Topology, skip: (l: number) => boolean = () => false): number[][] {
  const adj: number[][] = Array.from({ length: t.nodeCount }, () => []);
  for (let l = 0; l < t.linkCount; l++) if (!skip(l)) adj[t.linkSrc(l)]!.push(l);
  return adj;
}

/** Shortest hop distances from `src` to every node by breadth-first search (-1 unreachable). */
export function bfsDistances(t: Topology, adj: number[][], src: number): Int32Array {
  const dist = new Int32Array(t.nodeCount).fill(-1);
  dist[src] = 0;
  const q = [src];
  for (let i = 0; i < q.length; i++) {
    const n = q[i]!;
    for (const l of adj[n]!) {
      const m = t.linkDst(l);
      if (dist[m] === -1) {
        dist[m] = dist[n]! + 1;
        q.push(m);
      }
    }
  }
  return dist;
}

/** Routes src -> dst and checks it is a path: consecutive links connect, it starts at src and ends at dst. */
const routeBuffer = new Int32Array(256);

export function checkedRoute(t: Topology, src: number, dst: number, salt = 0): number[] {
  const out = routeBuffer;
  const h = t.route(src, dst, out, salt);
  const links = Array.from(out.subarray(0, h));
  let cur = src;
  for (const l of links) {
    if (t.linkSrc(l) !== cur) throw new Error(`route ${src}->${dst}: link ${l} starts at ${t.linkSrc(l)}, expected ${cur}`);
    cur = t.linkDst(l);
  }
  if (cur !== dst) throw new Error(`route ${src}->${dst} ends at ${cur}`);
  return links;
}
