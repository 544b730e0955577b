/**
 * Long-job benchmark (issue 13 target: a 28-day job of about 500k chips with failures in under
 * 60 s; docs/performance.md "Reliability over time"). Each case loads a bundled Rainier scenario,
 * builds its 499,712-chip system (component counts), and simulates its 28-day job with every
 * replication, failure, straggler and link flap event by event.
 *
 * Step times: until a 500k-chip training step is fast (the scale work of issue 13), the step,
 * straggler and link-down step times are simulated on a PROXY of the same replica shape: the
 * same model, TP x PP, micro-batches per replica and faults on `proxyCount` UltraServers (a DP
 * degree of 4 or 8 instead of thousands; the DP all-reduce is the part that differs). Pass
 * `fullStep: true` (`--full`) to simulate the real 500k-chip step instead.
 * Run: node dist/bench/suites/reliability.js [--quick] [--full]
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildSystem } from '../../src/hardware/index.js';
import { bundledScenarioDir, loadScenario, resolveScenario, runLongJob, type StepRunner } from '../../src/scenario/index.js';
import { runTraining } from '../../src/workload/index.js';
import type { SystemRequest } from '../../src/hardware/types.js';
import type { TrainingWorkload } from '../../src/workload/types.js';

export interface ReliabilityBenchRow {
  readonly name: string;
  readonly chips: number;
  readonly stepSource: string;
  readonly stepTimeS: number;
  /** Building the 500k-chip system (counts), seconds. */
  readonly buildWallS: number;
  /** The step simulations (healthy, straggler, link down), seconds. */
  readonly stepsWallS: number;
  /** The long job alone (every replication), seconds. */
  readonly longJobWallS: number;
  readonly replications: number;
  readonly events: number;
  readonly goodput: number;
  readonly goodputLow: number | null;
  readonly goodputHigh: number | null;
  readonly failures: number;
  readonly systemMtbfS: number | null;
  readonly lost: Record<string, number>;
}

const CASES = [
  { file: 'rainier-llama-3.1-405b-500k', proxyCount: 16 },
  { file: 'rainier-qwen3-235b-500k', proxyCount: 64 },
];

function proxyRunner(workload: TrainingWorkload, proxyCount: number | undefined, seed: number): { runner: StepRunner; calls: () => number } {
  const cache = new Map<string, { stepTimeS: number; events: number }>();
  let calls = 0;
  const ranksPerUnit = 256; // trn2-ultraserver at LNC 2
  const p = workload.parallelism;
  const perReplica = workload.globalBatch / p.dp;
  const w: TrainingWorkload =
    proxyCount === undefined ? workload : { ...workload, globalBatch: perReplica * ((proxyCount * ranksPerUnit) / (p.tp * p.pp * p.cp)), parallelism: { ...p, dp: (proxyCount * ranksPerUnit) / (p.tp * p.pp * p.cp) } };
  const runner: StepRunner = (request: SystemRequest) => {
    const key = JSON.stringify(request.overrides ?? {});
    let r = cache.get(key);
    if (r === undefined) {
      calls++;
      const system = buildSystem(proxyCount === undefined ? request : { ...request, count: proxyCount });
      const t = runTraining(system, w, { seed, name: 'bench' });
      r = { stepTimeS: t.stepTimeS, events: t.eventsSimulated };
      cache.set(key, r);
    }
    return r;
  };
  return { runner, calls: () => calls };
}

export function runReliabilityBench(options: { replications?: number; fullStep?: boolean } = {}): ReliabilityBenchRow[] {
  const rows: ReliabilityBenchRow[] = [];
  for (const c of CASES) {
    const scenario = loadScenario(join(bundledScenarioDir(), `${c.file}.yaml`));
    const resolved0 = resolveScenario(scenario);
    const longJob = { ...resolved0.longJob!, ...(options.replications ? { replications: options.replications } : {}) };
    const resolved = { ...resolved0, longJob };
    const w = resolved.workload as TrainingWorkload;
    let t = performance.now();
    const system = buildSystem(resolved.system);
    const buildWallS = (performance.now() - t) / 1000;
    const { runner } = proxyRunner(w, options.fullStep ? undefined : c.proxyCount, resolved.seed);
    t = performance.now();
    const step = runner(resolved.system);
    // first call: the slow-step variants are simulated (and cached); second call: the long job alone
    runLongJob(resolved, longJob, system, step, runner, c.file);
    const stepsWallS = (performance.now() - t) / 1000;
    t = performance.now();
    const out = runLongJob(resolved, longJob, system, step, runner, c.file);
    const longJobWallS = (performance.now() - t) / 1000;
    const r = out.reliability;
    rows.push({
      name: `${c.file}: 28-day job, ${r.replications} replications`,
      chips: system.chipCount,
      stepSource: options.fullStep ? 'simulated at full size' : `proxy: the same replica on ${c.proxyCount} UltraServers`,
      stepTimeS: step.stepTimeS,
      buildWallS,
      stepsWallS,
      longJobWallS,
      replications: r.replications,
      events: r.eventsSimulated,
      goodput: r.goodput,
      goodputLow: r.goodputCi95?.low ?? null,
      goodputHigh: r.goodputCi95?.high ?? null,
      failures: r.failures,
      systemMtbfS: r.systemMtbfS,
      lost: { ...r.lostS },
    });
  }
  return rows;
}

export function formatReliabilityBench(rows: readonly ReliabilityBenchRow[]): string {
  const pct = (v: number | null): string => (v === null ? '-' : `${(v * 100).toFixed(1)}%`);
  const lines = [
    '| case | chips | step time (s), source | build (s) | step sims (s) | long job (s) | events | goodput (95 % CI) | failures | system MTBF (min) |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.name} | ${r.chips} | ${r.stepTimeS.toFixed(3)}, ${r.stepSource} | ${r.buildWallS.toFixed(3)} | ${r.stepsWallS.toFixed(2)} | ${r.longJobWallS.toFixed(3)} | ${r.events} | ` +
        `${pct(r.goodput)} (${pct(r.goodputLow)} - ${pct(r.goodputHigh)}) | ${r.failures.toFixed(0)} | ${r.systemMtbfS === null ? '-' : (r.systemMtbfS / 60).toFixed(1)} |`,
    );
  }
  lines.push('', 'Lost wall time by cause (share of the job):', '');
  for (const r of rows) {
    const wall = Object.values(r.lost).reduce((a, b) => a + b, 0) + r.goodput * 28 * 86_400;
    lines.push(`- ${r.name}: ${Object.entries(r.lost).map(([k, v]) => `${k} ${((100 * v) / wall).toFixed(1)}%`).join(', ')}`);
  }
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const quick = process.argv.includes('--quick');
  const full = process.argv.includes('--full');
  console.log(formatReliabilityBench(runReliabilityBench({ ...(quick ? { replications: 1 } : {}), fullStep: full })));
}
