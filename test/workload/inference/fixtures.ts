/**
 * Test fixtures: a minimal Trn2 System (hardware.md §1.1 per-chip figures, §2.2 rank layout) so the
 * inference tests do not depend on the hardware builders, and model configs from reference/models.md.
 */
import type { ChipSpec, System, Topology } from '../../../src/hardware/types.js';
import type { InferenceWorkload, ModelConfig } from '../../../src/workload/types.js';

// hardware.md §1.1: Trainium2 667 TFLOPS BF16, 1,299 FP8, 96 GiB HBM at 2.9 TB/s
export const TRAINIUM2: ChipSpec = {
  id: 'trainium2',
  displayName: 'Trainium2',
  vendor: 'aws',
  physicalCores: 8,
  defaultLnc: 2,
  supportedLnc: [1, 2],
  peakFlopsPerSecond: { fp8: 1299e12, bf16: 667e12, fp32: 181e12 },
  hbmBytes: 96 * 1024 ** 3,
  hbmBytesPerSecond: 2.9e12,
  chipLinkCount: 4,
  chipLinkBytesPerSecond: 1.28e12,
};

const noTopology = new Proxy({} as Topology, {
  get() {
    throw new Error('fixture system has no topology');
  },
});

/** `chips` Trainium2 chips at LNC 2 (4 ranks per chip); `chipAt` may be overridden per chip. */
export function trn2System(chips: number, preset = chips === 1 ? 'trn2.3xlarge' : 'trn2.48xlarge', chipOverride?: (chip: number) => ChipSpec): System {
  const ranksPerChip = 4;
  return {
    preset,
    count: 1,
    chip: TRAINIUM2,
    chipCount: chips,
    chipsPerServer: chips,
    serverCount: 1,
    lnc: 2,
    ranksPerChip,
    rankCount: chips * ranksPerChip,
    topology: noTopology,
    rankToChip: (rank) => Math.floor(rank / ranksPerChip),
    chipAt: (chip) => chipOverride?.(chip) ?? TRAINIUM2,
  };
}

function model(name: string, layers: number, hidden: number, heads: number, kvHeads: number, ffn: number, vocab: number, tied = false): ModelConfig {
  return { name, layers, hidden, heads, kvHeads, ffn, vocab, gatedFfn: true, headDim: hidden / heads, tiedEmbeddings: tied, experts: 1, topK: 1 };
}

// reference/models.md
export const LLAMA_70B = model('llama-3.3-70b', 80, 8192, 64, 8, 28672, 128256);
export const LLAMA_405B = model('llama-3.1-405b', 126, 16384, 128, 8, 53248, 128256);
export const LLAMA_8B = model('llama-3.1-8b', 32, 4096, 32, 8, 14336, 128256);
export const LLAMA_1B = model('llama-3.2-1b', 16, 2048, 32, 8, 8192, 128256, true);

/** I3 (hardware.md §5.2): Llama-3.3-70B BF16, TP 64, batch 1, 10,000 in / 1,500 out. */
export function i3Workload(count = 3): InferenceWorkload {
  return {
    kind: 'inference',
    model: LLAMA_70B,
    precision: 'bf16',
    parallelism: { tp: 64, dp: 1, pp: 1 },
    batching: { maxBatch: 1, policy: 'continuous' },
    requests: { count, inputTokens: { kind: 'fixed', tokens: 10000 }, outputTokens: { kind: 'fixed', tokens: 1500 }, concurrency: 1 },
    maxContextTokens: 12288,
  };
}
