/**
 * `trnsim collective` in nccom-test's shape: a header line, the size table (every column
 * right-aligned, times in us, bandwidths in GiB/s) and the error band of the times.
 */
import type { SizeSweepRow } from '../collectives/index.js';
import type { System } from '../hardware/types.js';
import { formatBand, uncertaintyFor, type Uncertainty } from './uncertainty.js';
import { collectiveQuery } from './uncertainty-query.js';

/** nccom-test-like table: every column right-aligned. */
export function formatCollectiveTable(rows: readonly SizeSweepRow[]): string {
  const head = ['size(B)', 'count(elems)', 'type', 'time(us)', 'algbw(GiB/s)', 'busbw(GiB/s)', 'algorithm'];
  const body = rows.map((r) => [String(r.sizeBytes), String(r.count), r.dtype, (r.timeS * 1e6).toFixed(2), r.algbwGiBps.toFixed(2), r.busbwGiBps.toFixed(2), r.algorithm]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  return [head, ...body].map((cells) => cells.map((c, i) => c.padStart(widths[i]!)).join('  ')).join('\n') + '\n';
}

/** The error band of a stand-alone collective on the first `ranks` ranks (undefined without a shipped table). */
export function collectiveUncertainty(system: System, ranks: number): Uncertainty | undefined {
  try {
    return uncertaintyFor(collectiveQuery(system, ranks));
  } catch {
    return undefined;
  }
}

export interface CollectiveReportInput {
  readonly op: string;
  /** e.g. "trn2.48xlarge" or "trn2.48xlarge x4". */
  readonly systemName: string;
  readonly system: System;
  readonly ranks: number;
  readonly issue: string;
  readonly mode: string;
  readonly rows: readonly SizeSweepRow[];
  readonly uncertainty: Uncertainty | undefined;
}

/** The header, the table and the band line. */
export function formatCollectiveReport(r: CollectiveReportInput): string {
  const head = `# ${r.op} on ${r.systemName}, ${r.ranks} ranks (${r.system.ranksPerChip} per chip, LNC=${r.system.lnc}), ${r.issue}, ${r.mode} model\n`;
  const band = r.uncertainty ? `# time(us)${formatBand(r.uncertainty)}: ${r.uncertainty.basis}\n` : '';
  return head + formatCollectiveTable(r.rows) + band;
}
