/**
 * Progress of a single long `trnsim run` on stderr, from the run's event meter: nothing for a run
 * that ends within two seconds; then one line rewritten in place on a terminal, or a plain line
 * every ten seconds when stderr is not a terminal (batch logs).
 */
import type { RunProgress } from '../scenario/work-limits.js';

const QUIET_S = 2;
const LOG_EVERY_S = 10;

export interface ProgressLine {
  readonly onProgress: (p: RunProgress) => void;
  stop(): void;
}

function events(x: number): string {
  return x >= 1e6 ? `${(x / 1e6).toFixed(1)}M` : x >= 1e3 ? `${(x / 1e3).toFixed(0)}k` : String(Math.round(x));
}

export function progressText(p: RunProgress): string {
  const share =
    p.estimatedEvents <= 0 ? '' : p.events < p.estimatedEvents ? ` (${Math.floor((100 * p.events) / p.estimatedEvents)}% of the estimate, ~${events(p.estimatedEvents)})` : ` (past the estimate of ~${events(p.estimatedEvents)})`;
  return `trnsim: simulating: ${events(p.events)} events${share}, ${Math.round(p.elapsedS)} s`;
}

export function runProgress(stream: NodeJS.WriteStream = process.stderr, enabled = true): ProgressLine {
  const tty = stream.isTTY === true;
  let lastLogS = 0;
  let drawn = false;
  return {
    onProgress(p) {
      if (!enabled || p.elapsedS < QUIET_S) return;
      if (tty) {
        stream.write(`\r${progressText(p)}\x1b[K`);
        drawn = true;
      } else if (lastLogS === 0 || p.elapsedS - lastLogS >= LOG_EVERY_S) {
        stream.write(`${progressText(p)}\n`);
        lastLogS = p.elapsedS;
      }
    },
    stop() {
      if (drawn) stream.write('\r\x1b[K');
      drawn = false;
    },
  };
}
