/**
 * Power catalogue: per chip at idle and at load, split into what follows compute, HBM traffic and
 * link traffic, plus the host of each server (CPUs, memory, NICs, fans, power conversion). Every
 * Trainium figure is an estimate (AWS publishes no chip power); H100's 700 W is NVIDIA's TDP.
 *
 * The split comes from two energy-per-byte constants: HBM at full bandwidth draws
 * HBM_JOULES_PER_BYTE x bandwidth, the chip's links at full egress LINK_JOULES_PER_BYTE x egress;
 * what is left of (load - idle) follows the compute engines. So a chip whose compute engines are
 * busy all the time, with HBM and links at full rate, draws its load figure.
 */
import type { ChipSpec } from './types.js';

/**
 * 4 pJ per bit moved to or from HBM (DRAM core, I/O and PHY), an estimate in the range published
 * for HBM2E/HBM3 (3.5-4 pJ/bit, e.g. O'Connor et al., "Fine-Grained DRAM", MICRO 2017, for HBM2).
 */
export const HBM_JOULES_PER_BYTE = 4e-12 * 8;
/**
 * 5 pJ per bit per link hop (both SerDes ends), an estimate for 100G-class chip-to-chip SerDes;
 * applied to EFA bytes too (chip to NIC). Charged per hop a byte crosses.
 */
export const LINK_JOULES_PER_BYTE = 5e-12 * 8;

export interface ChipPower {
  readonly idleW: number;
  readonly loadW: number;
  /** Draw above idle with HBM at full bandwidth, and with the chip's links at full egress. */
  readonly hbmW: number;
  readonly linkW: number;
  /** Draw above idle with every compute engine busy: loadW - idleW - hbmW - linkW. */
  readonly computeW: number;
}

/**
 * Host power per server (instance), watts, at the load of a training or serving job: estimates
 * from the server class (two-socket host, memory, EFA NICs, fans, power conversion losses). A
 * p5.48xlarge's host also carries the four NVSwitch chips of its HGX board.
 */
export const HOST_POWER_W_PER_SERVER: Readonly<Record<string, number>> = {
  'trn1.32xlarge': 1500,
  'trn2.3xlarge': 150,
  'trn2.48xlarge': 2000,
  'trn2-ultraserver': 2000,
  'trn3-ultraserver-64': 2000,
  // Gen2 sleds of 4 chips with a Graviton host ([nsdk-trn3-arch], figure trn3-ultraserver-gen2.png): a smaller host per server
  'trn3-ultraserver-144': 600,
  'h100-8x': 2500,
};

/**
 * Egress bandwidth of a chip's chip-to-chip links. NVIDIA prints NVLink counting both directions
 * (900 GB/s per H100), so half leaves the chip (as presets.ts builds the NVSwitch links); the
 * Trainium figures are used as printed, one direction (an estimate: the direction is not stated, docs/sources.md "Where sources disagree").
 */
export function chipLinkEgressBytesPerSecond(chip: ChipSpec): number {
  return chip.vendor === 'nvidia' ? chip.chipLinkBytesPerSecond / 2 : chip.chipLinkBytesPerSecond;
}

/** Overrides of the catalogue figures (per chip, watts); undefined fields keep the catalogue's. */
export interface ChipPowerOverrides {
  readonly idleW?: number;
  readonly loadW?: number;
  readonly hbmW?: number;
  readonly linkW?: number;
}

/**
 * The power split of a chip. Returns the field that is missing when the chip has no load or idle
 * figure (a custom chip without catalogue figures) instead of throwing, so callers can name it.
 */
export function chipPower(chip: ChipSpec, o: ChipPowerOverrides = {}): ChipPower | { readonly missing: 'idleW' | 'loadW' } {
  const loadW = o.loadW ?? chip.powerW;
  const idleW = o.idleW ?? chip.idlePowerW;
  if (loadW === undefined) return { missing: 'loadW' };
  if (idleW === undefined) return { missing: 'idleW' };
  const hbmW = o.hbmW ?? HBM_JOULES_PER_BYTE * chip.hbmBytesPerSecond;
  const linkW = o.linkW ?? LINK_JOULES_PER_BYTE * chipLinkEgressBytesPerSecond(chip);
  return { idleW, loadW, hbmW, linkW, computeW: loadW - idleW - hbmW - linkW };
}
