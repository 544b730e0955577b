/**
 * Slow-step episodes (stragglers, link flaps) as a Poisson process of fixed-length episodes on
 * the engine: an M/D/infinity count of open episodes. The job starts in the stationary state
 * (Poisson(rate x duration) episodes open, each with a uniform remaining time), so a short job
 * sees the same share of slow steps as a long one.
 */
import type { RandomStream, Simulator } from '../../engine/index.js';
import type { SlowEpisodes } from './types.js';

/** A Poisson(mean) draw: Knuth's product of uniforms below 30, a rounded normal above (the error is negligible there). */
export function poissonDraw(mean: number, rng: RandomStream): number {
  if (mean <= 0) return 0;
  if (mean < 30) {
    const limit = Math.exp(-mean);
    let k = 0;
    let p = rng.next();
    while (p > limit) {
      k++;
      p *= rng.next();
    }
    return k;
  }
  return Math.max(0, Math.round(rng.normal(mean, Math.sqrt(mean))));
}

/** Open episodes of one kind, kept on the engine; `onChange` runs whenever the count changes. */
export class EpisodeProcess {
  open = 0;
  private readonly startKind: number;
  private readonly endKind: number;

  constructor(
    private readonly sim: Simulator,
    private readonly spec: SlowEpisodes,
    private readonly rng: RandomStream,
    private readonly onChange: () => void,
    name: string,
  ) {
    this.startKind = sim.registerKind(() => this.start(), `${name}-start`);
    this.endKind = sim.registerKind(() => this.end(), `${name}-end`);
  }

  /** Opens the stationary episodes and schedules the first arrival. */
  begin(): void {
    if (!(this.spec.episodesPerSecond > 0)) return;
    const initial = poissonDraw(this.spec.episodesPerSecond * this.spec.durationS, this.rng);
    for (let i = 0; i < initial; i++) {
      this.open++;
      this.sim.schedule(this.rng.next() * this.spec.durationS, this.endKind);
    }
    this.sim.schedule(this.rng.exponential(this.spec.episodesPerSecond), this.startKind);
  }

  private start(): void {
    this.open++;
    this.sim.schedule(this.spec.durationS, this.endKind);
    this.sim.schedule(this.rng.exponential(this.spec.episodesPerSecond), this.startKind);
    if (this.open === 1) this.onChange();
  }

  private end(): void {
    this.open--;
    if (this.open === 0) this.onChange();
  }
}
