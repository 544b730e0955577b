/** Factory of the network layer: picks the model for `options.mode`. */
import type { Simulator } from '../engine/index.js';
import type { Topology } from '../hardware/types.js';
import type { FlowNetwork, FlowNetworkOptions } from './types.js';
import { AlphaBetaNetwork } from './alpha-beta.js';
import { MaxMinFlowNetwork } from './flow-network.js';
import { networkErrors } from './errors.js';

/**
 * A network that moves bytes on `topology` inside `sim`. Mode 'flow' (default) shares links by
 * max-min fairness; 'alpha-beta' runs every flow as if alone. Per-link state is allocated lazily,
 * so creating a network on a 1M-chip topology is cheap.
 */
export function createFlowNetwork(sim: Simulator, topology: Topology, options: FlowNetworkOptions = {}): FlowNetwork {
  const mode = options.mode ?? 'flow';
  if (mode === 'flow') return new MaxMinFlowNetwork(sim, topology);
  if (mode === 'alpha-beta') return new AlphaBetaNetwork(sim, topology);
  throw networkErrors.badMode(mode);
}
