/** Public surface of the scenario layer: load, validate, resolve and run scenario files. */
export { loadScenario, toScenario } from './load.js';
export type { Scenario, ScenarioSystem, TrainingSpec, InferenceSpec, LoadOptions } from './load.js';
export { resolveScenario } from './resolve.js';
export type { ResolvedScenario } from './resolve.js';
export { validateScenario } from './validate.js';
export { parseQuantity, QUANTITY_DIMENSIONS } from './quantity.js';
export type { QuantityDimension } from './quantity.js';
export { scenarioJsonSchema, fieldsAt, isScenarioFieldPath } from './json-schema.js';
export { scenarioSchema } from './schema.js';
export type { ScenarioInput, ScenarioParsed, SweepParsed } from './schema.js';
export { deepMerge, bundledScenarioDir, bundledScenarioNames, readDocument, mergeExtends } from './documents.js';
export type { Document } from './documents.js';
export { SYSTEM_PRESETS, systemPresetInfo, systemRankCount } from './system-catalogue.js';
export type { SystemPresetInfo } from './system-catalogue.js';
export { runScenario, runScenarioDetailed, runResolved, buildScenarioSystem, IncompleteResultError, missingFiguresError } from './run.js';
export type { RunOptions, ScenarioResult, ScenarioSource, DetailedRun } from './run.js';
export { economicsOf, withCostEnergy } from './economics.js';
export type { Economics } from './economics.js';
