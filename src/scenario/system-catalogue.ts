/**
 * What the scenario layer must know about a system preset before anything is built: how many
 * chips a unit of `count` holds, how many ranks (logical NeuronCores, as Neuron counts them) a
 * chip has at each LNC setting, and the chip's default LNC. Validation (dp derivation, the
 * tp x pp x dp x cp check, sweep points) needs this without building a topology. The figures come
 * from the hardware layer's presets (figures and sources in hardware/chips.ts and presets.ts), the single source.
 */
import { SYSTEM_PRESET_NAMES, presetByName } from '../hardware/index.js';

export interface SystemPresetInfo {
  readonly preset: string;
  /** Chips in one unit of `system.count` (a server or an UltraServer). */
  readonly chipsPerUnit: number;
  /** Physical NeuronCores per chip (GPU: 1 per GPU, as ranks count). */
  readonly physicalCoresPerChip: number;
  /** LNC Neuron uses by default; ranks per chip = physical cores / LNC. */
  readonly defaultLnc: number;
  readonly supportedLnc: readonly number[];
  readonly chipName: string;
  /** What one unit of `count` is, and chips per physical server (instance). */
  readonly unitKind: 'server' | 'ultraserver';
  readonly chipsPerServer: number;
}

/** Valid values of `system.preset`, in catalogue order. */
export const SYSTEM_PRESETS: readonly string[] = SYSTEM_PRESET_NAMES;

export function systemPresetInfo(preset: string): SystemPresetInfo | undefined {
  const p = presetByName(preset);
  if (p === undefined) return undefined;
  return {
    preset: p.name,
    chipsPerUnit: p.chipsPerUnit,
    physicalCoresPerChip: p.chip.physicalCores,
    defaultLnc: p.chip.defaultLnc,
    supportedLnc: p.chip.supportedLnc,
    chipName: p.chip.displayName,
    unitKind: p.unitKind,
    chipsPerServer: p.chipsPerServer,
  };
}

/** Ranks of `count` units of a preset at an LNC setting (the caller has checked the LNC). */
export function systemRankCount(info: SystemPresetInfo, count: number, lnc: number): number {
  return info.chipsPerUnit * count * Math.floor(info.physicalCoresPerChip / lnc);
}
