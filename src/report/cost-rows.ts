/** The cost and energy sections of the terminal reports (issue 14). */
import { formatPercent, formatSeconds } from '../units.js';
import type { CostResult, EnergyResult } from '../workload/cost/index.js';
import type { Row } from './table.js';

/** $1,234.56 / $0.1120 / $0.000123: four significant digits below a dollar. */
export function formatUsd(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a >= 1) return `$${v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  return `$${v.toPrecision(4)}`;
}

const SI: ReadonlyArray<[number, string]> = [
  [1e15, 'P'],
  [1e12, 'T'],
  [1e9, 'G'],
  [1e6, 'M'],
  [1e3, 'k'],
  [1, ''],
  [1e-3, 'm'],
];

/** A value with an SI prefix: 344383 J -> "344.4 kJ". */
export function formatSi(v: number, unit: string, digits = 1): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return `0 ${unit}`;
  const a = Math.abs(v);
  const [f, p] = SI.find(([f]) => a >= f) ?? [1e-3, 'm'];
  return `${(v / f).toFixed(digits)} ${p}${unit}`;
}

function kind(c: CostResult): string {
  return `${c.basis}${c.priceKind === 'official' ? '' : `, ${c.priceKind === 'reported' ? 'reported' : 'estimate'}`}`;
}

export function costRows(cost: CostResult | undefined, perToken: 'trained' | 'generated'): Row[] {
  if (!cost) return [];
  const rows: Row[] = ['', 'Cost', ['price', `${formatUsd(cost.usdPerHour)}/h (${kind(cost)})`]];
  if (cost.usdPerStep !== undefined) rows.push(['per step', formatUsd(cost.usdPerStep)]);
  rows.push([`per million ${perToken} tokens`, formatUsd(cost.usdPerMillionTokens)]);
  if (cost.usdPerRun !== undefined) rows.push([`per run (${cost.runFrom}, ${formatSeconds(cost.runWallS ?? 0)})`, formatUsd(cost.usdPerRun)]);
  if (cost.usdPerMillionTokensOverRun !== undefined) rows.push([`per million ${perToken} tokens over the run`, formatUsd(cost.usdPerMillionTokensOverRun)]);
  return rows;
}

export function energyRows(e: EnergyResult | undefined, perToken: 'trained' | 'generated'): Row[] {
  if (!e) return [];
  const rows: Row[] = ['', `Energy (power figures are estimates: ${e.estimates.join(', ') || 'none'})`];
  if (e.joulesPerStep !== undefined) rows.push(['per step', formatSi(e.joulesPerStep, 'J')]);
  rows.push([`per ${perToken} token`, formatSi(e.joulesPerToken, 'J', 3)]);
  rows.push(['average power', formatSi(e.averagePowerW, 'W')]);
  if (e.joulesPerRun !== undefined) rows.push(['per run', formatSi(e.joulesPerRun / 3600, 'Wh')]);
  if (e.joulesPerTokenOverRun !== undefined) rows.push([`per ${perToken} token over the run`, formatSi(e.joulesPerTokenOverRun, 'J', 3)]);
  const u = e.utilisation;
  rows.push(['chip activity', `compute ${formatPercent(u.compute)}, HBM ${formatPercent(u.hbm)}, links ${formatPercent(u.link)}`]);
  return rows;
}
