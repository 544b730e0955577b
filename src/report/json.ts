/**
 * Stable JSON of results: a fixed field order for the contract fields (issue 7 for training,
 * issue 8 for inference), any further fields after them in sorted order, `meta` last. The same
 * result always prints the same bytes, whatever order the producer filled its object in.
 */
import type { InferenceResult, TrainingResult } from '../workload/types.js';

/** A field order: key names, or [key, order of the nested object]. */
export type FieldOrder = ReadonlyArray<string | readonly [string, FieldOrder]>;

const META: FieldOrder = ['wallTimeS', 'eventsSimulated', 'host', 'version'];
const PERCENTILES: FieldOrder = ['p50', 'p90', 'p99', 'mean'];
/** Issue 14: the contract fields of `cost` and `energy` first. */
const COST: readonly [string, FieldOrder] = ['cost', ['usdPerHour', 'usdPerStep', 'usdPerMillionTokens', 'usdPerRun', 'usdPerMillionTokensOverRun', 'basis', 'priceKind', 'priceSource', 'runWallS', 'runFrom']];
const ENERGY: readonly [string, FieldOrder] = [
  'energy',
  ['joulesPerStep', 'joulesPerToken', 'averagePowerW', 'joulesPerRun', 'joulesPerTokenOverRun', ['joulesByComponent', ['idle', 'compute', 'hbm', 'link', 'host', 'facility']], ['utilisation', ['compute', 'hbm', 'link']]],
];

/** The long job's fields (issue 13 names the first ten); the rest follow sorted. */
export const RELIABILITY_FIELD_ORDER: FieldOrder = [
  'goodput',
  'jobWallS',
  'usefulS',
  ['lostS', ['failures', 'checkpoints', 'restarts', 'stragglers', 'linkFlaps', 'waitingForSpares']],
  'failures',
  'expectedFailures',
  'checkpointIntervalS',
  'optimalCheckpointIntervalS',
  'replications',
  ['goodputCi95', ['low', 'high']],
];

export const TRAINING_FIELD_ORDER: FieldOrder = [
  'kind',
  'name',
  'stepTimeS',
  'sequencesPerSecond',
  'tokensPerSecond',
  'mfu',
  ['breakdown', ['computeS', 'exposedCommS', ['exposedCommByKindS', ['tp', 'pp', 'dp', 'ep', 'cp']], 'bubbleS', 'idleS']],
  ['memoryBytesPerChip', ['weights', 'gradients', 'optimizer', 'activations', 'total', 'capacity']],
  ['reliability', RELIABILITY_FIELD_ORDER],
  COST,
  ENERGY,
];

export const INFERENCE_FIELD_ORDER: FieldOrder = [
  'kind',
  'name',
  ['ttftS', PERCENTILES],
  ['tpotS', PERCENTILES],
  ['e2eLatencyS', PERCENTILES],
  'outputTokensPerSecond',
  'requestsPerSecond',
  'requestsCompleted',
  'requestsRejected',
  'outputTokensPerSecondPerChip',
  ['chipUtilisation', ['chips', 'busyFraction', 'flopsFraction', 'hbmBandwidthFraction', 'collectiveFraction']],
  ['kvCache', ['capacityTokensPerReplica', 'bytesPerTokenPerRank', 'bytesPerRank', 'peakUsedFraction', 'meanUsedFraction', 'requestsWaited']],
  'meanRequestsInSystem',
  'simulatedTimeS',
  'replicas',
  ['steps', ['prefill', 'decode', 'meanDecodeBatch']],
  COST,
  ENERGY,
];

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A copy of `value` with keys in `order` first, the rest sorted; nested objects likewise. */
export function orderFields(value: unknown, order: FieldOrder = []): unknown {
  if (Array.isArray(value)) return value.map((v) => orderFields(v));
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  const listed = new Set<string>();
  for (const entry of order) {
    const [key, sub] = typeof entry === 'string' ? [entry, undefined] : entry;
    listed.add(key);
    if (key in value && value[key] !== undefined) out[key] = orderFields(value[key], sub);
  }
  const rest = Object.keys(value)
    .filter((k) => !listed.has(k) && k !== 'meta' && value[k] !== undefined)
    .sort();
  for (const k of rest) out[k] = orderFields(value[k]);
  if (value.meta !== undefined) out.meta = orderFields(value.meta, META);
  return out;
}

/** The result with its fields in the stable order (meta last). */
export function stableResult(result: TrainingResult | InferenceResult): Record<string, unknown> {
  return orderFields(result, result.kind === 'training' ? TRAINING_FIELD_ORDER : INFERENCE_FIELD_ORDER) as Record<string, unknown>;
}

/** `trnsim run --json`: the result as pretty JSON with a stable field order, newline-terminated. */
export function formatResultJson(result: TrainingResult | InferenceResult): string {
  return `${JSON.stringify(stableResult(result), null, 2)}\n`;
}

/** T without `meta`, member by member of a union (so a training result stays a training result). */
export type WithoutMeta<T> = T extends unknown ? Omit<T, 'meta'> : never;

/** The result without `meta`: the part that must be byte-identical between identical runs. */
export function withoutMeta<T extends { meta?: unknown }>(result: T): WithoutMeta<T> {
  const { meta: _meta, ...rest } = result;
  return rest as WithoutMeta<T>;
}
