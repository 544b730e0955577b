/**
 * One long job simulated event by event on the engine, at step granularity (docs/reliability.md).
 *
 * The job runs batches of whole steps up to the next checkpoint; failures (one Poisson process per
 * component kind, each on its own named stream), straggler and link-flap episodes, checkpoint
 * writes, repairs and the recovery phases are engine events. A failure throws away the work since
 * the last checkpoint and the step in progress, then the job goes through detection, (waiting for
 * a spare server,) restart and restore. A straggler or flap that opens or closes mid-batch takes
 * effect from the next step. Goodput is what the ledger booked, never a closed form.
 */
import { Simulator } from '../../engine/index.js';
import { EpisodeProcess } from './episodes.js';
import { JobLedger, SLOW_LINK_FLAP, SLOW_NONE, SLOW_STRAGGLER, type SlowCause } from './ledger.js';
import { processRatePerSecond } from './failure-rates.js';
import type { LongJobSpec, ReplicationOutcome } from './types.js';

const RUNNING = 0;
const CHECKPOINTING = 1;
const DETECTING = 2;
const WAITING_FOR_SPARES = 3;
const RESTARTING = 4;
const RESTORING = 5;
const DONE = 6;

/** Most steps in one batch (keeps times finite when no checkpoint or end bounds a batch). */
const MAX_BATCH_STEPS = 2 ** 40;

export interface ReplicationOptions {
  /** Record every failure time in the outcome (tests). */
  readonly recordFailureTimes?: boolean;
}

class JobRun {
  private readonly sim: Simulator;
  private readonly ledger = new JobLedger();
  private phase = RUNNING;
  /** Start of the current phase (or batch). */
  private phaseStartS = 0;
  private handle = -1;
  // the batch in progress
  private batchSteps = 0;
  private batchStepS = 0;
  private batchCause: SlowCause = SLOW_NONE;
  /** The batch ends where the next checkpoint is due (false once a change of step time cuts it). */
  private batchToCheckpoint = false;
  // spares: free hot spares minus servers still needed (negative: the job waits for repairs)
  private sparePool: number;
  private readonly finiteSpares: boolean;
  private failures = 0;
  private readonly failuresByProcess: number[];
  private readonly failureTimes: number[] | undefined;
  private checkpointsWritten = 0;
  private completed = false;
  private readonly stragglers: EpisodeProcess | undefined;
  private readonly flaps: EpisodeProcess | undefined;
  private readonly kinds: { batch: number; checkpoint: number; phase: number; repair: number; windowEnd: number };

  constructor(
    private readonly spec: LongJobSpec,
    seed: number,
    options: ReplicationOptions,
  ) {
    this.sim = new Simulator({ seed });
    const sim = this.sim;
    this.finiteSpares = spec.spares !== undefined;
    this.sparePool = spec.spares ?? 0;
    this.failuresByProcess = spec.failures.map(() => 0);
    this.failureTimes = options.recordFailureTimes ? [] : undefined;
    this.kinds = {
      batch: sim.registerKind(() => this.onBatchEnd(), 'batch-end'),
      checkpoint: sim.registerKind(() => this.onCheckpointDone(), 'checkpoint-done'),
      phase: sim.registerKind(() => this.onPhaseDone(), 'phase-done'),
      repair: sim.registerKind((servers) => this.onRepair(servers), 'repair-done'),
      windowEnd: sim.registerKind(() => this.finish(false), 'window-end'),
    };
    const regime = (): void => this.onRegimeChange();
    this.stragglers = spec.stragglers ? new EpisodeProcess(sim, spec.stragglers, sim.rng('stragglers'), regime, 'straggler') : undefined;
    this.flaps = spec.linkFlaps ? new EpisodeProcess(sim, spec.linkFlaps, sim.rng('link-flaps'), regime, 'link-flap') : undefined;
  }

