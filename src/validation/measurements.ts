/**
 * A user's measurements file for `trnsim calibrate` (docs/validation.md "Calibrate"):
 *
 *   measurements:
 *     - nccom: ar-2node.txt          # nccom-test output exactly as printed
 *       op: all-reduce
 *       system: { preset: trn1.32xlarge, count: 2 }
 *       ranks: 64
 *       dtype: fp32
 *     - results: training.csv        # columns scenario (a file), metric (a JSON path), value
 *
 * Paths are relative to the measurements file. Each entry becomes FitCases (one per nccom row or
 * CSV row); every problem is a UserInputError naming the file and line.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { LineCounter, parseDocument, isMap, isSeq } from 'yaml';
import type { Node } from 'yaml';
import { buildSystem } from '../hardware/index.js';
import type { SystemRequest } from '../hardware/types.js';
import { simulateCollective, OP_NAMES } from '../collectives/index.js';
import type { CollectiveOp } from '../collectives/index.js';
import { loadScenario, runScenario } from '../scenario/index.js';
import { UserInputError } from '../user-input-error.js';
import type { FitCase } from './fit.js';
import { parseNccomOutput } from './nccom-parse.js';

/** Aliases nccom-test accepts for its operations (nccom-test.rst), to trnsim's op names. */
const OP_ALIASES: Readonly<Record<string, CollectiveOp>> = {
  allr: 'all-reduce', all_reduce: 'all-reduce', 'all-reduce': 'all-reduce',
  allg: 'all-gather', all_gather: 'all-gather', 'all-gather': 'all-gather',
  redsct: 'reduce-scatter', reduce_scatter: 'reduce-scatter', 'reduce-scatter': 'reduce-scatter',
  alltoall: 'all-to-all', all_to_all: 'all-to-all', 'all-to-all': 'all-to-all',
  sendrecv: 'send-recv', permute: 'send-recv', 'send-recv': 'send-recv',
};

export interface MeasurementPoint extends FitCase {
  /** Where the point came from: file:line. */
  readonly where: string;
  readonly unit: string;
}

function lineOf(lc: LineCounter, node: Node | null | undefined): number {
  const off = node?.range?.[0];
  return off === undefined ? 1 : lc.linePos(off).line;
}

function metricValue(result: unknown, path: string): number | undefined {
  let v: unknown = result;
  for (const part of path.split('.')) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
  return typeof v === 'number' ? v : undefined;
}

/** Splits one CSV line (quotes allowed, no embedded newlines). */
function csvCells(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let q = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (q) {
      if (ch === '"' && line[i + 1] === '"') (cur += '"'), i++;
      else if (ch === '"') q = false;
      else cur += ch;
    } else if (ch === '"') q = true;
    else if (ch === ',') (out.push(cur.trim()), (cur = ''));
    else cur += ch;
  }
  out.push(cur.trim());
  return out;
}

function nccomPoints(entry: Record<string, unknown>, base: string, where: string, index: number): MeasurementPoint[] {
  const file = String(entry.nccom);
  const path = resolve(base, file);
  if (!existsSync(path)) throw new UserInputError(`${where}: nccom file ${file} does not exist; give a path relative to the measurements file.`);
  const opName = entry.op;
  const op = typeof opName === 'string' ? OP_ALIASES[opName] : undefined;
  if (!op) throw new UserInputError(`${where}: op ${JSON.stringify(opName)} is not a collective; use one of ${OP_NAMES.join(', ')} (or nccom-test's allr, allg, redsct, alltoall, permute).`);
  const system = entry.system as SystemRequest | undefined;
  if (!system || typeof system !== 'object' || typeof (system as { preset?: unknown }).preset !== 'string') throw new UserInputError(`${where}: system must be { preset: <name>, count?: n, lnc?: n }, as in a scenario.`);
  let sys;
  try {
    sys = buildSystem(system);
  } catch (e) {
    throw new UserInputError(`${where}: system: ${(e as Error).message}`);
  }
  const ranks = entry.ranks;
  if (typeof ranks !== 'number' || !Number.isInteger(ranks) || ranks < 2 || ranks > sys.rankCount) throw new UserInputError(`${where}: ranks must be an integer from 2 to ${sys.rankCount} (the system's ranks), got ${JSON.stringify(ranks)}.`);
  const rows = parseNccomOutput(readFileSync(path, 'utf8'), file);
  const dtype = typeof entry.dtype === 'string' ? entry.dtype : undefined;
  const group = Array.from({ length: ranks }, (_, i) => i);
  return rows.map((r) => {
    if (dtype && r.dtype && r.dtype !== dtype) throw new UserInputError(`${file}:${r.line}: type ${r.dtype} differs from the entry's dtype ${dtype} (${where}); give the dtype the table was measured with.`);
    return {
      id: `${file}:${r.line}`,
      where: `${file}:${r.line}`,
      table: `mine:${index}:${file}`,
      kind: 'collective',
      unit: 'us',
      published: r.timeUs,
      simulate: () => simulateCollective(sys, { op, ranks: group, sizeBytes: r.sizeBytes, algorithm: 'auto', issue: 'standalone' }).timeS * 1e6,
    };
  });
}

