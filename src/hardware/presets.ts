/**
 * System presets: the names `trnsim hardware <name>` and scenario `system.preset` accept. A preset
 * is one unit of `count` (a server or an UltraServer): its chip, how its chips are wired, its EFA
 * and its price. Figures cite the public sources by their ids in docs/sources.md; estimates are marked.
 */
import { GB } from '../units.js';
import type { ChipSpec, SourceKind } from './types.js';
import { TRAINIUM1, TRAINIUM2, TRAINIUM3, H100_SXM, EFA_BYTES_PER_SECOND_PER_CHIP } from './chips.js';
import type { UnitFabric } from './fabric.js';
import { TorusFabric } from './torus-fabric.js';
import { SwitchFabric } from './switch-fabric.js';
import { NEURONLINK_HOP_LATENCY_S, SWITCH_PORT_LATENCY_S } from './latency.js';
import { priceQuote } from './pricing.js';

/** A preset's default price from the price catalogue (pricing.ts). */
function catalogued(preset: string): Pick<SystemPreset, 'pricePerHourUsd' | 'priceKind' | 'priceSource'> {
  const q = priceQuote(preset);
  return q ? { pricePerHourUsd: q.usdPerHour, priceKind: q.kind, priceSource: `${q.basis}: ${q.source}` } : { pricePerHourUsd: undefined, priceKind: undefined, priceSource: 'not published' };
}

/** NeuronLink settings that override every chip-to-chip link of a system. */
export interface NeuronLinkSettings {
  readonly bytesPerSecondPerLink?: number | undefined;
  readonly latencyS?: number | undefined;
}

export interface SystemPreset {
  readonly name: string;
  readonly description: string;
  readonly chip: ChipSpec;
  /** What one unit of `count` is. */
  readonly unitKind: 'server' | 'ultraserver';
  readonly chipsPerUnit: number;
  /** Chips per physical server (instance); EFA NICs and rails are per server. */
  readonly chipsPerServer: number;
  /** EC2 instance type of one server. */
  readonly instanceType: string;
  readonly efaBytesPerSecondPerChip: number;
  /** Default price of one unit, USD per hour (pricing.ts, first quote); undefined if unknown. */
  readonly pricePerHourUsd: number | undefined;
  readonly priceKind: SourceKind | undefined;
  readonly priceSource: string;
  buildFabric(chip: ChipSpec, nl: NeuronLinkSettings): UnitFabric;
}

// Per-link figures are shares of the chip's chipLinkBytesPerSecond, so a chip override or figure
// set carries through to the links.
// [nsdk-trainium2], [nsdk-trn2-arch]: 1.28 TB/s per chip = 1,024 GB/s intra-instance over 4 neighbours (256 GB/s
// per X/Y link) + 256 GB/s inter-instance over 2 Z neighbours (128 GB/s per Z link). Derived,
// direction not stated: treated as per direction, an estimate.
const TRN2_XY_LINK_SHARE = (1024 * GB) / (1280 * GB) / 4;
const TRN2_Z_LINK_SHARE = (256 * GB) / (1280 * GB) / 2;
// [nsdk-trn1-arch]: 384 GiB/s per device over 4 links = 96 GiB/s per link (derived, estimate)
const TRN1_LINK_SHARE = 1 / 4;
// [nsdk-trn3-arch] (connectivity section): Gen2 per-chip PCIe Gen6 x8 links: 4 intra-server, 5 inter-server in rack, 2
// inter-rack (11 in all). trnsim splits the chip's NeuronLink-v4 figure in those proportions:
// switch-side share 9/11, direct (inter-rack / cross-half) share 2/11, each L1 uplink carries 5/11
// of each chip below it. Estimates: AWS does not publish per-link figures.
const TRN3_SWITCH_SHARE = 9 / 11;
const TRN3_DIRECT_SHARE = 2 / 11;
const TRN3_UPLINK_SHARE = 5 / 11;

function torus2d(label: string, share: number) {
  return (chip: ChipSpec, nl: NeuronLinkSettings): UnitFabric => {
    const bw = nl.bytesPerSecondPerLink ?? chip.chipLinkBytesPerSecond * share;
    const lat = nl.latencyS ?? NEURONLINK_HOP_LATENCY_S;
    return new TorusFabric(
      [
        { size: 4, bytesPerSecond: bw, latencyS: lat },
        { size: 4, bytesPerSecond: bw, latencyS: lat },
      ],
      label,
    );
  };
}

