/**
 * The piscina worker: receives a plain SweepPoint, returns a plain PointOutcome. It imports the
 * runner module named in workerData once (default: ./scenario-runner.js, the scenario layer).
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
let runner: Promise<PointRunnerModule> | undefined;

export default async function runPointInWorker(point: SweepPoint): Promise<PointOutcome> {
  runner ??= loadRunnerModule(data.runnerModule ?? new URL('./scenario-runner.js', import.meta.url).href);
  return executePoint(await runner, point, data.skipInvalid, threadId);
}
