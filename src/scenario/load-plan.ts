/**
 * loadPlanSpec: a plan file (YAML/JSON) or object -> a checked PlanSpec with defaults filled and
 * every quantity in SI (issue 15; docs/planning.md). Unknown presets (system or model) are one
 * UserInputError naming the field, with the valid names and a "did you mean".
 */
import { resolve as resolvePath } from 'node:path';
import { z } from 'zod';
import { isPlainObject, nameFromFile, readDocument, type Document } from './documents.js';
import { choiceMessage, problemsError, type FieldProblem } from './errors.js';
import { fieldsAt } from './json-schema.js';
import { parseQuantity } from './quantity.js';
import { planSchema, type PlanParsed } from './plan-schema.js';
import { SYSTEM_PRESETS, systemPresetInfo } from './system-catalogue.js';
import type { ModelInput } from './schema.js';
import { zodProblems } from './validate.js';
import { modelPresets, modelPresetNames } from '../workload/models.js';
import { UserInputError } from '../user-input-error.js';

/** One system of a plan, as its scenarios will name it. */
export interface PlanSystem {
  readonly preset: string;
  /** Counts to try; undefined: powers of two up to maxChips. */
  readonly counts?: readonly number[];
  readonly lnc?: number;
  /**
   * The rest of the system as the plan wrote it (lnc, overrides, figureSets, pricing, power, ...),
   * copied into every scenario's system; `price` becomes `pricing.usdPerHour` there.
   */
  readonly scenarioFields: Document;
}

export interface PlanTrainingSearch {
  readonly tp?: readonly number[];
  readonly pp?: readonly number[];
  readonly cp?: readonly number[];
  readonly ep?: readonly number[];
  readonly microBatch?: readonly number[];
  readonly zero?: readonly number[];
  readonly recompute?: readonly ('none' | 'selective' | 'full')[];
  readonly schedule?: readonly ('1f1b' | 'interleaved')[];
}

export interface PlanTraining {
  readonly tokens: number;
  readonly sequenceLength: number;
  readonly globalBatch: number;
  readonly deadlineS?: number;
  readonly search: PlanTrainingSearch;
}

export interface PlanServing {
  readonly arrivalRatePerSecond: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly ttftP99S?: number;
  readonly tpotP50S?: number;
  readonly requests: number;
  readonly durationS: number;
  readonly search: { readonly tp?: readonly number[]; readonly maxBatch?: readonly number[] };
}

/** A checked plan (SI units). Plain data. */
export interface PlanSpec {
  readonly name: string;
  readonly seed: number;
  readonly origin: string;
  /** The model as the plan wrote it (a preset name or an inline model): copied into every scenario. */
  readonly model: ModelInput;
  readonly precision: readonly ('bf16' | 'fp8')[];
  readonly systems: readonly PlanSystem[];
  readonly maxChips: number;
  readonly budgetUsd?: number;
  readonly train?: PlanTraining;
  readonly serve?: PlanServing;
  /** The reliability section as written (docs/reliability.md), when given: the plan's scenarios get it with job: { tokens }. */
  readonly reliability?: Document;
}

/** Tokens per step of the default global batch: 16 Mi tokens (Llama 3 paper §3.4.1, the 405B's final batch). */
export const DEFAULT_BATCH_TOKENS = 16 * 2 ** 20;

