/**
 * Fitting the named constants (src/workload/fitted-constants.ts) to published cases: weighted
 * least squares on log(simulated / published), each source table weighing alike (a table of 18
 * rows counts as much as a table of one), with a weak prior pulling each constant towards its
 * pre-fit estimate so that a constant no remaining case constrains stays where physics put it
 * (leave-one-out, `calibrate --only-mine`). Levenberg-Marquardt in log space with a
 * forward-difference Jacobian; a constant's column is evaluated only on the kinds of case it can
 * move. docs/validation.md "Calibration" describes the procedure and its results.
 */
import { FITTED_CONSTANTS, fittedConstant, withConstants } from '../workload/fitted-constants.js';

/** A case the fitter can score: its simulated value under the constants in force. */
export interface FitCase {
  readonly id: string;
  /** Source table: cases of one table are weighed together and left out together. */
  readonly table: string;
  readonly kind: string;
  readonly published: number;
  simulate(): number;
}

export interface FitOptions {
  /** Constants to fit (default: every non-anchored one). */
  readonly names?: readonly string[];
  /** Starting values (default: the values in force). */
  readonly start?: Readonly<Record<string, number>>;
  /** Prior centre per constant (default: the pre-fit estimates, fitted-constants.ts PRE_FIT_ESTIMATES). */
  readonly prior?: Readonly<Record<string, number>>;
  /** Weight of the prior per constant, in units of one table's squared log error (default 0.01: a factor-2 move costs as much as one table missed by 7 %). */
  readonly priorWeight?: number;
  readonly maxIterations?: number;
  /**
   * Huber threshold on |log(simulated / published)| (e.g. 0.1): cases beyond it weigh in linearly,
   * not quadratically (iteratively reweighted least squares), so a point the model's structure
   * cannot reach does not drag the rest of a size sweep with it. Default: plain least squares.
   */
  readonly robustLogError?: number;
  /** Called after each iteration (CLI progress). */
  readonly onIteration?: (iteration: number, loss: number) => void;
}

export interface FitResult {
  readonly values: Record<string, number>;
  readonly names: readonly string[];
  readonly loss: number;
  readonly iterations: number;
  /** relError per case id at the fitted values. */
  readonly relErrors: Record<string, number>;
}

/** A log error too large to be a fit: what a failed evaluation counts as. */
const FAILED_LOG_ERROR = 3;
const LOG_FLOOR = 1e-12;

export function tableWeights(cases: readonly FitCase[]): Float64Array {
  const n = new Map<string, number>();
  for (const c of cases) n.set(c.table, (n.get(c.table) ?? 0) + 1);
  return Float64Array.from(cases, (c) => 1 / n.get(c.table)!);
}

/** Simulated values of `cases` with `values` applied (NaN where a case fails). */
export function simulateAll(cases: readonly FitCase[], values: Readonly<Record<string, number>>, only?: (c: FitCase) => boolean, previous?: Float64Array): Float64Array {
  return withConstants(values, () =>
    Float64Array.from(cases, (c, i) => {
      if (only && !only(c) && previous) return previous[i]!;
      try {
        const v = c.simulate();
        return Number.isFinite(v) && v > 0 ? v : NaN;
      } catch {
        return NaN;
      }
    }),
  );
}

function logError(sim: number, published: number): number {
  if (!Number.isFinite(sim) || sim <= 0) return FAILED_LOG_ERROR;
  return Math.log(sim / published);
}

interface Problem {
  readonly cases: readonly FitCase[];
  readonly names: readonly string[];
  readonly sqrtW: Float64Array;
  readonly prior: Float64Array;
  readonly priorSqrt: number;
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  readonly fixed: Record<string, number>;
  /** Huber threshold (FitOptions.robustLogError); Infinity: least squares. */
  readonly delta: number;
}

function valuesOf(p: Problem, x: Float64Array): Record<string, number> {
  const out: Record<string, number> = { ...p.fixed };
  p.names.forEach((n, j) => (out[n] = Math.exp(x[j]!)));
  return out;
}

/**
 * Weighted residuals (cases, then prior rows) and the simulated values; `irls` scales each case's
 * row by the square root of its robust weight (huberWeights), held fixed within an iteration.
 */
function residuals(p: Problem, x: Float64Array, sims: Float64Array, irls?: Float64Array): Float64Array {
  const m = p.cases.length;
  const r = new Float64Array(m + p.names.length);
  for (let i = 0; i < m; i++) r[i] = p.sqrtW[i]! * (irls ? Math.sqrt(irls[i]!) : 1) * logError(sims[i]!, p.cases[i]!.published);
  for (let j = 0; j < p.names.length; j++) r[m + j] = p.priorSqrt * (x[j]! - p.prior[j]!);
  return r;
}

const sumSq = (r: Float64Array): number => r.reduce((s, v) => s + v * v, 0);

