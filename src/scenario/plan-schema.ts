/**
 * The zod schema of a plan file (`trnsim plan plan.yaml`, issue 15; docs/planning.md): the model,
 * the systems to choose from, the job (train: tokens by a deadline; serve: a request rate under a
 * latency SLO), a budget, and the search space. It reuses the scenario schema's model, system
 * overrides and quantity rules, so a plan names things exactly as a scenario does. Lists left out
 * of `search:` get defaults that depend on the system and model (plan/space.ts).
 */
import { z } from 'zod';
import { modelSchema, systemSchema } from './schema.js';
import type { QuantityDimension } from './quantity.js';
import { quantity as quantityField } from './schema-fields.js';
import { describeValue } from './describe-value.js';
import { SYSTEM_PRESETS } from './system-catalogue.js';
import { reliabilitySchema } from './reliability-schema.js';

type IssueLike = { input?: unknown };
const got = (iss: IssueLike): string => `got ${describeValue(iss.input)}`;

function positiveInt(description: string) {
  const error = (iss: IssueLike) => `expected a positive integer, ${got(iss)}`;
  return z.number({ error }).int({ error }).min(1, { error }).describe(description);
}

/** A positive number, also written as a numeric string ("15e12"). */
function positiveNumber(description: string) {
  const error = (iss: IssueLike) => `expected a positive number such as 15e12, ${got(iss)}`;
  return z
    .union([z.number(), z.string()], { error })
    .transform((v, ctx) => {
      const n = typeof v === 'number' ? v : Number(v.trim());
      if (typeof v === 'string' && v.trim() === '') ctx.addIssue({ code: 'custom', message: `expected a positive number such as 15e12, got ${describeValue(v)}`, input: v });
      else if (!Number.isFinite(n) || n <= 0) ctx.addIssue({ code: 'custom', message: `expected a positive number such as 15e12, got ${describeValue(v)}`, input: v });
      return n;
    })
    .describe(description);
}

/** A quantity (number in SI or a string with a unit), > 0: schema-fields.ts's. */
const quantity = (dimension: QuantityDimension, description: string) => quantityField(dimension, description, 0, true);

function intList(description: string) {
  return z.array(positiveInt('a value')).min(1, { error: 'a search list needs at least one value' }).describe(description);
}

function oneOfList<const T extends readonly [string, ...string[]]>(values: T, description: string) {
  return z
    .array(z.enum(values, { error: (iss) => `expected one of ${values.join(' | ')}, ${got(iss)}` }))
    .min(1, { error: 'a search list needs at least one value' })
    .describe(description);
}

const presetName = z
  .string({ error: (iss) => `expected a system preset name, ${got(iss)}` })
  .describe(`a system preset: ${SYSTEM_PRESETS.join(', ')}`);

/** One system to plan on: a preset name, or the preset with counts, LNC, overrides and a price. */
export const planSystemSchema = z.union(
  [
    presetName,
    systemSchema
      .omit({ count: true })
      .extend({
        counts: intList('numbers of servers or UltraServers to try; default powers of two up to maxChips').optional(),
        price: z
          .number({ error: (iss) => `expected USD per hour of one server or UltraServer, ${got(iss)}` })
          .positive({ error: (iss) => `expected USD per hour > 0, ${got(iss)}` })
          .describe('USD per hour of one unit (server or UltraServer); default the catalogue price')
          .optional(),
      })
      .describe('a system preset with the counts to try, overrides and a price'),
  ],
  { error: (iss) => `expected a system preset name or { preset, counts, lnc, overrides, price }, ${got(iss)}` },
);

