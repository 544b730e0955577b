/**
 * The discrete-event simulator: clock, event queue, dispatch by integer kind, hooks, RNG streams.
 *
 * Hot path (docs/engine.md "Hot-path rules"): models register a handler per event kind once and schedule
 * `(delay, kind, a, b)` with two numeric payload slots; `run` pops and dispatches through a handler
 * table without allocating. Hooks cost nothing when unused: `run` picks a loop without hook checks
 * when no hook is registered. The closure API (`at`, `after`) is a convenience for tests and
 * scripts and is slower (one closure per event).
 */
import type { QueueArity } from './heap-queue.js';
import { createEventQueue } from './create-queue.js';
import { KIND_SPAN, QUEUE_KINDS, type PendingEventQueue, type QueueKind } from './pending-queue.js';
import { RngStreams, type RandomStream } from './rng.js';
import { engineErrors } from './errors.js';
import { activeWorkMeter, type WorkMeter } from './work-meter.js';

/** Handler for one event kind. `a` and `b` are the payload slots given to `schedule`. */
export type EventHandler = (a: number, b: number) => void;

/** Called after each event is dispatched (tracing, progress). */
export type EventHook = (timeS: number, kind: number, a: number, b: number) => void;

export interface RunOptions {
  /** Process events with time <= untilS, then set the clock to untilS. Default: until empty. */
  untilS?: number;
  /** Stop after this many events in this call. Default: no limit. */
  maxEvents?: number;
}

/** Accepted spellings of RunOptions: `until` is an alias of `untilS`. */
export type RunOptionsInput = RunOptions & { until?: number };

export interface RunResult {
  /** Why the run stopped. */
  reason: 'empty' | 'until' | 'maxEvents' | 'stopped';
  /** Events dispatched by this call. */
  events: number;
  /** Clock at return. */
  nowS: number;
}

export interface SimulatorOptions {
  /** Seed from which all named RNG streams derive. Default 1. */
  seed?: number;
  /** Initial pending-event capacity (the queue grows by doubling). */
  initialCapacity?: number;
  /**
   * The pending-event set: 'ladder' (the default: O(1) amortised, fastest on HOLD), 'binary-heap'
   * or '4-ary-heap' (O(log n)); all give the same (time, insertion) order. See docs/performance.md.
   */
  queue?: QueueKind;
  /** Older spelling of `queue`: 2 = 'binary-heap', 4 = '4-ary-heap'. Ignored when `queue` is set. */
  queueArity?: QueueArity;
}

/**
 * Events per call of the queue's dispatch loop inside one run(). A long run re-enters the loop
 * every RUN_SLICE events (a negligible cost), so that V8 optimises it as a function with complete
 * type feedback rather than running the on-stack-replacement code compiled early in the first
 * call: measured 1.1-1.2x faster on HOLD at N = 1e5 (docs/performance.md "Engine", item 22).
 */
const RUN_SLICE = 8192;

/** Event kind used by the closure API. */
const CLOSURE_KIND = 0;

export class Simulator {
  private readonly queue: PendingEventQueue;
  private readonly handlers: EventHandler[] = [];
  private readonly kindNames: string[] = [];
  private readonly hooks: EventHook[] = [];
  private readonly closures: Array<(() => void) | undefined> = [];
  private readonly freeClosures: number[] = [];
  /** Handle of each pending closure event (by closure index) and the reverse map, for cancel. */
  private readonly closureHandles: number[] = [];
  private readonly closureOfHandle = new Map<number, number>();
  private readonly streams: RngStreams;
  private stopRequested = false;
  private running = false;
  /** The work meter active when this simulator was made (work-meter.ts), charged per dispatch slice. */
  private readonly meter: WorkMeter | undefined = activeWorkMeter();

  readonly seed: number;

  constructor(options: SimulatorOptions = {}) {
    const seed = options.seed ?? 1;
    if (typeof seed !== 'number' || !Number.isFinite(seed)) throw engineErrors.badSeed(seed);
    // createEventQueue takes a kind or a heap arity (the older spelling)
    const { queue, queueArity } = options;
    if (queue !== undefined && !QUEUE_KINDS.includes(queue)) throw engineErrors.badQueue(queue);
    if (queue === undefined && queueArity !== undefined && queueArity !== 2 && queueArity !== 4) throw engineErrors.badArity(queueArity);
    const kind = queue ?? queueArity ?? 'ladder';
    this.seed = seed;
    this.queue = createEventQueue(kind, options.initialCapacity ?? 1024);
    this.streams = new RngStreams(this.seed);
    // kind 0: closures, payload a = index into the closure table
    this.registerKind((a) => this.runClosure(a), 'closure');
  }

