/**
 * The catalogue as data for people: `listSystems()` (one line per preset) and
 * `systemSummary(system)`, the stable JSON `trnsim hardware <name> --json` prints. Every figure is
 * computed from the parts (chips x per-chip figure, the topology's own diameter and bisection).
 * Field names are a contract documented in docs/hardware.md; SI units throughout.
 */
import type { Datatype } from './types.js';
import type { BuiltSystem } from './build-system.js';
import { allPresets } from './presets.js';

export interface SystemListEntry {
  readonly name: string;
  readonly description: string;
  readonly chip: string;
  readonly chipsPerUnit: number;
  readonly unit: 'server' | 'ultraserver';
}

export function listSystems(): SystemListEntry[] {
  return allPresets().map((p) => ({ name: p.name, description: p.description, chip: p.chip.id, chipsPerUnit: p.chipsPerUnit, unit: p.unitKind }));
}

export interface SystemSummary {
  readonly preset: string;
  readonly description: string;
  readonly count: number;
  readonly unit: 'server' | 'ultraserver';
  readonly instanceType: string;
  readonly chip: string;
  readonly chipName: string;
  readonly figureSets: readonly string[];
  readonly chips: number;
  readonly servers: number;
  readonly chipsPerServer: number;
  readonly physicalCores: number;
  readonly lnc: number;
  readonly ranksPerChip: number;
  readonly ranks: number;
  readonly peakFlopsPerSecond: Readonly<Partial<Record<Datatype, number>>>;
  readonly sparseFlopsPerSecond: number | null;
  readonly hbmBytes: number;
  readonly hbmBytesPerSecond: number;
  readonly sbufBytes: number | null;
  readonly neuronLinkBytesPerSecondPerChip: number;
  readonly neuronLinkBytesPerSecond: number;
  readonly efaBytesPerSecondPerServer: number;
  readonly efaBytesPerSecond: number;
  readonly efaTopology: 'rail' | 'clos' | null;
  readonly efaLatencyS: number | null;
  readonly topology: string;
  readonly nodes: number;
  readonly links: number;
  readonly diameterHops: number;
  readonly bisectionBytesPerSecond: number;
  readonly pricePerHourUsd: number | null;
  readonly priceKind: string | null;
  readonly powerW: number | null;
  readonly idlePowerW: number | null;
  readonly estimates: readonly string[];
}

const DATATYPES: readonly Datatype[] = ['fp8', 'bf16', 'fp16', 'tf32', 'fp32'];

/** Aggregates over the chips of a system (per-chip overrides included, summed in closed form). */
export function systemSummary(system: BuiltSystem): SystemSummary {
  const chip = system.chip;
  const n = system.chipCount;
  const p = system.presetSpec;
  const topo = system.topology;
  // chips carrying an override are few; sum the base chip n times, then correct for them
  const overridden = overriddenChips(system);
  const sum = (f: (c: typeof chip) => number): number => {
    let s = f(chip) * (n - overridden.length);
    for (const c of overridden) s += f(system.chipAt(c));
    return s;
  };
  const peak: Partial<Record<Datatype, number>> = {};
  for (const dt of DATATYPES) if (chip.peakFlopsPerSecond[dt] !== undefined) peak[dt] = sum((c) => c.peakFlopsPerSecond[dt] ?? 0);
  const perChipLink = topo.fabric.chipEgressBytesPerSecond();
  const estimates = new Set<string>();
  for (const e of chip.estimates ?? []) if (e === 'powerW' || e === 'idlePowerW') estimates.add(e);
  if (system.lncIsEstimate) estimates.add('lnc');
  // a reported price counts as an estimate (docs/sources.md marks)
  if (p.priceKind !== undefined && p.priceKind !== 'official') estimates.add('pricePerHourUsd');
  // per-link NeuronLink splits are derived with the direction not stated (docs/sources.md "Where sources disagree")
  estimates.add('neuronLinkBytesPerSecondPerChip');
  estimates.add('bisectionBytesPerSecond');
  return {
    preset: system.preset,
    description: p.description,
    count: system.count,
    unit: p.unitKind,
    instanceType: p.instanceType,
    chip: chip.id,
    chipName: chip.displayName,
    figureSets: system.figureSets,
    chips: n,
    servers: system.serverCount,
    chipsPerServer: system.chipsPerServer,
    physicalCores: n * chip.physicalCores,
    lnc: system.lnc,
    ranksPerChip: system.ranksPerChip,
    ranks: system.rankCount,
    peakFlopsPerSecond: peak,
    sparseFlopsPerSecond: chip.sparseFlopsPerSecond === undefined ? null : sum((c) => c.sparseFlopsPerSecond ?? 0),
    hbmBytes: sum((c) => c.hbmBytes),
    hbmBytesPerSecond: sum((c) => c.hbmBytesPerSecond),
    sbufBytes: chip.sbufBytes === undefined ? null : n * chip.sbufBytes,
    neuronLinkBytesPerSecondPerChip: perChipLink,
    neuronLinkBytesPerSecond: n * perChipLink,
    efaBytesPerSecondPerServer: system.chipsPerServer * system.efaBytesPerSecondPerChip,
    efaBytesPerSecond: n * system.efaBytesPerSecondPerChip,
    efaTopology: topo.efa ? system.efaTopology : null,
    efaLatencyS: topo.efa ? system.efaLatencyS : null,
    topology: topo.fabric.description + (system.count > 1 ? ` x ${system.count}, EFA ${system.efaTopology}` : ''),
    nodes: topo.nodeCount,
    links: topo.linkCount,
    diameterHops: topo.diameter(),
    bisectionBytesPerSecond: topo.bisectionBytesPerSecond(),
    pricePerHourUsd: p.pricePerHourUsd === undefined ? null : p.pricePerHourUsd * system.count,
    priceKind: p.priceKind ?? null,
    powerW: chip.powerW === undefined ? null : sum((c) => c.powerW ?? 0),
    idlePowerW: chip.idlePowerW === undefined ? null : n * chip.idlePowerW,
    estimates: [...estimates],
  };
}

function overriddenChips(system: BuiltSystem): number[] {
  return system.overriddenChips();
}
