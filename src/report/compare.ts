/**
 * `trnsim compare`: scenarios side by side (issue 14). Each row: time (step time, or mean TPOT for
 * inference), throughput, MFU (training) or FLOP/s of peak (inference), $ and joules per step and
 * per million tokens, and the ratios against the first scenario. The JSON form is an array of the
 * result objects (stable field order), each with its scenario `name`, `system` and `vsFirst`.
 */
import { formatBand } from './uncertainty.js';
import type { Uncertainty } from './uncertainty.js';
import type { ScenarioResult } from '../scenario/index.js';
import { formatPercent, formatSeconds } from '../units.js';
import { stableResult } from './json.js';
import { formatRate, renderTable, type Row } from './table.js';
import { formatSi, formatUsd } from './cost-rows.js';
import { toCsv, type CsvCell } from './csv.js';

export interface CompareEntry {
  readonly result: ScenarioResult;
  /** "16 x trn2.48xlarge", and its chips. */
  readonly system: string;
  readonly chips: number;
  /** The scenario file, for messages and the report. */
  readonly file?: string;
}

export interface CompareRow {
  readonly name: string;
  readonly kind: 'training' | 'inference';
  readonly system: string;
  readonly chips: number;
  /** Training: step time; inference: mean time per output token. */
  readonly timeS: number;
  /** Tokens per second (trained, or generated). */
  readonly tokensPerSecond: number;
  /** Training: MFU; inference: achieved FLOP/s over peak. */
  readonly mfu: number;
  readonly usdPerHour?: number;
  readonly usdPerStep?: number;
  readonly usdPerMillionTokens?: number;
  readonly joulesPerStep?: number;
  readonly joulesPerToken?: number;
  readonly averagePowerW?: number;
  /** The result's error band (report/uncertainty.ts), when it carries one. */
  readonly uncertainty?: Uncertainty;
  /** This row over the first: >1 means more (time, throughput, $, J). */
  readonly vsFirst: {
    readonly timeS: number;
    readonly tokensPerSecond: number;
    readonly usdPerMillionTokens?: number;
    readonly joulesPerToken?: number;
  };
}

function figures(e: CompareEntry): Omit<CompareRow, 'vsFirst'> {
  const u = (e.result as { uncertainty?: Uncertainty }).uncertainty;
  const band = u ? { uncertainty: u } : {};
  const r = e.result;
  const base = {
    name: r.name,
    system: e.system,
    chips: e.chips,
    ...(r.cost ? { usdPerHour: r.cost.usdPerHour, usdPerMillionTokens: r.cost.usdPerMillionTokens } : {}),
    ...(r.cost?.usdPerStep !== undefined ? { usdPerStep: r.cost.usdPerStep } : {}),
    ...(r.energy ? { joulesPerToken: r.energy.joulesPerToken, averagePowerW: r.energy.averagePowerW } : {}),
    ...(r.energy?.joulesPerStep !== undefined ? { joulesPerStep: r.energy.joulesPerStep } : {}),
  };
  if (r.kind === 'training') return { ...base, ...band, kind: 'training', timeS: r.stepTimeS, tokensPerSecond: r.tokensPerSecond, mfu: r.mfu };
  return { ...base, ...band, kind: 'inference', timeS: r.tpotS.mean, tokensPerSecond: r.outputTokensPerSecond, mfu: r.chipUtilisation?.flopsFraction ?? 0 };
}

const ratio = (a: number | undefined, b: number | undefined): number | undefined => (a !== undefined && b !== undefined && b !== 0 ? a / b : undefined);

export function compareRows(entries: readonly CompareEntry[]): CompareRow[] {
  const rows = entries.map(figures);
  const first = rows[0];
  return rows.map((r) => {
    const usd = ratio(r.usdPerMillionTokens, first?.usdPerMillionTokens);
    const joules = ratio(r.joulesPerToken, first?.joulesPerToken);
    return {
      ...r,
      vsFirst: {
        timeS: ratio(r.timeS, first?.timeS) ?? 0,
        tokensPerSecond: ratio(r.tokensPerSecond, first?.tokensPerSecond) ?? 0,
        ...(usd !== undefined ? { usdPerMillionTokens: usd } : {}),
        ...(joules !== undefined ? { joulesPerToken: joules } : {}),
      },
    };
  });
}

