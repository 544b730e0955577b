/**
 * Link tracks of the step trace: for the busiest links of unit 0 (link-load.ts), one track per
 * (link, stage, kind of communication) whose representative group routes over the link, with a
 * slice for each task of that kind on the stage's stream: pipeline sends, DP collectives, and the
 * layer chains for TP / CP / EP (which run inside the chains' macro tasks). One track per stream
 * keeps slices from overlapping.
 */
import type { System } from '../../hardware/types.js';
import type { TrainingWorkload } from '../../workload/types.js';
import { STREAMS_PER_STAGE, type StepGraph } from '../../workload/training/step-graph.js';
import { stepTraffic, trafficEdges, type TrafficKind } from '../../workload/training/collective-traffic.js';
import type { LinkLoad } from '../../workload/training/link-load.js';
import { us, type TraceEvent } from './trace-types.js';

export const MAX_LINK_TRACKS = 16;
export const LINKS_PID = 1000;

/** Stream (within a stage) whose tasks carry each kind's traffic. */
const STREAM_OF: Record<TrafficKind, number> = { tp: 0, pp: 2, dp: 3, ep: 0, cp: 0 };
const KINDS: readonly TrafficKind[] = ['tp', 'pp', 'dp', 'ep', 'cp'];

export function linkTrackEvents(system: System, w: TrainingWorkload, step: StepGraph, loads: readonly LinkLoad[]): TraceEvent[] {
  const busiest = [...loads].filter((l) => l.bytesPerStep > 0).sort((a, b) => b.utilisation - a.utilisation || a.link - b.link).slice(0, MAX_LINK_TRACKS);
  if (busiest.length === 0) return [];
  const index = new Map(busiest.map((l, i) => [l.link, i]));
  const topo = system.topology;
  const buf = new Int32Array(Math.max(64, topo.diameter() + 8));
  // (link, stage, kind) used by the representative groups
  const used = new Set<string>();
  for (const t of stepTraffic(w)) {
    trafficEdges(t.pattern, t.ranks, (a, b) => {
      const ca = system.rankToChip(a);
      const cb = system.rankToChip(b);
      if (ca === cb) return;
      const hops = topo.route(ca, cb, buf);
      for (let h = 0; h < hops; h++) if (index.has(buf[h]!)) used.add(`${buf[h]}|${t.stage}|${t.kind}`);
    });
  }
  const g = step.graph;
  const events: TraceEvent[] = [{ name: 'process_name', ph: 'M', ts: 0, pid: LINKS_PID, tid: 0, args: { name: `links: the ${busiest.length} busiest of unit 0 (ring-equivalent traffic)` } }];
  events.push({ name: 'process_sort_index', ph: 'M', ts: 0, pid: LINKS_PID, tid: 0, args: { sort_index: 1000 } });
  const stages = step.stages;
  for (const key of [...used].sort()) {
    const [linkText, stageText, kind] = key.split('|') as [string, string, TrafficKind];
    const link = Number(linkText);
    const stage = Number(stageText);
    const load = busiest[index.get(link)!]!;
    const tid = 1 + (index.get(link)! * stages + stage) * KINDS.length + KINDS.indexOf(kind);
    events.push({ name: 'thread_name', ph: 'M', ts: 0, pid: LINKS_PID, tid, args: { name: `${load.name} · ${kind} (stage ${stage})` } });
    events.push({ name: 'thread_sort_index', ph: 'M', ts: 0, pid: LINKS_PID, tid, args: { sort_index: tid } });
    const stream = stage * STREAMS_PER_STAGE + STREAM_OF[kind];
    // inside a layer chain the collectives run between compute segments: the whole chain is shown
    // (every compute task but the optimizer step, the stream's last)
    const end = g.streamStart[stream + 1]! - (STREAM_OF[kind] === 0 ? 1 : 0);
    for (let i = g.streamStart[stream]!; i < end; i++) {
      const t = g.streamTasks[i]!;
      const dur = us(g.endS[t]!) - us(g.startS[t]!);
      if (!(dur > 0)) continue;
      events.push({
        name: STREAM_OF[kind] === 0 ? `${kind} collectives within the layer chain` : `${kind} traffic`,
        cat: kind,
        ph: 'X',
        ts: us(g.startS[t]!),
        dur,
        pid: LINKS_PID,
        tid,
        args: { link: load.name, utilisationOverStep: load.utilisation, bytesPerStep: load.byKind[kind] ?? 0 },
      });
    }
  }
  return events;
}
