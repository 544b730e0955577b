/**
 * One measurement in a fresh process (start-up included, as a user's run pays it), for the plan
 * suite: `node plan-child.js sweep <file> <workers>` or `node plan-child.js plan <file> <workers>`.
 * Prints one JSON line.
 */
import { performance } from 'node:perf_hooks';
import { runSweep } from '../../src/sweep/index.js';
import { plan } from '../../src/plan/index.js';

const [kind, file, workersText] = process.argv.slice(2);
const workers = Number(workersText);
const t0 = performance.now();
// CPU of every thread of this process (workers included): what the run cost, whatever the load
const cpuS = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
if (kind === 'sweep') {
  const s = await runSweep(file!, { workers }).finished();
  process.stdout.write(`${JSON.stringify({ kind, workers, points: s.ran, wallS: (performance.now() - t0) / 1000, pointsPerSecond: s.ran / ((performance.now() - t0) / 1000), cpuS: cpuS() })}\n`);
} else {
  const r = await plan(file!, { workers });
  const wallS = (performance.now() - t0) / 1000;
  process.stdout.write(`${JSON.stringify({ kind, workers, candidates: r.candidates, evaluated: r.evaluated, pareto: r.pareto.length, wallS, candidatesPerSecond: r.candidates / wallS, simulationsPerSecond: r.evaluated / wallS, cpuS: cpuS() })}\n`);
}
