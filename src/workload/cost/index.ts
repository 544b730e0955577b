/** Cost and energy of runs (issue 14): prices, the activity-following power model, run lengths. */
export type { ChipActivityWindow, CostResult, EnergyComponents, EnergyResult, PowerSettings, RunLength, SystemPrice } from './types.js';
export { windowEnergy } from './energy.js';
export type { WindowEnergy } from './energy.js';
export { trainingCostEnergy, inferenceCostEnergy } from './cost-energy.js';
export type { TrainingStepFigures, ServingFigures } from './cost-energy.js';
export { trainingRunLength, inferenceRunLength } from './run-length.js';
export type { JobSpec } from './run-length.js';
export { systemPrice, powerSettings, isMissing } from './settings.js';
export type { PricingOverrides, PowerOverrides, Missing } from './settings.js';
