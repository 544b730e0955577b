/**
 * buildSystem: a SystemRequest (preset, count, LNC, overrides, figure sets) to a System whose
 * Topology is computed arithmetically, so it works unchanged from 1 chip to Project Rainier size.
 */
import type { ChipOverride, ChipSpec, Datatype, System, SystemOverrides, SystemRequest } from './types.js';
import { CHIP_FIGURE_SETS, applyFigureSet, checkLnc } from './chips.js';
import type { ChipFigureSet } from './chips.js';
import { SYSTEM_PRESET_NAMES, presetByName } from './presets.js';
import type { SystemPreset } from './presets.js';
import { ClusterTopology } from './cluster-topology.js';
import { TorusFabric } from './torus-fabric.js';
import type { EfaSpec } from './cluster-topology.js';
import { hardwareErrors } from './errors.js';
import { chipName, parseChipId, parseLinkId, serverName, unitName } from './ids.js';
import type { IdScheme } from './ids.js';
import { EFA_POINT_TO_POINT_LATENCY_S, EFA_SWITCH_HOP_LATENCY_S } from './latency.js';
import { applyFaults } from './faults.js';

/** Largest system buildSystem accepts, chips (2^24; Project Rainier at 1M chips fits 16 times). */
export const MAX_CHIPS = 16 * 1024 * 1024;

/** A built system with the extras of the hardware layer (ids, figures used). */
export interface BuiltSystem extends System {
  readonly topology: ClusterTopology;
  readonly presetSpec: SystemPreset;
  readonly figureSets: readonly string[];
  /** EFA per chip after figure sets and overrides, bytes/s each direction. */
  readonly efaBytesPerSecondPerChip: number;
  readonly efaTopology: 'rail' | 'clos';
  readonly efaLatencyS: number;
  /** Chip id in the documented scheme ("us0.s1.c5"). */
  chipName(chip: number): string;
  /** Global chip index of a chip id; -1 if unknown. */
  chipIndex(id: string): number;
  /** Link id of a link name ("us0.s1.c5.x+"); -1 if unknown. */
  linkIndex(name: string): number;
  /**
   * Shape of one unit's chip fabric, for placement and topology-aware collectives: a torus with its
   * dimension sizes (chip-local index = x + X*(y + Y*z)), a switched unit, or a single chip.
   */
  readonly unitFabric: { readonly kind: 'torus'; readonly dims: readonly number[] } | { readonly kind: 'switch' } | { readonly kind: 'single' };
  /** True when LNC was not given and the chip's default LNC is an estimate (Trn3). */
  readonly lncIsEstimate: boolean;
  /** Chips with a per-chip override, ascending. */
  overriddenChips(): number[];
}

const FIELD = 'system';

function checkPositive(field: string, v: unknown, allowZero = false): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || (!allowZero && v === 0)) {
    throw hardwareErrors.badOverride(field, `expected a ${allowZero ? 'non-negative' : 'positive'} number (SI units), got ${JSON.stringify(v)}`);
  }
  return v;
}

function figureSetsFor(preset: SystemPreset): ChipFigureSet[] {
  return CHIP_FIGURE_SETS.filter((f) => f.chip === preset.chip.id && (f.presets === undefined || f.presets.includes(preset.name)));
}

/** Figure sets valid for a preset (names), for docs and error messages. */
export function figureSetNames(preset: string): string[] {
  const p = presetByName(preset);
  return p ? figureSetsFor(p).map((f) => f.name) : [];
}

