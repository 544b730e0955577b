/** The terminal report of a training step (`trnsim run` without --json). */
import { formatBand } from './uncertainty.js';
import type { Uncertainty } from './uncertainty.js';
import { formatBytes, formatPercent, formatSeconds } from '../units.js';
import type { TrainingResult, TrainingWorkload } from '../workload/types.js';
import { systemLine, type ReportContext } from './context.js';
import { formatCount, formatRate, renderPairs, renderTable, type Row } from './table.js';
import { costRows, energyRows } from './cost-rows.js';
import { reliabilityRows } from './reliability-report.js';

/** The workload's description lines (also in the HTML report). */
export function trainingWorkloadRows(w: TrainingWorkload): Array<[string, string]> {
  const p = w.parallelism;
  const pipeline = p.pp > 1 ? `, ${p.schedule}${p.schedule === 'interleaved' ? ` x${p.virtualStages}` : ''}` : '';
  return [
    ['model', `${w.model.name}, ${w.precision}, sequence ${formatCount(w.sequenceLength)}, global batch ${formatCount(w.globalBatch)}, micro-batch ${w.microBatch}`],
    [
      'parallelism',
      `tp ${p.tp} x pp ${p.pp} x dp ${p.dp} x cp ${p.cp}, ep ${p.ep}, ZeRO-${p.zero}, SP ${p.sequenceParallel ? 'on' : 'off'}${pipeline}, recompute ${w.recompute}${p.order ? `, rank order ${p.order.join('-')} (innermost first)` : ''}`,
    ],
  ];
}

function share(part: number, whole: number): string {
  return whole > 0 ? formatPercent(part / whole) : '-';
}

/** Formats a training result as the human report; `ctx` adds the system and workload lines. */
export function formatTrainingReport(r: TrainingResult, ctx: ReportContext = {}): string {
  const header: Array<[string, string]> = [];
  const sys = systemLine(ctx);
  if (sys) header.push(['system', sys]);
  if (ctx.workload?.kind === 'training') header.push(...trainingWorkloadRows(ctx.workload));

  const b = r.breakdown;
  const k = b.exposedCommByKindS;
  const step = r.stepTimeS;
  const m = r.memoryBytesPerChip;
  // the error band a run carries (report/uncertainty.ts), when the caller attached one
  const u = (r as { uncertainty?: Uncertainty }).uncertainty;
  const rows: Row[] = [
    '',
    'Throughput',
    ['step time', formatSeconds(step) + formatBand(u)],
    ['sequences/s', formatRate(r.sequencesPerSecond) + formatBand(u)],
    ['tokens/s', formatRate(r.tokensPerSecond) + formatBand(u)],
    ['MFU', formatPercent(r.mfu)],
    ...(u ? [`  (± band: ${u.basis})`] : []),
    '  (MFU: model FLOPs, 6N + attention per token, over chips x dense peak of the precision; docs/validation.md)',
    '',
    'Time breakdown per step',
    ['compute', formatSeconds(b.computeS), share(b.computeS, step)],
    ['exposed communication', formatSeconds(b.exposedCommS), share(b.exposedCommS, step)],
    ...(['tp', 'pp', 'dp', 'ep', 'cp'] as const).map((kind): Row => [`  ${kind}`, formatSeconds(k[kind]), share(k[kind], step)]),
    ['pipeline bubble', formatSeconds(b.bubbleS), share(b.bubbleS, step)],
    ['idle', formatSeconds(b.idleS), share(b.idleS, step)],
    '',
    'Memory per chip',
    ['weights', formatBytes(m.weights)],
    ['gradients', formatBytes(m.gradients)],
    ['optimizer', formatBytes(m.optimizer)],
    ['activations', formatBytes(m.activations)],
    ['total', `${formatBytes(m.total)} of ${formatBytes(m.capacity)} (${share(m.total, m.capacity)})`],
  ];
  rows.push(...costRows(r.cost, 'trained'), ...energyRows(r.energy, 'trained'));
  if (r.reliability) rows.push(...reliabilityRows(r.reliability));
  const ranks: [string, string] = [
    'ranks simulated',
    r.ranksSimulated === r.ranksTotal ? `${formatCount(r.ranksTotal)} (all)` : `${formatCount(r.ranksSimulated)} of ${formatCount(r.ranksTotal)} (the rest identical by symmetry)`,
  ];
  if (r.meta) {
    rows.push('', 'Simulation', ranks, ['events simulated', formatCount(r.meta.eventsSimulated)], ['wall time', formatSeconds(r.meta.wallTimeS)]);
  } else rows.push('', 'Simulation', ranks);
  return `${r.name}\n${header.length ? `${renderPairs(header)}\n` : ''}${renderTable(rows)}\n`;
}
