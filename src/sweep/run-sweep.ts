/**
 * runSweep: expands a scenario's `sweep:` block, runs its points (worker threads or in-process),
 * streams one line per finished point to the results file / onResult / the async iterator, and
 * returns a summary. Lines are written the moment a point finishes, so stopping (Ctrl-C, cancel(),
 * a consumer breaking out of the loop) loses nothing already finished.
 */
import { hostname, availableParallelism } from 'node:os';
import { resolve as resolvePath } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { isUserInputError, UserInputError } from '../user-input-error.js';
import { version } from '../version.js';
import { SweepErrors } from './errors.js';
import { BestPoints } from './objective.js';
import { planSweep, type PlannedPoint, type SweepPlan } from './plan.js';
import { inProcessExecutor, workerPoolExecutor, type PointExecutor } from './pool.js';
import { lineText, makeLine, type LineContext } from './result-line.js';
import { prepareResultsFile, ResultsFileWriter, type LineSink } from './results-file.js';
import { checkShard, inShard, parseShard, shardSize } from './shard.js';
import type { JsonObject, PointOutcome, PointRunnerModule, Shard, SweepLine } from './types.js';
import { workLimits } from '../scenario/work-limits.js';
import type { RunSweepOptions, SweepSummary } from './run-sweep-options.js';
import { checkSweepWork } from './sweep-work.js';
import { checkSweepOptions } from './check-options.js';

export type { RunSweepOptions, SweepProgress, SweepSummary } from './run-sweep-options.js';

/** A runner given as a file path (relative to the working directory) or as a URL, as a URL. */
function moduleUrl(pathOrUrl: string): string {
  return /^(file|data|node):/.test(pathOrUrl) ? pathOrUrl : pathToFileURL(resolvePath(pathOrUrl)).href;
}

/** Runs fn; a user error it throws is prefixed with the scenario file, as the scenario layer does. */
function withOrigin<T>(origin: string | undefined, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (origin !== undefined && isUserInputError(e) && !e.message.startsWith(`${origin}:`)) throw new UserInputError(`${origin}: ${e.message}`, e.exitCode);
    throw e;
  }
}

function describeInvalid(plan: SweepPlan, invalid: Map<number, string>): string {
  const shown: string[] = [];
  for (const [index, why] of invalid) {
    if (shown.length === 20) break;
    shown.push(`  point ${index} ${JSON.stringify(plan.pointAt(index).inputs)}: ${why.replace(/\s*\n\s*/g, ' ')}`);
  }
  if (invalid.size > shown.length) shown.push(`  ... and ${invalid.size - shown.length} more`);
  return shown.join('\n');
}

export class SweepRun implements AsyncIterable<SweepLine> {
  private started = false;
  private stopRequested = false;
  private planValue: SweepPlan | undefined;
  private settle!: { resolve: (s: SweepSummary) => void; reject: (e: unknown) => void };
  private readonly completion = new Promise<SweepSummary>((resolve, reject) => (this.settle = { resolve, reject }));

  constructor(
    private readonly source: string | Record<string, unknown>,
    private readonly options: RunSweepOptions,
  ) {}

  /** The expanded sweep (after the run started). */
  get plan(): SweepPlan | undefined {
    return this.planValue;
  }

  /** Stop starting new points; running points finish and are written. */
  cancel(): void {
    this.stopRequested = true;
  }

  [Symbol.asyncIterator](): AsyncIterator<SweepLine> {
    if (this.started) throw new Error('a SweepRun can be iterated once');
    this.started = true;
    return this.drive();
  }

  /** Runs the sweep to the end (if nobody iterates it) and returns the summary. */
  async finished(): Promise<SweepSummary> {
    if (!this.started) {
      for await (const _line of this) {
        // lines already went to onResult and the file
      }
    }
    return this.completion;
  }

  private async *drive(): AsyncGenerator<SweepLine, void, undefined> {
    // nobody may be waiting on completion: keep a rejection from being reported as unhandled
    this.completion.catch(() => {});
    try {
      yield* this.driveInner();
    } catch (e) {
      this.settle.reject(e);
      throw e;
    }
  }

