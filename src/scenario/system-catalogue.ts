/**
 * What the scenario layer must know about a system preset before anything is built: how many
 * chips a unit of `count` holds, how many ranks (logical NeuronCores, as Neuron counts them) a
 * chip has at each LNC setting, and the chip's default LNC. Validation (dp derivation, the
 * tp x pp x dp x cp check, sweep points) needs this without building a topology.
 *
 * The figures mirror hardware.md §1.1 and §2.1; the hardware layer's catalogue is the model, and a
 * test checks that the two agree once `buildSystem` is available.
 */

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
}

const PRESETS: readonly SystemPresetInfo[] = [
  // hardware.md §1.1: Trainium, 2 x NeuronCore-v2 per chip (no LNC setting); §2.1: 16 chips
  { preset: 'trn1.32xlarge', chipsPerUnit: 16, physicalCoresPerChip: 2, defaultLnc: 1, supportedLnc: [1], chipName: 'Trainium' },
  // hardware.md §1.1: Trainium2, 8 x NeuronCore-v3, LNC=2 default shows 4 logical cores; §2.1
  { preset: 'trn2.3xlarge', chipsPerUnit: 1, physicalCoresPerChip: 8, defaultLnc: 2, supportedLnc: [1, 2], chipName: 'Trainium2' },
  { preset: 'trn2.48xlarge', chipsPerUnit: 16, physicalCoresPerChip: 8, defaultLnc: 2, supportedLnc: [1, 2], chipName: 'Trainium2' },
  // hardware.md §2.1: Trn2 UltraServer = 4 x trn2u.48xlarge = 64 chips
  { preset: 'trn2-ultraserver', chipsPerUnit: 64, physicalCoresPerChip: 8, defaultLnc: 2, supportedLnc: [1, 2], chipName: 'Trainium2' },
  // hardware.md §1.1: Trainium3, 8 x NeuronCore-v4 (LNC 1 or 2; default 2 assumed as on Trn2: estimate); §2.1: 64 and 144 chips
  { preset: 'trn3-ultraserver-64', chipsPerUnit: 64, physicalCoresPerChip: 8, defaultLnc: 2, supportedLnc: [1, 2], chipName: 'Trainium3' },
  { preset: 'trn3-ultraserver-144', chipsPerUnit: 144, physicalCoresPerChip: 8, defaultLnc: 2, supportedLnc: [1, 2], chipName: 'Trainium3' },
  // hardware.md §1.3: 8 x H100 SXM with NVLink switch; one rank per GPU
  { preset: 'h100-8x', chipsPerUnit: 8, physicalCoresPerChip: 1, defaultLnc: 1, supportedLnc: [1], chipName: 'H100 SXM' },
];

/** Valid values of `system.preset`, in catalogue order. */
export const SYSTEM_PRESETS: readonly string[] = PRESETS.map((p) => p.preset);

export function systemPresetInfo(preset: string): SystemPresetInfo | undefined {
  return PRESETS.find((p) => p.preset === preset);
}

/** Ranks of `count` units of a preset at an LNC setting (the caller has checked the LNC). */
export function systemRankCount(info: SystemPresetInfo, count: number, lnc: number): number {
  return info.chipsPerUnit * count * Math.floor(info.physicalCoresPerChip / lnc);
}
