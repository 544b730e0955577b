/** The terminal report of a plan: the answer, the frontier, the best plan per system, and why the rest lost. */
import type { PlanResult } from './types.js';
import type { PlanShardSummary } from './plan-shard.js';
import { describeEntry } from './answer.js';
import { formatDuration, formatEnergy, formatUsd } from './words.js';

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => `  ${r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')}`.trimEnd());
}

export function formatPlan(r: PlanResult, top = 10): string {
  const out: string[] = [r.answer, ''];
  const training = r.kind === 'training';
  const head = training ? ['time to train', 'cost', 'energy', 'step', 'MFU', 'plan'] : ['latency p50', 'cost', 'energy', 'TTFT p99', 'TPOT p50', 'plan'];
  const row = (e: PlanResult['pareto'][number]): string[] => {
    const d = e.details as Record<string, number>;
    return training
      ? [formatDuration(e.timeToTrainS!), formatUsd(e.costUsd), formatEnergy(e.energyJ), formatDuration(e.stepTimeS), `${(d.mfu! * 100).toFixed(1)}%`, describeEntry(e)]
      : [formatDuration(d.latencyS!), formatUsd(e.costUsd), formatEnergy(e.energyJ), formatDuration(d.ttftP99S!), formatDuration(d.tpotP50S!), describeEntry(e)];
  };
  if (r.pareto.length > 0) {
    const shown = r.pareto.slice(0, top);
    out.push(`Pareto frontier (${r.pareto.length} plan${r.pareto.length === 1 ? '' : 's'}${shown.length < r.pareto.length ? `, first ${shown.length}` : ''}):`);
    out.push(...table([head, ...shown.map(row)]), '');
  }
  out.push('Best per system:');
  for (const [label, e] of Object.entries(r.bestBySystem)) out.push(`  ${label}: ${e ? `${describeEntry(e)}: ${training ? formatDuration(e.timeToTrainS!) : formatDuration(Number((e.details as Record<string, number>).latencyS))}, ${formatUsd(e.costUsd)}` : 'no feasible plan'}`);
  out.push('', `Candidates: ${r.candidates}; simulated ${r.evaluated}; feasible ${r.feasible}; on the frontier ${r.pareto.length}.`);
  const lines = [...Object.entries(r.pruned).map(([k, n]) => `  ${k}: ${n} (not simulated)`), ...Object.entries(r.lost).map(([k, n]) => `  ${k}: ${n} (simulated)`)];
  if (lines.length > 0) out.push('Why the rest lost:', ...lines);
  for (const w of r.warnings) out.push(`warning: ${w}`);
  out.push(`(${r.meta.wallTimeS.toFixed(1)} s on ${r.meta.workers} worker${r.meta.workers === 1 ? '' : 's'}: ${r.meta.candidatesPerSecond.toFixed(0)} candidates/s, ${r.meta.simulationsPerSecond.toFixed(1)} simulations/s)`);
  return `${out.join('\n')}\n`;
}

/** One shard's summary line (and its warnings), as `trnsim plan --shard` prints it. */
export function formatShardSummary(s: PlanShardSummary): string {
  const lines = [
    `plan ${s.id} shard ${s.shard.index}/${s.shard.count}: ${s.share} of ${s.candidates} candidates: simulated ${s.simulated} (${s.failed} failed, ${s.feasible} feasible; ran ${s.ranNow} now, ${s.alreadyDone} lines already in the file), pruned ${s.pruned} (${s.dominatedInShard} dominated within the shard) -> ${s.out} (${s.wallTimeS.toFixed(1)} s)`,
  ];
  for (const w of s.warnings) lines.push(`warning: ${w}`);
  return `${lines.join('\n')}\n`;
}
