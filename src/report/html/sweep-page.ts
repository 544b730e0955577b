/**
 * The HTML report of a sweep (`trnsim sweep --report`): the objective against the first axis (one
 * curve per combination of the other axes), and a sortable table of every point. Takes the
 * results lines as plain data (the sweep layer's SweepLine has this shape), so the report layer
 * needs nothing from sweep/.
 */
import { barChart, lineChart, type Series } from './svg.js';
import { page, table, type Cell } from './page.js';

export interface SweepPoint {
  readonly index: number;
  readonly replication?: number;
  readonly inputs: { readonly [path: string]: unknown };
  readonly status: string;
  readonly outputs?: unknown;
  readonly error?: string;
}

export interface SweepPageInput {
  readonly title: string;
  readonly points: readonly SweepPoint[];
  readonly objective?: { readonly path: string; readonly direction: 'max' | 'min' };
}

/** Outputs shown in the table when the points have them. */
const COLUMNS = ['stepTimeS', 'tokensPerSecond', 'mfu', 'outputTokensPerSecond', 'cost.usdPerMillionTokens', 'energy.joulesPerToken'];

function at(v: unknown, path: string): unknown {
  let cur = v;
  for (const k of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

const fmt = (v: unknown): string => (typeof v === 'number' ? Number(v.toPrecision(5)).toString() : v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));

export function sweepHtml(input: SweepPageInput): string {
  const pts = [...input.points].sort((a, b) => a.index - b.index);
  const axes = [...new Set(pts.flatMap((p) => Object.keys(p.inputs)))];
  const obj = input.objective ?? { path: COLUMNS.find((c) => pts.some((p) => typeof at(p.outputs, c) === 'number')) ?? 'stepTimeS', direction: 'max' as const };
  const ok = pts.filter((p) => p.status === 'ok' && typeof at(p.outputs, obj.path) === 'number');
  const xAxis = axes.find((a) => ok.every((p) => typeof p.inputs[a] === 'number'));
  const groups = new Map<string, Series['points'][number][]>();
  for (const p of ok) {
    const rest = axes.filter((a) => a !== xAxis).map((a) => `${a}=${fmt(p.inputs[a])}`).join(', ');
    const x = xAxis ? (p.inputs[xAxis] as number) : p.index;
    groups.set(rest, [...(groups.get(rest) ?? []), { x, y: at(p.outputs, obj.path) as number, text: `point ${p.index}: ${fmt(at(p.outputs, obj.path))}` }]);
  }
  const series: Series[] = [...groups.entries()].map(([label, points]) => ({ label: label || obj.path, points }));
  const curve = ok.length
    ? lineChart('objective', `${obj.path} (${obj.direction}) against ${xAxis ?? 'point index'}`, xAxis ?? 'point index', obj.path, series, { width: 760 })
    : '<p class="note">No point finished with a numeric objective.</p>';
  const best = [...ok].sort((a, b) => {
    const d = (at(a.outputs, obj.path) as number) - (at(b.outputs, obj.path) as number);
    return (obj.direction === 'max' ? -d : d) || a.index - b.index;
  });
  const bestChart = best.length
    ? barChart('best', `Best points by ${obj.path} (${obj.direction})`, best.slice(0, 10).map((p) => ({ label: `#${p.index} ${axes.map((a) => fmt(p.inputs[a])).join(' / ')}`, value: at(p.outputs, obj.path) as number })), { labelWidth: 300, width: 760 })
    : '';
  const cols = COLUMNS.filter((c) => c !== obj.path && pts.some((p) => typeof at(p.outputs, c) === 'number'));
  const header = ['index', ...axes, 'status', obj.path, ...cols];
  const rows = pts.map((p): Cell[] => [
    { text: String(p.index), value: p.index },
    ...axes.map((a) => ({ text: fmt(p.inputs[a]), value: typeof p.inputs[a] === 'number' ? (p.inputs[a] as number) : fmt(p.inputs[a]) })),
    p.status === 'ok' ? { text: 'ok' } : { text: p.status, title: p.error ?? '' },
    ...[obj.path, ...cols].map((c) => {
      const v = at(p.outputs, c);
      return typeof v === 'number' ? { text: fmt(v), value: v } : { text: '' };
    }),
  ]);
  const sections = [
    { title: 'Objective', html: curve + bestChart },
    { title: `Points (${pts.length}; click a column to sort)`, html: table('points', header, rows, true) },
  ];
  return page(`trnsim sweep: ${input.title}`, `${pts.length} point${pts.length === 1 ? '' : 's'}, ${ok.length} with ${obj.path}; axes: ${axes.join(', ')}`, sections, { kind: 'sweep', objective: obj, points: pts });
}
