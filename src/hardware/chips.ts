/**
 * Chip catalogue: per-chip figures as data, each with its source (ids in brackets: docs/sources.md).
 * Official figures are the defaults; where sources conflict the alternatives are selectable through
 * `CHIP_FIGURE_SETS` (see docs/hardware.md "Figure sets"). All SI: FLOP/s, bytes, bytes/s, watts.
 */
import { GB, GiB, MiB, TB, TFLOPS, GBPS_BITS } from '../units.js';
import type { ChipSpec } from './types.js';
import { hardwareErrors } from './errors.js';

export const TRAINIUM1: ChipSpec = {
  id: 'trainium1',
  displayName: 'Trainium',
  vendor: 'aws',
  // [nsdk-trainium]: 2 x NeuronCore-v2 per chip, no LNC setting (1 logical core per physical core)
  physicalCores: 2,
  defaultLnc: 1,
  supportedLnc: [1],
  peakFlopsPerSecond: {
    // [nsdk-trainium]: "190 FP16/BF16/cFP8/TF32 TFLOPS" (cFP8 runs at the BF16 rate), 47.5 FP32 (official)
    fp8: 190 * TFLOPS,
    bf16: 190 * TFLOPS,
    fp16: 190 * TFLOPS,
    tf32: 190 * TFLOPS,
    fp32: 47.5 * TFLOPS,
  },
  // [nsdk-trainium]: 32 GiB HBM (2 stacks), 820 GiB/s (official chip page)
  hbmBytes: 32 * GiB,
  hbmBytesPerSecond: 820 * GiB,
  // [nsdk-trainium]: SBUF 24 MiB per core, 48 MiB per chip; DMA 1 TB/s
  sbufBytes: 48 * MiB,
  dmaBytesPerSecond: 1 * TB,
  // [nsdk-trainium], [nsdk-trn1-arch]: NeuronLink-v2, 4 links, 384 GiB/s per device (trn1; direction not stated)
  chipLinkCount: 4,
  chipLinkBytesPerSecond: 384 * GiB,
  // [nsdk-trainium]: power not published; 400 W is an estimate (chip TDP class of a 7 nm accelerator)
  powerW: 400,
  idlePowerW: 100,
  estimates: ['powerW', 'idlePowerW'],
};

export const TRAINIUM2: ChipSpec = {
  id: 'trainium2',
  displayName: 'Trainium2',
  vendor: 'aws',
  // [nsdk-trainium2]: 8 x NeuronCore-v3; LNC=2 default shows 4 logical cores
  physicalCores: 8,
  defaultLnc: 2,
  supportedLnc: [1, 2],
  peakFlopsPerSecond: {
    // [nsdk-trainium2]: 1,299 FP8, 667 BF16/FP16/TF32, 181 FP32 TFLOPS dense (official, current chip page)
    fp8: 1299 * TFLOPS,
    bf16: 667 * TFLOPS,
    fp16: 667 * TFLOPS,
    tf32: 667 * TFLOPS,
    fp32: 181 * TFLOPS,
  },
  // [nsdk-trainium2]: 2,563 TFLOPS sparse (FP8/FP16/BF16/TF32)
  sparseFlopsPerSecond: 2563 * TFLOPS,
  // [nsdk-trainium2]: 96 GiB HBM (4 stacks), 2.9 TB/s (chip and instance pages)
  hbmBytes: 96 * GiB,
  hbmBytesPerSecond: 2.9 * TB,
  // [nsdk-trainium2]: SBUF 28 MiB per core, 224 MiB per chip; DMA 3.5 TB/s
  sbufBytes: 224 * MiB,
  dmaBytesPerSecond: 3.5 * TB,
  // [nsdk-trainium2], [nsdk-trn2-arch]: NeuronLink-v3, 1.28 TB/s per chip = 1,024 GB/s intra-instance + 256 GB/s
  // inter-instance; 4 torus neighbours inside a server, 2 more (Z) in an UltraServer
  chipLinkCount: 4,
  chipLinkBytesPerSecond: 1280 * GB,
  // [semianalysis-trn2]: "~500W chip" (reported): an estimate; idle is an estimate too
  powerW: 500,
  idlePowerW: 120,
  estimates: ['powerW', 'idlePowerW'],
};

