/**
 * Where points run: a piscina pool of worker threads, or in-process (workers = 0).
 *
 * piscina needs a JavaScript file for its workers. From the compiled package this is the sibling
 * dist/src/sweep/worker.js; when this module runs from TypeScript sources (vitest), the workers
 * still load the compiled dist/ worker, so tests with workers >= 1 need `npx tsc -p tsconfig.json`
 * first (npm test builds before it tests). workers = 0 needs no build.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { executePoint, loadRunnerModule } from './run-point.js';
import type { PointOutcome, PointRunnerModule, SweepPoint } from './types.js';
import type { SweepWorkerData } from './worker.js';

/** Points a worker holds at once (see workerPoolExecutor). */
export const TASKS_PER_WORKER = 2;

export interface PointExecutor {
  /** Points that may run at once. */
  readonly concurrency: number;
  /** Points worth keeping in flight (running or queued in a worker) so no worker waits. */
  readonly capacity: number;
  run(point: SweepPoint): Promise<PointOutcome>;
  /** Waits for running points, then stops the workers. */
  close(): Promise<void>;
}

/**
 * The compiled file of a module given relative to src/ (e.g. "sweep/worker.js"), for workers:
 * from the compiled package its dist/src/ sibling; from TypeScript sources (vitest) the dist/ copy,
 * which must have been built.
 */
export function compiledModuleUrl(fromSrc: string): URL {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    const url = new URL(`../../dist/src/${fromSrc}`, here);
    if (!existsSync(fileURLToPath(url))) {
      throw new Error(`workers need the compiled module ${fileURLToPath(url)}: run "npx tsc -p tsconfig.json" first, or use workers: 0`);
    }
    return url;
  }
  return new URL(`../${fromSrc}`, here);
}

/** The compiled worker file. */
export function workerFileUrl(): URL {
  return compiledModuleUrl('sweep/worker.js');
}

function defaultRunnerUrl(): string {
  return new URL(import.meta.url.endsWith('.ts') ? './scenario-runner.ts' : './scenario-runner.js', import.meta.url).href;
}

export function inProcessExecutor(runner: PointRunnerModule | string | undefined, skipInvalid: boolean): PointExecutor {
  let loaded: Promise<PointRunnerModule> | undefined;
  const get = (): Promise<PointRunnerModule> =>
    (loaded ??= typeof runner === 'object' ? Promise.resolve(runner) : loadRunnerModule(runner ?? defaultRunnerUrl()));
  return {
    concurrency: 1,
    capacity: 1,
    async run(point) {
      return executePoint(await get(), point, skipInvalid, 0);
    },
    async close() {},
  };
}

export function workerPoolExecutor(workers: number, runnerModule: string | undefined, skipInvalid: boolean): PointExecutor {
  const workerData: SweepWorkerData = { runnerModule, skipInvalid };
  const filename = workerFileUrl().href;
  const pool = new Piscina<SweepPoint, PointOutcome>({
    filename,
    minThreads: workers,
    maxThreads: workers,
    idleTimeout: 60_000,
    // two tasks per worker: the next point already waits in the worker when one finishes, so no
    // round trip through the main thread sits between points (runPoint is synchronous CPU work,
    // so the two never interleave); the cost is at most one point of imbalance at the very end
    concurrentTasksPerWorker: TASKS_PER_WORKER,
    workerData,
  });
  // A worker that dies (process.exit, out of memory, a crash) takes both of its tasks with it, and
  // piscina replaces it. Each task it took is tried again alone in a one-task worker, so the
  // innocent neighbour of a crashing point gets its result and the culprit is named: a point that
  // kills its solo worker too is recorded as an error.
  let solo: Piscina<SweepPoint, PointOutcome> | undefined;
  return {
    concurrency: workers,
    capacity: workers * TASKS_PER_WORKER,
    async run(point) {
      const t0 = Date.now();
      try {
        return await pool.run(point);
      } catch {
        solo ??= new Piscina<SweepPoint, PointOutcome>({ filename, minThreads: 1, maxThreads: 1, concurrentTasksPerWorker: 1, workerData });
        try {
          return await solo.run(point);
        } catch (e) {
          const msg = e instanceof Error ? e.message : String(e);
          return { status: 'error', error: `worker failed: ${msg}`, wallTimeS: (Date.now() - t0) / 1000, worker: -1 };
        }
      }
    },
    async close() {
      await pool.close();
      await pool.destroy();
      if (solo) {
        await solo.close();
        await solo.destroy();
      }
    },
  };
}
