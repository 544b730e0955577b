/**
 * `--report plan.html`: a self-contained HTML page of a plan (the answer, the frontier chart as
 * inline SVG, the frontier and best-per-system tables, the counts of why the rest lost, and the
 * PlanResult as JSON in a script tag). The HTML report module of issue 14 (src/report/html*) has
 * not landed on main; when it does, this is the one place to hand the plan's data to it.
 */
import { describeEntry } from './answer.js';
import { frontierSvg } from './frontier-svg.js';
import type { PlanResult } from './types.js';
import { formatDuration, formatEnergy, formatUsd } from './words.js';

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function planReportHtml(r: PlanResult): string {
  const training = r.kind === 'training';
  const rows = r.pareto
    .map((e) => `<tr><td>${esc(training ? formatDuration(e.timeToTrainS!) : formatDuration(Number((e.details as Record<string, unknown>).latencyS)))}</td><td>${esc(formatUsd(e.costUsd))}</td><td>${esc(formatEnergy(e.energyJ))}</td><td>${esc(formatDuration(e.stepTimeS))}</td><td>${esc(describeEntry(e))}</td></tr>`)
    .join('\n');
  const best = Object.entries(r.bestBySystem)
    .map(([s, e]) => `<tr><td>${esc(s)}</td><td>${e ? esc(describeEntry(e)) : 'no feasible plan'}</td><td>${e ? esc(training ? formatDuration(e.timeToTrainS!) : formatDuration(e.stepTimeS)) : ''}</td><td>${e ? esc(formatUsd(e.costUsd)) : ''}</td></tr>`)
    .join('\n');
  const lost = [...Object.entries(r.pruned).map(([k, n]) => [k, n, 'not simulated'] as const), ...Object.entries(r.lost).map(([k, n]) => [k, n, 'simulated'] as const)]
    .map(([k, n, w]) => `<tr><td>${esc(k)}</td><td>${n}</td><td>${w}</td></tr>`)
    .join('\n');
  const json = JSON.stringify(r).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>trnsim plan: ${esc(r.name)}</title>
<style>body{font-family:sans-serif;max-width:980px;margin:2em auto;color:#222}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}th{background:#f4f4f4}</style></head>
<body>
<h1>trnsim plan: ${esc(r.name)}</h1>
<p id="answer">${esc(r.answer)}</p>
${frontierSvg(r)}
<h2>Pareto frontier</h2>
<table id="frontier"><tr><th>${training ? 'time to train' : 'latency p50'}</th><th>cost</th><th>energy</th><th>${training ? 'step' : 'TPOT p50'}</th><th>plan</th></tr>
${rows}
</table>
<h2>Best per system</h2>
<table id="best"><tr><th>system</th><th>plan</th><th>${training ? 'time to train' : 'TPOT p50'}</th><th>cost</th></tr>
${best}
</table>
<h2>Why the rest lost</h2>
<p>${r.candidates} candidates, ${r.evaluated} simulated, ${r.feasible} feasible.</p>
<table id="lost"><tr><th>reason</th><th>candidates</th><th></th></tr>
${lost}
</table>
${r.warnings.map((w) => `<p class="warning">warning: ${esc(w)}</p>`).join('\n')}
<script type="application/json" id="plan-data">${json}</script>
</body></html>
`;
}
