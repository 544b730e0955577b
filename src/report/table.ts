/** Plain-text tables for the terminal report: left-aligned labels, right-aligned values. */

/** Rows of cells; a row of one empty cell is a blank line, a string row is a heading. */
export type Row = readonly string[] | string;

/** Renders rows: the first column left-aligned, the others right-aligned, two spaces apart. */
export function renderTable(rows: readonly Row[], indent = 2): string {
  const cells = rows.filter((r): r is readonly string[] => typeof r !== 'string');
  const widths: number[] = [];
  for (const r of cells) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  const pad = ' '.repeat(indent);
  return rows
    .map((r) => {
      if (typeof r === 'string') return r;
      return (
        pad +
        r
          .map((c, i) => (i === 0 ? c.padEnd(widths[0] ?? 0) : c.padStart(widths[i] ?? 0)))
          .join('  ')
          .trimEnd()
      );
    })
    .join('\n');
}

/** 679936.2 -> "679,936"; small values keep `digits` decimals. */
export function formatCount(v: number, digits = 0): string {
  if (!Number.isFinite(v)) return String(v);
  return v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A rate with sensible precision: 83.04 -> "83.0", 0.1234 -> "0.123", 679936 -> "679,936". */
export function formatRate(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a >= 1000) return formatCount(v, 0);
  if (a >= 100) return formatCount(v, 1);
  if (a >= 1) return formatCount(v, 2);
  return v.toPrecision(3);
}
