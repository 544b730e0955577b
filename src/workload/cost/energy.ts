/**
 * Energy of a window of activity (a training step, or a serving run): per chip
 *   P(t) = idle + compute x (compute-busy fraction) + HBM x (HBM utilisation) + link x (link utilisation),
 * each term integrated over the window, plus the hosts (per server) and the facility overhead
 * (PUE). Energy is the sum of power x time over those components (issue 14), so it follows what
 * the chips did rather than a flat figure. Fractions are capped at 1: a chip cannot draw more.
 */
import type { ChipActivityWindow, EnergyComponents, PowerSettings } from './types.js';

export interface WindowEnergy {
  readonly joules: number;
  readonly components: EnergyComponents;
  readonly utilisation: { readonly compute: number; readonly hbm: number; readonly link: number };
}

const fraction = (x: number): number => (x > 0 ? Math.min(1, x) : 0);

export function windowEnergy(power: PowerSettings, a: ChipActivityWindow): WindowEnergy {
  const T = a.windowS;
  const c = power.chip;
  const compute = T > 0 ? fraction(a.computeBusySPerChip / T) : 0;
  const hbm = T > 0 ? fraction(a.hbmBytesPerChip / (power.hbmBytesPerSecond * T)) : 0;
  const link = a.linkBusyFraction !== undefined ? fraction(a.linkBusyFraction) : T > 0 ? fraction(a.linkHopBytesPerChip / (power.linkEgressBytesPerSecond * T)) : 0;
  const n = a.activeChips;
  const parts = {
    // every chip of the system idles at least; the active ones draw their dynamic power on top
    idle: power.chips * c.idleW * T,
    compute: n * c.computeW * compute * T,
    hbm: n * c.hbmW * hbm * T,
    link: n * c.linkW * link * T,
    host: power.servers * power.hostWPerServer * T,
  };
  const it = parts.idle + parts.compute + parts.hbm + parts.link + parts.host;
  const facility = (power.pue - 1) * it;
  return { joules: it + facility, components: { ...parts, facility }, utilisation: { compute, hbm, link } };
}
