/** Public surface of the validation suite (docs/validation.md). */
export type { Evaluator, ValidationCase, ValidationReport, ValidationRow } from './types.js';
export { runValidation, selectCases, medianAbs } from './run-validation.js';
export type { ValidationOptions } from './run-validation.js';
export { loadCases, defaultDataDir, packageRoot } from './load-cases.js';
export type { LoadedCase } from './load-cases.js';
export { fitConstants, leaveOneTableOut, simulateAll, tableWeights } from './fit.js';
export type { FitCase, FitOptions, FitResult } from './fit.js';
export { validationFitCases, tableOf } from './fit-cases.js';
export { runLeaveOneOut, runFullFit, looOfCases, fittedConstantCount } from './loo.js';
export type { LooReport, LooRow } from './loo.js';
export { caseQuery, residualRows, uncertaintyTableOf, writeUncertaintyTable } from './uncertainty-gen.js';
export { calibrate, sensitiveConstants } from './calibrate.js';
export type { CalibrationRun, CalibratedPoint, CalibrateOptions } from './calibrate.js';
export { loadMeasurements } from './measurements.js';
export type { MeasurementPoint } from './measurements.js';
export { parseNccomOutput, formatNccomOutput } from './nccom-parse.js';
export type { NccomRow } from './nccom-parse.js';
export { formatValidationTable, formatLooTable, formatFit, fitJson, looJson, validationJson, formatCalibration } from './format.js';
