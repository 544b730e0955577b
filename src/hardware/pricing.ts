/**
 * Price catalogue: what one unit of a system preset (a server or an UltraServer) costs per hour,
 * as quotes with their basis, source kind, source and date. The first quote of a preset is its
 * default (on-demand wherever a figure is cited); a scenario picks another basis with
 * `system.pricing.basis` or gives its own price (docs/scenarios.md "Cost and energy").
 *
 * AWS publishes no Trn2 or Trn3 price in the sources trnsim cites: those figures are reported by
 * third parties or estimated, and marked so. Prices change; every quote carries the date its
 * source gives (or "undated").
 */
import type { SourceKind } from './types.js';

/** How the price is paid. */
export type PriceBasis = 'on-demand' | 'capacity-block' | 'ri-effective';

export const PRICE_BASES: readonly PriceBasis[] = ['on-demand', 'capacity-block', 'ri-effective'];

export interface PriceQuote {
  readonly basis: PriceBasis;
  /** USD per hour for one unit of the preset (one server or one UltraServer). */
  readonly usdPerHour: number;
  readonly kind: SourceKind;
  /** Where the figure comes from (public source, or the derivation). */
  readonly source: string;
  /** Date the source gives for the price, e.g. "2025-01-01" or "undated". */
  readonly asOf: string;
}

// Trn2 per chip-hour: $35.76/h / 16 chips = $2.235 (derived from the reported trn2.48xlarge quote;
// agrees with the reported trn2.3xlarge $2.23-2.235/h).
const TRN2_USD_PER_CHIP_HOUR = 35.76 / 16;
/**
 * Trn3 has no published price. Estimate: the Trn2 chip-hour price x 1.5, between Trainium3's HBM
 * capacity (1.5x) and bandwidth (1.69x) ratios over Trainium2 (its BF16 peak is the same, FP8
 * 1.94x). An assumption to replace with `system.pricing` once AWS publishes a price.
 */
export const TRN3_PRICE_FACTOR_OVER_TRN2 = 1.5;
const TRN3_USD_PER_CHIP_HOUR = TRN2_USD_PER_CHIP_HOUR * TRN3_PRICE_FACTOR_OVER_TRN2;

const CAPACITY_BLOCKS = 'AWS "Amazon EC2 Capacity Blocks for ML Pricing" page (copy at sibshop.uat.jiralog.com/ec2/capacityblocks/pricing), rates before the 2025-01-01 update';

const CATALOGUE: Readonly<Record<string, readonly PriceQuote[]>> = {
  'trn1.32xlarge': [
    // "~$1.34/hr per chip" x 16 (kshirol-dev.github.io/learnAI/AIInfrastructure/03-accelerator-landscape.html)
    { basis: 'on-demand', usdPerHour: 21.5, kind: 'reported', source: 'kshirol-dev.github.io learnAI "accelerator landscape": ~$1.34 per chip-hour x 16', asOf: 'undated' },
    { basis: 'capacity-block', usdPerHour: 15.49, kind: 'official', source: `${CAPACITY_BLOCKS}; Asia Pacific (Melbourne)`, asOf: '2024-12' },
    { basis: 'ri-effective', usdPerHour: 8.197, kind: 'official', source: 'Neuron docs, about-neuron/benchmarks/trn1/trn1_instance_prices.csv ("RI-Effective hourly rate")', asOf: 'undated' },
  ],
  'trn2.3xlarge': [
    { basis: 'on-demand', usdPerHour: 2.235, kind: 'estimate', source: 'third-party benchmark READMEs on GitHub quoting $2.23-2.235/h (reported; ap-southeast-4)', asOf: 'undated' },
  ],
  'trn2.48xlarge': [
    { basis: 'on-demand', usdPerHour: 35.76, kind: 'estimate', source: 'a third-party cost-comparison table on GitHub (reported; no AWS price page cited)', asOf: 'undated' },
  ],
  'trn2-ultraserver': [
    { basis: 'on-demand', usdPerHour: 4 * 35.76, kind: 'estimate', source: '4 x the reported trn2.48xlarge $35.76/h (derived)', asOf: 'undated' },
  ],
  'trn3-ultraserver-64': [
    { basis: 'on-demand', usdPerHour: 64 * TRN3_USD_PER_CHIP_HOUR, kind: 'estimate', source: `not published: 64 chips x Trn2 $${TRN2_USD_PER_CHIP_HOUR.toFixed(3)}/chip-h x ${TRN3_PRICE_FACTOR_OVER_TRN2} (estimate)`, asOf: 'undated' },
  ],
  'trn3-ultraserver-144': [
    { basis: 'on-demand', usdPerHour: 144 * TRN3_USD_PER_CHIP_HOUR, kind: 'estimate', source: `not published: 144 chips x Trn2 $${TRN2_USD_PER_CHIP_HOUR.toFixed(3)}/chip-h x ${TRN3_PRICE_FACTOR_OVER_TRN2} (estimate)`, asOf: 'undated' },
  ],
  'h100-8x': [
    // AWS cut P5 on-demand prices by up to 45 % in June 2025 (reported, usage.ai "LLM Cost
    // Optimization on AWS"); the quote below may predate that cut.
    { basis: 'on-demand', usdPerHour: 98.32, kind: 'reported', source: 'p5.48xlarge, disintermediate.global "How GPU Cloud Pricing Works" (pricing "as of Q1 2026"; AWS reportedly cut P5 prices up to 45 % in June 2025)', asOf: '2026-Q1' },
    { basis: 'capacity-block', usdPerHour: 39.33, kind: 'official', source: `${CAPACITY_BLOCKS}; p5.48xlarge, US East`, asOf: '2024-12' },
  ],
};

/** Every quote of a preset, default first (empty when none is known). */
export function priceQuotes(preset: string): readonly PriceQuote[] {
  return CATALOGUE[preset] ?? [];
}

/** The preset's quote on `basis` (default: its first quote); undefined when none is catalogued. */
export function priceQuote(preset: string, basis?: PriceBasis): PriceQuote | undefined {
  const quotes = priceQuotes(preset);
  return basis === undefined ? quotes[0] : quotes.find((q) => q.basis === basis);
}
