/**
 * A lower bound on the simulated step time of a training candidate, from closed forms only: the
 * compute the step's representative ranks must do (stageCosts with every collective free, i.e.
 * FLOPs over the roofline's peak and HBM bytes over its bandwidth, op by op) arranged as the
 * pipeline forces it.
 *
 * For stage s with F_s, B_s its compute per micro-batch forward and backward (layers, plus the
 * embedding on the first stage and the logits on the last; full recompute repeats the forward
 * before the backward), m micro-batches and opt_s its optimizer step, the compute stream of s runs
 * m (F_s + B_s) + opt_s one after another, cannot start before the first micro-batch's forward
 * crossed the stages before it (sum of F below s), and after its last backward the backward still
 * crosses those stages (sum of B below s). So
 *     step >= max_s [ sum_{s'<s} F_s' + m (F_s + B_s) + max(opt_s, sum_{s'<s} B_s') ].
 * The interleaved schedule reorders chunks, so for it only the stage's own work counts. The
 * search checks every simulated step against this bound (a violation is reported as a warning).
 */
import type { System } from '../hardware/types.js';
import type { TrainingWorkload } from '../workload/types.js';
import { layersPerChunk, microBatches, stageCosts, type StageCosts } from '../workload/index.js';

const FREE = (): number => 0;

function segmentSum(s: StageCosts['fwd']): number {
  return s.preAttention + s.attention + s.preFfn + s.ffn;
}

export interface StepBound {
  /** Lower bound on the step time, s. */
  readonly stepS: number;
  /** Compute-stream busy time per step, mean over stages (the energy model's compute activity), s. */
  readonly computeBusyS: number;
}

export function stepTimeBoundS(system: System, w: TrainingWorkload): number {
  return stepBound(system, w).stepS;
}

export function stepBound(system: System, w: TrainingWorkload): StepBound {
  const p = w.parallelism;
  const chunks = p.schedule === 'interleaved' && p.pp > 1 ? p.virtualStages : 1;
  const layers = layersPerChunk(w.model.layers, p.pp, chunks);
  const m = microBatches(w);
  const F: number[] = [];
  const B: number[] = [];
  const opt: number[] = [];
  for (let s = 0; s < p.pp; s++) {
    const c = stageCosts(system, w, s, FREE);
    const n = layers[s]!.reduce((a, b) => a + b, 0);
    const fwd = segmentSum(c.fwd);
    const bwd = segmentSum(c.bwd) + (w.recompute === 'full' ? fwd : 0);
    F.push(n * fwd + c.embeddingFwdS + c.logitsFwdS);
    B.push(n * bwd + c.embeddingBwdS + c.logitsBwdS);
    opt.push(c.optimizerS);
  }
  let bound = 0;
  let before = 0;
  let beforeB = 0;
  let busy = 0;
  for (let s = 0; s < p.pp; s++) {
    const own = m * (F[s]! + B[s]!);
    const t = chunks > 1 ? own + opt[s]! : before + own + Math.max(opt[s]!, beforeB);
    if (t > bound) bound = t;
    before += F[s]!;
    beforeB += B[s]!;
    busy += own + opt[s]!;
  }
  return { stepS: bound, computeBusyS: busy / p.pp };
}
