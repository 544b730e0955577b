/**
 * One point of the Rainier scaling bench, run in its own process so that its peak RSS is its own:
 * builds a Trn2 UltraServer cluster, runs one training step, prints one JSON line.
 * Run: node dist/bench/suites/rainier-point.js <model> <tp> <pp> <ultraservers> <bf16|fp8> [none|chip|link|both]
 */
import { buildSystem } from '../../src/hardware/index.js';
import type { Fault } from '../../src/hardware/types.js';
import { modelPresets, runTraining } from '../../src/workload/index.js';
import type { TrainingWorkload } from '../../src/workload/types.js';

export interface RainierPoint {
  readonly chips: number;
  readonly wallS: number;
  readonly maxRssBytes: number;
  readonly stepTimeS: number;
  readonly ranksSimulated: number;
  readonly ranksTotal: number;
  readonly events: number;
}

/** One fault of each kind, placed well inside the cluster (the same ids at every size they fit). */
export function benchFaults(kind: string, ultraservers: number): Fault[] {
  const u = Math.floor(ultraservers / 2);
  const chip: Fault = { kind: 'slow-chip', chip: u * 64 + 21, slowdown: 1.3 };
  const link: Fault = { kind: 'slow-link', link: `us${u}.s1.c3.y+`, bandwidthFactor: 0.2 };
  return kind === 'chip' ? [chip] : kind === 'link' ? [link] : kind === 'both' ? [chip, link] : [];
}

export function runPoint(model: string, tp: number, pp: number, ultraservers: number, precision: 'bf16' | 'fp8', fault: string): RainierPoint {
  const t0 = performance.now();
  const faults = benchFaults(fault, ultraservers);
  const system = buildSystem({ preset: 'trn2-ultraserver', count: ultraservers, ...(faults.length ? { faults } : {}) });
  const dp = system.rankCount / (tp * pp);
  const m = modelPresets[model];
  if (!m) throw new Error(`bench: unknown model ${model}`);
  const w: TrainingWorkload = {
    kind: 'training', model: m, precision, sequenceLength: 8192, globalBatch: dp * 8, microBatch: 1, recompute: 'selective',
    parallelism: { tp, pp, dp, cp: 1, ep: 1, zero: 1, sequenceParallel: true, schedule: '1f1b', virtualStages: 1 },
  };
  const r = runTraining(system, w, { seed: 1, name: 'rainier' });
  return {
    chips: system.chipCount,
    wallS: (performance.now() - t0) / 1000,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    stepTimeS: r.stepTimeS,
    ranksSimulated: r.ranksSimulated,
    ranksTotal: r.ranksTotal,
    events: r.eventsSimulated,
  };
}

if (process.argv[1]?.endsWith('rainier-point.js')) {
  const [model, tp, pp, us, prec, fault] = process.argv.slice(2);
  process.stdout.write(`${JSON.stringify(runPoint(model!, Number(tp), Number(pp), Number(us), prec === 'fp8' ? 'fp8' : 'bf16', fault ?? 'none'))}\n`);
}
