/** docs/planning.md documents every field of the plan schema, and its example files are valid plans. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadPlanSpec, planSchema } from '../../src/scenario/index.js';
import { propertyNames } from '../json-schema-names.js';

describe('docs/planning.md', () => {
  const doc = readFileSync('docs/planning.md', 'utf8');
  it('documents every field of a plan file', () => {
    // system overrides are the scenario's (docs/scenarios.md documents them)
    const overrideFields = new Set(['efa', 'bandwidth', 'latency', 'topology', 'neuronLink', 'chip', 'chips', 'links', 'scale', 'removed', 'hbmCapacity', 'hbmBandwidth', 'chipLinkBandwidth', 'power', 'computeScale', 'peakFlops', 'fp8', 'bf16', 'fp16', 'tf32', 'fp32', 'layers', 'hidden', 'heads', 'kvHeads', 'ffn', 'vocab', 'gatedFfn', 'headDim', 'tiedEmbeddings', 'experts', 'topK', 'expertFfn', 'learnedPositions', 'maxPositions', 'preset', '$schema']);
    // so are the system's pricing, power and faults (docs/scenarios.md, docs/reports.md)
    for (const k of ['faults', 'pricing', 'power', 'kind', 'chip', 'link', 'slowdown', 'bandwidthFactor', 'usdPerHour', 'usdPerChipHour', 'basis', 'idleW', 'loadW', 'hbmW', 'linkW', 'hostWPerServer', 'hostW', 'pue']) overrideFields.add(k);
    // the reliability section is the scenario's (docs/reliability.md documents it)
    const schema = z.toJSONSchema(planSchema, { io: 'input', unrepresentable: 'any' }) as { properties: Record<string, unknown> };
    delete schema.properties.reliability;
    const names = [...propertyNames(schema)].filter((n) => !overrideFields.has(n));
    expect(names.filter((n) => !doc.includes(`\`${n}\``) && !new RegExp('`[^`\\n]*\\b' + n + '\\b[^`\\n]*`').test(doc))).toEqual([]);
  });

  it('ships example plans that load', () => {
    for (const f of ['docs/examples/plan-llama-3.1-405b.yaml', 'docs/examples/plan-llama-3.1-70b.yaml', 'bench/plan-small.yaml']) {
      const spec = loadPlanSpec(f);
      expect(spec.train?.tokens).toBeGreaterThan(0);
    }
    expect(loadPlanSpec('docs/examples/plan-llama-3.1-405b.yaml').train!.deadlineS).toBe(365 * 86400);
  });
});