let planRoot: Record<string, unknown> | undefined;
function planFields(path: readonly (string | number)[], doc: unknown): string[] {
  planRoot ??= z.toJSONSchema(planSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return fieldsAt(path, doc, planRoot);
}

function checkNames(p: PlanParsed, problems: FieldProblem[]): void {
  p.systems.forEach((s, i) => {
    const preset = typeof s === 'string' ? s : s.preset;
    if (systemPresetInfo(preset) === undefined) problems.push({ path: `systems[${i}]${typeof s === 'string' ? '' : '.preset'}`, message: choiceMessage('system preset', preset, SYSTEM_PRESETS) });
  });
  const model = p.model;
  const preset = typeof model === 'string' ? model : model.preset;
  if (preset !== undefined && modelPresets[preset.trim().toLowerCase()] === undefined) {
    problems.push({ path: typeof model === 'string' ? 'model' : 'model.preset', message: `${choiceMessage('model preset', preset, modelPresetNames)}, or an inline { layers, hidden, heads, kvHeads, ffn, vocab }` });
  }
}

function planSystem(s: PlanParsed['systems'][number], written: unknown): PlanSystem {
  if (typeof s === 'string') return { preset: s, scenarioFields: {} };
  // the fields as written (units and all), not as parsed: a scenario checks them again
  const { preset: _p, counts: _c, price, ...rest } = written as Document & { price?: number };
  const pricing = price !== undefined ? { ...((rest.pricing as Document | undefined) ?? {}), usdPerHour: price } : rest.pricing;
  return {
    preset: s.preset,
    ...(s.counts ? { counts: [...new Set(s.counts)].sort((a, b) => a - b) } : {}),
    ...(s.lnc !== undefined ? { lnc: s.lnc } : {}),
    scenarioFields: { ...rest, ...(pricing !== undefined ? { pricing } : {}) },
  };
}

const sortedUnique = <T extends number | string>(xs: readonly T[] | undefined): T[] | undefined =>
  xs === undefined ? undefined : [...new Set(xs)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

function toSpec(p: PlanParsed, document: Document, origin: string, defaultName: string): PlanSpec {
  const q = (v: unknown, dim: Parameters<typeof parseQuantity>[1]): number => parseQuantity(v, dim, '');
  let train: PlanTraining | undefined;
  if (p.train) {
    const t = p.train;
    const s = t.search ?? {};
    const search: PlanTrainingSearch = {
      ...(s.tp ? { tp: sortedUnique(s.tp)! } : {}),
      ...(s.pp ? { pp: sortedUnique(s.pp)! } : {}),
      ...(s.cp ? { cp: sortedUnique(s.cp)! } : {}),
      ...(s.ep ? { ep: sortedUnique(s.ep)! } : {}),
      ...(s.microBatch ? { microBatch: sortedUnique(s.microBatch)! } : {}),
      ...(s.zero ? { zero: sortedUnique(s.zero)! } : {}),
      ...(s.recompute ? { recompute: [...new Set(s.recompute)] } : {}),
      ...(s.schedule ? { schedule: [...new Set(s.schedule)] } : {}),
    };
    train = {
      tokens: t.tokens,
      sequenceLength: t.sequenceLength,
      globalBatch: t.globalBatch ?? Math.max(1, Math.round(DEFAULT_BATCH_TOKENS / t.sequenceLength)),
      ...(t.deadline !== undefined ? { deadlineS: q(t.deadline, 'seconds') } : {}),
      search,
    };
  }
  let serve: PlanServing | undefined;
  if (p.serve) {
    const v = p.serve;
    serve = {
      arrivalRatePerSecond: q(v.rate, 'perSecond'),
      inputTokens: v.inputTokens,
      outputTokens: v.outputTokens,
      ...(v.ttftP99 !== undefined ? { ttftP99S: q(v.ttftP99, 'seconds') } : {}),
      ...(v.tpotP50 !== undefined ? { tpotP50S: q(v.tpotP50, 'seconds') } : {}),
      requests: v.requests,
      durationS: q(v.duration, 'seconds'),
      search: {
        ...(v.search?.tp ? { tp: sortedUnique(v.search.tp)! } : {}),
        ...(v.search?.maxBatch ? { maxBatch: sortedUnique(v.search.maxBatch)! } : {}),
      },
    };
  }
  return {
    name: p.name ?? defaultName,
    seed: p.seed,
    origin,
    model: p.model,
    precision: [...new Set(p.precision)],
    systems: p.systems.map((s, i) => planSystem(s, (document.systems as unknown[])[i])),
    maxChips: p.maxChips,
    ...(p.budget !== undefined ? { budgetUsd: p.budget } : {}),
    ...(train ? { train } : {}),
    ...(serve ? { serve } : {}),
    // the section as written (units and all): copied into every scenario, which checks it again
    ...(document.reliability !== undefined ? { reliability: document.reliability as Document } : {}),
  };
}

/**
 * Loads a plan from a YAML/JSON file or an object: validates it, fills defaults, converts units.
 * Every failure is one UserInputError naming the file and the field.
 */
export function loadPlanSpec(source: string | Record<string, unknown>, options: { origin?: string } = {}): PlanSpec {
  const origin = typeof source === 'string' ? source : (options.origin ?? 'plan');
  const document = typeof source === 'string' ? readDocument(resolvePath(source)) : source;
  if (!isPlainObject(document)) throw new UserInputError(`${origin}: a plan must be a mapping with model:, systems: and train: or serve:; give those fields (docs/planning.md).`);
  const result = planSchema.safeParse(document, { reportInput: true });
  if (!result.success) throw problemsError(origin, zodProblems(result.error.issues, document, planFields));
  const problems: FieldProblem[] = [];
  checkNames(result.data, problems);
  if (problems.length > 0) throw problemsError(origin, problems);
  return toSpec(result.data, document, origin, typeof source === 'string' ? nameFromFile(source) : 'plan');
}
