/**
 * `trnsim plan [plan.yaml] [flags]`: capacity planning (docs/planning.md). A plan file, or the
 * common case as flags (--model, --tokens, --deadline, --systems; --serve with --rate, --input,
 * --output, --ttft-p99, --tpot-p50); flags given with a file replace its fields. Prints the answer,
 * the frontier and why the rest lost, or with --json the PlanResult. No feasible plan is an answer
 * (exit 0, with what came closest); malformed input exits 2. Across many machines: --shard, --merge
 * and --emit (plan-shards.ts).
 */
import { applyCalibrationFlag, CALIBRATION_FLAG_HELP } from '../calibration-flag.js';
import { basename, extname } from 'node:path';
import type { Command } from 'commander';
import { CliError } from '../cli-error.js';
import { intFlag } from '../int-flag.js';
import { readDocument } from '../../scenario/index.js';
import { checkOutputPaths, writeOutputFile } from '../../report/index.js';
import { formatPlan, plan, planProgress, planReportHtml, type PlanProgress, type PlanResult } from '../../plan/index.js';
import { emitFlags } from './sweep-emit.js';
import { emitPlan, planMode, runMerge, runShard, type PlanShardFlags } from './plan-shards.js';

interface PlanFlags extends PlanShardFlags {
  workers?: string;
  json?: boolean;
  top?: string;
  report?: string;
  model?: string;
  tokens?: string;
  deadline?: string;
  systems?: string;
  maxChips?: string;
  budget?: string;
  sequence?: string;
  globalBatch?: string;
  precision?: string;
  price?: string[];
  serve?: boolean;
  rate?: string;
  input?: string;
  output?: string;
  ttftP99?: string;
  tpotP50?: string;
  requests?: string;
  progress?: boolean;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function num(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n <= 0) throw new CliError(`${flag}: expected a positive number such as 15e12, got ${JSON.stringify(text)}.`);
  return n;
}

/** The plan document: the file's, with the flags' fields replacing it. */
function planDocument(file: string | undefined, f: PlanFlags): Record<string, unknown> {
  const doc: Record<string, unknown> = file !== undefined ? { ...readDocument(file) } : {};
  if (file === undefined && f.model === undefined) throw new CliError('plan: give a plan file (trnsim plan plan.yaml) or at least --model, --systems and --tokens (or --serve --rate ...); docs/planning.md.');
  if (f.model !== undefined) doc.model = f.model;
  const prices = new Map<string, number>();
  for (const p of f.price ?? []) {
    const m = /^([^=]+)=(.+)$/.exec(p);
    const usd = m ? Number(m[2]) : NaN;
    if (!m || !(usd > 0)) throw new CliError(`--price: expected <system preset>=<USD per hour of one unit>, e.g. trn3-ultraserver-64=150, got ${JSON.stringify(p)}.`);
    prices.set(m[1]!.trim(), usd);
  }
  if (f.systems !== undefined) {
    const names = f.systems.split(',').map((s) => s.trim()).filter((s) => s !== '');
    if (names.length === 0) throw new CliError(`--systems: expected a comma-separated list of system presets, got ${JSON.stringify(f.systems)}.`);
    doc.systems = names;
  }
  if (prices.size > 0) {
    const systems = (Array.isArray(doc.systems) ? doc.systems : []) as unknown[];
    doc.systems = systems.map((s) => {
      const preset = typeof s === 'string' ? s : (s as { preset?: string }).preset;
      const price = preset !== undefined ? prices.get(preset) : undefined;
      if (price === undefined) return s;
      return typeof s === 'string' ? { preset: s, price } : { ...(s as object), price };
    });
  }
  const maxChips = intFlag('--max-chips', f.maxChips, { min: 1 });
  if (maxChips !== undefined) doc.maxChips = maxChips;
  const budget = num('--budget', f.budget);
  if (budget !== undefined) doc.budget = budget;
  if (f.precision !== undefined) doc.precision = f.precision.split(',').map((s) => s.trim());
  if (f.serve || f.rate !== undefined) {
    const serve = { ...((doc.serve as object | undefined) ?? {}) } as Record<string, unknown>;
    if (f.rate !== undefined) serve.rate = /^[\d.eE+-]+$/.test(f.rate.trim()) ? Number(f.rate) : f.rate;
    const input = intFlag('--input', f.input, { min: 1 });
    const output = intFlag('--output', f.output, { min: 1 });
    const requests = intFlag('--requests', f.requests, { min: 1 });
    if (input !== undefined) serve.inputTokens = input;
    if (output !== undefined) serve.outputTokens = output;
    if (requests !== undefined) serve.requests = requests;
    if (f.ttftP99 !== undefined) serve.ttftP99 = f.ttftP99;
    if (f.tpotP50 !== undefined) serve.tpotP50 = f.tpotP50;
    doc.serve = serve;
    delete doc.train;
  } else if (f.tokens !== undefined || f.deadline !== undefined || f.sequence !== undefined || f.globalBatch !== undefined) {
    const train = { ...((doc.train as object | undefined) ?? {}) } as Record<string, unknown>;
    const tokens = num('--tokens', f.tokens);
    if (tokens !== undefined) train.tokens = tokens;
    if (f.deadline !== undefined) train.deadline = f.deadline;
    const seq = intFlag('--sequence', f.sequence, { min: 1 });
    if (seq !== undefined) train.sequenceLength = seq;
    const gb = intFlag('--global-batch', f.globalBatch, { min: 1 });
    if (gb !== undefined) train.globalBatch = gb;
    doc.train = train;
  }
  if (doc.name === undefined) doc.name = file !== undefined ? basename(file, extname(file)) : `plan-${String(doc.model)}`;
  return doc;
}

