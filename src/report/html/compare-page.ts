/**
 * The HTML report of a comparison (`trnsim compare --report`): bar charts of throughput, $ and
 * joules per million tokens and time per scenario, and the side-by-side table with the ratios
 * against the first. The page embeds the same JSON array `compare --json` prints.
 */
import { formatSeconds } from '../../units.js';
import { formatRate } from '../table.js';
import { formatSi, formatUsd } from '../cost-rows.js';
import { compareColumns, compareJsonValue, compareRows, type CompareEntry, type CompareRow } from '../compare.js';
import { barChart, type Bar } from './svg.js';
import { page, table, type Cell } from './page.js';

const bars = (rows: readonly CompareRow[], pick: (r: CompareRow) => number | undefined, fmt: (v: number) => string): Bar[] =>
  rows.filter((r) => pick(r) !== undefined).map((r) => ({ label: r.name, value: pick(r)!, text: fmt(pick(r)!) }));

const cell = (v: number | undefined, f: (v: number) => string): Cell => (v === undefined ? { text: '-' } : { text: f(v), value: v });

export function compareHtml(entries: readonly CompareEntry[]): string {
  const rows = compareRows(entries);
  const training = rows.every((r) => r.kind === 'training');
  const charts = [
    barChart('tokens-per-second', 'Throughput, tokens/s', bars(rows, (r) => r.tokensPerSecond, formatRate), { labelWidth: 260 }),
    barChart('usd-per-million-tokens', '$ per million tokens', bars(rows, (r) => r.usdPerMillionTokens, formatUsd), { labelWidth: 260 }),
    barChart('joules-per-million-tokens', 'Energy per million tokens', bars(rows, (r) => (r.joulesPerToken === undefined ? undefined : r.joulesPerToken * 1e6), (v) => formatSi(v, 'J')), { labelWidth: 260 }),
    barChart('time', training ? 'Step time' : 'Mean time per output token', bars(rows, (r) => r.timeS, (v) => formatSeconds(v)), { labelWidth: 260 }),
  ];
  const columns = compareColumns(training);
  const header = ['scenario', 'system', ...columns.map((c) => c.header)];
  const body = rows.map((r): Cell[] => [{ text: r.name }, { text: r.system }, ...columns.map((c) => cell(c.value(r), c.format))]);
  const sections = [
    { title: 'Side by side', html: table('compare', header, body, true) + '<p class="note">Ratios against the first scenario. Prices and power are estimates where each result\'s cost and energy say so.</p>' },
    { title: 'Charts', html: `<div class="grid">${charts.join('')}</div>` },
  ];
  return page('trnsim compare', `${rows.length} scenarios: ${rows.map((r) => r.name).join(', ')}`, sections, { kind: 'compare', results: compareJsonValue(entries) });
}
