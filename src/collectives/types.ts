/**
 * Contracts of the collectives layer (DESIGN.md "collectives"). Collectives run as phases of flows
 * on a FlowNetwork over a System; results use nccom-test's definitions (algbw = size / time,
 * busbw = algbw x factor; GiB/s, 1 GiB = 1,073,741,824 bytes).
 */
export type CollectiveOp = 'all-reduce' | 'reduce-scatter' | 'all-gather' | 'all-to-all' | 'send-recv' | 'broadcast';
export type AlgorithmName = 'ring' | 'bidir-ring' | 'torus' | 'kangaring' | 'hierarchical' | 'rdh' | 'mesh';
export type AlgorithmChoice = AlgorithmName | 'auto';

/**
 * How a collective is issued. 'standalone' pays the launch/synchronisation overhead of a stand-alone
 * call (nccom-test); 'in-graph' is a collective inside a compiled graph (training/inference step),
 * which pays per-step and per-hop latencies but not the launch overhead (modelling-notes.md 2).
 */
export type IssueMode = 'standalone' | 'in-graph';

export interface CollectiveRequest {
  readonly op: CollectiveOp;
  /** Global ranks of the group (logical NeuronCores), in group order. */
  readonly ranks: readonly number[];
  /** nccom-test size: the buffer size per rank in bytes (for all-gather: the output size). */
  readonly sizeBytes: number;
  readonly algorithm?: AlgorithmChoice;
  readonly issue?: IssueMode;
}

export interface CollectiveResult {
  readonly op: CollectiveOp;
  readonly algorithm: AlgorithmName;
  readonly rankCount: number;
  readonly sizeBytes: number;
  readonly timeS: number;
  readonly algbwGiBps: number;
  readonly busbwGiBps: number;
}
