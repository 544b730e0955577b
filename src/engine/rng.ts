/**
 * Named, deterministic random streams derived from one seed (docs/engine.md).
 *
 * Each stream is a seedrandom ARC4 generator keyed by `${seed}/${name}`, so adding a stream never
 * shifts the numbers another stream draws, and the same seed gives the same numbers on any machine.
 */
import seedrandom from 'seedrandom';

export interface RandomStream {
  /** Uniform in [0, 1), 53 bits. */
  next(): number;
  /** Exponential with the given rate (mean 1 / rate). */
  exponential(rate: number): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal (Box-Muller, one value per call; deterministic). */
  normal(mean?: number, sd?: number): number;
}

class SeededStream implements RandomStream {
  private readonly prng: seedrandom.PRNG;
  constructor(key: string) {
    this.prng = seedrandom(key);
  }
  next(): number {
    return this.prng.double();
  }
  exponential(rate: number): number {
    // 1 - u is in (0, 1], so the log is finite
    return -Math.log(1 - this.prng.double()) / rate;
  }
  int(n: number): number {
    return Math.floor(this.prng.double() * n);
  }
  normal(mean = 0, sd = 1): number {
    const u1 = 1 - this.prng.double();
    const u2 = this.prng.double();
    return mean + sd * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}

/** Derives a stream key from a seed and a name. Exported for sweeps that derive child seeds. */
export function streamKey(seed: number, name: string): string {
  return `${seed}/${name}`;
}

/** Derives an unsigned 32-bit child seed from a seed and a label (e.g. a replication index). */
export function deriveSeed(seed: number, label: string | number): number {
  const prng = seedrandom(`${seed}#${label}`);
  return prng.int32() >>> 0;
}

export class RngStreams {
  private readonly streams = new Map<string, RandomStream>();
  constructor(private readonly seed: number) {}
  get(name: string): RandomStream {
    let s = this.streams.get(name);
    if (!s) {
      s = new SeededStream(streamKey(this.seed, name));
      this.streams.set(name, s);
    }
    return s;
  }
}
