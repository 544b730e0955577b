/**
 * The discrete-event simulator: clock, event queue, dispatch by integer kind, hooks, RNG streams.
 *
 * Hot path (DESIGN.md "engine"): models register a handler per event kind once and schedule
 * `(delay, kind, a, b)` with two numeric payload slots; `run` pops and dispatches through a handler
 * table without allocating. Hooks cost nothing when unused: `run` picks a loop without hook checks
 * when no hook is registered. The closure API (`at`, `after`) is a convenience for tests and
 * scripts and is slower (one closure per event).
 */
import { EventQueue } from './event-queue.js';
import { RngStreams, type RandomStream } from './rng.js';
import { engineErrors } from './errors.js';

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
}

/** Event kind used by the closure API. */
const CLOSURE_KIND = 0;

export class Simulator {
  private readonly queue: EventQueue;
  private readonly handlers: EventHandler[] = [];
  private readonly kindNames: string[] = [];
  private readonly hooks: EventHook[] = [];
  private readonly closures: Array<(() => void) | undefined> = [];
  private readonly freeClosures: number[] = [];
  private readonly streams: RngStreams;
  private clock = 0;
  private processed = 0;
  private stopRequested = false;

  readonly seed: number;

  constructor(options: SimulatorOptions = {}) {
    this.seed = options.seed ?? 1;
    this.queue = new EventQueue(options.initialCapacity ?? 1024);
    this.streams = new RngStreams(this.seed);
    // kind 0: closures, payload a = index into the closure table
    this.registerKind((a) => this.runClosure(a), 'closure');
  }

  /** Current simulated time, seconds. */
  get now(): number {
    return this.clock;
  }

  /** Events dispatched since construction. */
  get eventsProcessed(): number {
    return this.processed;
  }

  /** Live pending events. */
  get pending(): number {
    return this.queue.length;
  }

  /** Registers a handler and returns its integer kind. */
  registerKind(handler: EventHandler, name = `kind${this.handlers.length}`): number {
    if (typeof handler !== 'function') throw engineErrors.badHandler('registerKind', handler);
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
    if (!(delayS >= 0) || delayS === Infinity) throw engineErrors.badDelay('schedule', delayS);
    if (!(kind >= 0 && kind < this.handlers.length && (kind | 0) === kind)) {
      throw engineErrors.unknownKind('schedule', kind, this.handlers.length);
    }
    return this.queue.push(this.clock + delayS, kind, a, b);
  }

  /** Schedules `kind` at absolute time `timeS` (not before now). */
  scheduleAt(timeS: number, kind: number, a = 0, b = 0): number {
    if (!(timeS >= this.clock) || timeS === Infinity) throw engineErrors.badTime('scheduleAt', timeS, this.clock);
    if (!(kind >= 0 && kind < this.handlers.length && (kind | 0) === kind)) {
      throw engineErrors.unknownKind('scheduleAt', kind, this.handlers.length);
    }
    return this.queue.push(timeS, kind, a, b);
  }

  /** Cancels a pending event by handle; false if it already ran or was cancelled. */
  cancel(handle: number): boolean {
    return this.queue.cancel(handle);
  }

  /** Closure API (slower): runs `fn` at absolute time `timeS`. */
  at(timeS: number, fn: () => void): number {
    if (typeof fn !== 'function') throw engineErrors.badHandler('at', fn);
    if (!(timeS >= this.clock) || timeS === Infinity) throw engineErrors.badTime('at', timeS, this.clock);
    return this.queue.push(timeS, CLOSURE_KIND, this.storeClosure(fn), 0);
  }

  /** Closure API (slower): runs `fn` after `delayS` seconds. */
  after(delayS: number, fn: () => void): number {
    if (typeof fn !== 'function') throw engineErrors.badHandler('after', fn);
    if (!(delayS >= 0) || delayS === Infinity) throw engineErrors.badDelay('after', delayS);
    return this.queue.push(this.clock + delayS, CLOSURE_KIND, this.storeClosure(fn), 0);
  }