/**
 * Trn3 UltraServer fabric ([nsdk-trn3-arch]): chips on first-level NeuronSwitch-v1 (and a second
 * level when l1PerL2 > 0) plus direct NeuronLink-v4 links to the chip at the same index in the
 * other half. Bandwidth shares of the chip's figure as above; each L1 uplink carries
 * TRN3_UPLINK_SHARE of each of the `chipsPerUplink` chips below it (0: no second level).
 */
function neuronSwitch(shape: { chipsPerUnit: number; chipsPerServer: number; chipsPerL1: number; l1PerL2: number; chipsPerUplink: number }) {
  return (chip: ChipSpec, nl: NeuronLinkSettings): UnitFabric => {
    const B = chip.chipLinkBytesPerSecond;
    return new SwitchFabric({
      label: 'NeuronSwitch-v1, NeuronLink-v4',
      chipsPerUnit: shape.chipsPerUnit,
      chipsPerServer: shape.chipsPerServer,
      chipsPerL1: shape.chipsPerL1,
      l1PerL2: shape.l1PerL2,
      halfPairs: true,
      chipLinkKind: 'switch',
      chipSwitchBytesPerSecond: nl.bytesPerSecondPerLink ?? B * TRN3_SWITCH_SHARE,
      chipSwitchLatencyS: SWITCH_PORT_LATENCY_S,
      pairBytesPerSecond: nl.bytesPerSecondPerLink ?? B * TRN3_DIRECT_SHARE,
      pairLatencyS: nl.latencyS ?? NEURONLINK_HOP_LATENCY_S,
      uplinkBytesPerSecond: shape.chipsPerUplink * B * TRN3_UPLINK_SHARE,
      uplinkLatencyS: SWITCH_PORT_LATENCY_S,
      chipLinkPrefix: 'nl',
    });
  };
}

