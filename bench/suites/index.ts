/**
 * The benchmark suites `npm run bench` knows, in run order. Adding one: write
 * bench/suites/<name>.ts and add one entry here. Each entry imports its module lazily, so
 * `npm run bench -- engine` loads only the engine suite.
 */

export interface SuiteReport {
  /** Markdown for the terminal and docs/performance.md. */
  text: string;
  /** The measured values (written to the JSON file with --json). */
  data: unknown;
}

export interface BenchSuite {
  name: string;
  description: string;
  run(log: (line: string) => void): Promise<SuiteReport>;
}

export const SUITES: readonly BenchSuite[] = [
  {
    name: 'engine',
    description: 'event core: micro-benchmarks, HOLD vs C++/SimPy/SimGrid peers, GC check',
    run: async (log) => {
      const m = await import('./engine.js');
      const data = await m.runEngineBench({ log });
      return { text: m.formatEngineBench(data), data };
    },
  },
  {
    name: 'hardware',
    description: 'catalogue: Rainier-size build time, heap, routes/s',
    run: async () => {
      const m = await import('./hardware.js');
      const data = m.runHardwareBench();
      return { text: m.formatHardwareBench(data), data };
    },
  },
  {
    name: 'network',
    description: 'flow-level network: UltraServer and 1,024-chip EFA cluster',
    run: async () => {
      const m = await import('./network.js');
      const data = m.runNetworkBench();
      return { text: m.formatNetworkBench(data), data };
    },
  },
  {
    name: 'collectives',
    description: 'collectives: 64-chip UltraServer all-reduce sweep 8 B-1 GiB, C3 sweep, cached calls',
    run: async () => {
      const m = await import('./collectives.js');
      const data = m.runCollectivesBench();
      return { text: m.formatCollectivesBench(data), data };
    },
  },
  {
    name: 'training',
    description: 'training step simulation',
    run: async () => {
      const m = await import('./training.js');
      const data = m.runTrainingBench();
      return { text: m.formatTrainingBench(data), data };
    },
  },
  {
    name: 'rainier',
    description: 'Project Rainier scale: a 1M-chip step healthy and with faults, wall and RSS from 64 chips to 1M',
    run: async () => {
      const m = await import('./rainier.js');
      const data = m.runRainierBench();
      return { text: m.formatRainierBench(data), data };
    },
  },
  {
    name: 'reliability',
    description: 'long job: 28 days of a 500k-chip Rainier job with failures, event by event',
    run: async () => {
      const m = await import('./reliability.js');
      const data = m.runReliabilityBench();
      return { text: m.formatReliabilityBench(data), data };
    },
  },
  {
    name: 'inference',
    description: 'inference serving simulation',
    run: async () => {
      const m = await import('./inference.js');
      const data = m.runInferenceBench();
      return { text: m.formatInferenceBench(data), data };
    },
  },
  {
    name: 'sweep',
    description: 'sweeps in worker threads',
    run: async () => {
      const m = await import('./sweep.js');
      const data = await m.runSweepBench();
      return { text: m.formatSweepBench(data), data };
    },
  },
  {
    name: 'plan',
    description: 'capacity plans and bundled sweeps on 1 vs 2 workers (fresh processes), plan wall times',
    run: async (log) => {
      const m = await import('./plan.js');
      const data = m.runPlanBench({ log });
      return { text: m.formatPlanBench(data), data };
    },
  },
];
