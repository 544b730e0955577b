/**
 * Scenario fields of the cost and energy model (issue 14): `system.pricing` and `system.power`
 * (the whole job's `job:` is reliability-schema.ts's). Described in docs/scenarios.md "Cost and
 * energy"; resolved to SI in load.ts.
 */
import { z } from 'zod';
import { PRICE_BASES } from '../hardware/pricing.js';
import { got, oneOf, quantity } from './schema-fields.js';

const usd = (description: string) =>
  z
    .number({ error: (iss) => `expected a price in USD (a number > 0), ${got(iss)}` })
    .gt(0, { error: (iss) => `expected a price in USD (a number > 0), ${got(iss)}` })
    .describe(description);

export const pricingSchema = z
  .strictObject({
    usdPerHour: usd('USD per hour for one unit of count (one server or UltraServer), e.g. 35.76').optional(),
    usdPerChipHour: usd('USD per chip-hour, e.g. 2.235').optional(),
    basis: oneOf(PRICE_BASES as [string, ...string[]], 'which catalogued price to use (docs/reports.md lists them); default the first, on-demand where one is cited').optional(),
  })
  .superRefine((v, ctx) => {
    const given = (['usdPerHour', 'usdPerChipHour', 'basis'] as const).filter((k) => v[k] !== undefined);
    if (given.length > 1) ctx.addIssue({ code: 'custom', message: `give one of usdPerHour, usdPerChipHour or basis, got ${given.join(' and ')}` });
  })
  .describe('price of the system: a catalogued basis or your own figure (docs/scenarios.md "Cost and energy")');

export const powerSchema = z
  .strictObject({
    idleW: quantity('watts', 'power per chip when idle, e.g. "120 W" (catalogue figures are estimates)').optional(),
    loadW: quantity('watts', 'power per chip with compute busy and HBM and links at full rate, e.g. "500 W"', 0, true).optional(),
    hbmW: quantity('watts', 'draw above idle per chip with HBM at full bandwidth; default 4 pJ/bit x bandwidth').optional(),
    linkW: quantity('watts', 'draw above idle per chip with its links at full egress; default 5 pJ/bit x egress').optional(),
    hostW: quantity('watts', 'host power per server (CPUs, memory, NICs, fans), e.g. "2 kW"').optional(),
    pue: z
      .number({ error: (iss) => `expected a number >= 1, ${got(iss)}` })
      .min(1, { error: (iss) => `expected a number >= 1, ${got(iss)}` })
      .describe('facility overhead: energy x pue (default 1, IT energy only)')
      .optional(),
  })
  .describe('power model per chip and host per server, replacing the catalogue figures (docs/scenarios.md "Cost and energy")');

export type PricingParsed = z.output<typeof pricingSchema>;
export type PowerParsed = z.output<typeof powerSchema>;
