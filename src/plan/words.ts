/** Human units for plan answers and tables: durations in days or hours, USD, joules in MWh or GWh. */
import { formatSeconds } from '../units.js';

export function formatDuration(s: number): string {
  if (!Number.isFinite(s)) return String(s);
  if (s >= 2 * 86400) return `${(s / 86400).toFixed(1)} d`;
  if (s >= 2 * 3600) return `${(s / 3600).toFixed(1)} h`;
  if (s >= 120) return `${(s / 60).toFixed(1)} min`;
  return formatSeconds(s);
}

export function formatUsd(usd: number | null): string {
  if (usd === null) return 'price unknown';
  if (usd >= 1e9) return `$${(usd / 1e9).toFixed(2)}B`;
  if (usd >= 1e6) return `$${(usd / 1e6).toFixed(2)}M`;
  if (usd >= 1e3) return `$${(usd / 1e3).toFixed(1)}k`;
  return `$${usd.toFixed(2)}`;
}

export function formatEnergy(j: number): string {
  const kwh = j / 3.6e6;
  if (kwh >= 1e6) return `${(kwh / 1e6).toFixed(2)} GWh`;
  if (kwh >= 1e3) return `${(kwh / 1e3).toFixed(1)} MWh`;
  return `${kwh.toFixed(1)} kWh`;
}
