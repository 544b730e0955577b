/** The reliability section of the training report: goodput of the long job and where the wall time went. */
import { formatPercent, formatSeconds } from '../units.js';
import type { ReliabilityResult } from '../workload/reliability/types.js';
import { formatCount, formatRate, type Row } from './table.js';

/** Seconds to days beyond two days ("28.00 d"), else formatSeconds. */
export function formatLongSeconds(s: number): string {
  return s >= 2 * 86_400 ? `${(s / 86_400).toFixed(2)} d` : formatSeconds(s);
}

function share(part: number, whole: number): string {
  return whole > 0 ? formatPercent(part / whole) : '-';
}

/** Rows of the reliability section (append to a training report). */
export function reliabilityRows(r: ReliabilityResult): Row[] {
  const wall = r.jobWallS;
  const l = r.lostS;
  const mtbf = r.systemMtbfS === null ? 'no failures' : formatLongSeconds(r.systemMtbfS);
  const optimum = r.optimalCheckpointIntervalS === null ? 'none (no failures)' : formatLongSeconds(r.optimalCheckpointIntervalS);
  const components = Object.entries(r.failuresByComponent)
    .map(([k, v]) => `${k} ${formatRate(v ?? 0)}`)
    .join(', ');
  const rows: Row[] = [
    '',
    'Reliability over time (long job, simulated event by event)',
    ['goodput', formatPercent(r.goodput)],
    ...(r.goodputCi95
      ? [[`  95 % interval (${r.replications} replications)`, `${formatPercent(r.goodputCi95.low)} - ${formatPercent(r.goodputCi95.high)}`] as Row]
      : []),
    ['job wall time', formatLongSeconds(wall)],
    ['useful', formatLongSeconds(r.usefulS), share(r.usefulS, wall)],
    ['lost to failures (work since checkpoint, detection)', formatLongSeconds(l.failures), share(l.failures, wall)],
    ['lost to checkpoint writes', formatLongSeconds(l.checkpoints), share(l.checkpoints, wall)],
    ['lost to restarts and restores', formatLongSeconds(l.restarts), share(l.restarts, wall)],
    ['lost to stragglers', formatLongSeconds(l.stragglers), share(l.stragglers, wall)],
    ['lost to link flaps', formatLongSeconds(l.linkFlaps), share(l.linkFlaps, wall)],
    ['waiting for spare servers', formatLongSeconds(l.waitingForSpares), share(l.waitingForSpares, wall)],
    ['failures (Poisson expectation)', `${formatRate(r.failures)} (${formatRate(r.expectedFailures)})`],
    ...(components ? [['  by component', components] as Row] : []),
    ['system MTBF', mtbf],
    ['steps completed', formatCount(r.stepsCompleted)],
    ['checkpoint interval (Young/Daly optimum)', `${formatLongSeconds(r.checkpointIntervalS)} (${optimum})`],
    ['checkpoint write / restore', `${formatSeconds(r.checkpointWriteS)} / ${formatSeconds(r.restoreS)}`],
  ];
  if (r.stragglerStepTimeS !== undefined) rows.push(['step with a straggler', formatSeconds(r.stragglerStepTimeS)]);
  if (r.linkFlapStepTimeS !== undefined) rows.push(['step with a link down', formatSeconds(r.linkFlapStepTimeS)]);
  if (!r.completed) rows.push('  (the job did not finish within its wall-time limit: goodput is over the time simulated)');
  return rows;
}