  /** The kind of pending-event set in use. */
  get queueKind(): QueueKind {
    return this.queue.kind;
  }

  /** Current simulated time, seconds. */
  get now(): number {
    return this.queue.nowS;
  }

  /** Events dispatched since construction. */
  get eventsProcessed(): number {
    return this.queue.dispatched;
  }

  /** Live pending events. */
  get pending(): number {
    return this.queue.length;
  }

  /** Registers a handler and returns its integer kind. */
  registerKind(handler: EventHandler, name = `kind${this.handlers.length}`): number {
    if (typeof handler !== 'function') throw engineErrors.badHandler('registerKind', handler);
    if (this.handlers.length >= KIND_SPAN) throw engineErrors.tooManyKinds(KIND_SPAN - 1);
    this.handlers.push(handler);
    this.kindNames.push(name);
    return this.handlers.length - 1;
  }

  /** Name given to a kind at registration. */
  kindName(kind: number): string {
    return this.kindNames[kind] ?? `unknown(${kind})`;
  }

  /** Schedules `kind` after `delayS` seconds; returns a handle for `cancel`. */
  schedule(delayS: number, kind: number, a = 0, b = 0): number {
    const timeS = this.queue.nowS + delayS;
    // one chain rejects NaN, negative and infinite delays, non-numbers (a string would concatenate)
    // and unknown kinds; the error path is out of line so that schedule stays small enough to inline
    if (!(delayS >= 0 && timeS < Infinity && kind >= 1 && kind < this.handlers.length) || (kind | 0) !== kind || typeof delayS !== 'number') {
      this.rejectSchedule('schedule', delayS, kind, true);
    }
    return this.queue.push(timeS, kind, a, b);
  }

  /** Schedules `kind` at absolute time `timeS` (not before now). */
  scheduleAt(timeS: number, kind: number, a = 0, b = 0): number {
    if (!(timeS >= this.queue.nowS && timeS < Infinity && kind >= 1 && kind < this.handlers.length) || (kind | 0) !== kind || typeof timeS !== 'number') {
      this.rejectSchedule('scheduleAt', timeS, kind, false);
    }
    return this.queue.push(timeS, kind, a, b);
  }

  private rejectSchedule(call: string, t: unknown, kind: unknown, isDelay: boolean): never {
    if (isDelay && !(typeof t === 'number' && t >= 0 && this.queue.nowS + t < Infinity)) throw engineErrors.badDelay(call, t);
    if (!isDelay && !(typeof t === 'number' && t >= this.queue.nowS && t < Infinity)) throw engineErrors.badTime(call, t, this.queue.nowS);
    throw engineErrors.unknownKind(call, kind, this.handlers.length);
  }

  /** Cancels a pending event by handle; false if it already ran, was cancelled, or is unknown. */
  cancel(handle: number): boolean {
    if (!this.queue.cancel(handle)) return false;
    if (this.closureOfHandle.size === 0) return true;
    const idx = this.closureOfHandle.get(handle);
    if (idx !== undefined) this.releaseClosure(idx);
    return true;
  }

  /** Closure API (slower): runs `fn` at absolute time `timeS`. */
  at(timeS: number, fn: () => void): number {
    if (typeof fn !== 'function') throw engineErrors.badHandler('at', fn);
    if (!(timeS >= this.queue.nowS && timeS < Infinity) || typeof timeS !== 'number') {
      throw engineErrors.badTime('at', timeS, this.queue.nowS);
    }
    return this.pushClosure(timeS, fn);
  }

  /** Closure API (slower): runs `fn` after `delayS` seconds. */
  after(delayS: number, fn: () => void): number {
    if (typeof fn !== 'function') throw engineErrors.badHandler('after', fn);
    const timeS = this.queue.nowS + delayS;
    if (!(delayS >= 0 && timeS < Infinity) || typeof delayS !== 'number') throw engineErrors.badDelay('after', delayS);
    return this.pushClosure(timeS, fn);
  }

  /**
   * Adds a hook called after every event; returns a function that removes it. Adding or removing
   * a hook during `run` takes effect from the next event.
   */
  onEvent(hook: EventHook): () => void {
    if (typeof hook !== 'function') throw engineErrors.badHandler('onEvent', hook);
    this.hooks.push(hook);
    if (this.running) this.queue.interrupt = true; // re-pick the loop (with or without hook calls)
    return () => {
      const i = this.hooks.indexOf(hook);
      if (i < 0) return;
      this.hooks.splice(i, 1);
      if (this.running) this.queue.interrupt = true;
    };
  }

