/**
 * `--report plan.html`: the plan as one self-contained page of the HTML report module
 * (src/report/html: the shared page shell with sortable tables and the data embedded as JSON, id
 * "trnsim-data"): the answer, the frontier chart, the frontier and best-per-system tables, and the
 * counts of why the rest lost.
 */
import { page, table } from '../report/html/index.js';
import { describeEntry } from './answer.js';
import { frontierSvg } from './frontier-svg.js';
import type { PlanEntry, PlanResult } from './types.js';
import { formatDuration, formatEnergy, formatUsd } from './words.js';

export function planReportHtml(r: PlanResult): string {
  const training = r.kind === 'training';
  const timeOf = (e: PlanEntry): number => (training ? e.timeToTrainS! : Number((e.details as Record<string, unknown>).latencyS));
  const frontier = table(
    'frontier',
    [training ? 'time to train' : 'latency p50', 'cost', 'energy', training ? 'step' : 'TPOT p50', 'plan'],
    r.pareto.map((e) => [
      { text: formatDuration(timeOf(e)), value: timeOf(e) },
      { text: formatUsd(e.costUsd), value: e.costUsd ?? '' },
      { text: formatEnergy(e.energyJ), value: e.energyJ },
      { text: formatDuration(e.stepTimeS), value: e.stepTimeS },
      describeEntry(e),
    ]),
    true,
  );
  const best = table(
    'best',
    ['system', 'plan', training ? 'time to train' : 'latency p50', 'cost'],
    Object.entries(r.bestBySystem).map(([s, e]) => (e ? [s, describeEntry(e), { text: formatDuration(timeOf(e)), value: timeOf(e) }, formatUsd(e.costUsd)] : [s, 'no feasible plan', '', ''])),
  );
  const lost = table('lost', ['reason', 'candidates', ''], [
    ...Object.entries(r.pruned).map(([k, n]) => [k, { text: String(n), value: n }, 'not simulated']),
    ...Object.entries(r.lost).map(([k, n]) => [k, { text: String(n), value: n }, 'simulated']),
  ]);
  const warnings = r.warnings.map((w) => `<p class="note warning">warning: ${w.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`).join('');
  return page(
    `trnsim plan: ${r.name}`,
    r.answer,
    [
      { title: 'Frontier', html: frontierSvg(r) },
      { title: 'Pareto frontier', html: frontier },
      { title: 'Best per system', html: best },
      { title: 'Why the rest lost', html: `<p>${r.candidates} candidates, ${r.evaluated} simulated, ${r.feasible} feasible.</p>${lost}${warnings}` },
    ],
    r,
  );
}
