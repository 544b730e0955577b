/**
 * Runs one HOLD cell of a peer (../shared/peers/run-peer.sh) or of trnsim (dist/bench/hold-cli.js),
 * each in a fresh child process, and parses its one JSON line.
 *
 * The peers directory is found relative to the repository as ../shared/peers, or from the
 * environment variable TRNSIM_PEERS_DIR. C++ peers are built into <repo>/.peer-build (gitignored).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { QueueKind } from '../src/engine/index.js';

export type PeerName = 'trnsim' | 'trnsim-binary-heap' | 'trnsim-4ary' | 'cpp-std-pq' | 'cpp-4ary' | 'simpy' | 'simgrid';

/** The engine's queue kind behind each trnsim row: the default (ladder) and the two heaps. */
export const TRNSIM_QUEUES: Readonly<Record<string, QueueKind>> = {
  trnsim: 'ladder',
  'trnsim-binary-heap': 'binary-heap',
  'trnsim-4ary': '4-ary-heap',
};
export const EXTERNAL_PEERS: readonly PeerName[] = ['cpp-std-pq', 'cpp-4ary', 'simpy', 'simgrid'];

export interface HoldCell {
  peer: string;
  n: number;
  m: number;
  seed: number;
  eventsPerSecond: number;
  endTime: number;
}

/** Outcome of one cell: a result, or why there is none (a missing peer is a note, not a failure). */
export type CellOutcome = { ok: true; cell: HoldCell } | { ok: false; missing: boolean; note: string };

/** The repository root (this file is <repo>/bench/peers.ts, compiled to <repo>/dist/bench/peers.js). */
export function repoRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return here.includes(`${join('dist', 'bench')}`) ? resolve(here, '..', '..') : resolve(here, '..');
}

export function peersDir(): string {
  return process.env['TRNSIM_PEERS_DIR'] ?? resolve(repoRoot(), '..', 'shared', 'peers');
}

export function runPeerScript(): string {
  return join(peersDir(), 'run-peer.sh');
}

/** Runs one cell; never throws. */
export function runCell(peer: PeerName, n: number, m: number, seed: number, timeoutMs = 600_000): CellOutcome {
  const root = repoRoot();
  let cmd: string;
  let args: string[];
  let env = process.env;
  const queue = TRNSIM_QUEUES[peer];
  if (queue !== undefined) {
    cmd = process.execPath;
    args = [join(root, 'dist', 'bench', 'hold-cli.js'), String(n), String(m), String(seed)];
    env = { ...process.env, TRNSIM_HOLD_QUEUE: queue };
  } else {
    const script = runPeerScript();
    if (!existsSync(script)) return { ok: false, missing: true, note: `${script} not found (set TRNSIM_PEERS_DIR)` };
    cmd = script;
    args = [peer, String(n), String(m), String(seed)];
    env = { ...process.env, PEER_BUILD_DIR: process.env['PEER_BUILD_DIR'] ?? join(root, '.peer-build') };
  }
  const r = spawnSync(cmd, args, { cwd: root, env, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 1 << 20 });
  if (r.error) return { ok: false, missing: false, note: `${peer}: ${r.error.message}` };
  if (r.status !== 0) {
    const why = (r.stderr ?? '').trim().split('\n').slice(-2).join(' ');
    return { ok: false, missing: r.status === 3, note: `${peer} exited ${r.status ?? r.signal}: ${why}` };
  }
  const line = (r.stdout ?? '').trim().split('\n').pop() ?? '';
  try {
    const cell = JSON.parse(line) as HoldCell;
    if (typeof cell.eventsPerSecond !== 'number' || typeof cell.endTime !== 'number') throw new Error('fields missing');
    return { ok: true, cell };
  } catch (e) {
    return { ok: false, missing: false, note: `${peer} printed no JSON cell (${(e as Error).message}): ${line}` };
  }
}
