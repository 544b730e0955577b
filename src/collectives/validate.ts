/** Checks of a CollectiveRequest from a library caller: each error names the field and the choices. */
import type { CollectiveRequest } from './types.js';
import { ALGORITHM_NAMES, OP_NAMES } from './algorithms.js';
import { collectiveErrors } from './errors.js';

export function checkRequest(req: CollectiveRequest, prefix = 'request'): void {
  if (req === null || typeof req !== 'object') throw collectiveErrors.badParam(prefix, req, 'expected a request { op, ranks, sizeBytes }');
  if (!OP_NAMES.includes(req.op)) throw collectiveErrors.unknownOp(`${prefix}.op`, req.op, OP_NAMES);
  const alg = req.algorithm ?? 'auto';
  if (alg !== 'auto' && !ALGORITHM_NAMES.includes(alg)) throw collectiveErrors.unknownAlgorithm(`${prefix}.algorithm`, alg, ['auto', ...ALGORITHM_NAMES]);
  if (typeof req.sizeBytes !== 'number' || !(req.sizeBytes >= 0) || !Number.isFinite(req.sizeBytes)) {
    throw collectiveErrors.badSize(`${prefix}.sizeBytes`, req.sizeBytes, 'expected a non-negative number of bytes');
  }
  if (req.targets !== undefined) {
    const p = Array.isArray(req.ranks) ? req.ranks.length : 0;
    if (req.op !== 'send-recv') throw collectiveErrors.badParam(`${prefix}.targets`, req.targets, `expected no targets for ${req.op} (targets apply only to send-recv)`);
    if (!Array.isArray(req.targets) || req.targets.length !== p || req.targets.some((t) => !Number.isInteger(t) || t < 0 || t >= p)) {
      throw collectiveErrors.badParam(`${prefix}.targets`, req.targets, `expected one target member index (0..${p - 1}) per member of the group`);
    }
  }
  const issue = req.issue ?? 'standalone';
  if (issue !== 'standalone' && issue !== 'in-graph') throw collectiveErrors.badParam(`${prefix}.issue`, issue, 'expected "standalone" or "in-graph"');
}
