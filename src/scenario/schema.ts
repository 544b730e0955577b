/**
 * The one zod schema of a scenario file (issues 7, 8 and 9): system, training or inference
 * workload, optional sweep block. It checks shapes, ranges and units and fills the scalar
 * defaults; cross-field rules that need the system (dp derivation, tp x pp x dp x cp = ranks,
 * ep | dp) live in resolve.ts. Field descriptions here are the source of the JSON Schema
 * (`trnsim schema`) and of docs/scenarios.md; keep the three in step.
 */
import { z } from 'zod';
import { SYSTEM_PRESETS } from './system-catalogue.js';
import { describeValue } from './describe-value.js';
import { bool, fraction, got, kindOf, nonNegativeInt, oneOf, positiveInt, quantity } from './schema-fields.js';
import { jobSchema, reliabilitySchema } from './reliability-schema.js';
import { modelPresetNames } from '../workload/models.js';
import { systemSchema } from './system-schema.js';

export { systemSchema };

// ---------------------------------------------------------------- models

// The enum of presets comes first so editors offer the names; any other string passes here and is
// checked against the presets in resolve.ts (with a "did you mean").
const presetName = z.enum(modelPresetNames as [string, ...string[]]).describe('a model preset (docs/scenarios.md "Models")');

const MODEL_FIELDS = {
  preset: z.union([presetName, z.string().min(1)]).describe('start from this model preset and replace the fields given').optional(),
  name: z.string().min(1).describe('display name').optional(),
  layers: positiveInt('transformer layers').optional(),
  hidden: positiveInt('hidden size (d_model)').optional(),
  heads: positiveInt('attention heads').optional(),
  kvHeads: positiveInt('key/value heads (GQA); default heads').optional(),
  ffn: positiveInt('FFN inner size (dense layers)').optional(),
  vocab: positiveInt('vocabulary size').optional(),
  gatedFfn: bool('SwiGLU (3 matrices) when true, GELU (2 matrices) when false; default true').optional(),
  headDim: positiveInt('head size; default hidden / heads').optional(),
  tiedEmbeddings: bool('input and output embeddings shared; default false').optional(),
  experts: positiveInt('MoE experts per layer; default 1 (dense)').optional(),
  topK: positiveInt('MoE experts per token; default 1').optional(),
  expertFfn: positiveInt('FFN inner size of each expert; default ffn').optional(),
  learnedPositions: bool('learned position embeddings (GPT-3), counted in parameters').optional(),
  maxPositions: positiveInt('positions of the learned position table').optional(),
};
/** Fields an inline model must give when it does not start from a preset. */
export const INLINE_MODEL_REQUIRED = ['layers', 'hidden', 'heads', 'ffn', 'vocab'] as const;

const inlineModel = z
  .strictObject(MODEL_FIELDS)
  .superRefine((m, ctx) => {
    if (m.preset !== undefined) return;
    for (const f of INLINE_MODEL_REQUIRED) {
      if (m[f] === undefined) ctx.addIssue({ code: 'custom', path: [f], message: `missing (an inline model without "preset" needs ${INLINE_MODEL_REQUIRED.join(', ')})` });
    }
  })
  .describe('an inline architecture, or { preset, ...fields to replace }');


export const modelSchema = z
  .union([presetName, z.string().min(1), inlineModel], {
    error: (iss) => `expected a model preset name or an inline model { layers, hidden, heads, ffn, vocab, ... }, ${got(iss)}`,
  })
  .describe('a model preset name (see `trnsim schema` or docs/scenarios.md) or an inline architecture');

const precision = oneOf(['bf16', 'fp8'], 'datatype of the matmuls (weights for inference)').default('bf16');

// ---------------------------------------------------------------- training

