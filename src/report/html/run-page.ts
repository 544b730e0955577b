/**
 * The HTML report of one run (`trnsim run --report`): summary, time breakdown, link heatmap of the
 * topology, memory per chip, cost and energy for training; latencies, utilisation, cost and energy
 * for inference. Drawn from the stable JSON result, which the page embeds.
 */
import type { InferenceResult, TrainingResult } from '../../workload/types.js';
import type { CostResult, EnergyResult } from '../../workload/cost/index.js';
import { formatBytes, formatPercent, formatSeconds } from '../../units.js';
import { stableResult } from '../json.js';
import { formatRate } from '../table.js';
import { formatSi, formatUsd } from '../cost-rows.js';
import { barChart, type Bar } from './svg.js';
import { page, table, type Section } from './page.js';
import { heatmapHtml } from './heatmap.js';
import type { TopologyView } from './topology-view.js';
import type { TraceFile } from '../trace/trace-types.js';
import { timelineSvg } from './timeline.js';

export interface RunPageInput {
  readonly result: TrainingResult | InferenceResult;
  /** "16 x trn2.48xlarge: 256 chips, 1,024 ranks (lnc 2)". */
  readonly systemLine?: string;
  readonly workloadLines?: ReadonlyArray<readonly [string, string]>;
  readonly topology?: TopologyView;
  /** The step's trace (training), drawn as a timeline. */
  readonly trace?: TraceFile;
}

const s = (v: number): string => formatSeconds(v);

function costEnergySection(cost: CostResult | undefined, energy: EnergyResult | undefined, per: 'trained' | 'generated'): Section[] {
  if (!cost && !energy) return [];
  const rows: Array<[string, string]> = [];
  if (cost) {
    rows.push(['price', `${formatUsd(cost.usdPerHour)}/h (${cost.basis}, ${cost.priceKind}): ${cost.priceSource}`]);
    if (cost.usdPerStep !== undefined) rows.push(['$ per step', formatUsd(cost.usdPerStep)]);
    rows.push([`$ per million ${per} tokens`, formatUsd(cost.usdPerMillionTokens)]);
    if (cost.usdPerRun !== undefined) rows.push([`$ per run (${cost.runFrom})`, formatUsd(cost.usdPerRun)]);
  }
  let chart = '';
  if (energy) {
    if (energy.joulesPerStep !== undefined) rows.push(['energy per step', formatSi(energy.joulesPerStep, 'J')]);
    rows.push([`energy per ${per} token`, formatSi(energy.joulesPerToken, 'J', 3)]);
    rows.push(['average power', formatSi(energy.averagePowerW, 'W')]);
    if (energy.joulesPerRun !== undefined) rows.push(['energy per run', formatSi(energy.joulesPerRun / 3600, 'Wh')]);
    const c = energy.chipPowerW;
    rows.push(['power per chip', `idle ${c.idle} W, load ${c.load} W (compute ${c.compute.toFixed(0)}, HBM ${c.hbm.toFixed(0)}, links ${c.link.toFixed(0)}); host ${energy.hostPowerWPerServer} W per server; PUE ${energy.pue}`]);
    rows.push(['estimates', energy.estimates.join(', ') || 'none']);
    const j = energy.joulesByComponent;
    const unit = energy.joulesPerStep !== undefined ? 'per step' : 'over the run';
    const bars: Bar[] = (['idle', 'compute', 'hbm', 'link', 'host', 'facility'] as const).map((k) => ({ label: k, value: j[k], text: formatSi(j[k], 'J') }));
    chart = barChart('energy', `Energy by component, ${unit}`, bars);
  }
  return [{ title: 'Cost and energy', html: table('cost-energy', ['', 'value'], rows) + chart }];
}

