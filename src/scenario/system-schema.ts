/**
 * The `system:` part of the scenario schema (schema.ts): the preset, count and LNC, overrides of
 * chips and links, faults of the step, figure sets, and the price and power overrides.
 */
import { z } from 'zod';
import { SYSTEM_PRESETS } from './system-catalogue.js';
import { describeValue } from './describe-value.js';
import { bool, fraction, got, kindOf, nonNegativeInt, oneOf, positiveInt, quantity } from './schema-fields.js';
import { powerSchema, pricingSchema } from './schema-economics.js';

const chipOverride = z
  .strictObject({
    hbmCapacity: quantity('bytes', 'HBM capacity per chip, e.g. "96 GiB"', 0, true).optional(),
    hbmBandwidth: quantity('bytesPerSecond', 'HBM bandwidth per chip, e.g. "2.9 TB/s"', 0, true).optional(),
    chipLinkBandwidth: quantity('bytesPerSecond', 'total chip-to-chip link bandwidth per chip, e.g. "1.28 TB/s"', 0, true).optional(),
    power: quantity('watts', 'power at full load per chip, e.g. "500 W"', 0, true).optional(),
    computeScale: z
      .number({ error: (iss) => `expected a number in (0, 1], ${got(iss)}` })
      .gt(0, { error: (iss) => `expected a number in (0, 1], ${got(iss)}` })
      .max(1, { error: (iss) => `expected a number in (0, 1], ${got(iss)}` })
      .describe('scales every peak FLOP/s figure (a straggler at 0.8 runs at 80 %)')
      .optional(),
    peakFlops: z
      .strictObject({
        fp8: quantity('flopsPerSecond', 'dense FP8 peak', 0, true).optional(),
        bf16: quantity('flopsPerSecond', 'dense BF16 peak', 0, true).optional(),
        fp16: quantity('flopsPerSecond', 'dense FP16 peak', 0, true).optional(),
        tf32: quantity('flopsPerSecond', 'dense TF32 peak', 0, true).optional(),
        fp32: quantity('flopsPerSecond', 'dense FP32 peak', 0, true).optional(),
      })
      .describe('dense peak FLOP/s by datatype, e.g. { bf16: "667 TFLOP/s" }')
      .optional(),
  })
  .describe('figures of a chip to replace');

export const overridesSchema = z
  .strictObject({
    efa: z
      .strictObject({
        bandwidth: quantity('bytesPerSecond', 'EFA bandwidth per 16-chip server (instance), whatever unit count counts, e.g. "3.2 Tb/s"', 0, true).optional(),
        latency: quantity('seconds', 'EFA per-hop latency, e.g. "15 us"').optional(),
        topology: oneOf(['rail', 'clos'], 'EFA fabric between servers').optional(),
      })
      .describe('EFA figures')
      .optional(),
    neuronLink: z
      .strictObject({
        bandwidth: quantity('bytesPerSecond', 'bandwidth of each chip-to-chip link', 0, true).optional(),
        latency: quantity('seconds', 'per-hop latency of each chip-to-chip link').optional(),
      })
      .describe('NeuronLink (or NVLink) figures of every chip-to-chip link')
      .optional(),
    chip: chipOverride.optional(),
    chips: z.record(z.string(), chipOverride).describe('per-chip overrides by id, e.g. "us0.s1.c5" or a global chip index').optional(),
    links: z
      .record(
        z.string(),
        z.strictObject({
          scale: fraction('bandwidth scale of a degraded link, 0 < scale <= 1', true).optional(),
          removed: bool('the link is down').optional(),
          latency: quantity('seconds', 'latency of this link').optional(),
        }),
      )
      .describe('per-link overrides by id (docs/hardware.md names the ids)')
      .optional(),
  })
  .describe('optional figures that replace the catalogue values');

const slowdownError = (iss: { input?: unknown }) => `expected a factor >= 1 (1.5: the chip takes 1.5x as long), ${got(iss)}`;
const faultSchema = z
  .discriminatedUnion(
    'kind',
    [
      z
        .strictObject({
          kind: z.literal('slow-chip'),
          chip: z.union([nonNegativeInt('global chip index'), z.string().min(1)]).describe('the chip: a global index or an id such as "us0.s1.c5" (docs/hardware.md)'),
          slowdown: z.number({ error: slowdownError }).min(1, { error: slowdownError }).describe('how many times longer the chip takes (compute and HBM)'),
        })
        .describe('a straggler chip'),
      z
        .strictObject({
          kind: z.literal('slow-link'),
          link: z.string().min(1).describe('link id, e.g. "us0.s1.c5.x+" or "us3.s0.c2.efa.up" (docs/hardware.md "Override ids")'),
          bandwidthFactor: fraction('fraction of the link bandwidth left, 0 < f <= 1', true),
        })
        .describe('a degraded link'),
      z.strictObject({ kind: z.literal('down-link'), link: z.string().min(1).describe('link id (docs/hardware.md "Override ids")') }).describe('a link that is down: routed around, an error where that partitions a group'),
    ],
    { error: (iss) => `expected a fault { kind: slow-chip | slow-link | down-link, ... }, got kind ${describeValue(kindOf(iss.input))}` },
  )
  .describe('a fault injected into the step');

export const systemSchema = z
  .strictObject({
    preset: oneOf(SYSTEM_PRESETS as [string, ...string[]], 'the server or UltraServer type'),
    count: positiveInt('servers or UltraServers of the preset, joined by EFA').default(1),
    lnc: positiveInt('logical NeuronCore size (Trn2/Trn3: 1 or 2); default the chip\'s Neuron default').optional(),
    overrides: overridesSchema.optional(),
    figureSets: z
      .array(z.string().min(1))
      .describe('alternative published figures where sources conflict (docs/sources.md), by name; docs/hardware.md lists them')
      .optional(),
    faults: z.array(faultSchema).describe('faults of the step: slow chips, degraded or failed links (applied after overrides)').optional(),
    pricing: pricingSchema.optional(),
    power: powerSchema.optional(),
  })
  .describe('the cluster');

export type OverridesParsed = z.output<typeof overridesSchema>;
