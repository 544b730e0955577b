/**
 * Training-step benchmark (issue 7 targets: a 64-chip UltraServer Llama-3.1-70B step in < 1 s wall,
 * a 1,024-chip step in < 10 s; docs/performance.md "Training step"). Each case runs runTraining on
 * a catalogue system and reports wall time (median of `repeats`, including building the graph and
 * timing its collectives): cold (first run on a fresh system, every distinct collective simulated
 * on the flow network) and the median of the repeats (collectives cached), events simulated and
 * the simulated step time.
 * Run: node dist/bench/suites/training.js [--quick]
 */
import { pathToFileURL } from 'node:url';
import { buildSystem } from '../../src/hardware/index.js';
import { modelPresets, runTraining } from '../../src/workload/index.js';
import type { Parallelism, TrainingWorkload } from '../../src/workload/types.js';

export interface TrainingBenchRow {
  readonly name: string;
  readonly chips: number;
  /** First run on a freshly built system: includes timing every distinct collective on the flow network. */
  readonly coldWallS: number;
  /** Median of the repeats (after the first, collectives come from the collectives layer's cache). */
  readonly wallS: number;
  readonly events: number;
  readonly stepTimeS: number;
  readonly mfu: number;
}

function training(model: string, seq: number, gbs: number, par: Partial<Parallelism>): TrainingWorkload {
  const m = modelPresets[model];
  if (!m) throw new Error(`bench: unknown model preset ${model}`);
  return {
    kind: 'training', model: m, precision: 'bf16', sequenceLength: seq, globalBatch: gbs, microBatch: 1, recompute: 'selective',
    parallelism: { tp: 1, pp: 1, dp: 1, cp: 1, ep: 1, zero: 1, sequenceParallel: true, schedule: '1f1b', virtualStages: 1, ...par },
  };
}

function cases(): Array<{ name: string; preset: string; count: number; workload: TrainingWorkload }> {
  return [
    { name: 'Llama-3.1-70B, 1 Trn2 UltraServer (64 chips), TP32 PP8, GBS 64, seq 8k', preset: 'trn2-ultraserver', count: 1, workload: training('llama-3.1-70b', 8192, 64, { tp: 32, pp: 8, dp: 1 }) },
    { name: 'Llama-3.1-70B, 1 Trn2 UltraServer (64 chips), TP32 PP8, GBS 1024 (1,024 micro-batches)', preset: 'trn2-ultraserver', count: 1, workload: training('llama-3.1-70b', 8192, 1024, { tp: 32, pp: 8, dp: 1 }) },
    { name: 'Llama-3.1-70B, 16 Trn2 UltraServers (1,024 chips), TP32 PP8 DP16, GBS 1024', preset: 'trn2-ultraserver', count: 16, workload: training('llama-3.1-70b', 8192, 1024, { tp: 32, pp: 8, dp: 16 }) },
    { name: 'Llama-3.1-70B, 16 Trn2 UltraServers, TP32 PP8 DP16 interleaved v5, GBS 1024', preset: 'trn2-ultraserver', count: 16, workload: training('llama-3.1-70b', 8192, 1024, { tp: 32, pp: 8, dp: 16, schedule: 'interleaved', virtualStages: 5 }) },
    { name: 'T3: Llama2-7B, 16 x trn1.32xlarge (256 chips), TP8 DP64, GBS 1024', preset: 'trn1.32xlarge', count: 16, workload: training('llama-2-7b', 4096, 1024, { tp: 8, dp: 64 }) },
  ];
}

export function runTrainingBench(options: { repeats?: number } = {}): TrainingBenchRow[] {
  const repeats = options.repeats ?? 3;
  const rows: TrainingBenchRow[] = [];
  for (const c of cases()) {
    const walls: number[] = [];
    let chips = 0;
    let events = 0;
    let stepTimeS = 0;
    let mfu = 0;
    for (let i = 0; i < repeats; i++) {
      // a fresh System each repeat: collective answers are kept per System across runs
      // (collectives/cost.ts), and a repeat on the same one would time cache hits, not simulation
      const system = buildSystem({ preset: c.preset, count: c.count });
      chips = system.chipCount;
      const t0 = performance.now();
      const r = runTraining(system, c.workload, { seed: 1, name: c.name });
      walls.push((performance.now() - t0) / 1000);
      events = r.eventsSimulated;
      stepTimeS = r.stepTimeS;
      mfu = r.mfu;
    }
    const coldWallS = walls[0]!;
    walls.sort((a, b) => a - b);
    rows.push({ name: c.name, chips, coldWallS, wallS: walls[Math.floor(walls.length / 2)]!, events, stepTimeS, mfu });
  }
  return rows;
}

export function formatTrainingBench(rows: readonly TrainingBenchRow[]): string {
  const lines = ['| case | chips | cold wall (s) | wall (s, median) | events | simulated step (s) | MFU |', '|---|---|---|---|---|---|---|'];
  for (const r of rows) lines.push(`| ${r.name} | ${r.chips} | ${r.coldWallS.toFixed(3)} | ${r.wallS.toFixed(3)} | ${r.events} | ${r.stepTimeS.toFixed(3)} | ${(r.mfu * 100).toFixed(1)}% |`);
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const quick = process.argv.includes('--quick');
  console.log(formatTrainingBench(runTrainingBench(quick ? { repeats: 1 } : {})));
}
