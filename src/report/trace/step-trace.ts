/**
 * A Perfetto / Chrome trace (Trace Event Format, JSON) of one simulated training step
 * (`trnsim run --trace step.json`; opens in ui.perfetto.dev). One process per simulated chip: the
 * first rank of each pipeline stage of each simulated lockstep block, which stands for every rank
 * of the blocks it represents (docs/model.md "Symmetry"), with one thread per stream (compute, TP,
 * pipeline sends, DP, EP, CP). Complete events ("X") only, so every slice has its end; dependencies that cross
 * streams or stages (pipeline sends, gradient reductions, the optimizer waiting for them) are flow
 * events. A "links" process holds the busiest links of unit 0 with the communication that uses
 * them. Size is bounded by the step graph (representative ranks only) and MAX_LINK_TRACKS.
 */
import type { System } from '../../hardware/types.js';
import type { TrainingWorkload } from '../../workload/types.js';
import { STREAMS_PER_STAGE, type StepGraph } from '../../workload/training/step-graph.js';
import { blockRanks } from '../../workload/training/blocks.js';
import type { LinkLoad } from '../../workload/training/link-load.js';
import { computeTaskLabels } from './task-labels.js';
import { linkTrackEvents, MAX_LINK_TRACKS } from './link-tracks.js';
import { us, type TraceEvent, type TraceFile } from './trace-types.js';

export type { TraceEvent, TraceFile } from './trace-types.js';

export const STREAM_NAMES = ['compute', 'TP collectives', 'pipeline sends', 'DP collectives', 'EP all-to-all', 'CP ring attention'];
const CATEGORY_NAMES = ['compute', 'tp', 'pp', 'dp', 'ep', 'cp'];

export interface StepTraceInput {
  readonly system: System;
  readonly workload: TrainingWorkload;
  readonly step: StepGraph;
  readonly stepTimeS: number;
  readonly name: string;
  /** Loads of unit 0's links (link-load.ts), for the link tracks. */
  readonly linkLoads?: readonly LinkLoad[];
  /** The lockstep blocks the step simulated, one lane group each (TrainingResultDetail.blocksSimulated; default [0]). */
  readonly blocks?: readonly number[];
}