  private async *driveInner(): AsyncGenerator<SweepLine, void, undefined> {
    const o = this.options;
    checkSweepOptions(o);
    const limits = workLimits(o);
    const t0 = performance.now();
    const warn = o.onWarning ?? ((m: string) => process.stderr.write(`trnsim: warning: ${m}\n`));
    const shard = o.shard === undefined ? undefined : typeof o.shard === 'string' ? parseShard(o.shard) : checkShard(o.shard);
    const workers = o.workers ?? availableParallelism();
    if (!Number.isInteger(workers) || workers < 0) throw SweepErrors.badWorkers(o.workers);
    if (typeof o.runner === 'object' && !(o.runner instanceof URL) && workers > 0) throw SweepErrors.runnerNeedsInProcess();
    if (o.resume && o.out === undefined) throw SweepErrors.resumeNeedsOut();

    const runnerArg = o.runner instanceof URL ? o.runner.href : typeof o.runner === 'string' ? moduleUrl(o.runner) : o.runner;
    // The worker threads start first, and load the runner, while this thread loads the scenario
    // layer, reads the results file and validates points: their start-up overlaps that work
    // instead of following it (a sweep with fewer points than workers stops the spare ones below).
    let executor: PointExecutor | undefined = workers > 0 ? workerPoolExecutor(workers, typeof runnerArg === 'string' ? runnerArg : undefined, true) : undefined;
    // everything after the pool started closes it when it fails (a bad file, a refused estimate)
    try {
      // the scenario layer is loaded only when scenarios are what the sweep runs (not for a custom
      // runner given an object), so the sweep machinery itself stays light
      const usesScenarios = typeof this.source === 'string' || o.runner === undefined;
      const adapter = usesScenarios ? await import('./scenario-adapter.js') : undefined;
      const loadOptions = { ...(o.allowedRoots ? { allowedRoots: o.allowedRoots } : {}), ...(o.maxBytes !== undefined ? { maxBytes: o.maxBytes } : {}) };
      const document: JsonObject = adapter ? adapter.loadSweepDocument(this.source, loadOptions) : (structuredClone(this.source) as JsonObject);
      const schema = o.schema === false ? undefined : (o.schema ?? adapter?.scenarioJsonSchema());
      const origin = typeof this.source === 'string' ? this.source : undefined;
      const plan = withOrigin(origin, () => planSweep(document, { ...(schema !== undefined ? { schema } : {}), ...(origin !== undefined ? { origin } : {}) }));
      this.planValue = plan;

      const shardPoints = shardSize(plan.total, shard);
      // bounded work: the sweep's estimate against the limits before any point runs (sweep-work.ts)
      const estimator = o.runner === undefined ? adapter?.estimatePointWork : undefined;
      const work = { plan, shard, workers, bytesPerPoint: o.keptBytesPerPoint ?? 0, doneMap: o.resume === true };
      withOrigin(origin, () => checkSweepWork(origin ?? 'sweep', work, estimator, limits));
      if (executor !== undefined && shardPoints === 0) {
        await executor.close();
        executor = undefined;
      }
      return yield* this.runPoints(plan, shard, shardPoints, runnerArg, adapter, t0, warn, () => executor, (e) => (executor = e));
    } finally {
      await executor?.close();
    }
  }

