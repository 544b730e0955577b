/**
 * A collective as a schedule of steps. A step is a set of transfers between members (group
 * indices) that run together; the next step starts when all of them are done (the barrier the
 * runtime's semaphores impose). Transfers between members on one chip move through HBM (DMA time
 * only); the others become flows on the FlowNetwork, merged per (source chip, destination chip).
 */
import type { AlgorithmName } from './types.js';

/** How a step's data is processed (which throughput bounds its DMA time). */
export const enum StepWork {
  /** Data moved (and reduced inline) by the DMA engines. */
  Dma = 0,
  /** Pieces received from many peers and reduced on the CC cores (mesh reduce steps). */
  CcReduce = 1,
}

export interface Step {
  count: number;
  from: Int32Array;
  to: Int32Array;
  bytes: Float64Array;
  /** Multiplies the DMA work of the step (KangaRing's 1R2W saving). */
  dmaFactor: number;
  work: StepWork;
  /**
   * Bytes every member sends to every other member in this step, on top of the listed transfers
   * (mesh and all-to-all): kept implicit so a 256-rank mesh step is not 65,280 entries.
   */
  allPairsBytes: number;
  /** How many identical copies of this step run back to back (the steps of one ring phase). */
  repeat: number;
}

export interface Schedule {
  readonly algorithm: AlgorithmName;
  readonly steps: Step[];
}

export class ScheduleBuilder {
  readonly steps: Step[] = [];
  private cur: Step | undefined;

  constructor(readonly algorithm: AlgorithmName) {}

  /** Opens a new step. */
  step(dmaFactor = 1, work: StepWork = StepWork.Dma, repeat = 1): this {
    this.cur = { count: 0, from: new Int32Array(8), to: new Int32Array(8), bytes: new Float64Array(8), dmaFactor, work, allPairsBytes: 0, repeat };
    this.steps.push(this.cur);
    return this;
  }

  /** Member `from` sends `bytes` to member `to`; a send to itself is dropped unless `selfCopy` (a local HBM copy). */
  send(from: number, to: number, bytes: number, selfCopy = false): void {
    const s = this.cur!;
    if ((from === to && !selfCopy) || bytes <= 0) return;
    if (s.count === s.from.length) {
      const n = s.count * 2;
      const f = new Int32Array(n), t = new Int32Array(n), b = new Float64Array(n);
      f.set(s.from);
      t.set(s.to);
      b.set(s.bytes);
      s.from = f;
      s.to = t;
      s.bytes = b;
    }
    s.from[s.count] = from;
    s.to[s.count] = to;
    s.bytes[s.count] = bytes;
    s.count++;
  }

  /** Every member sends `bytes` to every other member in the current step. */
  allPairs(bytes: number): void {
    if (bytes > 0) this.cur!.allPairsBytes += bytes;
  }

  build(): Schedule {
    // steps with nothing to send (a 1-member ring) are dropped
    return { algorithm: this.algorithm, steps: this.steps.filter((s) => (s.count > 0 || s.allPairsBytes > 0) && s.repeat > 0) };
  }
}

/** A ring: members in order, carrying `share` of the data (bidirectional rings use two at 1/2). */
export interface Ring {
  readonly order: readonly number[];
  readonly share: number;
}

/**
 * `steps` ring steps on every ring at once: in each step every member sends share x chunkBytes to
 * the next member of each ring it belongs to.
 */
export function ringSteps(b: ScheduleBuilder, rings: readonly Ring[], steps: number, chunkBytes: number, dmaFactor = 1): void {
  if (steps <= 0) return;
  // every step of a ring phase moves the same pattern: one step repeated `steps` times
  b.step(dmaFactor, StepWork.Dma, steps);
  for (const r of rings) {
    const n = r.order.length;
    if (n < 2) continue;
    for (let i = 0; i < n; i++) b.send(r.order[i]!, r.order[(i + 1) % n]!, r.share * chunkBytes);
  }
}

/** The order reversed (the other direction of a ring). */
export function reversed(order: readonly number[]): number[] {
  return [...order].reverse();
}
