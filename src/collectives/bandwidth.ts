/**
 * nccom-test's bandwidth definitions (Neuron docs, tools/neuron-sys-tools/nccom-test.rst): algbw = size / time and
 * busbw = algbw x factor, both in GiB/s (1 GiB = 1,073,741,824 bytes). Factors: all-reduce
 * 2(r-1)/r; all-gather, reduce-scatter, all-to-all (r-1)/r; send-receive and permute 1.
 * Broadcast is not in nccom-test; trnsim uses 1 (every rank receives the whole buffer once).
 */
import { GiB } from '../units.js';
import type { CollectiveOp } from './types.js';

export function busBandwidthFactor(op: CollectiveOp, ranks: number): number {
  if (ranks <= 1) return op === 'send-recv' || op === 'broadcast' ? 1 : 0;
  switch (op) {
    case 'all-reduce':
      return (2 * (ranks - 1)) / ranks;
    case 'all-gather':
    case 'reduce-scatter':
    case 'all-to-all':
      return (ranks - 1) / ranks;
    case 'send-recv':
    case 'broadcast':
      return 1;
  }
}

/** algbw in GiB/s: size / time (0 for a zero time). */
export function algbwGiBps(sizeBytes: number, timeS: number): number {
  return timeS > 0 ? sizeBytes / timeS / GiB : 0;
}

/** busbw in GiB/s: algbw x the op's factor. */
export function busbwGiBps(op: CollectiveOp, ranks: number, sizeBytes: number, timeS: number): number {
  return algbwGiBps(sizeBytes, timeS) * busBandwidthFactor(op, ranks);
}
