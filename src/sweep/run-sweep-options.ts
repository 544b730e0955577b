/** The options, progress and summary of runSweep (run-sweep.ts). */
import type { Objective, RankedPoint } from './objective.js';
import type { LineSink } from './results-file.js';
import type { PointRunnerModule, PointValidateFunction, Shard, SweepLine } from './types.js';

export interface SweepProgress {
  /** Points finished in this run. */
  readonly done: number;
  /** Points this run has to do (its shard, minus resumed ones). */
  readonly toDo: number;
  /** Points found already done in the results file. */
  readonly resumed: number;
  readonly elapsedS: number;
  readonly pointsPerSecond: number;
  /** Estimated seconds left (NaN before the first point). */
  readonly etaS: number;
}

export interface RunSweepOptions {
  /** Worker threads; 0 runs points in-process, one at a time. Default: the machine's cores. */
  readonly workers?: number;
  /** Called with every finished point's line (also for the iterator and the file). */
  readonly onResult?: (line: SweepLine) => void;
  /** Only the points whose index mod n is i: { index: i, count: n } or "i/n". */
  readonly shard?: Shard | string;
  /** Results file (JSON lines, appended as points finish). */
  readonly out?: string;
  /** Skip points already recorded in `out` (re-run those recorded as errors). */
  readonly resume?: boolean;
  /** Another destination for lines (e.g. stdout), used when `out` is not given. */
  readonly sink?: LineSink;
  /** Ranking for the summary's best points (default: tokensPerSecond, outputTokensPerSecond, stepTimeS:min). */
  readonly objective?: Objective;
  /**
   * What runs a point: a module URL, or a file path relative to the working directory, exporting
   * runPoint (works with workers), or a module object (in-process only). Default: the scenario
   * layer (loadScenario + runScenario).
   */
  readonly runner?: string | URL | PointRunnerModule;
  /** Checks a point before anything runs when skipInvalid is false. Default: the scenario schema. */
  readonly validate?: PointValidateFunction;
  /** JSON Schema the axis paths must exist in; false skips the check. Default: the scenario schema. */
  readonly schema?: object | false;
  readonly onProgress?: (progress: SweepProgress) => void;
  /** Warnings (e.g. corrupt lines in the file to resume). Default: stderr. */
  readonly onWarning?: (message: string) => void;
  /**
   * Engine events the sweep may take in all (default 1e9) and each point may take; a sweep whose
   * estimate (points x sampled points' estimates) is larger is refused before any point runs.
   */
  readonly maxEvents?: number;
  /** Bytes the sweep may hold (default 4 GiB): the workers' points at once plus what it keeps per point. */
  readonly maxMemoryBytes?: number;
  /** Bytes the caller keeps per finished line (e.g. lines collected for a CSV), for the memory estimate. */
  readonly keptBytesPerPoint?: number;
  /** Folders the sweep file's `extends` may read (default: its own folder and the bundled scenarios). */
  readonly allowedRoots?: readonly string[];
  /** Largest scenario file read, bytes (default 1 MiB). */
  readonly maxBytes?: number;
}

export interface SweepSummary {
  readonly id: string;
  readonly total: number;
  readonly shard: Shard | undefined;
  /** Points in this shard. */
  readonly shardPoints: number;
  readonly resumed: number;
  readonly ran: number;
  readonly ok: number;
  readonly invalid: number;
  readonly error: number;
  /** True when cancel() stopped the sweep before every point ran. */
  readonly cancelled: boolean;
  readonly wallTimeS: number;
  readonly pointsPerSecond: number;
  readonly objective: Objective | undefined;
  /** Best points by the objective (this run and resumed lines), best first. */
  readonly best: readonly RankedPoint[];
}