/** IRLS weights of the Huber loss: 1 within the threshold, delta / |e| beyond it. */
function huberWeights(p: Problem, sims: Float64Array): Float64Array | undefined {
  if (!Number.isFinite(p.delta)) return undefined;
  return Float64Array.from(p.cases, (c, i) => {
    const e = Math.abs(logError(sims[i]!, c.published));
    return e <= p.delta ? 1 : p.delta / e;
  });
}

/**
 * The objective: squared (or, beyond the Huber threshold, linear) weighted log errors plus the
 * prior. With the IRLS weight w = delta / |e| beyond the threshold, the Huber loss delta (2|e| -
 * delta) (2 x rho) is e^2 w (2 - w): the squared residuals scaled by w (2 - w).
 */
function objective(p: Problem, x: Float64Array, sims: Float64Array): number {
  const w = huberWeights(p, sims);
  return sumSq(residuals(p, x, sims, w?.map((v) => v * (2 - v))));
}

/** Solves (A + mu diag) dx = b by Gaussian elimination with partial pivoting (A symmetric n x n). */
function solve(A: Float64Array[], b: Float64Array): Float64Array {
  const n = b.length;
  const M = A.map((row, i) => Float64Array.from([...row, b[i]!]));
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r]![c]!) > Math.abs(M[piv]![c]!)) piv = r;
    [M[c], M[piv]] = [M[piv]!, M[c]!];
    const d = M[c]![c]! || 1e-300;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = M[r]![c]! / d;
      if (f !== 0) for (let k = c; k <= n; k++) M[r]![k]! -= f * M[c]![k]!;
    }
  }
  return Float64Array.from({ length: n }, (_, i) => M[i]![n]! / (M[i]![i]! || 1e-300));
}

function problem(cases: readonly FitCase[], options: FitOptions): { p: Problem; x0: Float64Array } {
  const names = options.names ?? FITTED_CONSTANTS.filter((c) => !c.anchored).map((c) => c.name);
  const fixed: Record<string, number> = {};
  for (const c of FITTED_CONSTANTS) fixed[c.name] = options.start?.[c.name] ?? c.get();
  const specs = names.map((n) => {
    const c = fittedConstant(n);
    if (!c) throw new Error(`fit: unknown constant ${n}`);
    return c;
  });
  // a constant at zero cannot move in log space: start it at a small positive value
  const floor = (c: (typeof specs)[number]) => Math.max(c.min, c.max * 1e-6, LOG_FLOOR);
  const x0 = Float64Array.from(specs, (c) => Math.log(Math.max(fixed[c.name]!, floor(c))));
  const prior = Float64Array.from(specs, (c) => Math.log(Math.max(options.prior?.[c.name] ?? c.estimate, floor(c))));
  return {
    p: {
      cases,
      names,
      sqrtW: tableWeights(cases).map(Math.sqrt),
      prior,
      priorSqrt: Math.sqrt(options.priorWeight ?? DEFAULT_PRIOR_WEIGHT),
      lo: Float64Array.from(specs, (c) => Math.log(floor(c))),
      hi: Float64Array.from(specs, (c) => Math.log(c.max)),
      fixed,
      delta: options.robustLogError ?? Infinity,
    },
    x0,
  };
}

const STEP = 0.05;

/** fitConstants' default prior weight (FitOptions.priorWeight). */
export const DEFAULT_PRIOR_WEIGHT = 0.01;

/** Residuals and forward-difference Jacobian (columns only over the kinds each constant moves). */
function linearise(p: Problem, x: Float64Array, sims: Float64Array, irls?: Float64Array): { r: Float64Array; J: Float64Array[] } {
  const r = residuals(p, x, sims, irls);
  const J: Float64Array[] = [];
  p.names.forEach((n, j) => {
    const affects = new Set<string>(fittedConstant(n)!.affects);
    const xs = Float64Array.from(x);
    const h = xs[j]! + STEP > p.hi[j]! ? -STEP : STEP;
    xs[j] = xs[j]! + h;
    const s2 = simulateAll(p.cases, valuesOf(p, xs), (c) => affects.has(c.kind), sims);
    const r2 = residuals(p, xs, s2, irls);
    J.push(Float64Array.from(r2, (v, i) => (v - r[i]!) / h));
  });
  return { r, J };
}

/** The Levenberg-Marquardt step for damping mu: (J^T J + mu diag(J^T J)) dx = -J^T r. */
function lmStep(J: Float64Array[], r: Float64Array, mu: number, rows?: (i: number) => boolean): Float64Array {
  const n = J.length;
  const A = Array.from({ length: n }, () => new Float64Array(n));
  const b = new Float64Array(n);
  for (let a = 0; a < n; a++) {
    for (let i = 0; i < r.length; i++) {
      if (rows && !rows(i)) continue;
      b[a] -= J[a]![i]! * r[i]!;
      for (let c = a; c < n; c++) A[a]![c]! += J[a]![i]! * J[c]![i]!;
    }
  }
  for (let a = 0; a < n; a++) {
    for (let c = 0; c < a; c++) A[a]![c] = A[c]![a]!;
    A[a]![a]! += mu * (A[a]![a]! + 1e-9);
  }
  return solve(A, b);
}

