/**
 * Contracts of the collectives layer (docs/collectives.md). Collectives run as steps of flows
 * on a FlowNetwork over a System; results use nccom-test's definitions (algbw = size / time,
 * busbw = algbw x factor; GiB/s, 1 GiB = 1,073,741,824 bytes).
 */
export type CollectiveOp = 'all-reduce' | 'reduce-scatter' | 'all-gather' | 'all-to-all' | 'send-recv' | 'broadcast';
export type AlgorithmName = 'ring' | 'bidir-ring' | 'torus' | 'kangaring' | 'hierarchical' | 'rdh' | 'rd' | 'mesh';
export type AlgorithmChoice = AlgorithmName | 'auto';

/**
 * How a collective is issued. 'standalone' pays the launch/synchronisation overhead of a stand-alone
 * call (nccom-test); 'in-graph' is a collective inside a compiled graph (training/inference step),
 * which pays per-step and per-hop latencies but not the launch overhead (docs/sources.md O2).
 */
export type IssueMode = 'standalone' | 'in-graph';

/**
 * Which size thresholds `auto` uses on Trn2-style intra-node groups: 'measured' (default) follows
 * nccom-test C3 (docs/sources.md "Validation cases": mesh < 1 MiB, rdh to 32 MiB, kangaring from 32 MiB);
 * 'documented' follows the Neuron docs' "sweet range" ([nsdk-intranode]: mesh < 1 MB, RDH 1-56 MB,
 * KangaRing > 56 MB).
 */
export type SelectionPolicy = 'measured' | 'documented';

export interface CollectiveRequest {
  readonly op: CollectiveOp;
  /** Global ranks of the group (logical NeuronCores), in group order. */
  readonly ranks: readonly number[];
  /**
   * nccom-test size in bytes: the buffer per rank (all-reduce, broadcast, send-recv, all-to-all:
   * the send buffer; reduce-scatter: the input; all-gather: the output).
   */
  readonly sizeBytes: number;
  readonly algorithm?: AlgorithmChoice;
  readonly issue?: IssueMode;
  /**
   * send-recv only: the member (group index) each member sends its buffer to, as nccom-test's
   * `--custom-src-target-pairs`; a member may target itself (a local copy through HBM). Default:
   * member i sends to member i+1 (a 2-rank group exchanges).
   */
  readonly targets?: readonly number[];
}

export interface CollectiveResult {
  readonly op: CollectiveOp;
  readonly algorithm: AlgorithmName;
  readonly rankCount: number;
  readonly sizeBytes: number;
  readonly timeS: number;
  readonly algbwGiBps: number;
  readonly busbwGiBps: number;
  /** Algorithm steps executed (each a barrier of flows plus the per-step overhead). */
  readonly steps?: number;
  /** Bytes carried per link (links that carried any), when the collective ran on its own network. */
  readonly linkBytes?: readonly LinkBytes[];
}

export interface LinkBytes {
  readonly link: number;
  readonly name: string;
  readonly bytes: number;
}