const trainingSearch = z
  .strictObject({
    tp: intList('tensor-parallel degrees; default powers of two dividing heads, up to the ranks of one unit').optional(),
    pp: intList('pipeline stages; default 1, 2, 4, ... up to min(layers, 32)').optional(),
    cp: intList('context-parallel degrees; default [1]').optional(),
    ep: intList('expert-parallel degrees (MoE); default divisors of the experts that are powers of two; dense models [1]').optional(),
    microBatch: intList('sequences per micro-batch; default [1, 2, 4]').optional(),
    zero: z
      .array(z.number().int().min(0).max(3), { error: (iss) => `expected a list of ZeRO stages 0-3, ${got(iss)}` })
      .min(1)
      .describe('ZeRO stages; default [0, 1, 2, 3]')
      .optional(),
    recompute: oneOfList(['none', 'selective', 'full'], 'activation recomputation; default [none, selective, full]').optional(),
    schedule: oneOfList(['1f1b', 'interleaved'], 'pipeline schedules; default [1f1b]').optional(),
  })
  .describe('the parallelism space to search (lists); omitted lists take the defaults');

export const planTrainSchema = z
  .strictObject({
    tokens: positiveNumber('tokens to train on, e.g. 15e12'),
    sequenceLength: positiveInt('tokens per sequence').default(8192),
    globalBatch: positiveInt('sequences per step; default 16 Mi tokens / sequenceLength (the Llama 3.1 405B batch)').optional(),
    deadline: quantity('seconds', 'the training must finish within this time, e.g. "30 d"').optional(),
    search: trainingSearch.optional(),
  })
  .describe('a training job: tokens, sequence, batch, deadline');

const servingSearch = z
  .strictObject({
    tp: intList('tensor-parallel degrees per replica; default powers of two up to the ranks of one unit').optional(),
    maxBatch: intList('decode batch sizes; default 1, 2, 4, ..., 256').optional(),
  })
  .describe('the serving space to search (lists)');

export const planServeSchema = z
  .strictObject({
    rate: quantity('perSecond', 'request arrival rate to sustain, e.g. "20 /s"'),
    inputTokens: positiveInt('input tokens per request'),
    outputTokens: positiveInt('output tokens per request'),
    ttftP99: quantity('seconds', 'SLO: 99th percentile of time to first token, e.g. "2 s"').optional(),
    tpotP50: quantity('seconds', 'SLO: median time per output token, e.g. "50 ms"').optional(),
    requests: positiveInt('requests simulated per candidate; default 400').default(400),
    duration: quantity('seconds', 'how long the deployment serves, for cost and energy; default "1 h"').default(3600),
    search: servingSearch.optional(),
  })
  .describe('a serving job: request rate, token lengths, latency SLO');

export const planSchema = z
  .strictObject({
    $schema: z.string().describe('JSON Schema reference for editors; ignored').optional(),
    name: z.string().min(1).describe('default: the file name without extension').optional(),
    description: z.string().describe('free text').optional(),
    seed: z.number().int().min(0).describe('seed of every scenario the plan runs').default(1),
    model: modelSchema,
    precision: oneOfList(['bf16', 'fp8'], 'datatypes to try; default [bf16]').default(['bf16']),
    systems: z.array(planSystemSchema).min(1, { error: 'give at least one system to plan on' }).describe('systems to choose from'),
    maxChips: positiveInt('largest cluster to consider, in chips; default 65,536').default(65_536),
    budget: z
      .number({ error: (iss) => `expected USD (a number), ${got(iss)}` })
      .positive({ error: (iss) => `expected USD > 0, ${got(iss)}` })
      .describe('the most the job may cost, USD')
      .optional(),
    train: planTrainSchema.optional(),
    serve: planServeSchema.optional(),
    reliability: reliabilitySchema.describe('failures, checkpoints and restarts of the job (docs/reliability.md): time to train includes the simulated goodput').optional(),
  })
  .superRefine((p, ctx) => {
    if (p.reliability !== undefined && p.train === undefined) {
      ctx.addIssue({ code: 'custom', path: ['reliability'], message: 'reliability applies to training plans (train:), not to serving' });
    }
    if ((p.train === undefined) === (p.serve === undefined)) {
      ctx.addIssue({ code: 'custom', path: [], message: 'give exactly one of train: (tokens, deadline) or serve: (rate, token lengths, SLO)' });
    }
  })
  .describe('a trnsim plan: which system, how many, which parallelism');

export type PlanParsed = z.output<typeof planSchema>;
