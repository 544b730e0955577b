/**
 * Runs one point with a runner module and turns whatever happens into a plain PointOutcome: the
 * same code in a worker thread and in-process, so results do not depend on where a point ran.
 * A UserInputError at run time (e.g. the model does not fit in memory) is a property of the input:
 * "invalid" when the sweep skips invalid points, else "error". Anything else thrown is "error".
 */
import { performance } from 'node:perf_hooks';
import { isUserInputError } from '../user-input-error.js';
import type { Json, PointOutcome, PointRunnerModule, SweepPoint } from './types.js';

/** A result as plain JSON (drops functions and undefined, NaN -> null), its `meta` split off. */
function splitResult(result: unknown): { outputs: Json; runMeta: Json | undefined } {
  const plain = JSON.parse(JSON.stringify(result ?? null)) as Json;
  if (plain !== null && typeof plain === 'object' && !Array.isArray(plain) && 'meta' in plain) {
    const { meta, ...outputs } = plain as { [k: string]: Json };
    return { outputs, runMeta: meta };
  }
  return { outputs: plain, runMeta: undefined };
}

function messageOf(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}

/** Runs one point with `runner.runPoint` and returns what happened as a plain PointOutcome. */
export async function pointOutcome(runner: PointRunnerModule, point: SweepPoint, skipInvalid: boolean, worker: number): Promise<PointOutcome> {
  const t0 = performance.now();
  let t1 = t0;
  try {
    const context = { index: point.index, seed: point.seed, replication: point.replication, ...(point.limits ? { limits: point.limits } : {}) };
    let result = runner.runPoint(point.scenario, context);
    // A synchronous runner is timed before anything else can run: a worker holds two tasks, and
    // after an await the other task's point could run first and be counted in this one's time.
    if (result instanceof Promise) result = await result;
    t1 = performance.now();
    const { outputs, runMeta } = splitResult(result);
    return { status: 'ok', outputs, runMeta, wallTimeS: (t1 - t0) / 1000, worker };
  } catch (e) {
    if (t1 === t0) t1 = performance.now();
    const status = isUserInputError(e) && skipInvalid ? 'invalid' : 'error';
    return { status, error: messageOf(e), wallTimeS: (t1 - t0) / 1000, worker };
  }
}

/** Loads a runner module and checks its shape. */
export async function loadRunnerModule(url: string): Promise<PointRunnerModule> {
  const mod = (await import(url)) as Partial<PointRunnerModule>;
  if (typeof mod.runPoint !== 'function') {
    throw new Error(`sweep runner module ${url} does not export a runPoint(scenario) function`);
  }
  return mod as PointRunnerModule;
}
