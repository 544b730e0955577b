/** Plain-text tables for the terminal report: left-aligned labels, right-aligned values. */

/** Rows of cells; a string row is a heading (or a blank line when empty). */
export type Row = readonly string[] | string;

/**
 * Renders rows: the first column left-aligned, the others right-aligned, two spaces apart. Column
 * widths are computed per section (rows between headings), so a long line in one section does not
 * widen the others.
 */
export function renderTable(rows: readonly Row[], indent = 2): string {
  const sections: Row[][] = [[]];
  for (const r of rows) {
    if (typeof r === 'string') sections.push([r], []);
    else sections[sections.length - 1]!.push(r);
  }
  return sections
    .filter((s) => s.length > 0)
    .map((s) => renderSection(s, indent))
    .join('\n');
}

/**
 * A value longer than this in a label-value row is a note ("585,260 tokens (17.9 GiB per rank)"):
 * it starts where the section's values start instead of widening the column, so the short values
 * stay right-aligned under each other.
 */
const NOTE_CHARS = 14;

function isNote(r: readonly string[], i: number): boolean {
  return r.length === 2 && i === 1 && r[1]!.length > NOTE_CHARS;
}

function renderSection(rows: readonly Row[], indent: number): string {
  const cells = rows.filter((r): r is readonly string[] => typeof r !== 'string');
  const widths: number[] = [];
  for (const r of cells) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, isNote(r, i) ? 0 : c.length)));
  const pad = ' '.repeat(indent);
  return rows
    .map((r) => {
      if (typeof r === 'string') return r;
      return (
        pad +
        r
          .map((c, i) => (i === 0 ? c.padEnd(widths[0] ?? 0) : isNote(r, i) ? c : c.padStart(widths[i] ?? 0)))
          .join('  ')
          .trimEnd()
      );
    })
    .join('\n');
}

/** "1 chip", "16 chips", "1,024 ranks": a count with its noun in the right number. */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(n)} ${n === 1 ? singular : plural}`;
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

/** Label-value lines with both columns left-aligned (a run's description above the tables). */
export function renderPairs(rows: ReadonlyArray<readonly [string, string]>, indent = 2): string {
  const w = Math.max(0, ...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${' '.repeat(indent)}${label.padEnd(w)}  ${value}`.trimEnd()).join('\n');
}
