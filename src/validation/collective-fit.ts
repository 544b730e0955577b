/**
 * The one-time fit of the collective calibration (src/collectives/params.ts) to every public
 * nccom-test case of data/validation/collectives.json (C2, C3, AG32, AR64N2, R2, P8). Kept as code so the fit
 * can be re-run and checked: `node dist/src/validation/collective-fit.js` prints the fitted values
 * and the residuals (docs/collectives.md "Calibration"). Objective: the sum over every case of
 * log(simulated / published)^2, weighted by 1 / (cases from the same published table), so each table
 * counts once whatever its number of rows and each point weighs alike whatever its magnitude.
 * Fitted: launch per round, barrier (stand-alone) step overhead, ring step overhead, local step
 * overhead, KangaRing set-up and the mesh rate. Not fitted: the in-graph step overhead (anchored on a
 * reported 2-rank sendrecv, hardware.md §3.1), the DMA efficiency (anchored on C2 at 1 GiB, see
 * params.ts), KangaRing's 1R2W savings (official, hardware.md §4), per-hop latencies (hardware layer).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildSystem } from '../hardware/index.js';
import type { SystemRequest } from '../hardware/types.js';
import { closedFormTimeS, DEFAULT_COLLECTIVE_PARAMS } from '../collectives/index.js';
import type { CollectiveOp, CollectiveParams } from '../collectives/index.js';
import { defaultDataDir } from './load-cases.js';
import type { ValidationCase } from './types.js';

const FITTED: ReadonlyArray<keyof CollectiveParams> = [
  'launchOverheadPerRoundS',
  'standaloneStepOverheadS',
  'ringStepOverheadS',
  'localStepOverheadS',
  'kangaringSetupS',
  'meshBytesPerSecondPerRank',
];

interface Point {
  id: string;
  /** 1 / points of the same published table (id prefix before the first '-'): each table weighs alike. */
  weight: number;
  publishedS: number;
  time: (p: Partial<CollectiveParams>) => number;
}

function points(): Point[] {
  const cases = JSON.parse(readFileSync(join(defaultDataDir(), 'collectives.json'), 'utf8')) as ValidationCase[];
  const table = (id: string) => id.split('-')[0]!;
  const perTable = new Map<string, number>();
  for (const c of cases) perTable.set(table(c.id), (perTable.get(table(c.id)) ?? 0) + 1);
  return cases.map((c) => {
    const p = c.params as { system: SystemRequest; op: CollectiveOp; ranks: number; sizeBytes: number; targets?: number[] };
    const system = buildSystem(p.system);
    const ranks = Array.from({ length: p.ranks }, (_, i) => i);
    return { id: c.id, weight: 1 / perTable.get(table(c.id))!, publishedS: c.published * 1e-6, time: (params) => closedFormTimeS(system, { op: p.op, ranks, sizeBytes: p.sizeBytes, ...(p.targets ? { targets: p.targets } : {}) }, { params }) };
  });
}

function loss(pts: Point[], params: Partial<CollectiveParams>): number {
  let s = 0;
  for (const p of pts) s += p.weight * Math.log(p.time(params) / p.publishedS) ** 2;
  return s;
}

/** Coordinate descent on log-parameters, from the defaults; returns the fitted values and residuals. */
export function fitCollectiveParams(iterations = 200): { params: Partial<CollectiveParams>; residuals: Array<{ id: string; relError: number }> } {
  const pts = points();
  const x: Record<string, number> = {};
  // a constant at zero cannot move under multiplicative steps: restart it from 1 us (or 1e-6 of its unit)
  for (const k of FITTED) x[k] = DEFAULT_COLLECTIVE_PARAMS[k] > 0 ? DEFAULT_COLLECTIVE_PARAMS[k] : 1e-6;
  let step = 0.5;
  let best = loss(pts, x);
  for (let it = 0; it < iterations; it++) {
    let improved = false;
    for (const k of FITTED) {
      for (const dir of [1, -1]) {
        const trial = { ...x, [k]: x[k]! * Math.exp(dir * step) };
        const l = loss(pts, trial);
        if (l < best) {
          best = l;
          Object.assign(x, trial);
          improved = true;
        }
      }
    }
    if (!improved) step /= 2;
    if (step < 1e-4) break;
  }
  return { params: x, residuals: pts.map((p) => ({ id: p.id, relError: p.time(x) / p.publishedS - 1 })) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { params, residuals } = fitCollectiveParams();
  console.log(JSON.stringify(params, null, 2));
  for (const r of residuals) console.log(`${r.id.padEnd(10)} ${(r.relError * 100).toFixed(1)}%`);
}
