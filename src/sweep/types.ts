/**
 * Types of the sweep layer: the `sweep:` block, a point sent to a worker, what a worker sends back,
 * and one line of the results file (issue 9; the line's field names are a contract).
 */

/** A plain JSON value: what crosses the worker boundary and what a results line holds. */
export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** One axis: explicit values, or a range (inclusive of `to` when it lands on it). */
export type AxisSpec =
  | readonly Json[]
  | { readonly from: number; readonly to: number; readonly factor: number }
  | { readonly from: number; readonly to: number; readonly step: number };

/** The `sweep:` block of a scenario. */
export interface SweepBlock {
  /** cross: every combination (first axis slowest); zip: the i-th value of every axis together. */
  readonly mode?: 'cross' | 'zip';
  /** Dot path into the scenario (e.g. "workload.parallelism.tp") -> values. */
  readonly axes: Readonly<Record<string, AxisSpec>>;
  /** Runs per combination, each with its own seed. Default 1. */
  readonly replications?: number;
  /** Record points whose scenario is invalid instead of refusing the whole sweep. Default false. */
  readonly skipInvalid?: boolean;
}

/** A point as a worker receives it: plain and serialisable. */
export interface SweepPoint {
  readonly index: number;
  readonly seed: number;
  readonly replication: number;
  /** The scenario of this point: the base with the axis values set, `seed` set, no `sweep` block. */
  readonly scenario: JsonObject;
  /** Work limits the point runs under (runSweep's maxEvents, maxMemoryBytes), when given. */
  readonly limits?: PointLimits;
}

/** Work limits of one point (RunSweepOptions' maxEvents and maxMemoryBytes). */
export interface PointLimits {
  readonly maxEvents?: number;
  readonly maxMemoryBytes?: number;
}

/** What a worker (or the in-process runner) returns for one point; errors are data, never thrown. */
export type PointOutcome =
  | { readonly status: 'ok'; readonly outputs: Json; readonly runMeta: Json | undefined; readonly wallTimeS: number; readonly worker: number }
  | { readonly status: 'invalid' | 'error'; readonly error: string; readonly wallTimeS: number; readonly worker: number };

export type PointStatus = 'ok' | 'invalid' | 'error';

/** Wall-clock data: the only part of a line allowed to differ between identical runs. */
export interface SweepLineMeta {
  readonly wallTimeS: number;
  /** Worker thread id (0 = in-process). */
  readonly worker: number;
  readonly host: string;
  readonly version: string;
  /** The point runner's own `meta` (e.g. events simulated, its wall time), when it gave one. */
  readonly run?: Json;
}

/**
 * One line of results.jsonl. Key order is fixed: id, index, total, seed, replication, inputs,
 * status, outputs | error, meta.
 */
export interface SweepLine {
  /** Hash of the expanded sweep: shards of one sweep share it. */
  readonly id: string;
  readonly index: number;
  readonly total: number;
  readonly seed: number;
  readonly replication: number;
  /** Axis path -> the value of this point, in axis order. */
  readonly inputs: { readonly [path: string]: Json };
  readonly status: PointStatus;
  readonly outputs?: Json;
  readonly error?: string;
  readonly meta: SweepLineMeta;
}

/** Which point a runner is given (for messages). */
export interface PointContext {
  readonly index: number;
  readonly seed: number;
  readonly replication: number;
  /** Work limits for the point's run, when the sweep was given any. */
  readonly limits?: PointLimits;
}

/** Runs one point's scenario and returns its result (plain data). May be async. Throw to fail. */
export type PointRunFunction = (scenario: JsonObject, point: PointContext) => unknown;
/** Checks a point's scenario without running it: a list of problems, empty when valid. */
export type PointValidateFunction = (scenario: JsonObject, point: PointContext) => readonly string[];

/**
 * A module a worker imports to run points: `runPoint` is required, `validatePoint` optional.
 * The default is sweep/scenario-point-runner.js (the scenario layer's runLoadedScenario).
 */
export interface PointRunnerModule {
  readonly runPoint: PointRunFunction;
  readonly validatePoint?: PointValidateFunction;
  /**
   * Optional, run in the parent before a point is sent: turns the point's document into what
   * runPoint receives (plain data). Throw a UserInputError for an invalid point.
   */
  readonly preparePoint?: PointPrepareFunction;
}

/** Prepares a point's scenario in the parent thread (see PointRunnerModule.preparePoint). */
export type PointPrepareFunction = (scenario: JsonObject, point: PointContext) => JsonObject;

/** A shard of a sweep: the points whose index mod count is index. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}
