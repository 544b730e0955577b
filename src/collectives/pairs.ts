/**
 * send-recv targets from nccom-test's `--custom-src-target-pairs` JSON,
 * {"src_target_pairs": [[[src, dst], ...]]}: one group, every rank 0..r-1 once as a source (a rank
 * may target itself). Errors name `field` (e.g. "--pairs: pairs.json") and the pair at fault.
 */
import { collectiveErrors } from './errors.js';

export function targetsFromPairs(data: unknown, rankCount: number, field: string): number[] {
  const groups = (data as { src_target_pairs?: unknown } | null)?.src_target_pairs;
  const pairs = Array.isArray(groups) && groups.length === 1 && Array.isArray(groups[0]) ? (groups[0] as unknown[]) : undefined;
  if (!pairs) throw collectiveErrors.badParam(field, data, 'expected {"src_target_pairs": [[[src, dst], ...]]} (one group, as nccom-test\'s pairs.json)');
  const targets = new Array<number>(rankCount).fill(-1);
  for (const pr of pairs) {
    const ok = Array.isArray(pr) && pr.length === 2 && pr.every((v) => Number.isInteger(v) && v >= 0 && v < rankCount);
    if (!ok) throw collectiveErrors.badParam(field, pr, `expected every pair to be [src, dst] with ranks 0..${rankCount - 1}`);
    const [src, dst] = pr as [number, number];
    if (targets[src] !== -1) throw collectiveErrors.badRanks(field, `rank ${src} is a source twice`);
    targets[src] = dst;
  }
  const missing = targets.findIndex((t) => t < 0);
  if (missing >= 0) throw collectiveErrors.badRanks(field, `rank ${missing} has no target (list every rank 0..${rankCount - 1} once as a source; a rank may target itself)`);
  return targets;
}
