/** Public surface of the network layer. */
export type { FlowNetwork, FlowNetworkOptions, NetworkCounters, NetworkMode } from './types.js';
export { createFlowNetwork } from './create.js';
export { alphaBetaTransferS } from './alpha-beta.js';
export { maxMinShares } from './max-min.js';
export type { MaxMinProblem, MaxMinSolution } from './max-min.js';
