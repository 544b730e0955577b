/**
 * Contracts of the validation suite (docs/validation.md). A case is one published measurement; an
 * evaluator, found by convention at src/validation/evaluators/<kind>.ts, simulates it.
 */

/** One published measurement, as stored in data/validation/*.json. */
export interface ValidationCase {
  /** Unique id, e.g. "C3-512MiB". */
  readonly id: string;
  /** Evaluator name: src/validation/evaluators/<kind>.ts (lower-case letters, digits, dashes). */
  readonly kind: string;
  /** What is compared, e.g. "time" (compare times, not derived bandwidths: docs/sources.md, note b on C3). */
  readonly metric: string;
  /** The published value, in `unit`. */
  readonly published: number;
  /** Unit of `published` and of the simulated value the evaluator returns, e.g. "us", "ms", "seq/s". */
  readonly unit: string;
  /** Where the figure comes from (the upstream page, document and release). */
  readonly source: string;
  /** Neuron release the figure was measured with, where known (docs/sources.md O6). */
  readonly neuronVersion?: string;
  /** Alias of neuronVersion used by some case files. */
  readonly release?: string;
  /** Inputs of the evaluator (free-form per kind). */
  readonly params?: Readonly<Record<string, unknown>>;
  readonly [extra: string]: unknown;
}

/**
 * Simulates a case; returns the simulated value in the case's unit (or an object whose numeric
 * `simulated` field is that value). Throw to report an error row.
 */
export interface Evaluator {
  evaluate(c: ValidationCase): Promise<number | { simulated: number }> | number | { simulated: number };
}

/** One row of the report. */
export interface ValidationRow {
  readonly id: string;
  readonly metric: string;
  readonly published: number;
  /** null when the case could not be evaluated (see `error`). */
  readonly simulated: number | null;
  /** (simulated - published) / published; null with an error. */
  readonly relError: number | null;
  readonly source: string;
  readonly kind: string;
  readonly unit: string;
  readonly neuronVersion?: string;
  readonly file: string;
  readonly error?: string;
}

export interface ValidationReport {
  readonly cases: readonly ValidationRow[];
  /** Median of |relError| over the evaluated cases (NaN when none). */
  readonly medianRelError: number;
}
