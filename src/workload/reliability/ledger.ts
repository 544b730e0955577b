/**
 * Where the wall time of a long job went. Every interval of simulated time is booked exactly once:
 * running steps go to the open segment (work since the last checkpoint), which a checkpoint
 * commits (healthy step time -> useful, slow-step excess -> stragglers / linkFlaps) and a failure
 * throws away (all of it -> failures). So useful + lost = wall by construction of the bookings,
 * and a test checks it against the simulated clock.
 */
import type { LostTime } from './types.js';

/** Why a step ran slower than the healthy step. */
export const SLOW_NONE = 0;
export const SLOW_STRAGGLER = 1;
export const SLOW_LINK_FLAP = 2;
export type SlowCause = typeof SLOW_NONE | typeof SLOW_STRAGGLER | typeof SLOW_LINK_FLAP;

export class JobLedger {
  useful = 0;
  failures = 0;
  checkpoints = 0;
  restarts = 0;
  stragglers = 0;
  linkFlaps = 0;
  waitingForSpares = 0;
  committedSteps = 0;
  // the open segment: work since the last checkpoint
  private segHealthyS = 0;
  private segStragglerS = 0;
  private segFlapS = 0;
  private segSteps = 0;

  /** Wall time of running since the last checkpoint. */
  get segmentS(): number {
    return this.segHealthyS + this.segStragglerS + this.segFlapS;
  }

  /** Steps done, committed or not. */
  get stepsDone(): number {
    return this.committedSteps + this.segSteps;
  }

  /**
   * Books `elapsedS` of running at `stepS` per step (healthy step `healthyStepS`), `steps` of them
   * complete: the healthy share of the time is work, the rest is the slow cause's.
   */
  addRunning(elapsedS: number, steps: number, healthyStepS: number, stepS: number, cause: SlowCause): void {
    const healthy = cause === SLOW_NONE ? elapsedS : (elapsedS * healthyStepS) / stepS;
    this.segHealthyS += healthy;
    if (cause === SLOW_STRAGGLER) this.segStragglerS += elapsedS - healthy;
    else if (cause === SLOW_LINK_FLAP) this.segFlapS += elapsedS - healthy;
    this.segSteps += steps;
  }

  /** A checkpoint completed (or the job ended): the open segment is kept. */
  commit(): void {
    this.useful += this.segHealthyS;
    this.stragglers += this.segStragglerS;
    this.linkFlaps += this.segFlapS;
    this.committedSteps += this.segSteps;
    this.clearSegment();
  }

  /** A failure: the open segment and `partialS` of an unfinished batch are lost. */
  loseSegment(partialS: number): void {
    this.failures += this.segmentS + partialS;
    this.clearSegment();
  }

  lost(): LostTime {
    return {
      failures: this.failures,
      checkpoints: this.checkpoints,
      restarts: this.restarts,
      stragglers: this.stragglers,
      linkFlaps: this.linkFlaps,
      waitingForSpares: this.waitingForSpares,
    };
  }

  private clearSegment(): void {
    this.segHealthyS = 0;
    this.segStragglerS = 0;
    this.segFlapS = 0;
    this.segSteps = 0;
  }
}
