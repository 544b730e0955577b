/** Public surface of the validation suite (docs/validation.md). */
export type { Evaluator, ValidationCase, ValidationReport, ValidationRow } from './types.js';
export { runValidation, medianAbs } from './run-validation.js';
export type { ValidationOptions } from './run-validation.js';
export { loadCases, defaultDataDir, packageRoot } from './load-cases.js';
export type { LoadedCase } from './load-cases.js';
