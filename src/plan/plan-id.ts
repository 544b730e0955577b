/**
 * The id of a plan: a hash of its checked spec (defaults filled, units in SI; not where it was
 * read from) and of the model's fitted constants in force in this process (a `--calibration`
 * changes what every candidate simulates), so shards of one plan share it and a merge or a resume
 * refuses lines of another. The same file, or the same fields given as flags, give the same id.
 */
import { createHash } from 'node:crypto';
import type { PlanSpec } from '../scenario/index.js';
import { canonicalJson } from '../sweep/canonical-json.js';
import { currentConstants } from '../workload/fitted-constants.js';

export function planId(spec: PlanSpec): string {
  const { origin: _origin, ...fields } = spec;
  return createHash('sha256').update(canonicalJson({ v: 1, plan: fields, constants: currentConstants() })).digest('hex').slice(0, 16);
}
