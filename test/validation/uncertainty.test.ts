/**
 * Error bands: the shipped table's classes follow from its residual table, every residual is a
 * bundled case classified as a prediction would be, and lookups say plainly when a scenario is
 * outside everything validated.
 */
import { describe, expect, it } from 'vitest';
import { bandsFromResiduals, band68, loadUncertaintyTable, uncertaintyFor, MIN_BAND } from '../../src/report/uncertainty.js';
import { loadCases } from '../../src/validation/load-cases.js';
import { caseQuery, uncertaintyTableOf } from '../../src/validation/uncertainty-gen.js';

const table = loadUncertaintyTable();

describe('uncertainty table (data/validation/uncertainty.json)', () => {
  it('regenerating the classes from the residual table gives the shipped classes', () => {
    expect(uncertaintyTableOf(table.residuals)).toEqual(table);
    expect(bandsFromResiduals(table.residuals)).toEqual(table.classes);
  });

  it('holds one residual per bundled case, classified as a prediction of it would be', () => {
    const cases = new Map(loadCases().map((l) => [l.case.id, l.case]));
    expect(table.residuals.map((r) => r.id).sort()).toEqual([...cases.keys()].sort());
    for (const r of table.residuals) {
      const q = caseQuery(cases.get(r.id)!)!;
      expect({ chip: r.chip, kind: r.kind, shape: r.shape, degree: r.degree }).toEqual(q);
    }
  });

  it('band68 is the 68th percentile of |x|, and no band is below the floor', () => {
    expect(band68([0.1, -0.2, 0.3, -0.4, 0.5])).toBeCloseTo(0.372, 6);
    for (const c of table.classes) expect(c.relative).toBeGreaterThanOrEqual(MIN_BAND);
  });
});

describe('uncertaintyFor', () => {
  it('gives a validated class its own band and names its cases', () => {
    const c = table.classes.find((x) => x.chip === 'trainium1' && x.kind === 'inference-tpot')!;
    const u = uncertaintyFor({ chip: 'trainium1', kind: 'inference-tpot', shape: c.shape, degree: c.maxDegree }, table);
    expect(u.relative).toBe(c.relative);
    expect(u.outsideValidated).toBeUndefined();
    expect(u.basis).toContain(c.cases[0]!);
  });

  it('says plainly that Trn3 and TP above the validated range are outside everything validated, with a wider band', () => {
    const trn3 = uncertaintyFor({ chip: 'trainium3', kind: 'training', shape: 'pp1', degree: 8 }, table);
    expect(trn3.outsideValidated).toBe(true);
    expect(trn3.basis).toMatch(/^outside everything validated: no published training measurement on trainium3/);
    const inside = uncertaintyFor({ chip: 'trainium2', kind: 'inference-tpot', shape: 'tp64', degree: 64 }, table);
    const above = uncertaintyFor({ chip: 'trainium2', kind: 'inference-tpot', shape: 'tp128', degree: 128 }, table);
    expect(above.outsideValidated).toBe(true);
    expect(above.basis).toMatch(/TP 128 is above the largest validated on trainium2 inference-tpot \(64\)/);
    expect(above.relative).toBeGreaterThan(inside.relative);
  });
});
