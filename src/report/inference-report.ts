/** The terminal report of an inference run (`trnsim run` without --json). */
import { formatBand } from './uncertainty.js';
import type { Uncertainty } from './uncertainty.js';
import type { ResultUncertainty } from './uncertainty-query.js';
import { formatBytes, formatPercent, formatSeconds } from '../units.js';
import type { InferenceResult, InferenceWorkload, LatencyPercentiles, TokenLength } from '../workload/types.js';
import { systemLine, type ReportContext } from './context.js';
import { countOf, formatCount, formatRate, renderPairs, renderTable, type Row } from './table.js';
import { costRows, energyRows } from './cost-rows.js';

function tokens(t: TokenLength): string {
  switch (t.kind) {
    case 'fixed':
      return formatCount(t.tokens);
    case 'uniform':
      return `uniform ${t.min}-${t.max}`;
    case 'normal':
      return `normal mean ${t.mean} sd ${t.sd}`;
    case 'lognormal':
      return `lognormal median ${t.median} sigma ${t.sigma}`;
  }
}

/** The workload's description lines (also in the HTML report). */
export function inferenceWorkloadRows(w: InferenceWorkload): Array<[string, string]> {
  const r = w.requests;
  const load = r.arrivalRatePerSecond !== undefined ? `Poisson ${formatRate(r.arrivalRatePerSecond)} /s` : `concurrency ${r.concurrency ?? '-'}`;
  return [
    ['model', `${w.model.name}, ${w.precision}${w.speculation ? `, speculation ${w.speculation.draft.name} x${w.speculation.tokens}` : ''}`],
    ['parallelism', `tp ${w.parallelism.tp} x pp ${w.parallelism.pp} x dp ${w.parallelism.dp}; ${w.batching.policy} batching, max batch ${w.batching.maxBatch}`],
    ['requests', `${formatCount(r.count)}, ${tokens(r.inputTokens)} in / ${tokens(r.outputTokens)} out, ${load}`],
  ];
}

function latencyRow(label: string, p: LatencyPercentiles, u?: Uncertainty): Row {
  return [label, formatSeconds(p.p50) + formatBand(u), formatSeconds(p.p90), formatSeconds(p.p99), formatSeconds(p.mean)];
}

/** Formats an inference result as the human report; `ctx` adds the system and workload lines. */
export function formatInferenceReport(r: InferenceResult, ctx: ReportContext = {}): string {
  const header: Array<[string, string]> = [];
  const sys = systemLine(ctx);
  if (sys) header.push(['system', sys]);
  if (ctx.workload?.kind === 'inference') header.push(...inferenceWorkloadRows(ctx.workload));
  const u = (r as { uncertainty?: ResultUncertainty }).uncertainty;
  const rows: Row[] = [
    '',
    'Latency (over requests)',
    ['', 'p50', 'p90', 'p99', 'mean'],
    latencyRow('TTFT', r.ttftS, u?.byMetric?.ttftS),
    latencyRow('TPOT', r.tpotS, u?.byMetric?.tpotS),
    ...(u?.byMetric ? [`  (± band of p50: TTFT ${u.byMetric.ttftS.basis}; TPOT ${u.byMetric.tpotS.basis})`] : []),
    latencyRow('end-to-end', r.e2eLatencyS),
    '',
    'Throughput',
    ['output tokens/s', formatRate(r.outputTokensPerSecond) + formatBand(u)],
    ...(r.outputTokensPerSecondPerChip !== undefined ? [['output tokens/s per chip', formatRate(r.outputTokensPerSecondPerChip)] as Row] : []),
    ['requests/s', formatRate(r.requestsPerSecond)],
    ['requests completed', formatCount(r.requestsCompleted)],
    ['requests rejected', formatCount(r.requestsRejected)],
  ];
  if (r.chipUtilisation) {
    const u = r.chipUtilisation;
    rows.push('', `Utilisation (${countOf(u.chips, 'chip')})`, ['busy', formatPercent(u.busyFraction)], ['FLOP/s of peak', formatPercent(u.flopsFraction)], ['HBM bandwidth of peak', formatPercent(u.hbmBandwidthFraction)]);
  }
  if (r.kvCache) {
    const kv = r.kvCache;
    rows.push(
      '',
      'KV cache',
      ['capacity per replica', `${formatCount(kv.capacityTokensPerReplica)} tokens (${formatBytes(kv.bytesPerRank)} per rank)`],
      ['peak used', formatPercent(kv.peakUsedFraction)],
      ['mean used', formatPercent(kv.meanUsedFraction)],
      ['requests that waited for KV', formatCount(kv.requestsWaited)],
    );
  }
  rows.push(...costRows(r.cost, 'generated'), ...energyRows(r.energy, 'generated'));
  if (r.meta) {
    rows.push('', 'Simulation', ['events simulated', formatCount(r.meta.eventsSimulated)], ['wall time', formatSeconds(r.meta.wallTimeS)]);
  }
  return `${r.name}\n${header.length ? `${renderPairs(header)}\n` : ''}${renderTable(rows)}\n`;
}
