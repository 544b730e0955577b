/**
 * The HOLD comparison of issue 3: events/s of trnsim and of every peer the machine can run, at
 * N = 1e3, 1e5, 1e6 in the same run, several interleaved rounds of fresh processes, medians, with
 * ratios to C++ std::priority_queue, plus the end-time check (trnsim vs cpp-std-pq at the same N, M
 * and seed: |a - b| <= 1e-12 |b|; ../shared/peers/README.md).
 */
import { freemem } from 'node:os';
import { runCell, type CellOutcome, type HoldCell, type PeerName } from './peers.js';

export const HOLD_NS = [1_000, 100_000, 1_000_000] as const;
export const HOLD_SEED = 12345;

/** Holds (M) per peer and N, chosen as the peers README does, shortened for the library peers. */
export function holdsFor(peer: PeerName, n: number): number {
  if (peer === 'simpy') return n >= 1_000_000 ? 200_000 : 500_000;
  if (peer === 'simgrid') return n >= 1_000_000 ? 200_000 : n >= 100_000 ? 300_000 : 500_000;
  return 5_000_000;
}

export interface HoldTableOptions {
  rounds?: number;
  peers?: readonly PeerName[];
  ns?: readonly number[];
  /** Called after each cell (progress on stderr). */
  onCell?: (peer: PeerName, n: number, round: number, outcome: CellOutcome) => void;
}

export interface HoldTableRow {
  peer: PeerName;
  /** Per N: median events/s and its ratio to cpp-std-pq's median, or a note. */
  cells: Array<{ n: number; m: number; runs: number[]; medianEventsPerSecond: number | null; ratioToStdPq: number | null; note?: string }>;
}

export interface EndTimeCheck {
  n: number;
  m: number;
  trnsim: number;
  cppStdPq: number;
  relativeDifference: number;
  ok: boolean;
}

export interface HoldTableReport {
  rounds: number;
  seed: number;
  rows: HoldTableRow[];
  endTimeChecks: EndTimeCheck[];
  notes: string[];
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** SimGrid needs ~9 GB and ~30 s of setup at N = 1e6 (peers README): run it once, if memory allows. */
function simgridAllowed(n: number, round: number): string | null {
  if (n < 1_000_000) return null;
  if (round > 0) return 'SimGrid at N = 1e6: one round only (~30 s setup per run)';
  if (freemem() < 12e9) return `SimGrid at N = 1e6 skipped: needs ~9 GB, ${(freemem() / 1e9).toFixed(1)} GB free`;
  return null;
}

export function runHoldTable(options: HoldTableOptions = {}): HoldTableReport {
  const rounds = options.rounds ?? 3;
  const peers = options.peers ?? (['cpp-std-pq', 'cpp-4ary', 'trnsim', 'trnsim-binary-heap', 'trnsim-4ary', 'simpy', 'simgrid'] as const);
  const ns = options.ns ?? HOLD_NS;
  const runs = new Map<string, HoldCell[]>();
  const notes = new Map<string, string>();
  const missing = new Set<PeerName>();
  for (let round = 0; round < rounds; round++) {
    for (const n of ns) {
      for (const peer of peers) {
        if (missing.has(peer)) continue;
        const key = `${peer}@${n}`;
        const skip = peer === 'simgrid' ? simgridAllowed(n, round) : null;
        if (skip !== null) {
          if (!notes.has(key)) notes.set(key, skip);
          continue;
        }
        const outcome = runCell(peer, n, holdsFor(peer, n), HOLD_SEED);
        options.onCell?.(peer, n, round, outcome);
        if (outcome.ok) {
          const list = runs.get(key) ?? [];
          list.push(outcome.cell);
          runs.set(key, list);
        } else if (outcome.missing) {
          missing.add(peer);
          notes.set(peer, `${peer} skipped: ${outcome.note}`);
        } else notes.set(key, outcome.note);
      }
    }
  }
  const medianOf = (peer: PeerName, n: number): number | null => {
    const list = runs.get(`${peer}@${n}`);
    return list && list.length > 0 ? median(list.map((c) => c.eventsPerSecond)) : null;
  };
  const rows: HoldTableRow[] = peers.map((peer) => ({
    peer,
    cells: ns.map((n) => {
      const med = medianOf(peer, n);
      const base = medianOf('cpp-std-pq', n);
      const note = notes.get(`${peer}@${n}`) ?? notes.get(peer);
      return {
        n,
        m: holdsFor(peer, n),
        runs: (runs.get(`${peer}@${n}`) ?? []).map((c) => c.eventsPerSecond),
        medianEventsPerSecond: med,
        ratioToStdPq: med !== null && base !== null ? med / base : null,
        ...(note !== undefined ? { note } : {}),
      };
    }),
  }));
  const endTimeChecks: EndTimeCheck[] = [];
  for (const n of ns) {
    const t = runs.get(`trnsim@${n}`)?.[0];
    const c = runs.get(`cpp-std-pq@${n}`)?.[0];
    if (t === undefined || c === undefined) continue;
    const rel = Math.abs(t.endTime - c.endTime) / Math.abs(c.endTime);
    endTimeChecks.push({ n, m: t.m, trnsim: t.endTime, cppStdPq: c.endTime, relativeDifference: rel, ok: rel <= 1e-12 });
  }
  return { rounds, seed: HOLD_SEED, rows, endTimeChecks, notes: [...new Set(notes.values())] };
}

function rate(x: number): string {
  return x >= 1e6 ? `${(x / 1e6).toFixed(2)} M/s` : `${(x / 1e3).toFixed(0)} k/s`;
}

/** A Markdown table like the peers README's: "events/s · ratio to std::priority_queue". */
export function formatHoldTable(r: HoldTableReport): string {
  const ns = r.rows[0]?.cells.map((c) => c.n) ?? [];
  const head = `| peer | ${ns.map((n) => `N = 1e${Math.round(Math.log10(n))}`).join(' | ')} |`;
  const lines = [head, `|---|${ns.map(() => '---').join('|')}|`];
  for (const row of r.rows) {
    const cells = row.cells.map((c) =>
      c.medianEventsPerSecond === null
        ? 'n/a'
        : `${rate(c.medianEventsPerSecond)} · ${c.ratioToStdPq === null ? '?' : c.ratioToStdPq.toFixed(2)}×` +
          (c.runs.length < r.rounds ? ` (${c.runs.length} run${c.runs.length === 1 ? '' : 's'})` : ''),
    );
    lines.push(`| ${row.peer} | ${cells.join(' | ')} |`);
  }
  const ms = r.rows
    .map((row) => `${row.peer} ${[...new Set(row.cells.map((c) => c.m.toExponential(0)))].join('/')}`)
    .join('; ');
  lines.push('', `Median of ${r.rounds} interleaved rounds, seed ${r.seed}, one fresh process per cell. M (holds): ${ms}.`);
  for (const c of r.endTimeChecks) {
    lines.push(
      `End time N=${c.n} M=${c.m}: trnsim ${c.trnsim} vs cpp-std-pq ${c.cppStdPq}, ` +
        `relative difference ${c.relativeDifference.toExponential(2)} ${c.ok ? '<= 1e-12: OK' : '> 1e-12: MISMATCH'}`,
    );
  }
  for (const note of r.notes) lines.push(`Note: ${note}`);
  return lines.join('\n');
}
