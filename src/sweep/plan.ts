/**
 * Expands a scenario with a `sweep:` block into a plan of points, lazily: `pointAt(index)` builds
 * one point on demand, so a sweep of millions of points never holds them all (flat memory).
 *
 * Order: each combination's replications are consecutive (index = combination * R + replication);
 * in cross mode the first axis varies slowest, like nested loops written in axis order.
 * Seeds: replication 0 keeps the scenario's seed (so a point equals the same scenario run alone),
 * replication r > 0 gets engine `deriveSeed(seed, r)`.
 */
import { createHash } from 'node:crypto';
import { deriveSeed } from '../engine/index.js';
import { axisValues } from './axes.js';
import { canonicalJson } from './canonical-json.js';
import { setPath } from './dot-path.js';
import { SweepErrors } from './errors.js';
import { checkSchemaPath } from './schema-paths.js';
import { parseObjective, type Objective } from './objective.js';
import type { Json, JsonObject, SweepPoint } from './types.js';

/** Seed of a scenario that gives none (issue 7 default). */
export const DEFAULT_SCENARIO_SEED = 1;

export interface SweepAxis {
  readonly path: string;
  readonly values: readonly Json[];
}

export interface PlannedPoint extends SweepPoint {
  readonly inputs: { readonly [path: string]: Json };
  /** Why the point's scenario could not be built (an axis path through a non-object), if so. */
  readonly buildError?: string;
}

export interface SweepPlan {
  /** Hash of the expanded sweep (base scenario, mode, axis values, replications). */
  readonly id: string;
  readonly total: number;
  readonly combinations: number;
  readonly mode: 'cross' | 'zip';
  readonly replications: number;
  readonly skipInvalid: boolean;
  readonly axes: readonly SweepAxis[];
  /** The block's `objective`, used when the caller gives none. */
  readonly objective?: Objective;
  pointAt(index: number): PlannedPoint;
}

export interface PlanOptions {
  /** JSON Schema of a scenario; when given, every axis path must name a field of it. */
  readonly schema?: object;
  /** File (or name) of the scenario, for messages. */
  readonly origin?: string;
}

export function planSweep(scenario: JsonObject, options: PlanOptions = {}): SweepPlan {
  const block = scenario.sweep as Record<string, unknown> | undefined;
  if (block === undefined || block === null || typeof block !== 'object' || Array.isArray(block)) {
    throw SweepErrors.noSweepBlock(options.origin ?? (typeof scenario.name === 'string' ? scenario.name : 'scenario'));
  }
  const mode = block.mode ?? 'cross';
  if (mode !== 'cross' && mode !== 'zip') throw SweepErrors.badMode(mode);
  const rawReplications = block.replications ?? 1;
  if (typeof rawReplications !== 'number' || !Number.isInteger(rawReplications) || rawReplications < 1) {
    throw SweepErrors.badReplications(rawReplications);
  }
  const replications: number = rawReplications;
  const skipInvalid = block.skipInvalid ?? false;
  if (typeof skipInvalid !== 'boolean') throw SweepErrors.badSkipInvalid(skipInvalid);
  const objective = block.objective === undefined ? undefined : parseObjective(String(block.objective));
  const rawAxes = block.axes;
  if (rawAxes === null || typeof rawAxes !== 'object' || Array.isArray(rawAxes) || Object.keys(rawAxes).length === 0) {
    throw SweepErrors.noAxes();
  }

  const axes: SweepAxis[] = [];
  for (const [path, spec] of Object.entries(rawAxes as Record<string, unknown>)) {
    if (path === 'sweep' || path.startsWith('sweep.')) throw SweepErrors.badAxis(path, 'an axis cannot change the sweep block itself');
    if (options.schema !== undefined) {
      const why = checkSchemaPath(options.schema as never, path);
      if (why !== undefined) throw SweepErrors.unknownAxisPath(path, why);
    }
    axes.push({ path, values: axisValues(path, spec) });
  }

  let combinations: number;
  if (mode === 'zip') {
    const n = axes[0]!.values.length;
    if (axes.some((a) => a.values.length !== n)) {
      throw SweepErrors.zipLengths(axes.map((a) => `"${a.path}": ${a.values.length}`).join(', '));
    }
    combinations = n;
  } else {
    combinations = axes.reduce((p, a) => p * a.values.length, 1);
  }
  const total = combinations * replications;
  if (!Number.isSafeInteger(total)) throw SweepErrors.tooManyPoints(total);

  const { sweep: _sweep, ...base } = scenario;
  const id = createHash('sha256')
    .update(canonicalJson({ v: 1, base, mode, axes: axes.map((a) => [a.path, a.values]), replications }))
    .digest('hex')
    .slice(0, 16);
  // the base is cloned per point through JSON text: plain data only, no shared references
  const baseText = JSON.stringify(base);
  const radices = axes.map((a) => a.values.length);

  function pointAt(index: number): PlannedPoint {
    if (!Number.isInteger(index) || index < 0 || index >= total) throw new RangeError(`point index ${index} outside 0..${total - 1}`);
    const replication = index % replications;
    let combo = (index - replication) / replications;
    const picks = new Array<number>(axes.length);
    if (mode === 'zip') picks.fill(combo);
    else {
      for (let a = axes.length - 1; a >= 0; a--) {
        picks[a] = combo % radices[a]!;
        combo = Math.floor(combo / radices[a]!);
      }
    }
    const point = JSON.parse(baseText) as JsonObject;
    const inputs: Record<string, Json> = {};
    let buildError: string | undefined;
    for (let a = 0; a < axes.length; a++) {
      const value = axes[a]!.values[picks[a]!]!;
      inputs[axes[a]!.path] = value;
      const why = setPath(point, axes[a]!.path, structuredClone(value));
      if (why !== undefined && buildError === undefined) buildError = why;
    }
    const rawSeed = point.seed ?? DEFAULT_SCENARIO_SEED;
    const baseSeed = typeof rawSeed === 'number' && Number.isInteger(rawSeed) ? rawSeed : DEFAULT_SCENARIO_SEED;
    const seed = replication === 0 ? baseSeed : deriveSeed(baseSeed, replication);
    point.seed = seed;
    return buildError === undefined
      ? { index, seed, replication, scenario: point, inputs }
      : { index, seed, replication, scenario: point, inputs, buildError };
  }

  return { id, total, combinations, mode, replications, skipInvalid, axes, ...(objective ? { objective } : {}), pointAt };
}