function applyChipOverride(chip: ChipSpec, o: ChipOverride, field: string): ChipSpec {
  const out: { -readonly [K in keyof ChipSpec]: ChipSpec[K] } = { ...chip, peakFlopsPerSecond: { ...chip.peakFlopsPerSecond } };
  for (const key of Object.keys(o)) {
    if (!['hbmBytes', 'hbmBytesPerSecond', 'chipLinkBytesPerSecond', 'powerW', 'computeScale', 'peakFlopsPerSecond'].includes(key)) {
      throw hardwareErrors.badOverride(`${field}.${key}`, 'unknown chip field; valid: hbmBytes, hbmBytesPerSecond, chipLinkBytesPerSecond, powerW, computeScale, peakFlopsPerSecond');
    }
  }
  if (o.hbmBytes !== undefined) out.hbmBytes = checkPositive(`${field}.hbmBytes`, o.hbmBytes);
  if (o.hbmBytesPerSecond !== undefined) out.hbmBytesPerSecond = checkPositive(`${field}.hbmBytesPerSecond`, o.hbmBytesPerSecond);
  if (o.chipLinkBytesPerSecond !== undefined) out.chipLinkBytesPerSecond = checkPositive(`${field}.chipLinkBytesPerSecond`, o.chipLinkBytesPerSecond);
  if (o.powerW !== undefined) out.powerW = checkPositive(`${field}.powerW`, o.powerW);
  const peaks: Partial<Record<Datatype, number>> = { ...chip.peakFlopsPerSecond };
  if (o.peakFlopsPerSecond !== undefined) {
    for (const [dt, v] of Object.entries(o.peakFlopsPerSecond)) {
      if (v === undefined) continue;
      if (!['fp8', 'bf16', 'fp16', 'tf32', 'fp32'].includes(dt)) throw hardwareErrors.badOverride(`${field}.peakFlopsPerSecond.${dt}`, 'unknown datatype; valid: fp8, bf16, fp16, tf32, fp32');
      peaks[dt as Datatype] = checkPositive(`${field}.peakFlopsPerSecond.${dt}`, v);
    }
  }
  if (o.computeScale !== undefined) {
    const s = checkPositive(`${field}.computeScale`, o.computeScale);
    if (s > 1) throw hardwareErrors.badOverride(`${field}.computeScale`, `must be in (0, 1] (a straggler runs slower), got ${s}`);
    for (const dt of Object.keys(peaks) as Datatype[]) peaks[dt] = peaks[dt]! * s;
    if (out.sparseFlopsPerSecond !== undefined) out.sparseFlopsPerSecond = out.sparseFlopsPerSecond * s;
  }
  out.peakFlopsPerSecond = peaks;
  return out;
}

function scaleChipLinks(topology: ClusterTopology, chip: number, ratio: number): void {
  const f = topology.fabric;
  const u = Math.floor(chip / f.chipsPerUnit);
  const buf = new Int32Array(Math.max(8, f.maxOutDegree));
  const k = f.outLinks(chip - u * f.chipsPerUnit, buf);
  for (let i = 0; i < k; i++) {
    const link = topology.unitLinkId(u, buf[i]!);
    const prev = topology.linkOverride(link);
    topology.setLinkOverride(link, { scale: (prev?.scale ?? 1) * ratio, removed: prev?.removed ?? false, ...(prev?.latencyS !== undefined ? { latencyS: prev.latencyS } : {}) });
  }
}