export const trainingSchema = z
  .strictObject({
    kind: z.literal('training'),
    model: modelSchema,
    precision,
    sequenceLength: positiveInt('tokens per sequence'),
    globalBatch: positiveInt('sequences per step'),
    microBatch: positiveInt('sequences per micro-batch per data-parallel replica').default(1),
    parallelism: z
      .strictObject({
        tp: positiveInt('tensor-parallel degree, in ranks (logical NeuronCores)'),
        pp: positiveInt('pipeline-parallel stages').default(1),
        dp: positiveInt('data-parallel degree; default ranks / (tp x pp x cp)').optional(),
        cp: positiveInt('context-parallel degree').default(1),
        ep: positiveInt('expert-parallel degree (MoE); must divide dp').default(1),
        zero: z
          .number({ error: (iss) => `expected a ZeRO stage 0, 1, 2 or 3, ${got(iss)}` })
          .int({ error: (iss) => `expected a ZeRO stage 0, 1, 2 or 3, ${got(iss)}` })
          .min(0, { error: (iss) => `expected a ZeRO stage 0, 1, 2 or 3, ${got(iss)}` })
          .max(3, { error: (iss) => `expected a ZeRO stage 0, 1, 2 or 3, ${got(iss)}` })
          .describe('ZeRO stage 0-3 (sharding of optimizer, gradients, weights over dp)')
          .default(1),
        sequenceParallel: bool('sequence parallelism inside the TP group').default(true),
        schedule: oneOf(['1f1b', 'interleaved'], 'pipeline schedule').default('1f1b'),
        virtualStages: positiveInt('model chunks per pipeline stage (interleaved schedule)').default(1),
        order: z
          .array(oneOf(['tp', 'cp', 'dp', 'pp'], 'a parallel axis'))
          .superRefine((o, ctx) => {
            if (o.length !== 4 || new Set(o).size !== 4) {
              ctx.addIssue({ code: 'custom', message: `expected tp, cp, dp and pp once each, innermost first, e.g. [tp, cp, pp, dp] to keep pipeline stages inside an UltraServer; got [${o.join(', ')}]` });
            }
          })
          .describe('rank order, innermost axis first; default [tp, cp, dp, pp] (NxD and Megatron: TP on consecutive ranks, PP outermost)')
          .optional(),
      })
      .describe('parallelism degrees, counted in ranks as Neuron counts them'),
    recompute: oneOf(['none', 'selective', 'full'], 'activation recomputation in the backward pass').default('selective'),
  })
  .describe('one training step');

// ---------------------------------------------------------------- inference

const tokenCount = positiveInt('tokens');
export const tokenLengthSchema = z
  .union(
    [
      tokenCount,
      z.discriminatedUnion(
        'kind',
        [
          z.strictObject({ kind: z.literal('fixed'), tokens: tokenCount }),
          z.strictObject({ kind: z.literal('uniform'), min: tokenCount, max: tokenCount }),
          z.strictObject({ kind: z.literal('normal'), mean: tokenCount, sd: z.number().min(0), min: tokenCount.optional(), max: tokenCount.optional() }),
          z.strictObject({ kind: z.literal('lognormal'), median: tokenCount, sigma: z.number().min(0), min: tokenCount.optional(), max: tokenCount.optional() }),
        ],
        { error: (iss) => `expected kind to be fixed | uniform | normal | lognormal, got ${describeValue(kindOf(iss.input))}` },
      ),
    ],
    {
      error: (iss) =>
        `expected a token count or { kind: fixed | uniform | normal | lognormal, ... } (docs/scenarios.md), ${got(iss)}`,
    },
  )
  .describe('tokens per request: a number, or a seeded distribution { kind: uniform, min, max } | { kind: normal, mean, sd } | { kind: lognormal, median, sigma }');

export const inferenceSchema = z
  .strictObject({
    kind: z.literal('inference'),
    model: modelSchema,
    precision,
    parallelism: z
      .strictObject({
        tp: positiveInt('tensor-parallel degree, in ranks'),
        pp: positiveInt('pipeline-parallel stages').default(1),
        dp: positiveInt('model replicas; default ranks / (tp x pp)').optional(),
      })
      .describe('ranks as Neuron counts them'),
    batching: z
      .strictObject({
        maxBatch: positiveInt('sequences decoded together per replica').default(1),
        policy: oneOf(['continuous', 'static'], 'batching policy').default('continuous'),
      })
      .prefault({})
      .describe('batching'),
    requests: z
      .strictObject({
        count: positiveInt('requests to simulate'),
        inputTokens: tokenLengthSchema,
        outputTokens: tokenLengthSchema,
        concurrency: positiveInt('closed loop: requests in flight (a new one arrives when one finishes); default maxBatch x dp').optional(),
        arrivalRate: quantity('perSecond', 'open loop: Poisson arrivals (seeded), e.g. "4 /s"', 0, true).optional(),
      })
      .describe('the request stream'),
    maxContextTokens: positiveInt('max context (input + output) per sequence; sizes the KV cache').optional(),
    contextBuckets: z
      .array(positiveInt('a compiled context-encoding length, tokens'))
      .min(1)
      .describe('compiled context-encoding buckets, tokens: a prompt runs padded to the smallest bucket that holds it; default powers of two from 128 up to maxContextTokens')
      .optional(),
    speculation: z
      .strictObject({
        draft: modelSchema,
        tokens: positiveInt('tokens drafted per step'),
        acceptanceRate: z
          .number({ error: (iss) => `expected a number in [0, 1), ${got(iss)}` })
          .min(0, { error: (iss) => `expected a number in [0, 1), ${got(iss)}` })
          .lt(1, { error: (iss) => `expected a number in [0, 1), ${got(iss)}` })
          .describe('probability a drafted token is accepted; default the inference calibration')
          .optional(),
      })
      .describe('speculative decoding with a draft model')
      .optional(),
  })
  .describe('inference serving');

