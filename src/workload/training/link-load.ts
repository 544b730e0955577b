/**
 * Bytes per link over one training step for the links of one unit (server or UltraServer), for the
 * HTML report's heatmap and the trace's link tracks: every group that has a rank in the unit puts
 * its ring-equivalent traffic (collective-traffic.ts) on the links of the routes between its
 * members' chips. Bounded by the unit: at most (ranks of the unit) x (kinds) groups are walked,
 * whatever the size of the cluster. An estimate of where the bytes go, not a flow simulation.
 */
import type { System } from '../../hardware/types.js';
import type { TrainingWorkload } from '../types.js';
import { coordinatesOf, stepTraffic, trafficEdges, type TrafficKind } from './collective-traffic.js';

export interface LinkLoad {
  readonly link: number;
  readonly name: string;
  readonly kind: string;
  readonly src: number;
  readonly dst: number;
  readonly bytesPerStep: number;
  /** bytesPerStep / (link bandwidth x step time). */
  readonly utilisation: number;
  /** Bytes by traffic kind. */
  readonly byKind: Readonly<Partial<Record<TrafficKind, number>>>;
}

/** The chips of unit `unit` (chip indices are unit-major). */
export function unitChips(system: System, unit: number): number[] {
  const perUnit = system.chipCount / system.count;
  const out: number[] = [];
  for (let c = unit * perUnit; c < (unit + 1) * perUnit; c++) out.push(c);
  return out;
}

/** Loads of every link that carries traffic from groups with a rank in `unit`, sorted by link id. */
export function unitLinkLoads(system: System, w: TrainingWorkload, stepTimeS: number, unit = 0): LinkLoad[] {
  const topo = system.topology;
  const traffic = stepTraffic(w);
  const bytes = new Map<number, Partial<Record<TrafficKind, number>>>();
  const buf = new Int32Array(Math.max(64, topo.diameter() + 8));
  const chips = unitChips(system, unit);
  const firstRank = chips[0]! * system.ranksPerChip;
  const lastRank = (chips[chips.length - 1]! + 1) * system.ranksPerChip;
  const seen = new Set<string>();
  traffic.forEach((t, ti) => {
    for (let r = firstRank; r < lastRank; r++) {
      const c = coordinatesOf(w, r);
      if (c.pp !== t.stage) continue;
      const group = t.groupOf(c);
      const key = t.pattern === 'pair' ? `${ti}:${group[0]}` : `${ti}:${Math.min(...group)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      trafficEdges(t.pattern, group, (a, b) => {
        const ca = system.rankToChip(a);
        const cb = system.rankToChip(b);
        if (ca === cb) return;
        const hops = topo.route(ca, cb, buf);
        for (let h = 0; h < hops; h++) {
          const l = buf[h]!;
          const entry = bytes.get(l) ?? {};
          entry[t.kind] = (entry[t.kind] ?? 0) + t.bytes * t.perStep;
          bytes.set(l, entry);
        }
      });
    }
  });
  const out: LinkLoad[] = [];
  for (const [l, byKind] of [...bytes.entries()].sort((a, b) => a[0] - b[0])) {
    const total = Object.values(byKind).reduce((a, b) => a + (b ?? 0), 0);
    const info = topo.link(l);
    out.push({
      link: l,
      name: info.name,
      kind: info.kind,
      src: info.src,
      dst: info.dst,
      bytesPerStep: total,
      utilisation: stepTimeS > 0 ? total / (info.bytesPerSecond * stepTimeS) : 0,
      byKind,
    });
  }
  return out;
}
