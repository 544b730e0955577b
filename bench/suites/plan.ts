/**
 * Plan and worker benchmark (issue 15 targets, docs/performance.md "Plans"):
 *  - plan: candidates and simulations per second of bench/plan-small.yaml on 1 and 2 workers
 *    (target: 2 workers >= 1.7x the rate of 1), and of the 70B case of docs/planning.md (10,000+
 *    candidates, target < 60 s on 2 cores);
 *  - bundled sweeps (scenarios/sweep-llama-3.1-8b-parallelism.yaml, inference-llama-3.3-70b-batch-sweep.yaml)
 *    on 1 and 2 workers (same target);
 *  - the worked example of docs/planning.md (Llama 3.1 405B, 15T tokens) on 1 and 2 workers (not with
 *    --quick), and its wall time alone on 2 workers (--example).
 * Every run is a fresh process (start-up included), rounds alternate 1 and 2 workers, medians
 * are reported. Run: node dist/bench/suites/plan.js [--quick] [--example]
 */
import { execFileSync } from 'node:child_process';
import * as os from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';

const child = fileURLToPath(new URL('./plan-child.js', import.meta.url));
const root = fileURLToPath(new URL('../../../', import.meta.url));

interface Run {
  readonly wallS: number;
  readonly pointsPerSecond?: number;
  readonly candidatesPerSecond?: number;
  readonly simulationsPerSecond?: number;
  readonly candidates?: number;
  readonly evaluated?: number;
  /** CPU seconds of the whole process, every thread. */
  readonly cpuS: number;
}

function once(kind: 'sweep' | 'plan', file: string, workers: number): Run {
  const out = execFileSync(process.execPath, [child, kind, `${root}${file}`, String(workers)], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return JSON.parse(out.trim().split('\n').pop()!) as Run;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

export interface RatioRow {
  readonly case: string;
  readonly rounds: number;
  readonly oneWorker: number;
  readonly twoWorkers: number;
  readonly ratio: number;
  readonly unit: string;
  readonly wallS: { readonly one: number; readonly two: number };
  /** CPU seconds of the whole process: 2 workers over 1 shows the work that parallelism adds (start-up, caches per worker). */
  readonly cpuS: { readonly one: number; readonly two: number };
  readonly extra?: string;
}

function ratio(name: string, kind: 'sweep' | 'plan', file: string, rounds: number, rate: (r: Run) => number, unit: string): RatioRow {
  const one: Run[] = [];
  const two: Run[] = [];
  for (let i = 0; i < rounds; i++) {
    one.push(once(kind, file, 1));
    two.push(once(kind, file, 2));
  }
  const r1 = median(one.map(rate));
  const r2 = median(two.map(rate));
  const extra = kind === 'plan' ? `${one[0]!.candidates} candidates, ${one[0]!.evaluated} simulated` : undefined;
  return { case: name, rounds, oneWorker: r1, twoWorkers: r2, ratio: r2 / r1, unit, wallS: { one: median(one.map((r) => r.wallS)), two: median(two.map((r) => r.wallS)) }, cpuS: { one: median(one.map((r) => r.cpuS)), two: median(two.map((r) => r.cpuS)) }, ...(extra ? { extra } : {}) };
}

export interface PlanBenchReport {
  readonly rows: readonly RatioRow[];
  readonly large?: Run & { readonly file: string };
  readonly example?: Run & { readonly file: string };
  readonly target: number;
  readonly cores: number;
  readonly note: string;
}

export function runPlanBench(options: { readonly quick?: boolean; readonly example?: boolean; readonly log?: (l: string) => void } = {}): PlanBenchReport {
  const rounds = options.quick ? 1 : 3;
  const log = options.log ?? (() => {});
  const rows: RatioRow[] = [];
  log('plan: bench/plan-small.yaml');
  rows.push(ratio('plan bench/plan-small.yaml', 'plan', 'bench/plan-small.yaml', rounds, (r) => r.simulationsPerSecond!, 'simulations/s'));
  log('sweep: scenarios/sweep-llama-3.1-8b-parallelism.yaml');
  rows.push(ratio('sweep scenarios/sweep-llama-3.1-8b-parallelism.yaml', 'sweep', 'scenarios/sweep-llama-3.1-8b-parallelism.yaml', rounds + 2, (r) => r.pointsPerSecond!, 'points/s'));
  log('sweep: scenarios/inference-llama-3.3-70b-batch-sweep.yaml');
  rows.push(ratio('sweep scenarios/inference-llama-3.3-70b-batch-sweep.yaml', 'sweep', 'scenarios/inference-llama-3.3-70b-batch-sweep.yaml', rounds + 2, (r) => r.pointsPerSecond!, 'points/s'));
  let large: PlanBenchReport['large'];
  if (!options.quick) {
    // the worked example: simulations of 10-600 ms, the size of a real plan (2 rounds: ~35 s)
    log('plan: docs/examples/plan-llama-3.1-405b.yaml, 1 and 2 workers');
    rows.push(ratio('plan docs/examples/plan-llama-3.1-405b.yaml (the worked example)', 'plan', 'docs/examples/plan-llama-3.1-405b.yaml', 2, (r) => r.simulationsPerSecond!, 'simulations/s'));
    log('plan: docs/examples/plan-llama-3.1-70b.yaml (2 workers)');
    large = { file: 'docs/examples/plan-llama-3.1-70b.yaml', ...once('plan', 'docs/examples/plan-llama-3.1-70b.yaml', 2) };
  }
  let example: PlanBenchReport['example'];
  if (options.example) {
    log('plan: docs/examples/plan-llama-3.1-405b.yaml (2 workers)');
    example = { file: 'docs/examples/plan-llama-3.1-405b.yaml', ...once('plan', 'docs/examples/plan-llama-3.1-405b.yaml', 2) };
  }
  return {
    rows,
    ...(large ? { large } : {}),
    ...(example ? { example } : {}),
    target: 1.7,
    cores: os.availableParallelism(),
    note: `load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} at the end (other processes share the cores)`,
  };
}

export function formatPlanBench(r: PlanBenchReport): string {
  const lines = r.rows.map(
    (x) =>
      `- ${x.case}${x.extra ? ` (${x.extra})` : ''}: 1 worker ${x.oneWorker.toFixed(2)} ${x.unit}, 2 workers ${x.twoWorkers.toFixed(2)} ${x.unit}: **${x.ratio.toFixed(2)}x** (target >= ${r.target}x; wall ${x.wallS.one.toFixed(2)} s / ${x.wallS.two.toFixed(2)} s, CPU ${x.cpuS.one.toFixed(2)} s / ${x.cpuS.two.toFixed(2)} s, fresh process each, start-up included, median of ${x.rounds})`,
  );
  const big = (label: string, x: PlanBenchReport['large']): string =>
    `- ${label} ${x!.file}: ${x!.candidates} candidates, ${x!.evaluated} simulated, ${x!.wallS.toFixed(1)} s on 2 workers (${x!.candidatesPerSecond!.toFixed(0)} candidates/s, ${x!.simulationsPerSecond!.toFixed(2)} simulations/s)`;
  if (r.large) lines.push(big('large plan', r.large));
  if (r.example) lines.push(big('worked example', r.example));
  lines.push(`- ${r.note}; ${r.cores} cores`);
  return lines.join('\n');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const report = runPlanBench({ quick: process.argv.includes('--quick'), example: process.argv.includes('--example'), log: (l) => process.stderr.write(`${l}\n`) });
  process.stdout.write(`${formatPlanBench(report)}\n`);
  if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(report)}\n`);
}
