/**
 * Inline SVG charts for the HTML reports: horizontal bar charts and line charts, drawn as plain
 * strings (no library, nothing fetched). Every mark carries its data (`data-label`, `data-value`
 * with the exact number) so a test in a real browser can check the chart against the embedded
 * JSON; a `<title>` gives the tooltip.
 */

/** Escapes text for HTML and SVG content and attributes. */
export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export interface Bar {
  readonly label: string;
  readonly value: number;
  /** Shown next to the bar and in the tooltip (default: the value with 4 significant digits). */
  readonly text?: string;
  readonly color?: string;
}

export const PALETTE = ['#4269d0', '#efb118', '#ff725c', '#6cc5b0', '#3ca951', '#ff8ab7', '#a463f2', '#97bbf5', '#9c6b4e', '#9498a0'];

const num = (v: number): string => (Number.isFinite(v) ? String(v) : '0');

/** A horizontal bar chart; `id` names it (`data-chart`). Bars scale to the largest value. */
export function barChart(id: string, title: string, bars: readonly Bar[], opts: { width?: number; labelWidth?: number } = {}): string {
  const width = opts.width ?? 640;
  const labelW = opts.labelWidth ?? 170;
  const rowH = 26;
  const top = 30;
  const valueW = 110;
  const height = top + bars.length * rowH + 10;
  const max = Math.max(0, ...bars.map((b) => b.value));
  const plotW = width - labelW - valueW;
  const rows = bars
    .map((b, i) => {
      const w = max > 0 ? (Math.max(0, b.value) / max) * plotW : 0;
      const y = top + i * rowH;
      const text = b.text ?? b.value.toPrecision(4);
      const color = b.color ?? PALETTE[i % PALETTE.length]!;
      return (
        `<g class="row"><text class="label" x="${labelW - 8}" y="${y + 17}" text-anchor="end">${esc(b.label)}</text>` +
        `<rect class="bar" x="${labelW}" y="${y + 4}" width="${w.toFixed(2)}" height="${rowH - 8}" fill="${color}" data-label="${esc(b.label)}" data-value="${num(b.value)}"><title>${esc(b.label)}: ${esc(text)}</title></rect>` +
        `<text class="value" x="${labelW + w + 6}" y="${y + 17}">${esc(text)}</text></g>`
      );
    })
    .join('');
  return (
    `<svg class="chart" data-chart="${esc(id)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(title)}">` +
    `<text class="title" x="0" y="18">${esc(title)}</text>${rows}</svg>`
  );
}

export interface Series {
  readonly label: string;
  readonly points: ReadonlyArray<{ readonly x: number; readonly y: number; readonly text?: string }>;
}

function ticks(lo: number, hi: number, n = 5): number[] {
  if (!(hi > lo)) return [lo];
  const out: number[] = [];
  for (let i = 0; i <= n; i++) out.push(lo + ((hi - lo) * i) / n);
  return out;
}

const short = (v: number): string => (Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-2 && v !== 0) ? v.toExponential(2) : Number(v.toPrecision(4)).toString());

/** A line chart with markers (`circle.point` carry data-x / data-y). */
export function lineChart(id: string, title: string, xLabel: string, yLabel: string, series: readonly Series[], opts: { width?: number; height?: number } = {}): string {
  const width = opts.width ?? 640;
  const height = opts.height ?? 320;
  // several series: their legend in a column on the right
  const legendW = series.length > 1 ? 220 : 0;
  const m = { l: 70, r: 20 + legendW, t: 30, b: 46 };
  const all = series.flatMap((s) => s.points);
  const xs = all.map((p) => p.x);
  const ys = all.map((p) => p.y);
  const x0 = xs.length ? Math.min(...xs) : 0;
  const x1 = xs.length ? Math.max(...xs) : 1;
  const y0 = Math.min(0, ...ys);
  const y1 = Math.max(y0 + 1e-12, ...ys);
  const px = (x: number): number => m.l + (x1 > x0 ? ((x - x0) / (x1 - x0)) * (width - m.l - m.r) : (width - m.l - m.r) / 2);
  const py = (y: number): number => height - m.b - ((y - y0) / (y1 - y0)) * (height - m.t - m.b);
  const axis =
    `<line class="axis" x1="${m.l}" y1="${height - m.b}" x2="${width - m.r}" y2="${height - m.b}"/>` +
    `<line class="axis" x1="${m.l}" y1="${m.t}" x2="${m.l}" y2="${height - m.b}"/>` +
    ticks(y0, y1)
      .map((t) => `<text class="tick" x="${m.l - 6}" y="${py(t) + 4}" text-anchor="end">${short(t)}</text>`)
      .join('') +
    (xs.length ? ticks(x0, x1).map((t) => `<text class="tick" x="${px(t)}" y="${height - m.b + 16}" text-anchor="middle">${short(t)}</text>`).join('') : '') +
    `<text class="axis-label" x="${(m.l + width - m.r) / 2}" y="${height - 8}" text-anchor="middle">${esc(xLabel)}</text>` +
    `<text class="axis-label" transform="translate(14 ${(m.t + height - m.b) / 2}) rotate(-90)" text-anchor="middle">${esc(yLabel)}</text>`;
  const lines = series
    .map((s, i) => {
      const color = PALETTE[i % PALETTE.length]!;
      const pts = [...s.points].sort((a, b) => a.x - b.x);
      const d = pts.map((p, k) => `${k === 0 ? 'M' : 'L'}${px(p.x).toFixed(2)},${py(p.y).toFixed(2)}`).join('');
      const marks = pts
        .map((p) => `<circle class="point" cx="${px(p.x).toFixed(2)}" cy="${py(p.y).toFixed(2)}" r="4" fill="${color}" data-series="${esc(s.label)}" data-x="${num(p.x)}" data-y="${num(p.y)}"><title>${esc(s.label)}: ${esc(p.text ?? `${short(p.x)}, ${short(p.y)}`)}</title></circle>`)
        .join('');
      const key = legendW
        ? `<rect x="${width - legendW + 10}" y="${m.t + i * 18}" width="12" height="12" fill="${color}"/><text class="legend-label" x="${width - legendW + 28}" y="${m.t + i * 18 + 10}">${esc(s.label.length > 30 ? `${s.label.slice(0, 29)}…` : s.label)}</text>`
        : '';
      return `<g class="series" data-series="${esc(s.label)}"><path d="${d}" fill="none" stroke="${color}" stroke-width="2"/>${marks}${key}</g>`;
    })
    .join('');
  return `<svg class="chart" data-chart="${esc(id)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(title)}"><text class="title" x="0" y="18">${esc(title)}</text>${axis}${lines}</svg>`;
}

/** Utilisation 0..1 to a colour: grey-blue when idle through yellow to dark red at 1 (and above). */
export function heatColor(u: number): string {
  const t = Math.max(0, Math.min(1, u));
  const stops: ReadonlyArray<[number, [number, number, number]]> = [
    [0, [222, 226, 232]],
    [0.25, [254, 224, 139]],
    [0.5, [253, 174, 97]],
    [0.75, [244, 109, 67]],
    [1, [165, 0, 38]],
  ];
  let i = 0;
  while (i < stops.length - 2 && t > stops[i + 1]![0]) i++;
  const [a, ca] = stops[i]!;
  const [b, cb] = stops[i + 1]!;
  const f = b > a ? (t - a) / (b - a) : 0;
  const c = ca.map((v, k) => Math.round(v + (cb[k]! - v) * f));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}
