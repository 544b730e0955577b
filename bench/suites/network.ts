/**
 * Network benchmark (issue 5; docs/performance.md "Network"): flows started at t = 0 between
 * seeded random chip pairs, run to completion on a max-min FlowNetwork, on a 64-chip Trn2
 * UltraServer and on a 1,024-chip EFA cluster (16 UltraServers). Two size laws:
 *   'equal'   every flow 16 MiB: flows of equal rate finish together, so completions batch (the
 *             shape of a collective's phase);
 *   'uniform' sizes uniform in [64 KiB, 16 MiB]: nearly every completion is its own event and
 *             recomputation (the stress case).
 * Reports flows completed per wall second, wall time per network event (an arrival batch or a
 * completion batch) and per flow, and the mean classes the solver saw per recomputation.
 * Run: node dist/bench/suites/network.js [--quick]
 */
import { pathToFileURL } from 'node:url';
import { buildSystem } from '../../src/hardware/index.js';
import { runNetworkLoad } from './network-load.js';
import type { SizeDistribution } from './network-load.js';

export interface NetworkBenchRow {
  readonly name: string;
  readonly chips: number;
  readonly flows: number;
  readonly sizes: SizeDistribution;
  readonly mode: 'flow' | 'alpha-beta';
  readonly wallS: number;
  readonly cpuS: number;
  readonly flowsPerSecond: number;
  readonly networkEvents: number;
  readonly usPerNetworkEvent: number;
  readonly usPerFlow: number;
  readonly meanClassesPerRecompute: number;
}

interface Case {
  system: { preset: string; count: number; label: string };
  flows: number;
  sizes: SizeDistribution;
  mode?: 'flow' | 'alpha-beta';
}

const US = { preset: 'trn2-ultraserver', count: 1, label: 'Trn2 UltraServer (64 chips)' };
const CLUSTER = { preset: 'trn2-ultraserver', count: 16, label: '16 UltraServers, EFA (1,024 chips)' };

function cases(quick: boolean): Case[] {
  if (quick) {
    return [
      { system: US, flows: 1e4, sizes: 'equal' },
      { system: US, flows: 1e3, sizes: 'uniform' },
      { system: CLUSTER, flows: 1e4, sizes: 'equal' },
    ];
  }
  return [
    { system: US, flows: 1e3, sizes: 'equal' },
    { system: US, flows: 1e4, sizes: 'equal' },
    { system: US, flows: 1e5, sizes: 'equal' },
    { system: US, flows: 1e3, sizes: 'uniform' },
    { system: US, flows: 3e3, sizes: 'uniform' },
    { system: US, flows: 1e4, sizes: 'uniform' },
    // the target case: 1e5 concurrent flows, every completion its own recomputation
    { system: US, flows: 1e5, sizes: 'uniform' },
    { system: CLUSTER, flows: 1e4, sizes: 'equal' },
    { system: CLUSTER, flows: 1e5, sizes: 'equal' },
    { system: CLUSTER, flows: 1e3, sizes: 'uniform' },
    { system: CLUSTER, flows: 3e3, sizes: 'uniform' },
    { system: CLUSTER, flows: 1e5, sizes: 'uniform', mode: 'alpha-beta' },
  ];
}

export function runNetworkBench(options: { quick?: boolean } = {}): NetworkBenchRow[] {
  const rows: NetworkBenchRow[] = [];
  for (const c of cases(options.quick ?? false)) {
    const topology = buildSystem({ preset: c.system.preset, count: c.system.count }).topology;
    const mode = c.mode ?? 'flow';
    const r = runNetworkLoad(topology, { flowCount: c.flows, sizes: c.sizes, seed: 1, mode });
    rows.push({
      name: `${c.system.label}, ${c.flows} flows, ${c.sizes} sizes${mode === 'alpha-beta' ? ', alpha-beta' : ''}`,
      chips: topology.chipCount,
      flows: c.flows,
      sizes: c.sizes,
      mode,
      wallS: r.wallS,
      cpuS: r.cpuS,
      flowsPerSecond: r.flowsPerSecond,
      networkEvents: r.counters.networkEvents,
      usPerNetworkEvent: r.usPerNetworkEvent,
      usPerFlow: r.usPerFlow,
      meanClassesPerRecompute: r.meanClassesPerRecompute,
    });
  }
  return rows;
}

export function formatNetworkBench(rows: readonly NetworkBenchRow[]): string {
  const head = '| case | wall s | CPU s | flows/s | network events | us/event | us/flow | classes/recompute |\n|---|---:|---:|---:|---:|---:|---:|---:|';
  const body = rows.map(
    (r) =>
      `| ${r.name} | ${r.wallS.toFixed(2)} | ${r.cpuS.toFixed(2)} | ${Math.round(r.flowsPerSecond)} | ${r.networkEvents} | ` +
      `${r.usPerNetworkEvent.toFixed(0)} | ${r.usPerFlow.toFixed(1)} | ${r.meanClassesPerRecompute.toFixed(1)} |`,
  );
  return [head, ...body].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = runNetworkBench({ quick: process.argv.includes('--quick') });
  console.log(formatNetworkBench(rows));
}
