/**
 * `npm run -s bench:hold -- <N> <M> <SEED>`: one HOLD cell in this fresh process, printed as exactly
 * one JSON line in the peers' format (../shared/peers/README.md):
 * {"peer":"trnsim","n":..,"m":..,"seed":..,"eventsPerSecond":..,"endTime":..}
 * Exit codes as the peers' run-peer.sh: 0 ok, 2 usage.
 * TRNSIM_HOLD_ARITY=4 runs the engine on its 4-ary heap instead of the default binary heap (the
 * bench's layout comparison); the printed peer is then "trnsim-4ary".
 */
import { runHold } from './hold.js';

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
const arityText = process.env['TRNSIM_HOLD_ARITY'] ?? '2';
if (arityText !== '2' && arityText !== '4') usage(`TRNSIM_HOLD_ARITY must be 2 or 4, got '${arityText}'`);
const arity = arityText === '4' ? 4 : 2;
const r = runHold(n, m, seed, arity);
// JSON.stringify prints the shortest decimal that round-trips, like the peers' endTime
process.stdout.write(
  JSON.stringify({ peer: arity === 4 ? 'trnsim-4ary' : r.peer, n, m, seed, eventsPerSecond: Math.round(r.eventsPerSecond * 10) / 10, endTime: r.endTime }) + '\n',
);
