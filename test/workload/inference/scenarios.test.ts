import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenario, resolveScenario } from '../../../src/scenario/index.js';
import { runInference } from '../../../src/workload/inference/index.js';
import type { InferenceWorkload } from '../../../src/workload/types.js';
import { buildSystem } from '../../../src/hardware/index.js';

const files = readdirSync('scenarios').filter((f) => f.startsWith('inference-') && f.endsWith('.yaml'));

describe('bundled inference scenarios', () => {
  it('are there: 70B and 405B on a trn2.48xlarge, 8B on one chip, the batch sweep, I3', () => {
    for (const f of ['inference-llama-3.3-70b-trn2-48xl.yaml', 'inference-llama-3.1-405b-trn2-48xl.yaml', 'inference-llama-3.1-8b-trn2-3xl.yaml', 'inference-llama-3.3-70b-batch-sweep.yaml', 'inference-i3-llama-3.3-70b.yaml']) {
      expect(files).toContain(f);
    }
  });

  for (const f of files) {
    it(`${f} loads, resolves and runs`, () => {
      const resolved = resolveScenario(loadScenario(`scenarios/${f}`));
      expect(resolved.workload.kind).toBe('inference');
      const w = resolved.workload as InferenceWorkload;
      const r = runInference(buildSystem(resolved.system), w, { seed: resolved.seed, name: resolved.name });
      expect(r.requestsCompleted + r.requestsRejected).toBe(w.requests.count);
      expect(r.requestsCompleted).toBeGreaterThan(0);
      expect(r.ttftS.p50).toBeGreaterThan(0);
      expect(r.tpotS.p50).toBeGreaterThan(0);
      expect(r.ttftS.p50).toBeLessThanOrEqual(r.ttftS.p99);
    });
  }
});
