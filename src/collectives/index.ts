/** Public surface of the collectives layer. */
export type { AlgorithmChoice, AlgorithmName, CollectiveOp, CollectiveRequest, CollectiveResult, IssueMode } from './types.js';
