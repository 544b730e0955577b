/**
 * The peers' RNG (../shared/peers/README.md "RNG"): mulberry32 with 32-bit state and an
 * inverse-CDF Exp(1). The HOLD benchmark uses it so that trnsim draws exactly the numbers the C++,
 * SimPy and SimGrid peers draw and ends at the same time; other suites use `uniform` for seeded
 * workloads. Scenario randomness uses the engine's seedrandom streams instead.
 */
export class Mulberry32 {
  /** State as a signed int32 (the bits are what matter). */
  private s: number;

  constructor(seed: number) {
    this.s = seed | 0;
  }

  /** Next unsigned 32-bit integer. `+` and `*` wrap mod 2^32 (`| 0`, `Math.imul`), `>>>` is logical. */
  nextU32(): number {
    const s = (this.s = (this.s + 0x6d2b79f5) | 0);
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    // every t on the right is the old t: the sum of two int32 values is exact in a double and `^`
    // reduces it mod 2^32
    t = (t + Math.imul(t ^ (t >>> 7), t | 61)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Uniform in [0, 1): nextU32 / 2^32. */
  uniform(): number {
    return this.nextU32() / 4294967296;
  }

  /**
   * Exp(1): u = (next + 0.5) / 2^32 is exact in a double and strictly inside (0, 1). The step of
   * nextU32 is repeated here rather than called: a uint32 >= 2^30 returned from a call that V8 does
   * not inline is a heap number, and in the HOLD handler the engine's inlining budget may run out
   * before nextU32 (seen as 78-156 scavenges per 1e7 events in bench/gc-check.ts).
   */
  expo(): number {
    const s = (this.s = (this.s + 0x6d2b79f5) | 0);
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t = (t + Math.imul(t ^ (t >>> 7), t | 61)) ^ t;
    return -Math.log((((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296);
  }
}
