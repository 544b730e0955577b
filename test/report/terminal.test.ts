/** Terminal output (issue 19): notes do not widen a column, counts agree with their nouns, the validate table fits. */
import { describe, expect, it } from 'vitest';
import { countOf, renderTable } from '../../src/report/index.js';
import { formatValidationTable } from '../../src/validation/index.js';
import type { ValidationReport } from '../../src/validation/index.js';

describe('renderTable', () => {
  it('starts a long note where the values start, and keeps short values right-aligned in one column', () => {
    const text = renderTable(['KV cache', ['capacity per replica', '585,260 tokens (17.9 GiB per rank)'], ['peak used', '15.2%'], ['requests that waited', '0']]);
    expect(text.split('\n')).toEqual(['KV cache', '  capacity per replica  585,260 tokens (17.9 GiB per rank)', '  peak used             15.2%', '  requests that waited      0']);
  });

  it('says 1 chip and 2 chips', () => {
    expect([countOf(1, 'chip'), countOf(2, 'chip'), countOf(1024, 'rank'), countOf(1, 'batch', 'batches')]).toEqual(['1 chip', '2 chips', '1,024 ranks', '1 batch']);
  });
});

describe('the validate table', () => {
  const report: ValidationReport = {
    cases: Array.from({ length: 3 }, (_, i) => ({
      id: `CASE-${i}`,
      metric: 'time',
      unit: 'us',
      published: 100,
      simulated: 110,
      relError: 0.1,
      kind: 'collective',
      file: 'x.json',
      source: `a very long source citation that names the document, its section and table ${'and more '.repeat(20)}(${i})`,
    })),
    medianRelError: 0.1,
  };

  it('fits the width it is given (100 columns off a terminal), cutting the source with "..."', () => {
    for (const width of [100, 160, 80]) {
      const lines = formatValidationTable(report, width).split('\n');
      expect(Math.max(...lines.map((l) => l.length)), String(width)).toBeLessThanOrEqual(width);
      expect(lines[1]).toMatch(/\.\.\.$/);
    }
  });
});