  /** A named, deterministic random stream derived from the seed (adding one never shifts another). */
  rng(name: string): RandomStream {
    if (typeof name !== 'string' || name === '') throw engineErrors.badStreamName(name);
    return this.streams.get(name);
  }

  /** Makes the running `run` return after the current event (reason 'stopped'); no effect otherwise. */
  stop(): void {
    if (!this.running) return;
    this.stopRequested = true;
    this.queue.interrupt = true;
  }

  /** Time of the next pending event, or Infinity. */
  peekTime(): number {
    return this.queue.peekTime();
  }

  /** Dispatches one event (hooks included); false when the queue is empty. */
  step(): boolean {
    if (this.running) throw engineErrors.reentrant('step()');
    const q = this.queue;
    const slot = q.popSlot();
    if (slot < 0) return false;
    const kind = q.kindOf(slot), a = q.aOf(slot), b = q.bOf(slot);
    this.queue.dispatched++;
    this.meter?.charge(1);
    this.running = true;
    try {
      this.handlers[kind]!(a, b);
      const hooks = this.hooks;
      for (let i = 0; i < hooks.length; i++) hooks[i]!(this.queue.nowS, kind, a, b);
    } finally {
      this.running = false;
      this.stopRequested = false;
      this.queue.interrupt = false;
    }
    return true;
  }

  /**
   * Runs until the queue is empty, the next event is later than `untilS`, `maxEvents` events are
   * done in this call, or a handler calls `stop()`. With `untilS`, events at exactly `untilS` run and
   * the clock is then set to `untilS` (unless stopped or cut by maxEvents first).
   */
  run(options: RunOptionsInput = {}): RunResult {
    if (this.running) throw engineErrors.reentrant('run()');
    const until = options.untilS ?? options.until ?? Infinity;
    const maxEvents = options.maxEvents ?? Infinity;
    if (typeof until !== 'number' || !(until >= this.queue.nowS)) throw engineErrors.badUntil('run({until})', until, this.queue.nowS);
    if (typeof maxEvents !== 'number' || !(maxEvents >= 0) || (maxEvents !== Infinity && !Number.isInteger(maxEvents))) {
      throw engineErrors.badCount('run({maxEvents})', maxEvents);
    }
    this.running = true;
    this.stopRequested = false;
    let events = 0;
    try {
      for (;;) {
        this.queue.interrupt = false;
        const left = maxEvents - events;
        const slice = left < RUN_SLICE ? left : RUN_SLICE;
        const q = this.queue;
        const done = this.hooks.length === 0 ? q.dispatch(this.handlers, until, slice) : q.dispatchHooked(this.handlers, this.hooks, until, slice);
        events += done;
        if (this.meter !== undefined) this.meter.charge(done);
        if (this.stopRequested || events >= maxEvents) break;
        // an interrupt without stop() means the hooks changed or the queue grew: go on (maybe in
        // the other loop); otherwise a short slice means the queue is empty or past `until`
        if (!q.interrupt && done < slice) break;
      }
    } finally {
      this.running = false;
      this.queue.interrupt = false;
    }
    let reason: RunResult['reason'];
    if (this.stopRequested) reason = 'stopped';
    else if (events >= maxEvents && this.queue.peekTime() <= until && this.queue.peekTime() < Infinity) reason = 'maxEvents';
    else if (until !== Infinity) {
      this.queue.nowS = until;
      reason = 'until';
    } else reason = 'empty';
    this.stopRequested = false;
    return { reason, events, nowS: this.queue.nowS };
  }

  private pushClosure(timeS: number, fn: () => void): number {
    const idx = this.freeClosures.length > 0 ? this.freeClosures.pop()! : this.closures.length;
    this.closures[idx] = fn;
    const handle = this.queue.push(timeS, CLOSURE_KIND, idx, 0);
    this.closureHandles[idx] = handle;
    this.closureOfHandle.set(handle, idx);
    return handle;
  }

  private releaseClosure(idx: number): void {
    this.closures[idx] = undefined;
    this.closureOfHandle.delete(this.closureHandles[idx]!);
    this.freeClosures.push(idx);
  }

  private runClosure(idx: number): void {
    const fn = this.closures[idx]!;
    this.releaseClosure(idx);
    fn();
  }
}