function clampStep(p: Problem, x: Float64Array, dx: Float64Array): Float64Array {
  // at most a factor e^1 per iteration, inside the constant's range
  return Float64Array.from(x, (v, j) => Math.min(p.hi[j]!, Math.max(p.lo[j]!, v + Math.max(-1, Math.min(1, dx[j]!)))));
}

export function fitConstants(cases: readonly FitCase[], options: FitOptions = {}): FitResult {
  const { p, x0 } = problem(cases, options);
  let x: Float64Array = x0;
  let sims: Float64Array = simulateAll(cases, valuesOf(p, x));
  let loss = objective(p, x, sims);
  let mu = 1e-2;
  let it = 0;
  const maxIt = options.maxIterations ?? 15;
  for (; it < maxIt; it++) {
    const { r, J } = linearise(p, x, sims, huberWeights(p, sims));
    let accepted = false;
    for (let tries = 0; tries < 6 && !accepted; tries++) {
      const xn = clampStep(p, x, lmStep(J, r, mu));
      const sn = simulateAll(cases, valuesOf(p, xn));
      const ln = objective(p, xn, sn);
      if (ln < loss) {
        const gain = loss - ln;
        x = xn;
        sims = sn;
        loss = ln;
        mu = Math.max(mu / 3, 1e-6);
        accepted = true;
        if (gain < 1e-6 * Math.max(loss, 1e-9)) it = maxIt;
      } else mu *= 4;
    }
    options.onIteration?.(it + 1, loss);
    if (!accepted) break;
  }
  const values = valuesOf(p, x);
  const relErrors: Record<string, number> = {};
  cases.forEach((c, i) => (relErrors[c.id] = Number.isFinite(sims[i]!) ? sims[i]! / c.published - 1 : NaN));
  return { values, names: p.names, loss, iterations: it, relErrors };
}

/**
 * Leave-one-table-out errors: for each source table, the constants refitted without it (from the
 * full fit, Levenberg-Marquardt steps on the other tables' linearisation about the full fit, then
 * its cases simulated exactly at those constants). Returns relError per case id, each from the
 * fit that did not see the case's table.
 */
export function leaveOneTableOut(
  cases: readonly FitCase[],
  fitted: Readonly<Record<string, number>>,
  options: FitOptions & {
    /**
     * 'exact' (default): each refit is a Levenberg-Marquardt fit of the other tables' cases
     * (re-simulated, maxIterations, default 4, from the full fit); 'linear': steps on the
     * linearisation about the full fit only (one Jacobian for all tables: fast, approximate).
     */
    readonly refit?: 'exact' | 'linear';
  } = {},
): { relErrors: Record<string, number>; refits: Record<string, Record<string, number>> } {
  if ((options.refit ?? 'exact') === 'exact') {
    const relErrors: Record<string, number> = {};
    const refits: Record<string, Record<string, number>> = {};
    for (const t of [...new Set(cases.map((c) => c.table))]) {
      const rest = cases.filter((c) => c.table !== t);
      const held = cases.filter((c) => c.table === t);
      const fit = fitConstants(rest, { ...options, start: fitted, maxIterations: options.maxIterations ?? 4 });
      refits[t] = fit.values;
      const s = simulateAll(held, fit.values);
      held.forEach((c, i) => (relErrors[c.id] = Number.isFinite(s[i]!) ? s[i]! / c.published - 1 : NaN));
    }
    return { relErrors, refits };
  }
  const { p, x0 } = problem(cases, { ...options, start: fitted });
  const sims = simulateAll(cases, valuesOf(p, x0));
  const { r, J } = linearise(p, x0, sims);
  const m = cases.length;
  const tables = [...new Set(cases.map((c) => c.table))];
  const relErrors: Record<string, number> = {};
  const refits: Record<string, Record<string, number>> = {};
  for (const t of tables) {
    const keep = (i: number) => i >= m || cases[i]!.table !== t;
    // the weights are renormalised without the table only through its rows' removal (each table keeps its own weight)
    let x: Float64Array = Float64Array.from(x0);
    let rr: Float64Array = r;
    for (let k = 0; k < 3; k++) {
      const dx = lmStep(J, rr, 1e-3, keep);
      // a refit moves no constant more than a factor e from the full fit: the linearisation holds no further
      x = Float64Array.from(clampStep(p, x, dx), (v, j) => Math.min(x0[j]! + 1, Math.max(x0[j]! - 1, v)));
      // linear update of the residuals for the next Gauss-Newton pass
      rr = Float64Array.from(r, (v, i) => {
        let s = v;
        for (let j = 0; j < p.names.length; j++) s += J[j]![i]! * (x[j]! - x0[j]!);
        return s;
      });
    }
    const values = valuesOf(p, x);
    refits[t] = values;
    const held = cases.filter((c) => c.table === t);
    const s = simulateAll(held, values);
    held.forEach((c, i) => (relErrors[c.id] = Number.isFinite(s[i]!) ? s[i]! / c.published - 1 : NaN));
  }
  return { relErrors, refits };
}
