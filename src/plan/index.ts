/** trnsim plan: capacity planning over systems, counts and parallelism (issue 15; docs/planning.md). */
export { plan } from './plan.js';
export { formatPlan } from './format.js';
export { dominates, paretoFilter, ParetoSet } from './frontier.js';
export { stepTimeBoundS } from './step-bound.js';
export { costAndEnergy, costAndEnergyBound, costBasis } from './cost.js';
export type { CostAndEnergy, CostBasis } from './cost.js';
export { DECISION_LAG } from './search.js';
export type { ClosestMiss, PlanEntry, PlanOptions, PlanProgress, PlanResult } from './types.js';
export { planProgress } from './progress.js';
export { planReportHtml } from './report-html.js';
export { frontierSvg } from './frontier-svg.js';
export type { PlanPoint } from './types.js';
