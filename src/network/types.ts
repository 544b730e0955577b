/**
 * Contracts of the network layer (DESIGN.md "network"). A FlowNetwork moves bytes on a hardware
 * Topology inside an engine Simulator. Completion is reported through the engine, never through
 * callbacks or Promises: the caller registers an event kind and the network schedules
 * `(notifyKind, notifyA, flowId)` at the simulated time the flow's last byte arrives.
 */

export type NetworkMode = 'flow' | 'alpha-beta';

export interface FlowNetworkOptions {
  /** 'flow' (default): max-min sharing; 'alpha-beta': every flow runs as if alone (no events for sharing). */
  mode?: NetworkMode;
}

export interface FlowNetwork {
  readonly mode: NetworkMode;
  /**
   * Starts a transfer of `bytes` from chip `src` to chip `dst` now. Time to completion is
   * latency x hops + bytes / (max-min share, recomputed as flows come and go). Returns the flow id;
   * at completion the network schedules engine event (notifyKind, notifyA, flowId).
   * `salt` picks among equal-cost paths (default: derived from the flow id).
   */
  startFlow(src: number, dst: number, bytes: number, notifyKind: number, notifyA?: number, salt?: number): number;
  /** Flows started and not yet complete. */
  readonly activeFlowCount: number;
  flowStartS(flow: number): number;
  /** NaN while the flow is active. */
  flowEndS(flow: number): number;
  flowBytes(flow: number): number;
  /** Bytes carried by a link so far (each flow counts once per link on its path). */
  linkBytesCarried(link: number): number;
  /** Seconds during which the link carried at least one flow. */
  linkBusyS(link: number): number;
}
