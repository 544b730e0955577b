/**
 * `npm run -s bench:hold -- <N> <M> <SEED>`: one HOLD cell in this fresh process, printed as exactly
 * one JSON line in the peers' format (../shared/peers/README.md):
 * {"peer":"trnsim","n":..,"m":..,"seed":..,"eventsPerSecond":..,"endTime":..}
 * Exit codes as the peers' run-peer.sh: 0 ok, 2 usage.
 * TRNSIM_HOLD_QUEUE=binary-heap or 4-ary-heap runs the engine on a heap instead of its default
 * ladder queue (the bench's comparison); the printed peer is then "trnsim-binary-heap" or
 * "trnsim-4ary".
 */
import { runHold } from './hold.js';
import { TRNSIM_QUEUES } from './peers.js';

function usage(problem: string): never {
  process.stderr.write(
    `usage: npm run -s bench:hold -- <N> <M> <SEED>   (N pending events >= 1, M holds >= 1, SEED 0..4294967295)\n` +
      `error: ${problem}\n`,
  );
  process.exit(2);
}

function parseCount(name: string, text: string | undefined, min: number, max: number): number {
  if (text === undefined || !/^[0-9]{1,16}$/.test(text)) usage(`${name} must be a non-negative integer, got '${text ?? ''}'`);
  const v = Number(text);
  if (v < min || v > max) usage(`${name} must be in ${min}..${max}, got ${v}`);
  return v;
}

const args = process.argv.slice(2);
if (args.length !== 3) usage(`expected 3 arguments, got ${args.length}`);
const n = parseCount('N', args[0], 1, 2 ** 26 - 1);
const m = parseCount('M', args[1], 1, Number.MAX_SAFE_INTEGER);
const seed = parseCount('SEED', args[2], 0, 4294967295);
const queueText = process.env['TRNSIM_HOLD_QUEUE'] ?? 'ladder';
// the printed peer is the HOLD table's row for this queue kind
const row = Object.entries(TRNSIM_QUEUES).find(([, q]) => q === queueText);
if (row === undefined) usage(`TRNSIM_HOLD_QUEUE must be one of ${Object.values(TRNSIM_QUEUES).join(', ')}, got '${queueText}'`);
const [peer, queue] = row;
const r = runHold(n, m, seed, queue);
// JSON.stringify prints the shortest decimal that round-trips, like the peers' endTime
process.stdout.write(
  JSON.stringify({ peer, n, m, seed, eventsPerSecond: Math.round(r.eventsPerSecond * 10) / 10, endTime: r.endTime }) + '\n',
);
