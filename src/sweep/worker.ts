/**
 * The piscina worker: receives a plain SweepPoint, returns a plain PointOutcome. It imports the
 * runner module named in workerData once (default: ./scenario-point-runner.js, the scenario layer's
 * lean entry for loaded scenarios).
 * piscina loads this file from the compiled dist/ tree (see pool.ts).
 */
import { threadId, workerData } from 'node:worker_threads';
import { executePoint, loadRunnerModule } from './run-point.js';
import type { PointOutcome, PointRunnerModule, SweepPoint } from './types.js';

export interface SweepWorkerData {
  /** URL of the runner module; undefined = the scenario layer's runner. */
  readonly runnerModule: string | undefined;
  readonly skipInvalid: boolean;
}

const data = workerData as SweepWorkerData;
// Loading starts when the worker starts, before its first point arrives (the parent is still
// validating points then). A failure to load is reported by every point's outcome, not here.
const runner: Promise<PointRunnerModule> = loadRunnerModule(data.runnerModule ?? new URL('./scenario-point-runner.js', import.meta.url).href);
runner.catch(() => {});

/** Runs one point, or a batch of small points one after another (pool.ts sizes the batches). */
export default async function runPointInWorker(task: SweepPoint | SweepPoint[]): Promise<PointOutcome | PointOutcome[]> {
  let module: PointRunnerModule;
  try {
    module = await runner;
  } catch (e) {
    const failed: PointOutcome = { status: 'error', error: `cannot load the point runner: ${e instanceof Error ? e.message : String(e)}`, wallTimeS: 0, worker: threadId };
    return Array.isArray(task) ? task.map(() => failed) : failed;
  }
  if (!Array.isArray(task)) return executePoint(module, task, data.skipInvalid, threadId);
  const out: PointOutcome[] = [];
  for (const point of task) out.push(await executePoint(module, point, data.skipInvalid, threadId));
  return out;
}