/** Builds a system from a request; bad input throws a UserInputError naming the field. */
export function buildSystem(request: SystemRequest): BuiltSystem {
  if (request === null || typeof request !== 'object') throw hardwareErrors.badOverride(FIELD, 'expected an object with a preset');
  const preset = presetByName(request.preset);
  if (!preset) throw hardwareErrors.unknownPreset(`${FIELD}.preset`, String(request.preset), SYSTEM_PRESET_NAMES);
  const maxCount = Math.floor(MAX_CHIPS / preset.chipsPerUnit);
  const count = request.count ?? 1;
  if (!(Number.isInteger(count) && count >= 1 && count <= maxCount)) throw hardwareErrors.badCount(`${FIELD}.count`, count, maxCount);

  // figure sets (docs/sources.md "Where sources disagree"): official figures unless the request picks an alternative
  let chip: ChipSpec = preset.chip;
  let efaPerChip = preset.efaBytesPerSecondPerChip;
  const valid = figureSetsFor(preset);
  const sets = request.figureSets ?? [];
  if (!Array.isArray(sets)) throw hardwareErrors.badOverride(`${FIELD}.figureSets`, `expected a list of names, got ${JSON.stringify(sets)}`);
  for (const name of sets) {
    const set = valid.find((f) => f.name === name);
    if (!set) throw hardwareErrors.unknownFigureSet(`${FIELD}.figureSets`, String(name), valid.map((f) => f.name));
    chip = applyFigureSet(chip, set);
    if (set.efaBytesPerSecondPerChip !== undefined) efaPerChip = set.efaBytesPerSecondPerChip;
  }

  const lncDefaulted = request.lnc === undefined;
  const lnc = request.lnc ?? chip.defaultLnc;
  checkLnc(`${FIELD}.lnc`, chip, lnc);
  const ranksPerChip = chip.physicalCores / lnc;

  const ov: SystemOverrides = request.overrides ?? {};
  if (ov.chip) chip = applyChipOverride(chip, ov.chip, `${FIELD}.overrides.chip`);

  const nl = ov.neuronLink ?? {};
  const nlSettings = {
    bytesPerSecondPerLink: nl.bytesPerSecondPerLink === undefined ? undefined : checkPositive(`${FIELD}.overrides.neuronLink.bytesPerSecondPerLink`, nl.bytesPerSecondPerLink),
    latencyS: nl.latencyS === undefined ? undefined : checkPositive(`${FIELD}.overrides.neuronLink.latencyS`, nl.latencyS, true),
  };
  const fabric = preset.buildFabric(chip, nlSettings);

  const efaOv = ov.efa ?? {};
  if (efaOv.bytesPerSecondPerServer !== undefined) {
    // per server (instance) of the preset: 16 chips on Trn1/Trn2/Trn3 Gen1, 4 on Trn3 Gen2, 8 GPUs on h100-8x
    efaPerChip = checkPositive(`${FIELD}.overrides.efa.bytesPerSecondPerServer`, efaOv.bytesPerSecondPerServer) / preset.chipsPerServer;
  }
  const efaLatencyS = efaOv.latencyS === undefined ? EFA_POINT_TO_POINT_LATENCY_S : checkPositive(`${FIELD}.overrides.efa.latencyS`, efaOv.latencyS, true);
  const efaTopology = efaOv.topology ?? 'rail';
  if (efaTopology !== 'rail' && efaTopology !== 'clos') throw hardwareErrors.badOverride(`${FIELD}.overrides.efa.topology`, `must be "rail" or "clos", got ${JSON.stringify(efaTopology)}`);
  const efa: EfaSpec | undefined =
    count > 1 ? { topology: efaTopology, bytesPerSecondPerChip: efaPerChip, nicLatencyS: efaLatencyS / 2, switchHopLatencyS: EFA_SWITCH_HOP_LATENCY_S } : undefined;

  const scheme: IdScheme = { ultra: preset.unitKind === 'ultraserver', chipsPerUnit: preset.chipsPerUnit, chipsPerServer: preset.chipsPerServer, unitCount: count };
  const topology = new ClusterTopology({
    fabric,
    unitCount: count,
    chipsPerServer: preset.chipsPerServer,
    efa,
    chipName: (c) => chipName(scheme, c),
    serverName: (s) => serverName(scheme, s),
    unitName: (u) => unitName(scheme, u),
  });

  // per-link overrides (sparse: only the named links are stored)
  for (const [id, o] of Object.entries(ov.links ?? {})) {
    const field = `${FIELD}.overrides.links["${id}"]`;
    const link = parseLinkId(scheme, topology, id);
    if (link < 0) {
      const example = `${chipName(scheme, 0)}.${fabric.chipLinkSuffixes[0] ?? 'efa.up'}`;
      throw hardwareErrors.unknownLinkId(field, id, [...fabric.chipLinkSuffixes, ...(efa ? ['efa.up', 'efa.down'] : [])], example);
    }
    if (o === null || typeof o !== 'object') throw hardwareErrors.badOverride(field, 'expected { scale?, removed?, latencyS? }');
    for (const key of Object.keys(o)) if (!['scale', 'removed', 'latencyS'].includes(key)) throw hardwareErrors.badOverride(`${field}.${key}`, 'unknown field; valid: scale, removed, latencyS');
    if (o.removed === undefined && o.scale === undefined && o.latencyS === undefined) {
      throw hardwareErrors.badOverride(field, 'give scale (0 < s <= 1), removed: true, or latencyS');
    }
    const scale = o.scale ?? 1;
    if (!(typeof scale === 'number' && scale > 0 && scale <= 1)) throw hardwareErrors.badOverride(`${field}.scale`, `must be in (0, 1] (use removed: true to take a link out), got ${JSON.stringify(o.scale)}`);
    if (o.removed !== undefined && typeof o.removed !== 'boolean') throw hardwareErrors.badOverride(`${field}.removed`, `must be true or false, got ${JSON.stringify(o.removed)}`);
    const latencyS = o.latencyS === undefined ? undefined : checkPositive(`${field}.latencyS`, o.latencyS, true);
    topology.setLinkOverride(link, { scale, removed: o.removed === true, ...(latencyS !== undefined ? { latencyS } : {}) });
  }

  // per-chip overrides (sparse map by chip index)
  const chipOverrides = new Map<number, ChipSpec>();
  for (const [id, o] of Object.entries(ov.chips ?? {})) {
    const field = `${FIELD}.overrides.chips["${id}"]`;
    const g = parseChipId(scheme, id);
    if (g < 0) throw hardwareErrors.unknownChipId(field, id, chipName(scheme, Math.min(5, count * preset.chipsPerUnit - 1)), count * preset.chipsPerUnit);
    if (o === null || typeof o !== 'object') throw hardwareErrors.badOverride(field, 'expected an object of chip fields');
    const eff = applyChipOverride(chip, o, field);
    chipOverrides.set(g, eff);
    // a chip's own link figure scales the chip-to-chip links leaving it
    if (eff.chipLinkBytesPerSecond !== chip.chipLinkBytesPerSecond) scaleChipLinks(topology, g, eff.chipLinkBytesPerSecond / chip.chipLinkBytesPerSecond);
  }

  const chipCount = count * preset.chipsPerUnit;
  if (request.faults !== undefined) {
    applyFaults(request.faults, {
      topology,
      chipCount,
      chipIndex: (id) => parseChipId(scheme, id),
      linkIndex: (id) => parseLinkId(scheme, topology, id),
      exampleChip: chipName(scheme, Math.min(5, chipCount - 1)),
      exampleLink: `${chipName(scheme, 0)}.${fabric.chipLinkSuffixes[0] ?? 'efa.up'}`,
      chipSpec: (c) => chipOverrides.get(c) ?? chip,
      setChipSpec: (c, spec) => chipOverrides.set(c, spec),
    });
  }
  const baseChip = chip;
  return {
    preset: preset.name,
    count,
    chip: baseChip,
    chipCount,
    chipsPerServer: preset.chipsPerServer,
    serverCount: chipCount / preset.chipsPerServer,
    lnc,
    ranksPerChip,
    rankCount: chipCount * ranksPerChip,
    topology,
    presetSpec: preset,
    figureSets: [...sets],
    efaBytesPerSecondPerChip: efaPerChip,
    efaTopology,
    efaLatencyS,
    unitFabric: fabric instanceof TorusFabric ? (fabric.dims.length === 0 ? { kind: 'single' } : { kind: 'torus', dims: fabric.dims }) : { kind: 'switch' },
    lncIsEstimate: lncDefaulted && (chip.estimates ?? []).includes('defaultLnc'),
    rankToChip(rank: number): number {
      return Math.floor(rank / ranksPerChip);
    },
    chipAt(c: number): ChipSpec {
      return chipOverrides.get(c) ?? baseChip;
    },
    chipName: (c) => chipName(scheme, c),
    chipIndex: (id) => parseChipId(scheme, id),
    linkIndex: (name) => parseLinkId(scheme, topology, name),
    overriddenChips: () => [...chipOverrides.keys()].sort((a, b) => a - b),
  };
}
