/**
 * A meter of the events a piece of work dispatches across every Simulator it creates (a scenario
 * run builds dozens: the step, each layer-chain profile, each collective). Whoever starts the work
 * makes a meter active for the duration of a synchronous call; every Simulator constructed meanwhile
 * charges it once per dispatch slice (8,192 events), so the hot loop pays nothing per event. The
 * meter may throw to stop the work (a limit) or report progress. Simulations are synchronous and a
 * worker thread has its own module instance, so one meter is active per thread at a time.
 */
export interface WorkMeter {
  /** Called with the events just dispatched; may throw to abort the run. */
  charge(events: number): void;
}

let active: WorkMeter | undefined;

/** Runs `fn` with `meter` active (restoring the previous one afterwards, also on a throw). */
export function withWorkMeter<T>(meter: WorkMeter, fn: () => T): T {
  const previous = active;
  active = meter;
  try {
    return fn();
  } finally {
    active = previous;
  }
}

/** The meter new Simulators charge, if any. */
export function activeWorkMeter(): WorkMeter | undefined {
  return active;
}
