/**
 * Injected faults of one step (issue 13: `system.faults`): a slow chip, a degraded link, a link
 * that is down. Each becomes an override of the built system, on top of any `overrides` for the
 * same chip or link (factors multiply), so the layers above see them exactly as they see any other
 * heterogeneity: a slow chip slows its ranks' compute and HBM, a slow link its flows, a down link
 * is routed around (a clear error where that partitions a group).
 */
import type { ChipSpec, Fault } from './types.js';
import type { ClusterTopology } from './cluster-topology.js';
import { hardwareErrors } from './errors.js';

export const FAULT_KINDS = ['slow-chip', 'slow-link', 'down-link'] as const;

export interface FaultContext {
  readonly topology: ClusterTopology;
  readonly chipCount: number;
  /** Global chip index of an id ("us0.s1.c5" or "12"); -1 if unknown. */
  readonly chipIndex: (id: string) => number;
  readonly linkIndex: (id: string) => number;
  readonly exampleChip: string;
  readonly exampleLink: string;
  /** The chip's spec so far (base or overridden), and a setter. */
  readonly chipSpec: (chip: number) => ChipSpec;
  readonly setChipSpec: (chip: number, spec: ChipSpec) => void;
}

function finite(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** Applies `faults` (checked, each error naming system.faults[i] and its field) to the system being built. */
export function applyFaults(faults: readonly Fault[], ctx: FaultContext): void {
  if (!Array.isArray(faults)) throw hardwareErrors.badOverride('system.faults', 'expected a list of faults, e.g. [{ kind: slow-chip, chip: 12, slowdown: 1.5 }]');
  faults.forEach((f, i) => {
    const field = `system.faults[${i}]`;
    if (f === null || typeof f !== 'object') throw hardwareErrors.badOverride(field, 'expected { kind, ... }');
    if (!FAULT_KINDS.includes(f.kind)) throw hardwareErrors.badOverride(`${field}.kind`, `unknown fault kind ${JSON.stringify((f as { kind: unknown }).kind)}; valid: ${FAULT_KINDS.join(', ')}`);
    if (f.kind === 'slow-chip') {
      const id = String(f.chip);
      const chip = typeof f.chip === 'number' ? (Number.isInteger(f.chip) && f.chip >= 0 && f.chip < ctx.chipCount ? f.chip : -1) : ctx.chipIndex(id);
      if (chip < 0) throw hardwareErrors.unknownChipId(`${field}.chip`, id, ctx.exampleChip, ctx.chipCount);
      if (!finite(f.slowdown) || f.slowdown < 1) throw hardwareErrors.badOverride(`${field}.slowdown`, `expected a factor >= 1 (1.5 = the chip takes 1.5x as long), got ${JSON.stringify(f.slowdown)}`);
      const spec = ctx.chipSpec(chip);
      const peaks: Record<string, number> = {};
      for (const [dt, v] of Object.entries(spec.peakFlopsPerSecond)) if (v !== undefined) peaks[dt] = v / f.slowdown;
      ctx.setChipSpec(chip, {
        ...spec,
        peakFlopsPerSecond: peaks,
        hbmBytesPerSecond: spec.hbmBytesPerSecond / f.slowdown,
        ...(spec.sparseFlopsPerSecond !== undefined ? { sparseFlopsPerSecond: spec.sparseFlopsPerSecond / f.slowdown } : {}),
      });
      return;
    }
    const link = typeof f.link === 'string' ? ctx.linkIndex(f.link) : -1;
    if (link < 0) throw hardwareErrors.badOverride(`${field}.link`, `unknown link id ${JSON.stringify(f.link)}; a link id is a chip id plus a link suffix, e.g. "${ctx.exampleLink}" (docs/hardware.md "Override ids")`);
    const prev = ctx.topology.linkOverride(link);
    if (f.kind === 'slow-link') {
      if (!finite(f.bandwidthFactor) || f.bandwidthFactor <= 0 || f.bandwidthFactor > 1) {
        throw hardwareErrors.badOverride(`${field}.bandwidthFactor`, `expected a fraction in (0, 1] of the link's bandwidth (use kind: down-link for a link that carries nothing), got ${JSON.stringify(f.bandwidthFactor)}`);
      }
      ctx.topology.setLinkOverride(link, { scale: (prev?.scale ?? 1) * f.bandwidthFactor, removed: prev?.removed ?? false, ...(prev?.latencyS !== undefined ? { latencyS: prev.latencyS } : {}) });
    } else {
      ctx.topology.setLinkOverride(link, { scale: prev?.scale ?? 1, removed: true, ...(prev?.latencyS !== undefined ? { latencyS: prev.latencyS } : {}) });
    }
  });
}