  run(): ReplicationOutcome {
    const spec = this.spec;
    const sim = this.sim;
    // one stream per process, named by component and its occurrence, so adding one shifts no other
    const seen = new Map<string, number>();
    spec.failures.forEach((p, i) => {
      const k = seen.get(p.component) ?? 0;
      seen.set(p.component, k + 1);
      const rate = processRatePerSecond(p);
      if (!(rate > 0)) return;
      const rng = sim.rng(`failures.${p.component}.${k}`);
      const kind = sim.registerKind(() => {
        sim.schedule(rng.exponential(rate), kind);
        this.onFailure(i);
      }, `failure-${p.component}-${k}`);
      sim.schedule(rng.exponential(rate), kind);
    });
    this.stragglers?.begin();
    this.flaps?.begin();
    if (spec.job.kind === 'duration') sim.schedule(spec.job.durationS, this.kinds.windowEnd);
    this.startBatch();
    const limit = spec.job.kind === 'duration' ? spec.job.durationS : (spec.maxWallS ?? 100 * spec.job.steps * spec.stepTimeS + 86_400);
    sim.run({ untilS: limit });
    if (this.phase !== DONE) this.finish(false);
    const wallS = sim.now;
    return {
      seed: sim.seed,
      wallS,
      usefulS: this.ledger.useful,
      lostS: this.ledger.lost(),
      failures: this.failures,
      failuresByProcess: this.failuresByProcess,
      stepsCompleted: this.ledger.committedSteps,
      checkpointsWritten: this.checkpointsWritten,
      completed: spec.job.kind === 'duration' || this.completed,
      events: sim.eventsProcessed,
      ...(this.failureTimes ? { failureTimesS: this.failureTimes } : {}),
    };
  }

  // ---- running and checkpoints

  /** Step time and cause of a step starting now. */
  private stepRegime(): { stepS: number; cause: SlowCause } {
    const s = this.spec;
    const straggling = this.stragglers !== undefined && this.stragglers.open > 0;
    const flapping = this.flaps !== undefined && this.flaps.open > 0;
    // both at once: the slower of the two gates the synchronous step
    if (straggling && (!flapping || s.stragglers!.stepTimeS >= s.linkFlaps!.stepTimeS)) return { stepS: s.stragglers!.stepTimeS, cause: SLOW_STRAGGLER };
    if (flapping) return { stepS: s.linkFlaps!.stepTimeS, cause: SLOW_LINK_FLAP };
    return { stepS: s.stepTimeS, cause: SLOW_NONE };
  }

  private startBatch(): void {
    const spec = this.spec;
    const { stepS, cause } = this.stepRegime();
    const toCheckpoint = Math.max(1, Math.ceil((spec.checkpoint.intervalS - this.ledger.segmentS) / stepS - 1e-9));
    const toEnd = spec.job.kind === 'steps' ? spec.job.steps - this.ledger.stepsDone : MAX_BATCH_STEPS;
    this.phase = RUNNING;
    this.phaseStartS = this.sim.now;
    this.batchStepS = stepS;
    this.batchCause = cause;
    this.batchSteps = Math.min(toCheckpoint, toEnd, MAX_BATCH_STEPS);
    this.batchToCheckpoint = this.batchSteps === toCheckpoint;
    this.handle = this.sim.schedule(this.batchSteps * stepS, this.kinds.batch);
  }

  private onBatchEnd(): void {
    const spec = this.spec;
    const l = this.ledger;
    l.addRunning(this.sim.now - this.phaseStartS, this.batchSteps, spec.stepTimeS, this.batchStepS, this.batchCause);
    if (spec.job.kind === 'steps' && l.stepsDone >= spec.job.steps) {
      this.finish(true);
      return;
    }
    if (this.batchToCheckpoint) {
      this.phase = CHECKPOINTING;
      this.phaseStartS = this.sim.now;
      this.handle = this.sim.schedule(spec.checkpoint.writeS, this.kinds.checkpoint);
    } else {
      this.startBatch(); // the batch was cut short by a change of step time
    }
  }

  private onCheckpointDone(): void {
    this.ledger.checkpoints += this.sim.now - this.phaseStartS;
    this.ledger.commit();
    this.checkpointsWritten++;
    this.startBatch();
  }

