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

/** Wall time a batch of small points should take: long enough that the message round trip is noise. */
export const TARGET_TASK_S = 0.05;
/** Most points in one task. */
export const MAX_BATCH = 32;

/**
 * Runs points on `workers` piscina threads. Small points go several to a task (a batch sized from
 * the measured point time so a task takes about TARGET_TASK_S), so the round trip through the main
 * thread is paid per task, not per point; a batch never takes more than its share of the points
 * waiting, so the last tasks of a sweep stay small and the workers finish together. Points are
 * handed out as workers free up (dynamic), two tasks per worker so the next one already waits.
 */
export function workerPoolExecutor(workers: number, runnerModule: string | undefined, skipInvalid: boolean): PointExecutor {
  const workerData: SweepWorkerData = { runnerModule, skipInvalid };
  const filename = workerFileUrl().href;
  const pool = new Piscina<SweepPoint | SweepPoint[], PointOutcome | PointOutcome[]>({
    filename,
    minThreads: workers,
    maxThreads: workers,
    idleTimeout: 60_000,
    // two tasks per worker: the next task already waits in the worker when one finishes, so no
    // round trip through the main thread sits between tasks (runPoint is synchronous CPU work,
    // so the two never interleave)
    concurrentTasksPerWorker: TASKS_PER_WORKER,
    workerData,
  });
  // A worker that dies (process.exit, out of memory, a crash) takes its tasks with it, and piscina
  // replaces it. Each point it took is tried again alone in a one-task worker, so the innocent
  // neighbours of a crashing point get their results and the culprit is named: a point that kills
  // its solo worker too is recorded as an error.
  let solo: Piscina<SweepPoint, PointOutcome> | undefined;
  const runSolo = async (point: SweepPoint): Promise<PointOutcome> => {
    const t0 = Date.now();
    solo ??= new Piscina<SweepPoint, PointOutcome>({ filename, minThreads: 1, maxThreads: 1, concurrentTasksPerWorker: 1, workerData });
    try {
      return await solo.run(point);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      return { status: 'error', error: `worker failed: ${msg}`, wallTimeS: (Date.now() - t0) / 1000, worker: -1 };
    }
  };

  const waiting: { readonly point: SweepPoint; readonly done: (o: PointOutcome) => void }[] = [];
  const maxTasks = workers * TASKS_PER_WORKER;
  let tasks = 0;
  let batch = 1;
  let pumpQueued = false;
  // mean wall time of recent points (exponentially weighted), for the batch size
  let meanPointS = NaN;

  const learn = (outcomes: readonly PointOutcome[]): void => {
    for (const o of outcomes) meanPointS = Number.isNaN(meanPointS) ? o.wallTimeS : 0.8 * meanPointS + 0.2 * o.wallTimeS;
    const want = meanPointS > 0 ? Math.floor(TARGET_TASK_S / meanPointS) : MAX_BATCH;
    batch = Math.max(1, Math.min(MAX_BATCH, want));
  };

  const pump = (): void => {
    pumpQueued = false;
    while (tasks < maxTasks && waiting.length > 0) {
      // at most an even share of what waits, so the tail of a sweep is spread over every worker
      const k = Math.max(1, Math.min(batch, Math.floor(waiting.length / workers)));
      const items = waiting.splice(0, k);
      tasks++;
      const task = items.length === 1 ? pool.run(items[0]!.point) : pool.run(items.map((i) => i.point));
      task.then(
        (out) => {
          const outcomes = Array.isArray(out) ? out : [out];
          learn(outcomes);
          items.forEach((item, i) => item.done(outcomes[i]!));
        },
        () => {
          for (const item of items) void runSolo(item.point).then(item.done);
        },
      ).finally(() => {
        tasks--;
        pump();
      });
    }
  };

  return {
    concurrency: workers,
    // enough points in flight that every worker holds TASKS_PER_WORKER full batches
    get capacity() {
      return maxTasks * batch;
    },
    run(point) {
      return new Promise<PointOutcome>((done) => {
        waiting.push({ point, done });
        // points submitted together (one synchronous loop of the caller) go out together in batches
        if (!pumpQueued) {
          pumpQueued = true;
          queueMicrotask(pump);
        }
      });
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

/**
 * Points with an affinity key (e.g. the system a plan candidate runs on) go to the worker that ran
 * that key before, so caches a worker keeps per key (built systems, collective times) are built
 * once, not once per worker. A key first seen goes to the worker with the fewest keys; a point
 * goes elsewhere only when its worker already holds TASKS_PER_WORKER points and another worker
 * holds none (so no worker idles while another has a queue). Which worker runs a point never
 * changes its result. One single-thread pool per worker.
 */
export interface AffinityExecutor extends PointExecutor {
  run(point: SweepPoint, affinity?: string): Promise<PointOutcome>;
}

export function affinityPoolExecutor(workers: number, runnerModule: string | undefined, skipInvalid: boolean): AffinityExecutor {
  const pools = Array.from({ length: workers }, () => workerPoolExecutor(1, runnerModule, skipInvalid));
  const held = new Array<number>(workers).fill(0);
  const keysOf = new Array<number>(workers).fill(0);
  const owner = new Map<string, number>();
  const pick = (affinity: string | undefined): number => {
    let least = 0;
    for (let w = 1; w < workers; w++) if (held[w]! < held[least]!) least = w;
    if (affinity === undefined) return least;
    let w = owner.get(affinity);
    if (w === undefined) {
      w = 0;
      for (let i = 1; i < workers; i++) if (keysOf[i]! < keysOf[w]! || (keysOf[i] === keysOf[w] && held[i]! < held[w]!)) w = i;
      owner.set(affinity, w);
      keysOf[w]!++;
    }
    return held[w]! >= TASKS_PER_WORKER && held[least] === 0 ? least : w;
  };
  return {
    concurrency: workers,
    capacity: workers * TASKS_PER_WORKER,
    async run(point, affinity) {
      const w = pick(affinity);
      held[w]!++;
      try {
        return await pools[w]!.run(point);
      } finally {
        held[w]!--;
      }
    },
    async close() {
      await Promise.all(pools.map((p) => p.close()));
    },
  };
}
