/**
 * Contracts of the network layer (docs/network.md). A FlowNetwork moves bytes on a hardware
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
   * latency x hops + bytes / (max-min share, recomputed as flows come and go). When latency is
   * paid: bytes flow at the share from the start (occupying every link of the path at once), and
   * the completion is notified the path latency (sum of its links' latencies) after the last byte
   * has left. src === dst or bytes === 0 complete after the path latency without using bandwidth.
   * Returns the flow id;
   * at completion the network schedules engine event (notifyKind, notifyA, flowId).
   * `salt` picks among equal-cost paths (default: derived from the flow id).
   */
  startFlow(src: number, dst: number, bytes: number, notifyKind: number, notifyA?: number, salt?: number): number;
  /** Flows started whose last byte has not left yet (flow mode: those sharing bandwidth now). */
  readonly activeFlowCount: number;
  flowStartS(flow: number): number;
  /**
   * Completion time (last byte sent + path latency), known once the last byte has left;
   * NaN before. Alpha-beta mode knows it at the start.
   */
  flowEndS(flow: number): number;
  flowBytes(flow: number): number;
  /** Bytes carried by a link so far (each flow counts once per link on its path). */
  linkBytesCarried(link: number): number;
  /** Seconds during which the link carried at least one flow. */
  linkBusyS(link: number): number;
  /**
   * Current load of a link (sum of the rates of the flows crossing it), bytes/s. Flow mode: as of
   * the last recomputation (arrivals at the current instant are folded in by a zero-delay update
   * event). Alpha-beta mode: always 0 (no sharing is modelled).
   */
  linkLoadBytesPerSecond(link: number): number;
  /** Current rate of a flow, bytes/s (0 once its last byte has left; flow mode only, else its bottleneck bandwidth). */
  flowRateBytesPerSecond(flow: number): number;
  /**
   * Ids of the links that have carried (or are carrying) traffic, ascending: the only links whose
   * counters can be non-zero. Iterate these instead of 0..linkCount-1 on large topologies.
   */
  touchedLinks(): number[];
  /** Work done so far (for benchmarks and reports). */
  counters(): NetworkCounters;
}

/** Cumulative work counters of a FlowNetwork. */
export interface NetworkCounters {
  readonly flowsStarted: number;
  readonly flowsCompleted: number;
  /** Max-min recomputations (one per batch of arrivals or completions at one instant). */
  readonly recomputations: number;
  /** Sum over recomputations of the classes in the recomputed component(s). */
  readonly classesSolved: number;
  /** Sum over recomputations of the links in the recomputed component(s). */
  readonly linksSolved: number;
  /** Engine events the network handled itself (completions and arrival batches). */
  readonly networkEvents: number;
  /** Flow classes (distinct paths with active flows) right now. */
  readonly activeClasses: number;
  /** Links that have carried traffic (the lazily allocated link state). */
  readonly linksTouched: number;
}
