/**
 * The flows of one class in a binary min-heap ordered by (target, flow id), kept in a plain
 * number[] per class (targets live in the FlowTable's Float64Array). The first flow decides the
 * class's next completion.
 *
 * Why not indexed-heap.ts: these heaps only push and pop (a flow's target never changes and a flow
 * leaves only from the top), so they keep no position per flow. Folded into IndexedMinHeap (every
 * class's heap sharing one position array over flow ids) a push or pop cost 118-128 ns instead of
 * 67-104 ns (4,000 heaps of 25 flows, 2e6 pops and pushes, measured while the machine was loaded),
 * about 5 % of the 64-chip, 100,000-equal-flows network benchmark: below that benchmark's noise,
 * but a cost on the hot path with nothing gained, so the two stay apart.
 */
export function heapPush(heap: number[], f: number, key: Float64Array): void {
  let i = heap.length;
  heap.push(f);
  const kf = key[f]!;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const pf = heap[parent]!;
    const kp = key[pf]!;
    if (kp < kf || (kp === kf && pf < f)) break;
    heap[i] = pf;
    i = parent;
  }
  heap[i] = f;
}

export function heapPop(heap: number[], key: Float64Array): number {
  const top = heap[0]!;
  const last = heap.pop()!;
  const n = heap.length;
  if (n === 0) return top;
  const kl = key[last]!;
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= n) break;
    let c = l;
    const r = l + 1;
    if (r < n) {
      const kr = key[heap[r]!]!, kc = key[heap[l]!]!;
      if (kr < kc || (kr === kc && heap[r]! < heap[l]!)) c = r;
    }
    const cf = heap[c]!;
    const kc = key[cf]!;
    if (kl < kc || (kl === kc && last < cf)) break;
    heap[i] = cf;
    i = c;
  }
  heap[i] = last;
  return top;
}
