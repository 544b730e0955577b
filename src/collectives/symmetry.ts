/**
 * When two groups are interchangeable: the units of a system (servers or UltraServers) are
 * identical and joined by a translation-invariant EFA fabric (rail or Clos, non-blocking), so a
 * group and its translate by whole units take the same time, unless a link override (a degraded,
 * removed or slower link, a fault) lies in one of the units the group touches, or, for a group
 * spanning units, on a link every unit shares (a rail uplink). Such a group is keyed on its
 * absolute ranks; every other group on its ranks relative to its first unit.
 */
import type { System } from '../hardware/types.js';
import type { CollectiveRequest } from './types.js';
import { placeGroup } from './group.js';
import { chooseAlgorithm, type ChooseOptions } from './choose.js';
import { buildSchedule } from './algorithms.js';
import { resolveParams } from './params.js';
import { StepLoad } from './step-load.js';

export interface OverrideMap {
  /** Units holding at least one overridden link. */
  readonly units: ReadonlySet<number>;
  /** An overridden link shared by every unit (or one whose unit is unknown). */
  readonly global: boolean;
  /** Overridden links, ascending. */
  readonly links: readonly number[];
}

const maps = new WeakMap<System, OverrideMap>();

/** The system's overridden links by unit (computed once per system). */
export function overrideMap(system: System): OverrideMap {
  let m = maps.get(system);
  if (m) return m;
  const topo = system.topology;
  const links = topo.overriddenLinks ? topo.overriddenLinks() : [];
  const units = new Set<number>();
  let global = false;
  for (const l of links) {
    const u = topo.linkUnit ? topo.linkUnit(l) : -1;
    if (u < 0) global = true;
    else units.add(u);
  }
  m = { units, global, links };
  maps.set(system, m);
  return m;
}

export function chipsPerUnit(system: System): number {
  return system.chipCount / system.count;
}

/** Whether no override can reach the group (its timing equals that of its translates). */
export function groupIsSymmetric(system: System, ranks: readonly number[]): boolean {
  const m = overrideMap(system);
  if (m.links.length === 0) return true;
  const cpu = chipsPerUnit(system);
  const first = Math.floor(system.rankToChip(ranks[0]!) / cpu);
  let multiUnit = false;
  for (const r of ranks) {
    const u = Math.floor(system.rankToChip(r) / cpu);
    if (u !== first) multiUnit = true;
    if (m.units.has(u)) return false;
  }
  return !(multiUnit && m.global);
}

/**
 * Whether any transfer of the request's schedule routes over an overridden link: the precise test
 * behind groupIsSymmetric's quick one, for groups in units that hold an override (a degraded torus
 * link inside an UltraServer does not touch a DP ring that leaves each chip by its own EFA NIC).
 */
export function scheduleReachesOverrides(system: System, request: CollectiveRequest, options: ChooseOptions = {}): boolean {
  const m = overrideMap(system);
  if (m.links.length === 0) return false;
  const overridden = new Set(m.links);
  const g = placeGroup(system, request.ranks);
  const alg = chooseAlgorithm(system, request, g, options);
  const schedule = buildSchedule(alg, request.op, g, request.sizeBytes, resolveParams(options.params), 'algorithm', request.targets);
  const load = new StepLoad(g);
  const topo = system.topology;
  const buf = new Int32Array(Math.max(64, topo.diameter() + 16));
  const checked = new Set<number>();
  for (const st of schedule.steps) {
    load.load(st);
    for (let i = 0; i < load.pairCount; i++) {
      const src = load.srcChip(i);
      const dst = load.dstChip(i);
      const key = src * system.chipCount + dst;
      if (checked.has(key)) continue;
      checked.add(key);
      const hops = topo.route(src, dst, buf);
      for (let h = 0; h < hops && h < buf.length; h++) if (overridden.has(buf[h]!)) return true;
    }
  }
  return false;
}
