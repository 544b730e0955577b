/**
 * trnsim: the public library API. The CLI calls only what is exported here (and the layers'
 * own index files). Layers are exported as namespaces (`import { hardware, collectives } from
 * 'trnsim'`); the scenario entry points are exported by name.
 */
export * as engine from './engine/index.js';
export * as hardware from './hardware/index.js';
export * as network from './network/index.js';
export * as collectives from './collectives/index.js';
export * as workload from './workload/index.js';
export * as inference from './workload/inference/index.js';
export * as scenario from './scenario/index.js';
export * as report from './report/index.js';
export * as sweep from './sweep/index.js';
export * as planner from './plan/index.js';
export * as validation from './validation/index.js';
export * as units from './units.js';
export { Simulator } from './engine/index.js';
export { buildSystem } from './hardware/index.js';
export { loadScenario, resolveScenario, runScenario, scenarioJsonSchema, parseQuantity } from './scenario/index.js';
export { runSweep } from './sweep/index.js';
export { plan } from './plan/index.js';
export type { PlanResult, PlanEntry, PlanOptions, PlanProgress } from './plan/index.js';
export { loadPlanSpec } from './scenario/index.js';
export { runValidation } from './validation/index.js';
export { UserInputError, isUserInputError } from './user-input-error.js';
export { version } from './version.js';