export function stepTrace(input: StepTraceInput): TraceFile {
  const { system, workload: w, step } = input;
  const g = step.graph;
  const events: TraceEvent[] = [];
  const pp = step.stages;
  const blocks = input.blocks ?? [0];
  const pidOf = (lane: number): number => lane + 1;
  for (let lane = 0; lane < step.lanes; lane++) {
    const s = lane % pp;
    const block = blocks[Math.floor(lane / pp)] ?? Math.floor(lane / pp);
    const chip = system.rankToChip(blockRanks(w.parallelism, block, s)[0]!);
    const name = system.chipName?.(chip) ?? `chip ${chip}`;
    const stands = step.lanes === pp ? `stands for ${system.chipCount / pp} chips` : lane < pp ? 'stands for the blocks no fault reaches' : 'a block a fault reaches, simulated on its own';
    events.push({ name: 'process_name', ph: 'M', ts: 0, pid: pidOf(lane), tid: 0, args: { name: `${name} (stage ${s}, block ${block} representative: ${stands})` } });
    events.push({ name: 'process_sort_index', ph: 'M', ts: 0, pid: pidOf(lane), tid: 0, args: { sort_index: lane } });
    for (let k = 0; k < STREAMS_PER_STAGE; k++) events.push({ name: 'thread_name', ph: 'M', ts: 0, pid: pidOf(lane), tid: k + 1, args: { name: STREAM_NAMES[k] ?? `stream ${k}` } });
  }
  // slices, stream by stream (program order: in-order streams never overlap)
  const sliceOf = new Int32Array(g.taskCount).fill(-1);
  for (let stream = 0; stream < g.streams; stream++) {
    const lane = Math.floor(stream / STREAMS_PER_STAGE);
    const k = stream % STREAMS_PER_STAGE;
    const from = g.streamStart[stream]!;
    const to = g.streamStart[stream + 1]!;
    const labels = k === 0 ? computeTaskLabels(step, w, lane, to - from) : [];
    for (let i = from; i < to; i++) {
      const t = g.streamTasks[i]!;
      const dur = us(g.endS[t]!) - us(g.startS[t]!);
      if (!(dur > 0)) continue;
      const args: Record<string, unknown> = { durationS: g.endS[t]! - g.startS[t]! };
      if (k === 0) {
        for (let c = 0; c < CATEGORY_NAMES.length; c++) {
          const part = g.splitPart(t, c);
          if (part > 0) args[c === 0 ? 'computeS' : `exposed${CATEGORY_NAMES[c]!.toUpperCase()}S`] = part;
        }
      }
      const label = k === 0 ? labels[i - from]! : k === 3 && g.lastDep[t]! >= 0 && g.stream[g.lastDep[t]!] === lane * STREAMS_PER_STAGE ? dpLabel(g, t, lane) : STREAM_NAMES[k]!;
      sliceOf[t] = events.length;
      events.push({ name: label, cat: CATEGORY_NAMES[g.category[t]!] ?? 'task', ph: 'X', ts: us(g.startS[t]!), dur, pid: pidOf(lane), tid: k + 1, args });
    }
  }
  // flows: a task whose last-finishing dependency ran on another stream or stage
  let flowId = 1;
  const flows: TraceEvent[] = [];
  for (let t = 0; t < g.taskCount; t++) {
    const d = g.lastDep[t]!;
    if (d < 0 || sliceOf[t]! < 0 || sliceOf[d]! < 0 || g.stream[d] === g.stream[t]) continue;
    const src = events[sliceOf[d]!]!;
    const dst = events[sliceOf[t]!]!;
    const id = flowId++;
    const name = `${CATEGORY_NAMES[g.category[d]!]} -> ${CATEGORY_NAMES[g.category[t]!]}`;
    flows.push({ name, cat: 'dependency', ph: 's', id, ts: src.ts + (src.dur ?? 0) / 2, pid: src.pid, tid: src.tid });
    flows.push({ name, cat: 'dependency', ph: 'f', bp: 'e', id, ts: dst.ts + (dst.dur ?? 0) / 2, pid: dst.pid, tid: dst.tid });
  }
  const links = input.linkLoads ? linkTrackEvents(system, w, step, input.linkLoads) : [];
  const all = [...events, ...flows, ...links];
  // per track in time order (metadata first), the order trace viewers expect
  const order = (e: TraceEvent): number => (e.ph === 'M' ? 0 : 1);
  all.sort((a, b) => a.pid - b.pid || a.tid - b.tid || order(a) - order(b) || a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  return {
    traceEvents: all,
    displayTimeUnit: 'ms',
    otherData: {
      generator: 'trnsim',
      scenario: input.name,
      stepTimeS: input.stepTimeS,
      ranksTotal: system.rankCount,
      chipsTotal: system.chipCount,
      chipsSimulated: step.lanes,
      blocksSimulated: blocks,
      representatives: 'one rank per pipeline stage of each simulated lockstep block (its first rank) stands for every rank of the blocks it represents (docs/model.md "Symmetry"); layer chains are macro tasks whose args split compute and exposed communication',
      links: input.linkLoads ? `the ${MAX_LINK_TRACKS} busiest links of unit 0 at most, with the communication of the representative ranks that uses them (ring-equivalent routes)` : 'none',
    },
  };
}

function dpLabel(g: StepGraph['graph'], t: number, lane: number): string {
  // a DP task right after the lane's optimizer step is the ZeRO parameter all-gather
  const s = lane * STREAMS_PER_STAGE;
  const last = g.streamTasks[g.streamStart[s + 1]! - 1]!;
  return g.lastDep[t] === last ? 'DP parameter all-gather' : 'DP gradient reduction';
}