function resultPoints(entry: Record<string, unknown>, base: string, where: string, index: number): MeasurementPoint[] {
  const file = String(entry.results);
  const path = resolve(base, file);
  if (!existsSync(path)) throw new UserInputError(`${where}: results file ${file} does not exist; give a path relative to the measurements file.`);
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  const head = csvCells(lines[0] ?? '').map((h) => h.toLowerCase());
  const [iS, iM, iV] = ['scenario', 'metric', 'value'].map((h) => head.indexOf(h));
  if (iS! < 0 || iM! < 0 || iV! < 0) throw new UserInputError(`${file}:1: a results CSV needs the columns scenario, metric, value; the header reads "${lines[0] ?? ''}"; add those columns.`);
  const out: MeasurementPoint[] = [];
  const dir = dirname(path);
  for (let i = 1; i < lines.length; i++) {
    if (lines[i]!.trim().length === 0) continue;
    const cells = csvCells(lines[i]!);
    const at = `${file}:${i + 1}`;
    const scen = cells[iS!] ?? '';
    const scenPath = resolve(dir, scen);
    if (scen.length === 0 || !existsSync(scenPath)) throw new UserInputError(`${at}: scenario ${JSON.stringify(scen)} does not exist; give a path relative to the CSV file.`);
    const metric = cells[iM!] ?? '';
    const value = Number(cells[iV!]);
    if (!Number.isFinite(value) || value <= 0) throw new UserInputError(`${at}: value ${JSON.stringify(cells[iV!] ?? '')} is not a positive number; give the measured value in the SI units of the metric (e.g. seconds for stepTimeS).`);
    let scenario;
    try {
      scenario = loadScenario(scenPath);
    } catch (e) {
      throw new UserInputError(`${at}: scenario ${scen}: ${(e as Error).message}`);
    }
    const kind = scenario.workload.kind;
    out.push({
      id: at,
      where: at,
      table: `mine:${index}:${file}`,
      kind,
      unit: '',
      published: value,
      simulate: () => {
        const v = metricValue(runScenario(scenario, { omitMeta: true }), metric);
        if (v === undefined) throw new UserInputError(`${at}: metric "${metric}" is not a number of the ${kind} result; use a numeric field such as ${kind === 'training' ? 'stepTimeS or sequencesPerSecond' : 'ttftS.p50 or tpotS.p50'}.`);
        return v;
      },
    });
  }
  if (out.length === 0) throw new UserInputError(`${file}:2: the results CSV has a header but no rows; add one row per measurement.`);
  return out;
}

/** Every point of a measurements file. */
export function loadMeasurements(path: string): MeasurementPoint[] {
  if (!existsSync(path)) throw new UserInputError(`${path}: the measurements file does not exist; check the path.`);
  const lc = new LineCounter();
  const doc = parseDocument(readFileSync(path, 'utf8'), { lineCounter: lc });
  if (doc.errors.length > 0) throw new UserInputError(`${path}:${lc.linePos(doc.errors[0]!.pos[0]).line}: not valid YAML (${doc.errors[0]!.message.split('\n')[0]}); fix the syntax there.`);
  const root = doc.contents;
  const list = isMap(root) ? root.get('measurements', true) : undefined;
  if (!isSeq(list)) throw new UserInputError(`${path}:${lineOf(lc, root as Node)}: expected a top-level "measurements:" list of entries with nccom: or results:.`);
  const base = dirname(path);
  const out: MeasurementPoint[] = [];
  list.items.forEach((item, index) => {
    const where = `${path}:${lineOf(lc, item as Node)}`;
    const entry = (item as { toJSON?: () => unknown }).toJSON?.() as Record<string, unknown> | undefined;
    if (!entry || typeof entry !== 'object') throw new UserInputError(`${where}: expected an entry with nccom: (and op, system, ranks, dtype) or results:, got ${JSON.stringify(entry)}.`);
    if (typeof entry.nccom === 'string') out.push(...nccomPoints(entry, base, where, index));
    else if (typeof entry.results === 'string') out.push(...resultPoints(entry, base, where, index));
    else throw new UserInputError(`${where}: an entry needs nccom: <file> (with op, system, ranks, dtype) or results: <file.csv>; add one of them.`);
  });
  return out;
}
