import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadScenario } from '../../src/scenario/load.js';
import { resolveScenario } from '../../src/scenario/resolve.js';
import { bundledScenarioDir, bundledScenarioNames } from '../../src/scenario/documents.js';

describe('bundled scenarios', () => {
  const names = bundledScenarioNames();
  it('there are at least six training scenarios', () => {
    const training = names.filter((n) => loadScenario(join(bundledScenarioDir(), `${n}.yaml`)).workload.kind === 'training');
    expect(training.length).toBeGreaterThanOrEqual(6);
  });
  for (const n of names) {
    it(`${n} loads and resolves`, () => {
      const s = loadScenario(join(bundledScenarioDir(), `${n}.yaml`));
      const r = resolveScenario(s);
      expect(r.ranks).toBeGreaterThan(0);
    });
  }
});
