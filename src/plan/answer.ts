/** The plan's answer in one paragraph: the recommendation, or what came closest and why it failed. */
import type { PlanSpec } from '../scenario/index.js';
import type { PlanEntry, PlanResult } from './types.js';
import { formatDuration, formatEnergy, formatUsd } from './words.js';

export function describeEntry(e: PlanEntry): string {
  const p = e.parallelism as Record<string, unknown>;
  const degrees = e.timeToTrainS === null ? `tp ${p.tp} x ${p.dp} replicas, batch ${p.maxBatch}` : `tp ${p.tp} pp ${p.pp} dp ${p.dp}${Number(p.cp) > 1 ? ` cp ${p.cp}` : ''}${Number(p.ep) > 1 ? ` ep ${p.ep}` : ''}, micro-batch ${p.microBatch}, ZeRO-${p.zero}, recompute ${p.recompute}`;
  return `${e.count} x ${e.system} (${e.chips} chips; ${degrees}${p.precision === 'fp8' ? ', FP8' : ''})`;
}

function figures(e: PlanEntry): string {
  const lead = e.timeToTrainS === null ? `latency p50 ${formatDuration(Number((e.details as Record<string, unknown>).latencyS))}` : `${formatDuration(e.timeToTrainS)} to train`;
  return `${lead}, ${formatUsd(e.costUsd)}, ${formatEnergy(e.energyJ)}`;
}

export function planAnswer(spec: PlanSpec, r: Omit<PlanResult, 'answer' | 'meta'>, memoryMessage: string | undefined): string {
  const goal = spec.train
    ? `train on ${spec.train.tokens.toExponential(2)} tokens${spec.train.deadlineS !== undefined ? ` within ${formatDuration(spec.train.deadlineS)}` : ''}`
    : `serve ${spec.serve!.arrivalRatePerSecond} requests/s${spec.serve!.ttftP99S !== undefined ? `, TTFT p99 <= ${formatDuration(spec.serve!.ttftP99S)}` : ''}${spec.serve!.tpotP50S !== undefined ? `, TPOT p50 <= ${formatDuration(spec.serve!.tpotP50S)}` : ''}`;
  const budget = spec.budgetUsd !== undefined ? ` for at most ${formatUsd(spec.budgetUsd)}` : '';
  if (r.pareto.length > 0) {
    const fastest = r.pareto[0]!;
    const cheapest = [...r.pareto].sort((a, b) => (a.costUsd ?? Infinity) - (b.costUsd ?? Infinity))[0]!;
    const parts = [`To ${goal}${budget}: fastest ${describeEntry(fastest)}: ${figures(fastest)}.`];
    if (cheapest !== fastest) parts.push(`Cheapest ${describeEntry(cheapest)}: ${figures(cheapest)}.`);
    parts.push(`${r.pareto.length} plan${r.pareto.length === 1 ? '' : 's'} on the frontier, ${r.feasible} feasible of ${r.evaluated} simulated, ${r.candidates} candidates.`);
    return parts.join(' ');
  }
  if (r.closest?.entry) {
    const e = r.closest.entry;
    return `No plan can ${goal}${budget}. Closest: ${describeEntry(e)}: ${figures(e)} (${r.closest.why}). ${r.candidates} candidates, ${r.evaluated} simulated.`;
  }
  if (memoryMessage !== undefined) {
    return `No plan can ${goal}${budget}: the model fits on none of the systems in the search. Closest: ${memoryMessage}`;
  }
  const reasons = Object.entries(r.pruned).map(([k, n]) => `${k}: ${n}`).join(', ');
  return `No plan can ${goal}${budget}: every one of the ${r.candidates} candidates was ruled out (${reasons || 'no candidates'}). Widen the search (more systems, counts, --max-chips).`;
}
