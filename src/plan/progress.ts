/**
 * Progress of a plan on stderr: one line rewritten in place on a terminal, plain lines (at most one
 * every few seconds, and at each phase) otherwise, so logs of batch jobs stay readable.
 */
import type { PlanProgress } from './types.js';

const PLAIN_EVERY_S = 5;

export function planProgress(stream: NodeJS.WriteStream = process.stderr, enabled = true): { update(p: PlanProgress): void; stop(): void } {
  if (!enabled) return { update() {}, stop() {} };
  const tty = stream.isTTY === true;
  let lastS = -Infinity;
  let lastPhase = '';
  let wrote = false;
  const text = (p: PlanProgress): string =>
    p.phase === 'enumerate'
      ? 'plan: enumerating candidates and pruning by closed forms'
      : `plan: ${p.candidates} candidates, ${p.toSimulate} past the closed forms; simulated ${p.simulated}, skipped by bound ${p.skipped} (${p.elapsedS.toFixed(1)} s)`;
  return {
    update(p) {
      if (tty) {
        stream.write(`\r\x1b[2K${text(p)}`);
        wrote = true;
        return;
      }
      if (p.phase !== lastPhase || p.elapsedS - lastS >= PLAIN_EVERY_S) {
        stream.write(`${text(p)}\n`);
        lastS = p.elapsedS;
        lastPhase = p.phase;
      }
    },
    stop() {
      if (tty && wrote) stream.write('\n');
    },
  };
}
