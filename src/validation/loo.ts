/**
 * `trnsim validate --loo` and `--fit`: the in-sample errors at the shipped constants, the errors
 * of each case with the constants refitted without its source table (leave-one-table-out), and the
 * full refit (docs/validation.md "Leave-one-out").
 */
import { FITTED_CONSTANTS, currentConstants } from '../workload/fitted-constants.js';
import { fitConstants, leaveOneTableOut, simulateAll } from './fit.js';
import type { FitCase, FitResult } from './fit.js';
import { validationFitCases } from './fit-cases.js';
import { medianAbs } from './run-validation.js';

export interface LooRow {
  readonly id: string;
  readonly table: string;
  readonly kind: string;
  readonly published: number;
  readonly relError: number;
  /** relError with the constants refitted without this case's table. */
  readonly looRelError: number;
}

export interface LooReport {
  readonly rows: readonly LooRow[];
  readonly medianRelError: number;
  readonly medianLooRelError: number;
  readonly tables: number;
  readonly fittedConstants: number;
  /** The constants each left-out table was predicted with. */
  readonly refits: Record<string, Record<string, number>>;
}

export function fittedConstantCount(): number {
  return FITTED_CONSTANTS.filter((c) => !c.anchored).length;
}

/** LOO over already prepared cases at the constants in force. */
export function looOfCases(cases: readonly FitCase[], refit: 'exact' | 'linear' = 'exact'): LooReport {
  const values = currentConstants();
  const sims = simulateAll(cases, values);
  const { relErrors, refits } = leaveOneTableOut(cases, values, { refit });
  const rows = cases.map((c, i) => ({ id: c.id, table: c.table, kind: c.kind, published: c.published, relError: sims[i]! / c.published - 1, looRelError: relErrors[c.id]! }));
  return {
    rows,
    medianRelError: medianAbs(rows.map((r) => r.relError)),
    medianLooRelError: medianAbs(rows.map((r) => r.looRelError)),
    tables: new Set(cases.map((c) => c.table)).size,
    fittedConstants: fittedConstantCount(),
    refits,
  };
}

export async function runLeaveOneOut(options: { dataDir?: string; kinds?: readonly string[]; refit?: 'exact' | 'linear' } = {}): Promise<LooReport> {
  return looOfCases(await validationFitCases(options.dataDir, options.kinds), options.refit);
}

/** The full fit of every non-anchored constant on the cases (maintainers: re-derive the shipped values). */
export async function runFullFit(options: { dataDir?: string; kinds?: readonly string[]; onIteration?: (i: number, loss: number) => void } = {}): Promise<FitResult> {
  const cases = await validationFitCases(options.dataDir, options.kinds);
  return fitConstants(cases, { ...(options.onIteration ? { onIteration: options.onIteration } : {}) });
}
