/**
 * Progress on stderr while a sweep runs: points done/total, rate and ETA (cli-progress). Quiet
 * when stderr is not a terminal, so logs of batch jobs stay clean.
 */
import cliProgress from 'cli-progress';
import type { SweepProgress } from './run-sweep.js';

export interface ProgressDisplay {
  update(p: SweepProgress): void;
  stop(): void;
}

export function stderrProgress(enabled = process.stderr.isTTY === true): ProgressDisplay {
  if (!enabled) return { update() {}, stop() {} };
  let bar: cliProgress.SingleBar | undefined;
  return {
    update(p) {
      if (bar === undefined) {
        bar = new cliProgress.SingleBar(
          { format: 'sweep [{bar}] {value}/{total} points | {rate} points/s | ETA {eta_formatted}', stream: process.stderr, etaBuffer: 50, hideCursor: true },
          cliProgress.Presets.shades_classic,
        );
        bar.start(p.toDo, 0, { rate: '0.00' });
      }
      bar.update(p.done, { rate: p.pointsPerSecond.toFixed(2) });
    },
    stop() {
      bar?.stop();
    },
  };
}