  /** Adds a hook called after every event; returns a function that removes it. */
  onEvent(hook: EventHook): () => void {
    this.hooks.push(hook);
    return () => {
      const i = this.hooks.indexOf(hook);
      if (i >= 0) this.hooks.splice(i, 1);
    };
  }

  /** A named, deterministic random stream derived from the seed (adding one never shifts another). */
  rng(name: string): RandomStream {
    return this.streams.get(name);
  }

  /** Asks a running `run` to return after the current event. */
  stop(): void {
    this.stopRequested = true;
  }

  /** Time of the next pending event, or Infinity. */
  peekTime(): number {
    return this.queue.peekTime();
  }

  /** Dispatches one event; false when the queue is empty. */
  step(): boolean {
    const q = this.queue;
    const slot = q.popSlot();
    if (slot < 0) return false;
    const kind = q.kind[slot]!, a = q.a[slot]!, b = q.b[slot]!;
    this.clock = q.poppedTime;
    this.processed++;
    this.handlers[kind]!(a, b);
    const hooks = this.hooks;
    for (let i = 0; i < hooks.length; i++) hooks[i]!(this.clock, kind, a, b);
    return true;
  }

  /** Runs until the queue is empty, `untilS` is passed, `maxEvents` are done, or `stop()`. */
  run(options: RunOptionsInput = {}): RunResult {
    const until = options.untilS ?? options.until ?? Infinity;
    const maxEvents = options.maxEvents ?? Infinity;
    if (Number.isNaN(until) || until < this.clock) throw engineErrors.badTime('run({until})', until, this.clock);
    if (!(maxEvents >= 0)) throw engineErrors.badCount('run({maxEvents})', maxEvents);
    this.stopRequested = false;
    const events = this.hooks.length === 0 ? this.loopPlain(until, maxEvents) : this.loopHooked(until, maxEvents);
    let reason: RunResult['reason'];
    if (this.stopRequested) reason = 'stopped';
    else if (events >= maxEvents) reason = 'maxEvents';
    else if (this.queue.length === 0 && until === Infinity) reason = 'empty';
    else reason = 'until';
    if (reason === 'until' || (reason === 'empty' && until !== Infinity)) {
      if (until !== Infinity) this.clock = until;
      reason = 'until';
    }
    this.stopRequested = false;
    return { reason, events, nowS: this.clock };
  }

  // The two loops differ only in the hook call: kept apart so the common one has no per-event
  // hook check at all.
  private loopPlain(until: number, maxEvents: number): number {
    const q = this.queue;
    const handlers = this.handlers;
    let n = 0;
    while (n < maxEvents && !this.stopRequested) {
      if (q.peekTime() > until) break;
      const slot = q.popSlot();
      if (slot < 0) break;
      const kind = q.kind[slot]!;
      this.clock = q.poppedTime;
      n++;
      this.processed++;
      handlers[kind]!(q.a[slot]!, q.b[slot]!);
    }
    return n;
  }

  private loopHooked(until: number, maxEvents: number): number {
    const q = this.queue;
    const handlers = this.handlers;
    const hooks = this.hooks;
    let n = 0;
    while (n < maxEvents && !this.stopRequested) {
      if (q.peekTime() > until) break;
      const slot = q.popSlot();
      if (slot < 0) break;
      const kind = q.kind[slot]!, a = q.a[slot]!, b = q.b[slot]!;
      this.clock = q.poppedTime;
      n++;
      this.processed++;
      handlers[kind]!(a, b);
      for (let i = 0; i < hooks.length; i++) hooks[i]!(this.clock, kind, a, b);
    }
    return n;
  }

  private storeClosure(fn: () => void): number {
    const idx = this.freeClosures.length > 0 ? this.freeClosures.pop()! : this.closures.length;
    this.closures[idx] = fn;
    return idx;
  }

  private runClosure(idx: number): void {
    const fn = this.closures[idx]!;
    this.closures[idx] = undefined;
    this.freeClosures.push(idx);
    fn();
  }
}
