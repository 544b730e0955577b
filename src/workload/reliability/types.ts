/**
 * Contracts of the long-job (reliability over time) model: what a job of weeks is made of, in SI,
 * and what its simulation reports (the `reliability` object of `trnsim run --json`, issue 13).
 * docs/reliability.md describes the model.
 */

/** Components whose failures interrupt a synchronous job. */
export type FailureComponent = 'chip' | 'server' | 'ultraserver' | 'link';
export const FAILURE_COMPONENTS: readonly FailureComponent[] = ['chip', 'server', 'ultraserver', 'link'];

/** One Poisson failure process: `count` identical components, each failing at `ratePerSecond`. */
export interface FailureProcessSpec {
  readonly component: FailureComponent;
  /** Components of this kind in the system. */
  readonly count: number;
  /** Failure rate of one component, per second (1 / MTBF). */
  readonly ratePerSecond: number;
  /** Servers a failure takes out of the job, replaced from the hot spares (chip, server: 1; UltraServer: its servers; link: 0). */
  readonly serversReplaced: number;
}

/** Work the job must do, or the wall-clock window it is observed over. */
export type JobTarget = { readonly kind: 'duration'; readonly durationS: number } | { readonly kind: 'steps'; readonly steps: number };

/** Episodes during which the step runs slower (stragglers, link flaps): a Poisson process of fixed-length episodes. */
export interface SlowEpisodes {
  /** Episodes starting per second, whole system. */
  readonly episodesPerSecond: number;
  readonly durationS: number;
  /** Step time while at least one episode is open, seconds (from the training simulation). */
  readonly stepTimeS: number;
}

export interface LongJobSpec {
  readonly job: JobTarget;
  /** Step time of the healthy system, seconds (from the training simulation). */
  readonly stepTimeS: number;
  readonly failures: readonly FailureProcessSpec[];
  /** From a failure until the job notices it (hang, watchdog), seconds. */
  readonly detectionS: number;
  /** Job restart after a failure (scheduling, process start, collective init), seconds. */
  readonly restartS: number;
  /** Loading the last checkpoint, seconds. */
  readonly restoreS: number;
  /** Repair (replacement) of a failed server when no spare is free, seconds. */
  readonly repairS: number;
  /** Hot spare servers; undefined: as many as needed (a failed server is always swapped at once). */
  readonly spares?: number;
  readonly checkpoint: { readonly intervalS: number; readonly writeS: number };
  readonly stragglers?: SlowEpisodes;
  readonly linkFlaps?: SlowEpisodes;
  readonly seed: number;
  readonly replications: number;
  /** Give up on a steps job not done by this wall time (default 100 x its failure-free time + 1 day). */
  readonly maxWallS?: number;
}

/** Lost wall time by cause, seconds; useful + the sum of these = wall. */
export interface LostTime {
  /** Work since the last checkpoint thrown away by failures, plus the detection time. */
  readonly failures: number;
  /** Checkpoint writes (including writes cut short by a failure). */
  readonly checkpoints: number;
  /** Restart and restore after failures. */
  readonly restarts: number;
  /** Extra step time while a straggler is slow. */
  readonly stragglers: number;
  /** Extra step time while a link is down. */
  readonly linkFlaps: number;
  /** Waiting for a repaired server when the spares ran out. */
  readonly waitingForSpares: number;
}

/** One simulated job (one replication). */
export interface ReplicationOutcome {
  readonly seed: number;
  readonly wallS: number;
  readonly usefulS: number;
  readonly lostS: LostTime;
  readonly failures: number;
  /** Failures by process, in the order of the spec's `failures`. */
  readonly failuresByProcess: readonly number[];
  readonly stepsCompleted: number;
  readonly checkpointsWritten: number;
  /** False when a steps job hit maxWallS before it finished. */
  readonly completed: boolean;
  readonly events: number;
  /** Failure times, seconds (only when asked for). */
  readonly failureTimesS?: readonly number[];
}

/** The `reliability` object of a training result (issue 13 names the first ten fields). */
export interface ReliabilityResult {
  /** usefulS / jobWallS (mean over replications). */
  readonly goodput: number;
  readonly jobWallS: number;
  readonly usefulS: number;
  readonly lostS: LostTime;
  readonly failures: number;
  /** Poisson expectation: system failure rate x jobWallS. */
  readonly expectedFailures: number;
  readonly checkpointIntervalS: number;
  /** Young/Daly: sqrt(2 x checkpoint write x system MTBF); null without failures. */
  readonly optimalCheckpointIntervalS: number | null;
  readonly replications: number;
  /** 95 % confidence interval of the mean goodput (Student t); null with one replication. */
  readonly goodputCi95: { readonly low: number; readonly high: number } | null;
  readonly systemMtbfS: number | null;
  readonly stepTimeS: number;
  readonly stragglerStepTimeS?: number;
  readonly linkFlapStepTimeS?: number;
  readonly checkpointWriteS: number;
  readonly restoreS: number;
  readonly stepsCompleted: number;
  readonly checkpointsWritten: number;
  readonly failuresByComponent: Readonly<Partial<Record<FailureComponent, number>>>;
  /** Components of each kind with a failure process. */
  readonly componentCounts: Readonly<Partial<Record<FailureComponent, number>>>;
  /** False when some replication of a steps job did not finish by its wall-time limit. */
  readonly completed: boolean;
  /** Events the long-job simulations dispatched (all replications). */
  readonly eventsSimulated: number;
}