export function register(program: Command): void {
  const command = program
    .command('plan')
    .description('capacity planning: which system, how many, which parallelism, how long and at what cost (docs/planning.md)')
    .argument('[file]', 'plan file, YAML or JSON (docs/planning.md); or give the common case as flags')
    .option('--workers <n>', 'worker threads (default: the number of cores; 0 simulates in-process)')
    .option('--json', 'print the PlanResult as JSON (meta last)')
    .option('--top <k>', 'plans of the frontier to print (default 10)')
    .option('--report <file>', 'also write a self-contained HTML report of the plan (frontier chart and tables)')
    .option('--model <name>', 'model preset, e.g. llama-3.1-70b')
    .option('--tokens <n>', 'training tokens, e.g. 15e12')
    .option('--deadline <time>', 'training must finish within, e.g. 30d')
    .option('--systems <list>', 'comma-separated system presets, e.g. trn2-ultraserver,h100-8x')
    .option('--max-chips <n>', 'largest cluster to consider, in chips (default 65536)')
    .option('--budget <usd>', 'most the job may cost, USD')
    .option('--sequence <n>', 'tokens per sequence (default 8192)')
    .option('--global-batch <n>', 'sequences per step (default 16 Mi tokens / sequence)')
    .option('--precision <list>', 'datatypes to try: bf16, fp8 or bf16,fp8 (default bf16)')
    .option('--price <preset=usd>', 'USD per hour of one unit of a system, e.g. trn3-ultraserver-64=150 (repeatable)', (v: string, prev: string[] = []) => [...prev, v])
    .option('--serve', 'plan a serving deployment instead of training')
    .option('--rate <requests/s>', 'serving: request arrival rate to sustain')
    .option('--input <tokens>', 'serving: input tokens per request')
    .option('--output <tokens>', 'serving: output tokens per request')
    .option('--ttft-p99 <time>', 'serving SLO: 99th percentile time to first token, e.g. 2s')
    .option('--tpot-p50 <time>', 'serving SLO: median time per output token, e.g. 50ms')
    .option('--requests <n>', 'serving: requests simulated per candidate (default 400)')
    .option('--calibration <file>', `${CALIBRATION_FLAG_HELP} (the plan then simulates in-process: worker threads would not see the constants)`)
    .option('--no-progress', 'no progress on stderr')
    .option('--shard <i/n>', 'plan only the candidates whose id mod n is i (0 <= i < n), one JSON line each to --out, e.g. $SLURM_ARRAY_TASK_ID/8')
    .option('--out <file>', 'with --shard: the shard file (one JSON line per candidate); with --merge: the merged plan, the JSON --json prints')
    .option('--resume', 'with --shard: continue --out, simulating only the candidates it lacks')
    .option('--merge <files...>', 'join the shard files of this plan (the same file and flags) into its result, exactly as one process computes it');
  emitFlags(command, 'candidates', 'plan.json');
  command.action(async (file: string | undefined, flags: PlanFlags) => {
    const mode = planMode(flags);
    // a calibration applies to this process: its candidates run here, not on worker threads
    const calibrated = applyCalibrationFlag(flags.calibration) !== undefined;
    const workers = calibrated ? 0 : intFlag('--workers', flags.workers, { min: 0 });
    const top = intFlag('--top', flags.top, { min: 1 }) ?? 10;
    const doc = planDocument(file, flags);
    const origin = file ?? 'trnsim plan';
    if (mode === 'emit') {
      process.stdout.write(emitPlan(doc, origin, workers, flags));
      return;
    }
    checkOutputPaths([['--report', flags.report]], { inputs: [...(file !== undefined ? [file] : []), ...(flags.calibration !== undefined ? [flags.calibration] : [])] });
    const progress = planProgress(process.stderr, flags.progress !== false);
    const onProgress = (p: PlanProgress): void => progress.update(p);
    let result: PlanResult | string;
    try {
      if (mode === 'shard') result = await runShard(doc, origin, workers, flags, onProgress);
      else if (mode === 'merge') result = await runMerge(doc, origin, flags, onProgress);
      else result = await plan(doc, { origin, ...(workers !== undefined ? { workers } : {}), onProgress });
    } finally {
      progress.stop();
    }
    if (typeof result === 'string') {
      process.stdout.write(result); // the shard's summary
      return;
    }
    if (mode === 'merge' && !flags.json) process.stdout.write(`merged ${plural(flags.merge!.length, 'shard file')} into ${flags.out}\n`);
    process.stdout.write(flags.json ? `${JSON.stringify(result, null, 2)}\n` : formatPlan(result, top));
    if (flags.report !== undefined) {
      writeOutputFile(flags.report, planReportHtml(result), '--report');
      if (!flags.json) process.stdout.write(`wrote the report to ${flags.report}\n`);
    }
  });
}
