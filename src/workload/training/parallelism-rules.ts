/**
 * The divisibility rules of a parallelism plan, each as one function that returns the problem
 * (field path and a sentence: the value, the rule, a fix that works) or undefined. The scenario
 * layer (resolve.ts, which can still derive dp) and checkParallelism (library callers of
 * runTraining) both ask these, so a rule is worded once wherever it is broken.
 */
export interface RuleProblem {
  /** Field path, e.g. "workload.parallelism.tp". */
  readonly path: string;
  /** The value, the rule and the fix, as a sentence without the path and without a full stop. */
  readonly text: string;
}

const n = (x: number): string => x.toLocaleString('en-US');

function divisors(x: number): number[] {
  const out: number[] = [];
  for (let d = 1; d <= x; d++) if (x % d === 0) out.push(d);
  return out;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** "1, 2, 4 or 8"; long lists keep their ends: "1, 2, 3, ..., 48 or 96". */
function choices(xs: readonly number[]): string {
  const shown = xs.length > 12 ? [...xs.slice(0, 6).map(n), '...', ...xs.slice(-3).map(n)] : xs.map(n);
  return shown.length === 1 ? shown[0]! : `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}`;
}

/** The nearest multiples of `of` around x, as "e.g. 4,080 or 4,096" (the lower one only when positive). */
function nearestMultiples(x: number, of: number): string {
  const below = Math.floor(x / of) * of;
  const above = below + of;
  return below > 0 ? `e.g. ${n(below)} or ${n(above)}` : `e.g. ${n(above)}`;
}

/** "4 x trn2.48xlarge has 256 ranks (64 chips x 4 logical cores at lnc 2)". */
export function describeRanks(count: number, preset: string, chips: number, ranksPerChip: number, lnc: number): string {
  return `${n(count)} x ${preset} has ${n(chips * ranksPerChip)} ranks (${n(chips)} chips x ${ranksPerChip} logical cores at lnc ${lnc})`;
}

/**
 * dp from the other degrees and the ranks: derived when `dp` is undefined (ranks / product), else
 * checked (product x dp = ranks). `canDerive`: whether the caller may omit dp (scenario files can;
 * runTraining's workload cannot).
 */
export function dataParallelDegree(
  degrees: ReadonlyArray<readonly [string, number]>,
  dp: number | undefined,
  ranks: number,
  system: string,
  canDerive: boolean,
): { readonly dp: number } | { readonly problem: RuleProblem } {
  const names = degrees.map(([name]) => name).join(' x ');
  const values = degrees.map(([, v]) => v);
  const product = values.reduce((a, b) => a * b, 1);
  const path = 'workload.parallelism';
  if (dp === undefined) {
    if (ranks % product === 0) return { dp: ranks / product };
    return { problem: { path, text: `${names} = ${values.join(' x ')} = ${n(product)} does not divide the ranks: ${system}; choose degrees whose product divides ${n(ranks)}` } };
  }
  if (product * dp === ranks) return { dp };
  const fix = ranks % product === 0 ? `set dp to ${n(ranks / product)}${canDerive ? ' or omit dp to derive it' : ''}` : `choose degrees whose product is ${n(ranks)}`;
  return { problem: { path, text: `${names} x dp = ${values.join(' x ')} x ${dp} = ${n(product * dp)}, but ${system}; ${fix}` } };
}

/** TP splits the attention heads and the FFN columns: tp must divide both. */
export function tensorParallelProblem(tp: number, heads: number, ffn: number): RuleProblem | undefined {
  const valid = choices(divisors(gcd(heads, ffn)));
  const path = 'workload.parallelism.tp';
  if (heads % tp !== 0) return { path, text: `${tp} does not divide the model's ${n(heads)} attention heads (each TP rank holds heads / tp of them); choose tp among ${valid}` };
  if (ffn % tp !== 0) return { path, text: `${tp} does not divide the model's FFN size ${n(ffn)} (each TP rank holds ffn / tp of its columns); choose tp among ${valid}` };
  return undefined;
}

/** EP spreads the experts over data-parallel ranks: a dense model has ep 1; ep divides dp and the experts. */
export function expertParallelProblem(ep: number, dp: number, experts: number, model: string): RuleProblem | undefined {
  const path = 'workload.parallelism.ep';
  if (ep === 1) return undefined;
  if (experts === 1) return { path, text: `${ep} needs a mixture-of-experts model, but ${model} is dense (one FFN per layer); set ep to 1` };
  const valid = choices(divisors(gcd(dp, experts)));
  if (dp % ep !== 0) return { path, text: `${ep} does not divide dp = ${n(dp)} (the experts are spread over data-parallel ranks); choose ep among ${valid}` };
  if (experts % ep !== 0) return { path, text: `${ep} does not divide the model's ${n(experts)} experts; choose ep among ${valid}` };
  return undefined;
}

/** CP (and TP with sequence parallelism) split the sequence into equal parts. */
export function sequenceSplitProblem(sequenceLength: number, cp: number, tp: number, sequenceParallel: boolean): RuleProblem | undefined {
  const parts = cp * (sequenceParallel ? tp : 1);
  if (sequenceLength % parts === 0) return undefined;
  const how = sequenceParallel ? `cp x tp = ${cp} x ${tp} = ${n(parts)} equal parts (context and sequence parallelism split the sequence)` : `cp = ${cp} equal parts (context parallelism splits the sequence)`;
  return { path: 'workload.sequenceLength', text: `${n(sequenceLength)} tokens do not split into ${how}; use a multiple of ${n(parts)}, ${nearestMultiples(sequenceLength, parts)}` };
}

/** Every micro-step takes dp x microBatch sequences. */
export function globalBatchProblem(globalBatch: number, dp: number, microBatch: number): RuleProblem | undefined {
  const step = dp * microBatch;
  if (globalBatch % step === 0) return undefined;
  return {
    path: 'workload.globalBatch',
    text: `${n(globalBatch)} sequences do not split into dp (${n(dp)}) x microBatch (${microBatch}) = ${n(step)} per micro-step; use a multiple of ${n(step)}, ${nearestMultiples(globalBatch, step)}`,
  };
}

/** Every model chunk (pp x virtualStages of them) holds at least one layer. */
export function layersPerStageProblem(layers: number, pp: number, chunks: number): RuleProblem | undefined {
  if (layers >= pp * chunks) return undefined;
  const spread = chunks > 1 ? `pp x virtualStages = ${pp} x ${chunks} = ${pp * chunks} model chunks` : `${pp} pipeline stages`;
  return { path: 'workload.parallelism.pp', text: `${pp} spreads the model's ${layers} layers over ${spread}, more than there are layers; lower pp${chunks > 1 ? ' or virtualStages' : ''} so that every chunk holds a layer` };
}

/** The interleaved schedule runs micro-batches in groups of pp. */
export function interleavedBatchProblem(globalBatch: number, dp: number, microBatch: number, pp: number): RuleProblem | undefined {
  const m = globalBatch / (dp * microBatch);
  if (pp <= 1 || m % pp === 0) return undefined;
  return {
    path: 'workload.globalBatch',
    text: `${n(globalBatch)} sequences make ${n(m)} micro-batches per replica (globalBatch / (dp x microBatch)), not a multiple of pp = ${pp} as the interleaved schedule needs; use a globalBatch that is a multiple of ${n(dp * microBatch * pp)}, or schedule: 1f1b`,
  };
}