export const TRAINIUM3: ChipSpec = {
  id: 'trainium3',
  displayName: 'Trainium3',
  vendor: 'aws',
  // [nsdk-trainium3]: 8 x NeuronCore-v4 (LNC 1 or 2); default 2 as on Trn2 (estimate)
  physicalCores: 8,
  defaultLnc: 2,
  supportedLnc: [1, 2],
  peakFlopsPerSecond: {
    // [nsdk-trainium3]: 2,517 MXFP8/MXFP4, 671 BF16/FP16/TF32, 183 FP32 TFLOPS (official chip page)
    fp8: 2517 * TFLOPS,
    bf16: 671 * TFLOPS,
    fp16: 671 * TFLOPS,
    tf32: 671 * TFLOPS,
    fp32: 183 * TFLOPS,
  },
  // [nsdk-trainium3]: 2,517 TFLOPS sparse FP16/BF16/TF32
  sparseFlopsPerSecond: 2517 * TFLOPS,
  // [nsdk-trainium3]: 144 GiB HBM, 4.9 TB/s (chip page; [nsdk-nki-arch] says 4.7, selectable)
  hbmBytes: 144 * GiB,
  hbmBytesPerSecond: 4.9 * TB,
  // [nsdk-trainium3]: SBUF 32 MiB per core, 256 MiB per chip; DMA 4.9 TB/s
  sbufBytes: 256 * MiB,
  dmaBytesPerSecond: 4.9 * TB,
  // [nsdk-trainium3], [nsdk-trn3-arch]: NeuronLink-v4, 4 links, 2.56 TB/s per device (chip page, the default;
  // 2,048 GiB/s and 704 GB/s are selectable figure sets)
  chipLinkCount: 4,
  chipLinkBytesPerSecond: 2.56 * TB,
  // [servernews-trn3]: "may reach 1 kW" (reported): an estimate
  powerW: 1000,
  idlePowerW: 200,
  estimates: ['powerW', 'idlePowerW', 'defaultLnc'],
};

export const H100_SXM: ChipSpec = {
  id: 'h100-sxm',
  displayName: 'H100 SXM',
  vendor: 'nvidia',
  // one rank per GPU ([nvidia-h100])
  physicalCores: 1,
  defaultLnc: 1,
  supportedLnc: [1],
  peakFlopsPerSecond: {
    // [nvidia-h100], NVIDIA datasheet, dense: FP8 1,979, BF16/FP16 989, TF32 494.5, FP32 67 TFLOPS
    fp8: 1979 * TFLOPS,
    bf16: 989 * TFLOPS,
    fp16: 989 * TFLOPS,
    tf32: 494.5 * TFLOPS,
    fp32: 67 * TFLOPS,
  },
  // [nvidia-h100]: 3,958 TFLOPS FP8 with sparsity
  sparseFlopsPerSecond: 3958 * TFLOPS,
  // [nvidia-h100]: 80 GB HBM3 (decimal, as NVIDIA prints it), 3.35 TB/s
  hbmBytes: 80 * GB,
  hbmBytesPerSecond: 3.35 * TB,
  // [nvidia-h100]: NVLink 4, 18 links, 900 GB/s per GPU counting both directions
  chipLinkCount: 18,
  chipLinkBytesPerSecond: 900 * GB,
  // [nvidia-h100]: TDP up to 700 W (official); idle is an estimate
  powerW: 700,
  idlePowerW: 100,
  estimates: ['idlePowerW'],
};

export const CHIPS: readonly ChipSpec[] = [TRAINIUM1, TRAINIUM2, TRAINIUM3, H100_SXM];

/**
 * Alternative figures where sources conflict (docs/sources.md "Where sources disagree"). A figure set replaces some fields of
 * a chip; `official` (no change) is always the default.
 */
export interface ChipFigureSet {
  readonly name: string;
  readonly chip: string;
  readonly description: string;
  readonly fields: Partial<Pick<ChipSpec, 'peakFlopsPerSecond' | 'sparseFlopsPerSecond' | 'hbmBytesPerSecond' | 'chipLinkBytesPerSecond'>>;
  /** Replaces the EFA bandwidth per chip, for the presets listed (a system-level figure). */
  readonly efaBytesPerSecondPerChip?: number;
  /** Presets the set applies to; undefined = every preset built on `chip`. */
  readonly presets?: readonly string[];
}