// ---------------------------------------------------------------- sweep

const axisRange = z
  .strictObject({
    from: z.number().describe('first value'),
    to: z.number().describe('last value (included when reached)'),
    step: z.number().gt(0).describe('additive step').optional(),
    factor: z.number().gt(1).describe('multiplicative step').optional(),
  })
  .describe('a range: { from, to, step } or { from, to, factor }');

export const sweepSchema = z
  .strictObject({
    mode: oneOf(['cross', 'zip'], 'cross: every combination; zip: the i-th value of every axis together').default('cross'),
    axes: z
      .record(z.string(), z.union([z.array(z.unknown()).min(1, { error: 'an axis needs at least one value' }), axisRange]))
      .describe('dot path of a scenario field -> list of values or a range'),
    replications: positiveInt('runs per point, seeds derived from the scenario seed').default(1),
    skipInvalid: bool('record points that fail validation as invalid instead of stopping').default(false),
    objective: z
      .string()
      .regex(/^[A-Za-z0-9_$][\w$.-]*(:(max|min))?$/, { error: (iss) => `expected an output path with an optional :max or :min, e.g. "reliability.goodput:max", ${got(iss)}` })
      .describe('output that ranks the points when --objective is not given, e.g. reliability.goodput:max')
      .optional(),
  })
  .describe('a sweep over scenario fields (trnsim sweep)');

// ---------------------------------------------------------------- scenario

export const scenarioSchema = z
  .strictObject({
    $schema: z.string().describe('JSON Schema reference for editors; ignored').optional(),
    name: z.string().min(1).describe('default: the file name without extension').optional(),
    description: z.string().describe('free text').optional(),
    extends: z
      .union([z.string(), z.array(z.string())])
      .describe('a file (relative to this one) or a bundled scenario name to deep-merge under this one')
      .optional(),
    seed: nonNegativeInt('seed of every random stream').default(1),
    system: systemSchema,
    workload: z
      .discriminatedUnion('kind', [trainingSchema, inferenceSchema], {
        error: (iss) =>
          iss.input !== null && typeof iss.input === 'object' && !Array.isArray(iss.input)
            ? `expected training | inference, got ${describeValue(kindOf(iss.input))}`
            : `expected a mapping with kind: training | inference, got ${describeValue(iss.input)}`,
      })
      .describe('what runs on the system'),
    job: jobSchema.describe('a long job of training steps (with reliability: goodput over weeks)').optional(),
    reliability: reliabilitySchema.optional(),
    sweep: sweepSchema.optional(),
    calibration: z
      .union([z.string(), z.looseObject({ constants: z.record(z.string(), z.number()) })])
      .describe('constants fitted by `trnsim calibrate`: a calibration file (relative to this one) or an inline { constants: { name: value } }')
      .optional(),
  })
  .describe('a trnsim scenario');

export type ScenarioInput = z.input<typeof scenarioSchema>;
export type ScenarioParsed = z.output<typeof scenarioSchema>;
export type ModelInput = z.output<typeof modelSchema>;
export type TokenLengthInput = z.output<typeof tokenLengthSchema>;
export type TrainingParsed = z.output<typeof trainingSchema>;
export type InferenceParsed = z.output<typeof inferenceSchema>;
export type SweepParsed = z.output<typeof sweepSchema>;
export type { PricingParsed, PowerParsed } from './schema-economics.js';
export type { OverridesParsed } from './system-schema.js';
