/** What a report may say about the run besides its result: the system and the resolved workload. */
import type { SystemRequest } from '../hardware/types.js';
import type { InferenceWorkload, TrainingWorkload } from '../workload/types.js';
import { countOf } from './table.js';

export interface ReportContext {
  readonly system?: SystemRequest;
  /** Ranks (logical NeuronCores) and chips of the system. */
  readonly ranks?: number;
  readonly chips?: number;
  readonly workload?: TrainingWorkload | InferenceWorkload;
}

/** "4 x trn2-ultraserver: 256 chips, 1,024 ranks (lnc 2)" */
export function systemLine(ctx: ReportContext): string | undefined {
  const s = ctx.system;
  if (!s) return undefined;
  const parts: string[] = [];
  if (ctx.chips !== undefined) parts.push(countOf(ctx.chips, 'chip'));
  if (ctx.ranks !== undefined) parts.push(`${countOf(ctx.ranks, 'rank')}${s.lnc !== undefined ? ` (lnc ${s.lnc})` : ''}`);
  const overrides = s.overrides && Object.keys(s.overrides).length > 0 ? `; overrides: ${Object.keys(s.overrides).join(', ')}` : '';
  return `${s.count ?? 1} x ${s.preset}${parts.length ? `: ${parts.join(', ')}` : ''}${overrides}`;
}
