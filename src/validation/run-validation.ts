/**
 * Runs the validation suite: each case is evaluated by the evaluator of its kind, loaded by
 * convention from ./evaluators/<kind>.js (so new kinds need no edit here). A missing evaluator or
 * a failing one becomes an error row, never a crash.
 */
import type { Evaluator, ValidationCase, ValidationReport, ValidationRow } from './types.js';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defaultDataDir, loadCases, type LoadedCase } from './load-cases.js';
import { checkOptions } from '../check-options.js';
import { validationErrors } from './errors.js';

// an evaluator module exports `evaluator` (an Evaluator), a default Evaluator, or a bare `evaluate`
type EvaluatorModule = { evaluator?: Evaluator; default?: Evaluator; evaluate?: Evaluator['evaluate'] };

/** The evaluator module's URL: ./evaluators/<kind>.js when built, .ts when run from sources (tests). */
function evaluatorUrl(kind: string): string {
  for (const ext of ['.js', '.ts']) {
    const url = new URL(`./evaluators/${kind}${ext}`, import.meta.url);
    if (existsSync(fileURLToPath(url))) return url.href;
  }
  throw new Error(`no evaluator for kind "${kind}" (expected src/validation/evaluators/${kind}.ts)`);
}

export async function loadEvaluator(kind: string): Promise<Evaluator> {
  const mod = (await import(/* @vite-ignore */ evaluatorUrl(kind))) as EvaluatorModule;
  const ev = mod.evaluator ?? mod.default ?? (mod.evaluate ? { evaluate: mod.evaluate } : undefined);
  if (!ev || typeof ev.evaluate !== 'function') throw new Error(`evaluators/${kind} exports no evaluator (export const evaluator: Evaluator)`);
  return ev;
}

/** Median of |x| over finite values; NaN when there are none. */
export function medianAbs(values: readonly number[]): number {
  const v = values.filter((x) => Number.isFinite(x)).map(Math.abs).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const m = v.length >> 1;
  return v.length % 2 === 1 ? v[m]! : (v[m - 1]! + v[m]!) / 2;
}

export interface ValidationOptions {
  /** Directory of *.json case files (default: the package's data/validation). */
  readonly dataDir?: string;
  /** Only cases whose kind is in this list. */
  readonly kinds?: readonly string[];
}

/**
 * The cases of `dataDir` (every case; callers filter by kind): refuses a folder without cases and
 * kinds no case has, so a typo never gives an empty table with exit 0.
 */
export function selectCases(options: ValidationOptions = {}): LoadedCase[] {
  checkOptions('runValidation', options, { dataDir: 'string', kinds: 'list of strings' }, false);
  const dir = options.dataDir ?? defaultDataDir();
  const loaded = loadCases(dir);
  if (loaded.length === 0) throw validationErrors.noCases(dir);
  const known = [...new Set(loaded.map((l) => l.case.kind))].sort();
  const unknown = options.kinds?.filter((k) => !known.includes(k)) ?? [];
  if (unknown.length > 0) throw validationErrors.unknownKinds(unknown, known, dir);
  return loaded;
}

export async function runValidation(options: ValidationOptions = {}): Promise<ValidationReport> {
  const loaded = selectCases(options);
  const evaluators = new Map<string, Promise<Evaluator>>();
  const rows: ValidationRow[] = [];
  for (const { file, case: c } of loaded) {
    if (options.kinds && !options.kinds.includes(c.kind)) continue;
    let ev = evaluators.get(c.kind);
    if (!ev) {
      ev = loadEvaluator(c.kind);
      evaluators.set(c.kind, ev);
    }
    rows.push(await evaluateRow(file, c, ev));
  }
  return { cases: rows, medianRelError: medianAbs(rows.filter((r) => r.relError !== null).map((r) => r.relError!)) };
}

async function evaluateRow(file: string, c: ValidationCase, ev: Promise<Evaluator>): Promise<ValidationRow> {
  const base = {
    id: c.id,
    metric: c.metric,
    published: c.published,
    source: c.source,
    kind: c.kind,
    unit: c.unit,
    ...(c.neuronVersion !== undefined || c.release !== undefined ? { neuronVersion: (c.neuronVersion ?? c.release)! } : {}),
    file,
  };
  try {
    const out = await (await ev).evaluate(c);
    const simulated = typeof out === 'number' ? out : out?.simulated;
    if (typeof simulated !== 'number' || !Number.isFinite(simulated)) throw new Error(`evaluator returned ${String(simulated)}, not a finite number`);
    return { ...base, simulated, relError: (simulated - c.published) / c.published };
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const missing = msg.startsWith('no evaluator for kind');
    return { ...base, simulated: null, relError: null, error: missing ? `no evaluator for kind "${c.kind}" (expected src/validation/evaluators/${c.kind}.ts)` : msg };
  }
}
