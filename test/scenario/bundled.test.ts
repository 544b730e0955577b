import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadScenario } from '../../src/scenario/load.js';
import { resolveScenario } from '../../src/scenario/resolve.js';
import { bundledScenarioDir, bundledScenarioNames } from '../../src/scenario/documents.js';
import { buildSystem } from '../../src/hardware/index.js';

describe('bundled scenarios', () => {
  const names = bundledScenarioNames();
  it('there are at least six training scenarios', () => {
    const training = names.filter((n) => loadScenario(join(bundledScenarioDir(), `${n}.yaml`)).workload.kind === 'training');
    expect(training.length).toBeGreaterThanOrEqual(6);
  });
  for (const n of names) {
    it(`${n} loads and resolves: ranks as the built system counts them, and degrees that use them`, () => {
      const s = loadScenario(join(bundledScenarioDir(), `${n}.yaml`));
      const r = resolveScenario(s);
      // the scenario layer counts ranks from its catalogue; the hardware layer from the built chips
      const system = buildSystem(r.system);
      expect(r.ranks).toBe(system.rankCount);
      expect(system.rankCount).toBe(system.chipCount * system.ranksPerChip);
      const p = r.workload.parallelism;
      if (r.workload.kind === 'training') {
        const t = r.workload.parallelism;
        expect(t.tp * t.pp * t.dp * t.cp).toBe(r.ranks);
        expect(r.workload.globalBatch % (t.dp * r.workload.microBatch)).toBe(0);
      } else {
        expect(p.tp * p.pp * p.dp).toBe(r.ranks);
      }
    });
  }
});
