import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from '../../src/scenario/json-schema.js';
import { SYSTEM_PRESETS } from '../../src/scenario/system-catalogue.js';
import { bundledScenarioNames } from '../../src/scenario/documents.js';
import { propertyNames } from '../json-schema-names.js';

describe('docs/scenarios.md', () => {
  const doc = readFileSync('docs/scenarios.md', 'utf8');
  it('documents every field of the schema', () => {
    const missing = [...propertyNames(scenarioJsonSchema())].filter((name) => {
      const escaped = name.replace(/[$]/g, '\\$');
      return !new RegExp('`[^`\\n]*\\b' + escaped + '\\b[^`\\n]*`').test(doc) && !doc.includes('`' + name);
    });
    expect(missing).toEqual([]);
  });

  it('names every system preset and every bundled training scenario (inference- and sweep- files are documented by their layers)', () => {
    for (const p of SYSTEM_PRESETS) expect(doc).toContain(p);
    for (const n of bundledScenarioNames().filter((n) => !/^(inference|sweep)-/.test(n))) expect(doc).toContain(`${n}.yaml`);
  });
});
