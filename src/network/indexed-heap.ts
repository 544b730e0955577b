/**
 * A binary min-heap over integer ids with a float64 key per id, stored in typed arrays, with
 * in-place key updates and removal by id (an "indexed" heap). The network uses one over link slots
 * (progressive filling picks the link that saturates first) and one over flow classes (the next
 * completion). Ties on the key break by the smaller id, so the order is total and runs are
 * deterministic. Grows by doubling; never allocates per operation otherwise.
 */
export class IndexedMinHeap {
  /** heap[i] = id at heap position i. */
  private heap: Int32Array;
  /** pos[id] = heap position of id, or -1 when id is not in the heap. */
  private pos: Int32Array;
  private keys: Float64Array;
  private size = 0;

  constructor(idCapacity = 64) {
    const cap = Math.max(4, idCapacity);
    this.heap = new Int32Array(cap);
    this.pos = new Int32Array(cap).fill(-1);
    this.keys = new Float64Array(cap);
  }

  get length(): number {
    return this.size;
  }

  has(id: number): boolean {
    return id < this.pos.length && this.pos[id]! >= 0;
  }

  key(id: number): number {
    return this.keys[id]!;
  }

  /** Smallest id, or -1 when empty. */
  peek(): number {
    return this.size > 0 ? this.heap[0]! : -1;
  }

  /** Key of the smallest id, or Infinity when empty. */
  peekKey(): number {
    return this.size > 0 ? this.keys[this.heap[0]!]! : Infinity;
  }

  /** Inserts id with key, or moves it if already present. */
  set(id: number, key: number): void {
    if (id >= this.pos.length) this.growIds(id + 1);
    const p = this.pos[id]!;
    if (p < 0) {
      if (this.size === this.heap.length) this.growHeap();
      this.keys[id] = key;
      const i = this.size++;
      this.heap[i] = id;
      this.pos[id] = i;
      this.up(i);
      return;
    }
    const old = this.keys[id]!;
    this.keys[id] = key;
    if (key < old) this.up(p);
    else if (key > old) this.down(p);
  }

  /** Removes and returns the smallest id, or -1 when empty. */
  pop(): number {
    if (this.size === 0) return -1;
    const top = this.heap[0]!;
    this.removeAt(0);
    return top;
  }

  /** Removes id if present. */
  remove(id: number): void {
    if (id >= this.pos.length) return;
    const p = this.pos[id]!;
    if (p >= 0) this.removeAt(p);
  }

  clear(): void {
    for (let i = 0; i < this.size; i++) this.pos[this.heap[i]!] = -1;
    this.size = 0;
  }

  private removeAt(p: number): void {
    const id = this.heap[p]!;
    this.pos[id] = -1;
    const last = --this.size;
    if (p === last) return;
    const moved = this.heap[last]!;
    this.heap[p] = moved;
    this.pos[moved] = p;
    this.down(p);
    this.up(this.pos[moved]!);
  }

  private less(a: number, b: number): boolean {
    const ka = this.keys[a]!, kb = this.keys[b]!;
    return ka < kb || (ka === kb && a < b);
  }

  private up(i: number): void {
    const heap = this.heap, pos = this.pos;
    const id = heap[i]!;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pid = heap[parent]!;
      if (!this.less(id, pid)) break;
      heap[i] = pid;
      pos[pid] = i;
      i = parent;
    }
    heap[i] = id;
    pos[id] = i;
  }

  private down(i: number): void {
    const heap = this.heap, pos = this.pos, n = this.size;
    const id = heap[i]!;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      if (r < n && this.less(heap[r]!, heap[l]!)) c = r;
      const cid = heap[c]!;
      if (!this.less(cid, id)) break;
      heap[i] = cid;
      pos[cid] = i;
      i = c;
    }
    heap[i] = id;
    pos[id] = i;
  }

  private growIds(min: number): void {
    let cap = this.pos.length * 2;
    while (cap < min) cap *= 2;
    const pos = new Int32Array(cap).fill(-1);
    pos.set(this.pos);
    this.pos = pos;
    const keys = new Float64Array(cap);
    keys.set(this.keys);
    this.keys = keys;
  }

  private growHeap(): void {
    const heap = new Int32Array(this.heap.length * 2);
    heap.set(this.heap);
    this.heap = heap;
  }
}