const PRESETS: readonly SystemPreset[] = [
  {
    name: 'trn1.32xlarge',
    description: '16 Trainium chips in a 4x4 2D torus (NeuronLink-v2), 800 Gbps EFA',
    chip: TRAINIUM1,
    unitKind: 'server',
    chipsPerUnit: 16,
    chipsPerServer: 16,
    instanceType: 'trn1.32xlarge',
    efaBytesPerSecondPerChip: EFA_BYTES_PER_SECOND_PER_CHIP.trainium1!,
    ...catalogued('trn1.32xlarge'),
    buildFabric: torus2d('NeuronLink-v2', TRN1_LINK_SHARE),
  },
  {
    name: 'trn2.3xlarge',
    description: '1 Trainium2 chip, 200 Gbps EFA',
    chip: TRAINIUM2,
    unitKind: 'server',
    chipsPerUnit: 1,
    chipsPerServer: 1,
    instanceType: 'trn2.3xlarge',
    efaBytesPerSecondPerChip: EFA_BYTES_PER_SECOND_PER_CHIP.trainium2!,
    ...catalogued('trn2.3xlarge'),
    buildFabric: () => new TorusFabric([], 'Trainium2'),
  },
  {
    name: 'trn2.48xlarge',
    description: '16 Trainium2 chips in a 4x4 2D torus (NeuronLink-v3), 3.2 Tbps EFA',
    chip: TRAINIUM2,
    unitKind: 'server',
    chipsPerUnit: 16,
    chipsPerServer: 16,
    instanceType: 'trn2.48xlarge',
    efaBytesPerSecondPerChip: EFA_BYTES_PER_SECOND_PER_CHIP.trainium2!,
    ...catalogued('trn2.48xlarge'),
    buildFabric: torus2d('NeuronLink-v3', TRN2_XY_LINK_SHARE),
  },
  {
    name: 'trn2-ultraserver',
    description: '4 trn2u.48xlarge, 64 Trainium2 chips in a 4x4x4 3D torus (Z ring across servers), 12.8 Tbps EFA',
    chip: TRAINIUM2,
    unitKind: 'ultraserver',
    chipsPerUnit: 64,
    chipsPerServer: 16,
    instanceType: 'trn2u.48xlarge',
    efaBytesPerSecondPerChip: EFA_BYTES_PER_SECOND_PER_CHIP.trainium2!,
    ...catalogued('trn2-ultraserver'),
    buildFabric: (chip, nl) => {
      const lat = nl.latencyS ?? NEURONLINK_HOP_LATENCY_S;
      const B = chip.chipLinkBytesPerSecond;
      return new TorusFabric(
        [
          { size: 4, bytesPerSecond: nl.bytesPerSecondPerLink ?? B * TRN2_XY_LINK_SHARE, latencyS: lat },
          { size: 4, bytesPerSecond: nl.bytesPerSecondPerLink ?? B * TRN2_XY_LINK_SHARE, latencyS: lat },
          { size: 4, bytesPerSecond: nl.bytesPerSecondPerLink ?? B * TRN2_Z_LINK_SHARE, latencyS: lat },
        ],
        'NeuronLink-v3',
      );
    },
  },
  {
    name: 'trn3-ultraserver-64',
    description: 'Trn3 Gen1: 4 servers x 16 Trainium3 through 2 NeuronSwitch-v1 plus direct links (estimated split)',
    chip: TRAINIUM3,
    unitKind: 'ultraserver',
    chipsPerUnit: 64,
    chipsPerServer: 16,
    instanceType: 'trn3 (Gen1 UltraServer server)',
    efaBytesPerSecondPerChip: EFA_BYTES_PER_SECOND_PER_CHIP.trainium3!,
    ...catalogued('trn3-ultraserver-64'),
    // [nsdk-trn3-arch] Gen1: one NeuronSwitch-v1 per half (servers 0-1, 2-3), chip i of server s
    // linked directly to chip i of server s+2
    buildFabric: neuronSwitch({ chipsPerUnit: 64, chipsPerServer: 16, chipsPerL1: 32, l1PerL2: 0, chipsPerUplink: 0 }),
  },
  {
    name: 'trn3-ultraserver-144',
    description: 'Trn3 Gen2: 36 servers x 4 Trainium3 through two levels of NeuronSwitch-v1 plus direct links (estimated split)',
    chip: TRAINIUM3,
    unitKind: 'ultraserver',
    chipsPerUnit: 144,
    chipsPerServer: 4,
    instanceType: 'trn3 (Gen2 UltraServer sled)',
    efaBytesPerSecondPerChip: EFA_BYTES_PER_SECOND_PER_CHIP.trainium3!,
    ...catalogued('trn3-ultraserver-144'),
    // [nsdk-trn3-arch] Gen2: first-level switch per 4-chip server, second level per 18 servers,
    // chip i of server k linked directly to chip i of server k+18
    buildFabric: neuronSwitch({ chipsPerUnit: 144, chipsPerServer: 4, chipsPerL1: 4, l1PerL2: 18, chipsPerUplink: 4 }),
  },
  {
    name: 'h100-8x',
    description: '8 H100 SXM GPUs on NVSwitch (as a p5.48xlarge), 3,200 Gbps EFA',
    chip: H100_SXM,
    unitKind: 'server',
    chipsPerUnit: 8,
    chipsPerServer: 8,
    instanceType: 'p5.48xlarge',
    efaBytesPerSecondPerChip: EFA_BYTES_PER_SECOND_PER_CHIP['h100-sxm']!,
    ...catalogued('h100-8x'),
    buildFabric: (chip, nl) =>
      // [nvidia-h100]: 900 GB/s per GPU counting both directions: 450 GB/s each way to NVSwitch
      new SwitchFabric({
        label: 'NVLink 4 / NVSwitch',
        chipsPerUnit: 8,
        chipsPerServer: 8,
        chipsPerL1: 8,
        l1PerL2: 0,
        halfPairs: false,
        chipLinkKind: 'nvlink',
        chipSwitchBytesPerSecond: nl.bytesPerSecondPerLink ?? chip.chipLinkBytesPerSecond / 2,
        chipSwitchLatencyS: nl.latencyS ?? SWITCH_PORT_LATENCY_S,
        pairBytesPerSecond: 0,
        pairLatencyS: 0,
        uplinkBytesPerSecond: 0,
        uplinkLatencyS: 0,
        chipLinkPrefix: 'nvl',
      }),
  },
];

/** Preset names in catalogue order. */
export const SYSTEM_PRESET_NAMES: readonly string[] = PRESETS.map((p) => p.name);

export function presetByName(name: string): SystemPreset | undefined {
  return PRESETS.find((p) => p.name === name);
}

export function allPresets(): readonly SystemPreset[] {
  return PRESETS;
}

