import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { medianAbs, runValidation, loadCases } from '../../src/validation/index.js';

describe('validation framework', () => {
  it('median of |relative errors|, odd and even counts', () => {
    expect(medianAbs([0.1, -0.3, 0.2])).toBeCloseTo(0.2, 12);
    expect(medianAbs([0.1, -0.4, 0.2, 0.3])).toBeCloseTo(0.25, 12);
    expect(medianAbs([])).toBeNaN();
  });

  it('evaluates by kind, reports a missing evaluator as an error row and takes the median', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trnsim-val-'));
    writeFileSync(
      join(dir, 'a.json'),
      JSON.stringify([
        { id: 'x-2rank', kind: 'collective', metric: 'time', published: 58, unit: 'us', source: 'test', params: { system: { preset: 'trn1.32xlarge' }, op: 'all-reduce', ranks: 2, sizeBytes: 1024 } },
        { id: 'y-missing', kind: 'no-such-kind', metric: 'time', published: 1, unit: 's', source: 'test' },
      ]),
    );
    writeFileSync(join(dir, 'b.json'), JSON.stringify({ kind: 'collective', cases: [{ id: 'z-wrong-alg', metric: 'time', published: 300, unit: 'us', source: 'test', params: { system: { preset: 'trn2.48xlarge' }, op: 'all-reduce', ranks: 16, sizeBytes: 4, algorithm: 'kangaring' } }] }));
    const report = await runValidation({ dataDir: dir });
    expect(report.cases.map((c) => c.id)).toEqual(['x-2rank', 'y-missing', 'z-wrong-alg']);
    const [x, y, z] = report.cases;
    expect(x!.simulated).toBeGreaterThan(0);
    expect(x!.relError).toBeCloseTo((x!.simulated! - 58) / 58, 12);
    expect(y!.simulated).toBeNull();
    expect(y!.error).toMatch(/no evaluator for kind "no-such-kind"/);
    expect(z!.error).toMatch(/auto picked mesh, the measurement used kangaring/);
    expect(report.medianRelError).toBeCloseTo(Math.abs(x!.relError!), 12);
  });

  it('rejects a malformed case file naming the file and field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trnsim-val-'));
    writeFileSync(join(dir, 'bad.json'), JSON.stringify([{ id: 'q', kind: 'collective', metric: 'time', published: '58', unit: 'us', source: 's' }]));
    expect(() => loadCases(dir)).toThrow(/bad\.json\[0\] \(q\)\.published: expected a number/);
  });

  it('the bundled collective cases (C2, C3) are all within 20 % with the algorithm C3 names', async () => {
    const report = await runValidation({ kinds: ['collective'] });
    expect(report.cases.length).toBe(24);
    for (const c of report.cases) expect(c.error, c.id).toBeUndefined();
    const c2c3 = report.cases.filter((c) => /^C[23]-/.test(c.id));
    expect(c2c3.length).toBe(9);
    for (const c of c2c3) expect(Math.abs(c.relError!), c.id).toBeLessThan(0.2);
  });

  // the wider nccom-test set (docs/validation.md "Collectives", issue 16): bounds the one constant set meets
  it('the other nccom-test examples: per-table bounds and the median over all 24 collective cases', async () => {
    const report = await runValidation({ kinds: ['collective'] });
    const err = (id: string) => Math.abs(report.cases.find((c) => c.id === id)!.relError!);
    // Trn1 32-rank ring all-gather: pipelined ring latency, within 15 %
    for (const id of ['AG32-1KiB', 'AG32-8KiB', 'AG32-64KiB', 'AG32-512KiB']) expect(err(id), id).toBeLessThan(0.15);
    // two trn1.32xlarge: the flat-ring plateau (64 KiB - 8 MiB) and the bandwidth-bound sizes
    for (const id of ['AR64N2-64KiB', 'AR64N2-1MiB', 'AR64N2-8MiB', 'AR64N2-32MiB', 'AR64N2-128MiB', 'AR64N2-512MiB', 'AR64N2-1GiB']) expect(err(id), id).toBeLessThan(0.1);
    // the 64-step hierarchical algorithm below 64 KiB: the proxies step every step (docs/validation.md
    // change 2), so 1 KiB costs about what the table gives, 0.64 of the 126-step ring's plateau
    expect(err('AR64N2-1KiB')).toBeLessThan(0.2);
    const sim = (id: string) => report.cases.find((c) => c.id === id)!.simulated!;
    const ratio = sim('AR64N2-1KiB') / sim('AR64N2-64KiB');
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(0.75);
    // 8 B: the same 64 steps, 520 us in the table against 840 at 1 KiB: the known miss (docs "What is weak")
    expect(err('AR64N2-8B')).toBeLessThan(0.4);
    expect(err('R2-32MiB')).toBeLessThan(0.2);
    expect(err('P8-32MiB')).toBeLessThan(0.05);
    const sorted = report.cases.map((c) => Math.abs(c.relError!)).sort((a, b) => a - b);
    const median = (sorted[11]! + sorted[12]!) / 2;
    expect(median).toBeLessThan(0.08);
  });
});