function trainingSections(r: TrainingResult, topology: TopologyView | undefined, trace: TraceFile | undefined): Section[] {
  const b = r.breakdown;
  const k = b.exposedCommByKindS;
  const bars: Bar[] = [
    { label: 'compute', value: b.computeS },
    ...(['tp', 'pp', 'dp', 'ep', 'cp'] as const).map((kind) => ({ label: `exposed ${kind}`, value: k[kind] })),
    { label: 'pipeline bubble', value: b.bubbleS },
    { label: 'idle', value: b.idleS },
  ].map((x) => ({ ...x, text: `${s(x.value)} (${formatPercent(r.stepTimeS > 0 ? x.value / r.stepTimeS : 0)})` }));
  const m = r.memoryBytesPerChip;
  const mem: Bar[] = (['weights', 'gradients', 'optimizer', 'activations'] as const).map((f) => ({ label: f, value: m[f], text: formatBytes(m[f]) }));
  mem.push({ label: 'free', value: Math.max(0, m.capacity - m.total), text: formatBytes(Math.max(0, m.capacity - m.total)), color: '#d0d7de' });
  const summary = table('summary', ['', 'value'], [
    ['step time', s(r.stepTimeS)],
    ['tokens/s', formatRate(r.tokensPerSecond)],
    ['sequences/s', formatRate(r.sequencesPerSecond)],
    ['MFU', formatPercent(r.mfu)],
    ['memory per chip', `${formatBytes(m.total)} of ${formatBytes(m.capacity)}`],
  ]);
  return [
    { title: 'Summary', html: summary },
    { title: 'Time breakdown per step', html: barChart('breakdown', `Where the ${s(r.stepTimeS)} step goes (critical stage)`, bars) },
    ...(trace
      ? [{ title: 'Step timeline', html: `${timelineSvg(trace)}<p class="note">The representative rank of each pipeline stage stands for all ranks of its stage; the trace (--trace) opens in ui.perfetto.dev.</p>` }]
      : []),
    {
      title: 'Link utilisation',
      html: topology ? heatmapHtml(topology) : '<p class="note">No link data (the run was not made with a link view).</p>',
    },
    { title: 'Memory per chip', html: barChart('memory', `Memory per chip: ${formatBytes(m.total)} of ${formatBytes(m.capacity)}`, mem) },
    ...costEnergySection(r.cost, r.energy, 'trained'),
  ];
}

function inferenceSections(r: InferenceResult): Section[] {
  const lat: Bar[] = [];
  for (const [name, p] of [['TTFT', r.ttftS], ['TPOT', r.tpotS], ['end-to-end', r.e2eLatencyS]] as const) {
    for (const q of ['p50', 'p90', 'p99'] as const) lat.push({ label: `${name} ${q}`, value: p[q], text: s(p[q]) });
  }
  const u = r.chipUtilisation;
  const util: Bar[] = u
    ? [
        { label: 'busy', value: u.busyFraction, text: formatPercent(u.busyFraction) },
        { label: 'FLOP/s of peak', value: u.flopsFraction, text: formatPercent(u.flopsFraction) },
        { label: 'HBM of peak', value: u.hbmBandwidthFraction, text: formatPercent(u.hbmBandwidthFraction) },
        { label: 'TP collectives', value: u.collectiveFraction ?? 0, text: formatPercent(u.collectiveFraction ?? 0) },
      ]
    : [];
  const summary = table('summary', ['', 'value'], [
    ['output tokens/s', formatRate(r.outputTokensPerSecond)],
    ['requests/s', formatRate(r.requestsPerSecond)],
    ['requests completed', String(r.requestsCompleted)],
    ['requests rejected', String(r.requestsRejected)],
    ['TPOT mean', s(r.tpotS.mean)],
    ['TTFT p50', s(r.ttftS.p50)],
  ]);
  return [
    { title: 'Summary', html: summary },
    { title: 'Latency', html: barChart('latency', 'Latency percentiles over requests', lat) },
    ...(util.length ? [{ title: 'Utilisation', html: barChart('utilisation', `Utilisation of the ${u!.chips === 1 ? 'chip' : `${u!.chips} chips`} the replicas use`, util) }] : []),
    ...costEnergySection(r.cost, r.energy, 'generated'),
  ];
}

export function runHtml(input: RunPageInput): string {
  const r = input.result;
  const lines = [input.systemLine, ...(input.workloadLines ?? []).map(([k, v]) => `${k}: ${v}`)].filter(Boolean).join(' | ');
  const sections = r.kind === 'training' ? trainingSections(r, input.topology, input.trace) : inferenceSections(r);
  // without meta (wall time, host): identical runs give identical pages
  const { meta: _meta, ...result } = stableResult(r);
  const data = { kind: 'run', result, ...(input.topology ? { topology: input.topology } : {}) };
  return page(`trnsim: ${r.name}`, lines, sections, data);
}