export const CHIP_FIGURE_SETS: readonly ChipFigureSet[] = [
  {
    name: 'trn2-beta',
    chip: 'trainium2',
    // [nsdk-trainium2]: the v2.21.0.beta chip page printed 1,287 FP8 / 655 BF16 / 2,551 sparse
    description: 'Trainium2 compute as printed by the v2.21.0.beta chip page (1,287 FP8 / 655 BF16 / 2,551 sparse TFLOPS)',
    fields: {
      peakFlopsPerSecond: { fp8: 1287 * TFLOPS, bf16: 655 * TFLOPS, fp16: 655 * TFLOPS, tf32: 655 * TFLOPS, fp32: 181 * TFLOPS },
      sparseFlopsPerSecond: 2551 * TFLOPS,
    },
  },
  {
    name: 'trn2-per-core',
    chip: 'trainium2',
    // [nsdk-nki-arch]: 8 x per-core TensorE = 1,264 FP8 / 629 BF16 / 160 FP32 (derived)
    description: 'Trainium2 compute as 8 x the per-core TensorE peak (1,264 FP8 / 629 BF16 / 160 FP32 TFLOPS, derived)',
    fields: {
      peakFlopsPerSecond: { fp8: 1264 * TFLOPS, bf16: 629 * TFLOPS, fp16: 629 * TFLOPS, tf32: 629 * TFLOPS, fp32: 160 * TFLOPS },
    },
  },
  {
    name: 'trn2-hbm-nki',
    chip: 'trainium2',
    // [nsdk-nki-arch]: NKI guide "4 HBM stacks ... 96GiB and bandwidth of 3TB/s"
    description: 'Trainium2 HBM bandwidth 3 TB/s as the NKI architecture guide prints it',
    fields: { hbmBytesPerSecond: 3 * TB },
  },
  {
    name: 'trn3-hbm-nki',
    chip: 'trainium3',
    // [nsdk-nki-arch]: NKI guide "144 GiB and bandwidth of 4.7 TB/s"
    description: 'Trainium3 HBM bandwidth 4.7 TB/s as the NKI architecture guide prints it',
    fields: { hbmBytesPerSecond: 4.7 * TB },
  },
  {
    name: 'trn3-neuronlink-instance',
    chip: 'trainium3',
    // [nsdk-trn3-arch]: trn3-arch.rst table 2,048 GiB/s per device
    description: 'Trainium3 NeuronLink-v4 2,048 GiB/s per device (Trn3 instance page)',
    fields: { chipLinkBytesPerSecond: 2048 * GiB },
  },
  {
    name: 'trn3-neuronlink-pcie',
    chip: 'trainium3',
    // [nsdk-trn3-arch]: 256 + 320 + 128 = 704 GB/s bidirectional (PCIe link breakdown, derived sum)
    description: 'Trainium3 NeuronLink-v4 704 GB/s per chip (sum of the PCIe Gen6 link breakdown, bidirectional)',
    fields: { chipLinkBytesPerSecond: 704 * GB },
  },
  {
    name: 'trn2-ultraserver-efa-table',
    chip: 'trainium2',
    presets: ['trn2-ultraserver'],
    // [nsdk-trn2-arch] (docs/sources.md "Where sources disagree"): the Neuron table's UltraServer
    // column prints 3,200 Gbps per UltraServer
    // (the default is 12.8 Tbps = 4 x 3.2 Tbps); 3,200 Gbps / 64 chips = 50 Gbps per chip
    description: 'Trn2 UltraServer EFA 3,200 Gbps per UltraServer as the Neuron instance table prints it (default 12.8 Tbps)',
    fields: {},
    efaBytesPerSecondPerChip: (3200 * GBPS_BITS) / 64,
  },
];

/** EFA per chip, bytes/s: one NIC per chip (the instance pages; docs/sources.md "Where sources disagree"). */
export const EFA_BYTES_PER_SECOND_PER_CHIP: Readonly<Record<string, number>> = {
  // [nsdk-trn1-arch], [nsdk-internode]: 800 Gbps per trn1.32xlarge, one EFA interface per chip -> 50 Gbps per chip
  trainium1: 50 * GBPS_BITS,
  // [nsdk-collectives]: "16 Trainium2 chips, each connected to a 200Gbps EFA"
  trainium2: 200 * GBPS_BITS,
  // [nsdk-trn3-arch]: Trn3 EFA = 200 Gbps per chip in both generations (derived: 12,800/64, 28,800/144)
  trainium3: 200 * GBPS_BITS,
  // [aws-capacity-blocks]: p5.48xlarge 3,200 Gbps for 8 GPUs -> 400 Gbps per GPU
  'h100-sxm': 400 * GBPS_BITS,
};

/**
 * Why `lnc` does not suit the chip, or undefined when it does: the one wording of the LNC rule,
 * used by the scenario layer (system.lnc), the hardware layer and the CLI (--lnc).
 */
export function lncProblem(chip: Pick<ChipSpec, 'displayName' | 'supportedLnc'>, lnc: unknown): string | undefined {
  if (typeof lnc === 'number' && chip.supportedLnc.includes(lnc)) return undefined;
  const valid = chip.supportedLnc.join(' or ');
  return `${chip.displayName} supports lnc ${valid}, got ${JSON.stringify(lnc)}; use ${valid}`;
}

/** Throws the LNC rule's UserInputError naming `field` (e.g. system.lnc or --lnc) when lnc does not suit the chip. */
export function checkLnc(field: string, chip: Pick<ChipSpec, 'displayName' | 'supportedLnc'>, lnc: unknown): void {
  const problem = lncProblem(chip, lnc);
  if (problem !== undefined) throw hardwareErrors.badLnc(field, problem);
}

export function chipById(id: string): ChipSpec | undefined {
  return CHIPS.find((c) => c.id === id);
}

/** The chip with a figure set applied (throws on a set of another chip; callers validate first). */
export function applyFigureSet(chip: ChipSpec, set: ChipFigureSet): ChipSpec {
  const f = set.fields;
  return {
    ...chip,
    ...(f.peakFlopsPerSecond ? { peakFlopsPerSecond: { ...chip.peakFlopsPerSecond, ...f.peakFlopsPerSecond } } : {}),
    ...(f.sparseFlopsPerSecond !== undefined ? { sparseFlopsPerSecond: f.sparseFlopsPerSecond } : {}),
    ...(f.hbmBytesPerSecond !== undefined ? { hbmBytesPerSecond: f.hbmBytesPerSecond } : {}),
    ...(f.chipLinkBytesPerSecond !== undefined ? { chipLinkBytesPerSecond: f.chipLinkBytesPerSecond } : {}),
  };
}