  private async *runPoints(
    plan: SweepPlan,
    shard: Shard | undefined,
    shardPoints: number,
    runnerArg: string | PointRunnerModule | undefined,
    adapter: typeof import('./scenario-adapter.js') | undefined,
    t0: number,
    warn: (m: string) => void,
    getExecutor: () => PointExecutor | undefined,
    setExecutor: (e: PointExecutor | undefined) => void,
  ): AsyncGenerator<SweepLine, void, undefined> {
    const o = this.options;
    const best = new BestPoints(o.objective ?? plan.objective);
    let done: Uint8Array = new Uint8Array(0);
    let resumed = 0;
    if (o.out !== undefined) {
      const state = await prepareResultsFile(o.out, { id: plan.id, total: plan.total, resume: o.resume === true }, (l) => best.offer(l));
      for (const w of state.warnings) warn(w);
      done = state.done;
      resumed = state.kept;
    }
    const isDone = (i: number): boolean => done.length > 0 && done[i] === 1;

    // Invalid points are refused together before anything runs, unless the sweep skips them (then
    // each is found and recorded where it runs, in parallel).
    if (!plan.skipInvalid) {
      const validate = o.validate ?? (o.runner === undefined ? adapter?.validatePointDocument : undefined);
      const invalid = new Map<number, string>();
      let lastCombo = -1;
      let comboWhy: string | undefined;
      for (let i = 0; i < plan.total; i++) {
        if (!inShard(i, shard) || isDone(i)) continue;
        const combo = Math.floor(i / plan.replications);
        if (combo !== lastCombo) {
          // validity does not depend on the seed: check one replication per combination
          lastCombo = combo;
          const p = plan.pointAt(combo * plan.replications);
          comboWhy = p.buildError ?? (validate ? validate(p.scenario, p).join('; ') || undefined : undefined);
        }
        if (comboWhy !== undefined) invalid.set(i, comboWhy);
      }
      if (invalid.size > 0) {
        const origin = typeof this.source === 'string' ? this.source : undefined;
        withOrigin(origin, () => {
          throw SweepErrors.invalidPoints(invalid.size, plan.total, describeInvalid(plan, invalid));
        });
      }
    }

    let toDo = 0;
    for (let i = shard?.index ?? 0; i < plan.total; i += shard?.count ?? 1) if (!isDone(i)) toDo++;

    const ctx: LineContext = { id: plan.id, total: plan.total, host: hostname(), version };
    const sink: LineSink | undefined = o.out !== undefined ? new ResultsFileWriter(o.out) : o.sink;
    if (toDo === 0 && getExecutor() !== undefined) {
      await getExecutor()!.close();
      setExecutor(undefined);
    }
    const executor: PointExecutor = getExecutor() ?? inProcessExecutor(runnerArg, plan.skipInvalid);

    const counts = { ok: 0, invalid: 0, error: 0 };
    const ready: SweepLine[] = [];
    let wake: (() => void) | undefined;
    let inFlight = 0;
    let finishedHere = 0;

    const record = (point: PlannedPoint, outcome: PointOutcome): void => {
      const line = makeLine(ctx, point, outcome);
      sink?.write(lineText(line));
      counts[line.status]++;
      finishedHere++;
      best.offer(line);
      o.onResult?.(line);
      if (o.onProgress) {
        const elapsedS = (performance.now() - t0) / 1000;
        const rate = finishedHere / Math.max(elapsedS, 1e-9);
        o.onProgress({ done: finishedHere, toDo, resumed, elapsedS, pointsPerSecond: rate, etaS: (toDo - finishedHere) / rate });
      }
      ready.push(line);
      wake?.();
    };

    // an exception from a callback (onResult, onProgress) or the sink stops the sweep after
    // the running points are written, and is rethrown to the caller
    let failure: unknown;
    const settle = (point: PlannedPoint, given: PointOutcome): void => {
      inFlight--;
      // workers started before the plan was read record every user error as invalid; a sweep that
      // does not skip invalid points counts them as errors
      const outcome: PointOutcome = given.status === 'invalid' && !plan.skipInvalid ? { ...given, status: 'error' } : given;
      try {
        record(point, outcome);
      } catch (e) {
        failure ??= e;
        wake?.();
      }
    };

    // the default runner loads each point in this thread (see scenario-adapter preparePointScenario)
    const prepare = o.runner === undefined ? adapter?.preparePointScenario : typeof o.runner === 'object' && !(o.runner instanceof URL) ? o.runner.preparePoint : undefined;

    // each point is held to the limits where it runs (the runner's runScenario meters it)
    const pointLimits = o.maxEvents !== undefined || o.maxMemoryBytes !== undefined ? { ...(o.maxEvents !== undefined ? { maxEvents: o.maxEvents } : {}), ...(o.maxMemoryBytes !== undefined ? { maxMemoryBytes: o.maxMemoryBytes } : {}) } : undefined;
    let next = shard?.index ?? 0;
    const stride = shard?.count ?? 1;
    try {
      for (;;) {
        while (!this.stopRequested && failure === undefined && inFlight < executor.capacity && next < plan.total) {
          const index = next;
          next += stride;
          if (isDone(index)) continue;
          const point = plan.pointAt(index);
          if (point.buildError !== undefined) {
            record(point, { status: plan.skipInvalid ? 'invalid' : 'error', error: point.buildError, wallTimeS: 0, worker: 0 });
            continue;
          }
          let scenario = point.scenario;
          if (prepare !== undefined) {
            try {
              scenario = prepare(point.scenario, point);
            } catch (e) {
              if (!isUserInputError(e)) throw e;
              record(point, { status: plan.skipInvalid ? 'invalid' : 'error', error: e.message, wallTimeS: 0, worker: 0 });
              continue;
            }
          }
          inFlight++;
          const task = { index: point.index, seed: point.seed, replication: point.replication, scenario, ...(pointLimits ? { limits: pointLimits } : {}) };
          void executor.run(task).then(
            (outcome) => settle(point, outcome),
            // the executor turns point failures into outcomes; this is e.g. a runner module that
            // cannot be loaded in-process
            (e: unknown) => settle(point, { status: 'error', error: e instanceof Error ? e.message : String(e), wallTimeS: 0, worker: 0 }),
          );
        }
        if (failure !== undefined) throw failure;
        if (ready.length > 0) {
          yield ready.shift()!;
          continue;
        }
        if (inFlight === 0 && (this.stopRequested || next >= plan.total)) break;
        if (failure !== undefined) throw failure;
        await new Promise<void>((r) => (wake = r));
        wake = undefined;
      }
    } finally {
      // a consumer that stops early still gets every running point written
      this.stopRequested = true;
      while (inFlight > 0) await new Promise<void>((r) => (wake = r));
      await executor.close();
      setExecutor(undefined);
      sink?.close();
      const wallTimeS = (performance.now() - t0) / 1000;
      const ran = counts.ok + counts.invalid + counts.error;
      this.settle.resolve({
        id: plan.id,
        total: plan.total,
        shard,
        shardPoints,
        resumed,
        ran,
        ...counts,
        cancelled: ran < toDo,
        wallTimeS,
        pointsPerSecond: ran / Math.max(wallTimeS, 1e-9),
        objective: best.current,
        best: best.top(),
      });
    }
  }
}

/**
 * Runs a sweep. Iterate it (`for await (const line of runSweep(...))`) to get lines as points
 * finish, or call `finished()` for the summary; lines also go to `onResult` and `out`.
 */
export function runSweep(scenario: string | Record<string, unknown>, options: RunSweepOptions = {}): SweepRun {
  return new SweepRun(scenario, options);
}
