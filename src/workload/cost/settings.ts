/**
 * The price and the power model of a built system: the catalogue figures (hardware/pricing.ts,
 * hardware/power.ts) with the scenario's overrides. A figure that neither gives (a custom chip or
 * system without catalogue figures) comes back as `missing` with the field that would supply it,
 * so the caller can report it without losing the run's results.
 */
import type { System } from '../../hardware/types.js';
import { priceQuote, type PriceBasis } from '../../hardware/pricing.js';
import { chipLinkEgressBytesPerSecond, chipPower, HOST_POWER_W_PER_SERVER, type ChipPowerOverrides } from '../../hardware/power.js';
import { UserInputError } from '../../user-input-error.js';
import type { PowerSettings, SystemPrice } from './types.js';

/** `system.pricing` in SI: one of the prices, or a catalogue basis. */
export interface PricingOverrides {
  /** USD per hour per unit of `count` (server or UltraServer). */
  readonly usdPerHour?: number;
  readonly usdPerChipHour?: number;
  readonly basis?: PriceBasis;
}

/** `system.power` in SI (watts per chip, per server for hostW). */
export interface PowerOverrides extends ChipPowerOverrides {
  readonly hostW?: number;
  readonly pue?: number;
}

/** A figure neither the catalogue nor the scenario gives. */
export interface Missing {
  readonly missing: string;
  readonly why: string;
}

export function isMissing(v: unknown): v is Missing {
  return typeof v === 'object' && v !== null && 'missing' in v;
}

export function systemPrice(system: System, o: PricingOverrides = {}): SystemPrice | Missing {
  if (o.usdPerHour !== undefined) return { usdPerHour: o.usdPerHour * system.count, basis: 'scenario', kind: 'estimate', source: 'system.pricing.usdPerHour (per unit)' };
  if (o.usdPerChipHour !== undefined) return { usdPerHour: o.usdPerChipHour * system.chipCount, basis: 'scenario', kind: 'estimate', source: 'system.pricing.usdPerChipHour' };
  const q = priceQuote(system.preset, o.basis);
  if (!q) {
    const what = o.basis ? `no ${o.basis} price is catalogued for ${system.preset}` : `no price is catalogued for ${system.preset}`;
    return { missing: 'system.pricing.usdPerHour', why: `${what}; give system.pricing.usdPerHour (USD per ${system.preset} per hour) or system.pricing.usdPerChipHour` };
  }
  return { usdPerHour: q.usdPerHour * system.count, basis: q.basis, kind: q.kind, source: `${q.source} (${q.asOf})` };
}

export function powerSettings(system: System, o: PowerOverrides = {}): PowerSettings | Missing {
  const chip = system.chip;
  const cp = chipPower(chip, o);
  if ('missing' in cp) {
    return { missing: `system.power.${cp.missing}`, why: `chip ${chip.id} has no catalogued ${cp.missing === 'loadW' ? 'load' : 'idle'} power; give system.power.${cp.missing} in watts per chip, e.g. "500 W"` };
  }
  if (cp.idleW > cp.loadW) throw new UserInputError(`system.power.idleW: ${cp.idleW} W is above the load power ${cp.loadW} W; give an idle power below loadW.`);
  if (cp.computeW < 0) {
    throw new UserInputError(
      `system.power.loadW: ${cp.loadW} W leaves nothing for compute after idle ${cp.idleW} W + HBM ${cp.hbmW.toFixed(1)} W + links ${cp.linkW.toFixed(1)} W; raise loadW or lower system.power.hbmW / linkW.`,
    );
  }
  const hostW = o.hostW ?? HOST_POWER_W_PER_SERVER[system.preset];
  if (hostW === undefined) return { missing: 'system.power.hostW', why: `no host power is catalogued for ${system.preset}; give system.power.hostW in watts per server` };
  const estimates = new Set<string>();
  if (o.loadW === undefined && (chip.estimates ?? []).includes('powerW')) estimates.add('loadW');
  if (o.idleW === undefined) estimates.add('idleW');
  if (o.hbmW === undefined) estimates.add('hbmW');
  if (o.linkW === undefined) estimates.add('linkW');
  if (o.hostW === undefined) estimates.add('hostW');
  return {
    chip: cp,
    hostWPerServer: hostW,
    servers: system.serverCount,
    chips: system.chipCount,
    pue: o.pue ?? 1,
    hbmBytesPerSecond: chip.hbmBytesPerSecond,
    linkEgressBytesPerSecond: chipLinkEgressBytesPerSecond(chip),
    estimates: [...estimates],
  };
}
