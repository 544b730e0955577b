/**
 * The bundled (or any directory's) validation cases as FitCases: each simulated by its kind's
 * evaluator under the constants in force. A case's source table is its `table` field, or the part
 * of its id before the first '-' (C3-4B belongs to table C3).
 */
import type { FitCase } from './fit.js';
import { loadCases } from './load-cases.js';
import { loadEvaluator } from './run-validation.js';
import type { Evaluator, ValidationCase } from './types.js';

export function tableOf(c: ValidationCase): string {
  return typeof c.table === 'string' && c.table.length > 0 ? c.table : c.id.split('-')[0]!;
}

function syncValue(ev: Evaluator, c: ValidationCase): number {
  const out = ev.evaluate(c);
  if (out instanceof Promise) throw new Error(`evaluator of kind "${c.kind}" is asynchronous; the fitter needs a synchronous one`);
  return typeof out === 'number' ? out : out.simulated;
}

/** FitCases of every case in `dataDir` (default: data/validation), optionally only some kinds. */
export async function validationFitCases(dataDir?: string, kinds?: readonly string[]): Promise<FitCase[]> {
  const loaded = loadCases(dataDir);
  const evaluators = new Map<string, Evaluator>();
  const out: FitCase[] = [];
  for (const { case: c } of loaded) {
    if (kinds && !kinds.includes(c.kind)) continue;
    let ev = evaluators.get(c.kind);
    if (!ev) {
      ev = await loadEvaluator(c.kind);
      evaluators.set(c.kind, ev);
    }
    const e = ev;
    out.push({ id: c.id, table: tableOf(c), kind: c.kind, published: c.published, simulate: () => syncValue(e, c) });
  }
  return out;
}
