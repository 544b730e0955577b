/**
 * Roofline time of an op on one rank: max(FLOPs / (peak x efficiency(shape)), bytes / (HBM x
 * efficiency)) + a fixed per-op cost. Matmul efficiency depends on the matrix dims per rank
 * (docs/sources.md O5): padding to tiles of 128 partitions on the contraction (K) and output (N)
 * dims, and a ramp on the rows (M) for fixed per-tile costs.
 */
import type { ChipSpec } from '../hardware/types.js';
import type { Precision } from './types.js';
import {
  ATTENTION_EFFICIENCY_FACTOR,
  HBM_EFFICIENCY_PER_OP,
  MATMUL_EFFICIENCY_MAX,
  MATMUL_ROWS_HALF,
  ROOFLINE_OP_OVERHEAD_S,
  TENSOR_TILE_PARTITIONS,
} from './calibration.js';
import type { Op } from './ops.js';

/** Compute resources of one rank (a logical NeuronCore, or one GPU). */
export interface RankCompute {
  /** Dense FLOP/s of the rank for matmuls at the workload's precision. */
  readonly matmulFlopsPerSecond: number;
  /** Dense BF16 FLOP/s of the rank (attention and anything not run in FP8). */
  readonly bf16FlopsPerSecond: number;
  /** HBM bytes/s available to the rank. */
  readonly hbmBytesPerSecond: number;
}

/** A rank's share of the chip: the chip's figures divided by ranks per chip (the chip pages, e.g. [nsdk-trainium2]: the chip-level basis). */
export function rankCompute(chip: ChipSpec, ranksPerChip: number, precision: Precision): RankCompute {
  const bf16 = chip.peakFlopsPerSecond.bf16 ?? chip.peakFlopsPerSecond.fp16 ?? 0;
  const mm = precision === 'fp8' ? (chip.peakFlopsPerSecond.fp8 ?? bf16) : bf16;
  return {
    matmulFlopsPerSecond: mm / ranksPerChip,
    bf16FlopsPerSecond: bf16 / ranksPerChip,
    hbmBytesPerSecond: chip.hbmBytesPerSecond / ranksPerChip,
  };
}

/** Fraction of a dim used when padded to whole tiles of 128: d / (128 x ceil(d / 128)). */
export function tileUtilisation(d: number): number {
  if (d <= 0) return 1;
  return d / (TENSOR_TILE_PARTITIONS * Math.ceil(d / TENSOR_TILE_PARTITIONS));
}

/** Matmul efficiency (fraction of peak) for an M x K by K x N product on one rank. */
export function matmulEfficiency(m: number, k: number, n: number): number {
  return MATMUL_EFFICIENCY_MAX * tileUtilisation(k) * tileUtilisation(n) * (m / (m + MATMUL_ROWS_HALF));
}

/** Roofline seconds of one op on one rank, including the fixed per-op cost. */
export function opTimeS(op: Op, rc: RankCompute): number {
  let computeS = 0;
  if (op.flops > 0) {
    if (op.kind === 'matmul') computeS = op.flops / (rc.matmulFlopsPerSecond * matmulEfficiency(op.m, op.k, op.n));
    else if (op.kind === 'attention') {
      computeS = op.flops / (rc.bf16FlopsPerSecond * matmulEfficiency(op.m, op.k, op.n) * ATTENTION_EFFICIENCY_FACTOR);
    } else computeS = op.flops / rc.bf16FlopsPerSecond;
  }
  const memoryS = op.bytes / (rc.hbmBytesPerSecond * HBM_EFFICIENCY_PER_OP);
  return Math.max(computeS, memoryS) + ROOFLINE_OP_OVERHEAD_S;
}