  /** A straggler or flap opened or closed: a running batch ends after its step in progress. */
  private onRegimeChange(): void {
    if (this.phase !== RUNNING) return;
    const { stepS } = this.stepRegime();
    if (stepS === this.batchStepS) return;
    const now = this.sim.now;
    const inProgress = Math.floor((now - this.phaseStartS) / this.batchStepS) + 1;
    if (inProgress >= this.batchSteps) return;
    this.sim.cancel(this.handle);
    this.batchSteps = inProgress;
    this.batchToCheckpoint = false;
    this.handle = this.sim.scheduleAt(Math.max(now, this.phaseStartS + inProgress * this.batchStepS), this.kinds.batch);
  }

  // ---- failures and recovery

  private onFailure(process: number): void {
    const now = this.sim.now;
    const l = this.ledger;
    this.failures++;
    this.failuresByProcess[process]!++;
    this.failureTimes?.push(now);
    const servers = this.spec.failures[process]!.serversReplaced;
    if (this.finiteSpares && servers > 0) {
      this.sparePool -= servers;
      this.sim.schedule(this.spec.repairS, this.kinds.repair, servers);
    }
    const elapsed = now - this.phaseStartS;
    switch (this.phase) {
      case RUNNING:
        this.sim.cancel(this.handle);
        l.loseSegment(elapsed);
        break;
      case CHECKPOINTING:
        this.sim.cancel(this.handle);
        l.checkpoints += elapsed;
        l.loseSegment(0);
        break;
      case WAITING_FOR_SPARES:
        return; // already down and waiting; the new failure only needs one more server
      case DETECTING:
        this.sim.cancel(this.handle);
        l.failures += elapsed;
        break;
      default: // restarting or restoring: start the recovery over
        this.sim.cancel(this.handle);
        l.restarts += elapsed;
    }
    this.startPhase(DETECTING, this.spec.detectionS);
  }

  private startPhase(phase: number, durationS: number): void {
    this.phase = phase;
    this.phaseStartS = this.sim.now;
    this.handle = this.sim.schedule(durationS, this.kinds.phase);
  }

  private onPhaseDone(): void {
    const elapsed = this.sim.now - this.phaseStartS;
    const s = this.spec;
    if (this.phase === DETECTING) {
      this.ledger.failures += elapsed;
      if (this.finiteSpares && this.sparePool < 0) {
        this.phase = WAITING_FOR_SPARES;
        this.phaseStartS = this.sim.now;
        this.handle = -1;
      } else this.startPhase(RESTARTING, s.restartS);
    } else if (this.phase === RESTARTING) {
      this.ledger.restarts += elapsed;
      this.startPhase(RESTORING, s.restoreS);
    } else {
      this.ledger.restarts += elapsed;
      this.startBatch();
    }
  }

  private onRepair(servers: number): void {
    this.sparePool += servers;
    if (this.phase === WAITING_FOR_SPARES && this.sparePool >= 0) {
      this.ledger.waitingForSpares += this.sim.now - this.phaseStartS;
      this.startPhase(RESTARTING, this.spec.restartS);
    }
  }

  // ---- the end

  /**
   * The job is done (steps) or the window closed (duration, or a steps job at its wall limit):
   * book the phase in progress; work since the last checkpoint counts as done.
   */
  private finish(completed: boolean): void {
    if (this.phase === DONE) return;
    const l = this.ledger;
    const elapsed = this.sim.now - this.phaseStartS;
    switch (this.phase) {
      case RUNNING:
        if (!completed) {
          this.sim.cancel(this.handle);
          const steps = Math.min(this.batchSteps, Math.floor(elapsed / this.batchStepS));
          l.addRunning(elapsed, steps, this.spec.stepTimeS, this.batchStepS, this.batchCause);
        }
        break;
      case CHECKPOINTING:
        l.checkpoints += elapsed;
        break;
      case DETECTING:
        l.failures += elapsed;
        break;
      case WAITING_FOR_SPARES:
        l.waitingForSpares += elapsed;
        break;
      default:
        l.restarts += elapsed;
    }
    l.commit();
    this.completed = completed;
    this.phase = DONE;
    this.sim.stop();
  }
}

/** Simulates one replication of a long job with the given seed. */
export function simulateReplication(spec: LongJobSpec, seed: number, options: ReplicationOptions = {}): ReplicationOutcome {
  return new JobRun(spec, seed, options).run();
}
