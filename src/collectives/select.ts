/**
 * Automatic algorithm choice by message size (DESIGN.md "collectives"). On Trainium2/3 groups
 * inside one unit the default follows the measurement C3 (hardware.md §5.3: mesh at 4 B and
 * 128 KiB, rdh at 2 MiB, kangaring from 32 MiB on 16 ranks); 'documented' follows the Neuron docs'
 * sweet ranges (hardware.md §4: Mesh < 1 MB, RDH 1-56 MB, KangaRing > 56 MB). Groups spanning
 * several units (EFA) run hierarchical, except large messages on Trn1, which run the flat ring over
 * all ranks (parallel rings entering each server at different chips); Trn1 and GPU groups inside one unit
 * run the flat ring too (hardware.md §4: "Flat Ring only on Trn1").
 */
import type { System } from '../hardware/types.js';
import { KiB, MiB, MB } from '../units.js';
import type { AlgorithmName, CollectiveOp, SelectionPolicy } from './types.js';
import type { GroupPlacement } from './group.js';
import { isPowerOfTwo, subGrid } from './group.js';

export interface SwitchPoints {
  /** Sizes below this use mesh. */
  readonly meshBelowBytes: number;
  /** Sizes from this on use KangaRing (rdh in between). */
  readonly kangaringFromBytes: number;
}

export const SWITCH_POINTS: Readonly<Record<SelectionPolicy, SwitchPoints>> = {
  // C3 prints mesh at 128 KiB and rdh at 2 MiB: the switch lies between. trnsim takes 256 KiB, the
  // first power of two past the size where the model's mesh and rdh costs cross on C3's group (~190 KB).
  // KangaRing from 32 MiB, where C3 already uses it.
  measured: { meshBelowBytes: 256 * KiB, kangaringFromBytes: 32 * MiB },
  documented: { meshBelowBytes: 1 * MB, kangaringFromBytes: 56 * MB },
};

/**
 * Trn1 groups spanning several servers run the flat ring from this size on, hierarchical below: the
 * first power of two past where the model's two costs cross on two trn1.32xlarge (64 ranks, between
 * 64 and 128 MiB). Neuron does not publish the switch point; an estimate.
 */
export const TRN1_FLAT_RING_FROM_BYTES = 64 * KiB;

export const SELECTION_POLICIES: readonly SelectionPolicy[] = ['measured', 'documented'];

function trn2Style(system: System): boolean {
  return system.chip.id === 'trainium2' || system.chip.id === 'trainium3';
}

/** The algorithm `auto` picks for `op` of `sizeBytes` on the placed group. */
export function selectAlgorithm(system: System, op: CollectiveOp, g: GroupPlacement, sizeBytes: number, policy: SelectionPolicy = 'measured'): AlgorithmName {
  const p = g.size;
  if (op === 'send-recv' || op === 'all-to-all') return 'mesh';
  if (op === 'broadcast') return sizeBytes < SWITCH_POINTS[policy].meshBelowBytes || p < 3 ? 'mesh' : 'ring';
  if (g.unitCount > 1) {
    // hardware.md §4: "Flat Ring only on Trn1 for large message size" (the multi-channel flat ring, algorithms.ts)
    if (system.chip.id === 'trainium1' && sizeBytes >= TRN1_FLAT_RING_FROM_BYTES) return 'ring';
    const perServer = p / g.serverCount;
    return Number.isInteger(perServer) && g.serverCount > 1 ? 'hierarchical' : 'ring';
  }
  if (!trn2Style(system)) return 'ring';
  const sp = SWITCH_POINTS[policy];
  if (sizeBytes < sp.meshBelowBytes) return 'mesh';
  const grid = subGrid(g);
  if (sizeBytes < sp.kangaringFromBytes) return isPowerOfTwo(p) ? 'rdh' : grid ? 'torus' : 'bidir-ring';
  if (grid && g.fullChips) return 'kangaring';
  return grid ? 'torus' : 'bidir-ring';
}
