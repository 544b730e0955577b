/** Public surface of the network layer. */
export type { FlowNetwork, FlowNetworkOptions, NetworkMode } from './types.js';
