/**
 * Pipeline schedules: the program order of forward and backward units on each stage.
 * 1F1B (PipeDream-Flush, Narayanan et al. 2021): stage s runs pp - s - 1 warm-up forwards, then
 * alternates one forward and one backward, then drains the remaining backwards.
 * Interleaved 1F1B (Megatron-LM, same paper): each stage holds v model chunks; warm-up is
 * (pp - s - 1) x 2 + (v - 1) x pp units; micro-batches go in groups of pp through the chunks.
 */

export interface PipelineUnit {
  readonly microBatch: number;
  readonly chunk: number;
  readonly forward: boolean;
}

function interleavedForward(k: number, pp: number, v: number): { microBatch: number; chunk: number } {
  const inGroup = k % (pp * v);
  const chunk = Math.floor(inGroup / pp);
  const microBatch = Math.floor(k / (pp * v)) * pp + (k % pp);
  return { microBatch, chunk };
}

/** Program order of stage `stage` of `pp`, with `m` micro-batches and `v` chunks per stage. */
export function stageProgram(stage: number, pp: number, m: number, v: number): PipelineUnit[] {
  const out: PipelineUnit[] = [];
  if (v === 1) {
    const warm = Math.min(pp - stage - 1, m);
    let f = 0;
    let b = 0;
    for (; f < warm; f++) out.push({ microBatch: f, chunk: 0, forward: true });
    while (f < m) {
      out.push({ microBatch: f++, chunk: 0, forward: true });
      out.push({ microBatch: b++, chunk: 0, forward: false });
    }
    while (b < m) out.push({ microBatch: b++, chunk: 0, forward: false });
    return out;
  }
  const total = m * v;
  const warm = Math.min((pp - stage - 1) * 2 + (v - 1) * pp, total);
  let f = 0;
  let b = 0;
  const fwd = (k: number): PipelineUnit => ({ ...interleavedForward(k, pp, v), forward: true });
  const bwd = (k: number): PipelineUnit => {
    const u = interleavedForward(k, pp, v);
    return { microBatch: u.microBatch, chunk: v - 1 - u.chunk, forward: false };
  };
  for (; f < warm; f++) out.push(fwd(f));
  while (f < total) {
    out.push(fwd(f++));
    out.push(bwd(b++));
  }
  while (b < total) out.push(bwd(b++));
  return out;
}