/** A numeric column of the side-by-side table, as the terminal, the HTML page and (its values) the charts show it. */
export interface CompareColumn {
  readonly header: string;
  /** Its CSV column (the JSON field it reads). */
  readonly csv: string;
  readonly value: (r: CompareRow) => number | undefined;
  readonly format: (v: number) => string;
  /** Time is the one column that carries the prediction's error band. */
  readonly time?: true;
}

const times = (v: number): string => `${v.toFixed(2)}x`;

/** The numeric columns after the scenario name and system: one list for the terminal and the HTML tables. */
export function compareColumns(training: boolean): CompareColumn[] {
  return [
    { header: 'chips', csv: 'chips', value: (r) => r.chips, format: String },
    { header: training ? 'step time' : 'TPOT', csv: 'timeS', value: (r) => r.timeS, format: (v) => formatSeconds(v), time: true },
    { header: 'tokens/s', csv: 'tokensPerSecond', value: (r) => r.tokensPerSecond, format: formatRate },
    { header: training ? 'MFU' : 'FLOP/s', csv: 'mfu', value: (r) => r.mfu, format: (v) => formatPercent(v) },
    { header: '$/h', csv: 'usdPerHour', value: (r) => r.usdPerHour, format: formatUsd },
    { header: '$/step', csv: 'usdPerStep', value: (r) => r.usdPerStep, format: formatUsd },
    { header: '$/Mtok', csv: 'usdPerMillionTokens', value: (r) => r.usdPerMillionTokens, format: formatUsd },
    { header: 'J/step', csv: 'joulesPerStep', value: (r) => r.joulesPerStep, format: (v) => formatSi(v, 'J') },
    { header: 'J/token', csv: 'joulesPerToken', value: (r) => r.joulesPerToken, format: (v) => formatSi(v, 'J', 3) },
    { header: 'power', csv: 'averagePowerW', value: (r) => r.averagePowerW, format: (v) => formatSi(v, 'W') },
    { header: 'tok/s vs 1st', csv: 'tokensPerSecondVsFirst', value: (r) => r.vsFirst.tokensPerSecond, format: times },
    { header: '$/Mtok vs 1st', csv: 'usdPerMillionTokensVsFirst', value: (r) => r.vsFirst.usdPerMillionTokens, format: times },
    { header: 'J/tok vs 1st', csv: 'joulesPerTokenVsFirst', value: (r) => r.vsFirst.joulesPerToken, format: times },
  ];
}

/** The side-by-side terminal table. */
export function formatCompareTable(rows: readonly CompareRow[]): string {
  const columns = compareColumns(rows.every((r) => r.kind === 'training'));
  const header: Row = ['', 'system', ...columns.map((c) => c.header)];
  const text = (c: CompareColumn, r: CompareRow): string => {
    const v = c.value(r);
    if (v === undefined) return '-';
    return c.time ? c.format(v) + formatBand(r.uncertainty) : c.format(v);
  };
  const body: Row[] = rows.map((r) => [r.name, r.system, ...columns.map((c) => text(c, r))]);
  return `${renderTable([header, ...body], 0)}\n  (ratios against the first scenario; prices and power are estimates where marked in each result's cost/energy)\n`;
}

/** The CSV's columns: the table's, under their JSON names (the headers do not depend on the kind). */
const CSV_COLUMNS = compareColumns(true);
export const COMPARE_CSV_HEADER: readonly string[] = ['name', 'kind', 'system', ...CSV_COLUMNS.map((c) => c.csv)];

export function compareCsv(rows: readonly CompareRow[]): string {
  const cells = rows.map((r): CsvCell[] => [r.name, r.kind, r.system, ...CSV_COLUMNS.map((c) => c.value(r))]);
  return toCsv(COMPARE_CSV_HEADER, cells);
}

/** The JSON array: each result in stable order with its system and its ratios against the first. */
export function compareJsonValue(entries: readonly CompareEntry[]): Array<Record<string, unknown>> {
  const rows = compareRows(entries);
  return entries.map((e, i) => {
    const { meta, ...rest } = stableResult(e.result);
    return { ...rest, system: { description: e.system, chips: e.chips }, vsFirst: rows[i]!.vsFirst, ...(meta !== undefined ? { meta } : {}) };
  });
}

export function formatCompareJson(entries: readonly CompareEntry[]): string {
  return `${JSON.stringify(compareJsonValue(entries), null, 2)}\n`;
}
