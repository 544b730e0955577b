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

const x = (v: number | undefined): string => (v === undefined ? '-' : `${v.toFixed(2)}x`);
const opt = <T>(v: T | undefined, f: (v: T) => string): string => (v === undefined ? '-' : f(v));

/** The side-by-side terminal table. */
export function formatCompareTable(rows: readonly CompareRow[]): string {
  const training = rows.every((r) => r.kind === 'training');
  const header: Row = ['', 'system', 'chips', training ? 'step time' : 'TPOT', 'tokens/s', training ? 'MFU' : 'FLOP/s', '$/h', '$/step', '$/Mtok', 'J/step', 'J/token', 'power', 'tok/s vs 1st', '$/Mtok vs 1st', 'J/tok vs 1st'];
  const body: Row[] = rows.map((r) => [
    r.name,
    r.system,
    String(r.chips),
    formatSeconds(r.timeS) + formatBand(r.uncertainty),
    formatRate(r.tokensPerSecond),
    formatPercent(r.mfu),
    opt(r.usdPerHour, formatUsd),
    opt(r.usdPerStep, formatUsd),
    opt(r.usdPerMillionTokens, formatUsd),
    opt(r.joulesPerStep, (v) => formatSi(v, 'J')),
    opt(r.joulesPerToken, (v) => formatSi(v, 'J', 3)),
    opt(r.averagePowerW, (v) => formatSi(v, 'W')),
    x(r.vsFirst.tokensPerSecond),
    x(r.vsFirst.usdPerMillionTokens),
    x(r.vsFirst.joulesPerToken),
  ]);
  return `${renderTable([header, ...body], 0)}\n  (ratios against the first scenario; prices and power are estimates where marked in each result's cost/energy)\n`;
}

export const COMPARE_CSV_HEADER = [
  'name', 'kind', 'system', 'chips', 'timeS', 'tokensPerSecond', 'mfu', 'usdPerHour', 'usdPerStep', 'usdPerMillionTokens',
  'joulesPerStep', 'joulesPerToken', 'averagePowerW', 'tokensPerSecondVsFirst', 'usdPerMillionTokensVsFirst', 'joulesPerTokenVsFirst',
] as const;

export function compareCsv(rows: readonly CompareRow[]): string {
  const cells = rows.map((r): CsvCell[] => [
    r.name, r.kind, r.system, r.chips, r.timeS, r.tokensPerSecond, r.mfu, r.usdPerHour, r.usdPerStep, r.usdPerMillionTokens,
    r.joulesPerStep, r.joulesPerToken, r.averagePowerW, r.vsFirst.tokensPerSecond, r.vsFirst.usdPerMillionTokens, r.vsFirst.joulesPerToken,
  ]);
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
