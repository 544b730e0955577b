import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadScenario } from '../../src/scenario/load.js';
import { resolveScenario } from '../../src/scenario/resolve.js';
import { parseDocumentText } from '../../src/scenario/documents.js';
import { isUserInputError } from '../../src/user-input-error.js';

const valid = {
  name: 'fuzz',
  seed: 1,
  system: { preset: 'trn2.48xlarge', count: 1, overrides: { efa: { bandwidth: '3.2 Tb/s', latency: '15 us' } } },
  workload: {
    kind: 'training',
    model: 'llama-3.1-8b',
    precision: 'bf16',
    sequenceLength: 8192,
    globalBatch: 64,
    microBatch: 1,
    parallelism: { tp: 8, pp: 1, zero: 1, sequenceParallel: true, schedule: '1f1b' },
    recompute: 'selective',
  },
};

/** Loads and resolves; returns 'ok', or the error if it is a one-paragraph UserInputError; rethrows anything else. */
function attempt(load: () => ReturnType<typeof loadScenario>): 'ok' | 'user-error' {
  try {
    resolveScenario(load());
    return 'ok';
  } catch (e) {
    if (!isUserInputError(e)) throw e;
    expect(e.message).not.toMatch(/\n/);
    expect(e.message.length).toBeGreaterThan(10);
    return 'user-error';
  }
}

const leafPaths: string[][] = [];
(function walk(o: unknown, path: string[]) {
  if (o !== null && typeof o === 'object') for (const [k, v] of Object.entries(o)) walk(v, [...path, k]);
  else leafPaths.push(path);
})(valid, []);

function setPath(doc: unknown, path: readonly string[], value: unknown, remove: boolean): unknown {
  const copy = structuredClone(doc) as Record<string, unknown>;
  let node = copy;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string, unknown>;
  const last = path[path.length - 1]!;
  if (remove) delete node[last];
  else node[last] = value;
  return copy;
}

const absurd = fc.constantFrom('12 parsecs', '3 GiB', '-5 us', 'fast', '', '1e999 TB/s', '15 furlongs', 'NaN s', '0 Tb/s', '  ', '4 /s', '2^10 B');
const wild = fc.oneof(fc.jsonValue(), absurd, fc.constant(undefined), fc.integer(), fc.double(), fc.string());

describe('scenario loader fuzz', () => {
  it('a valid base scenario loads and resolves', () => {
    expect(attempt(() => loadScenario(valid))).toBe('ok');
  });

  it('any value at any field gives success or a one-paragraph UserInputError', () => {
    fc.assert(
      fc.property(fc.constantFrom(...leafPaths), wild, fc.boolean(), (path, value, remove) => {
        attempt(() => loadScenario(setPath(valid, path, value, remove) as Record<string, unknown>, { origin: 'fuzz.yaml' }));
      }),
      { numRuns: 400, seed: 7 },
    );
  });

  it('random documents and random top-level shapes never throw anything else', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('system', 'workload', 'seed', 'name', 'sweep', 'extends', 'x'), fc.jsonValue()), (doc) => {
        attempt(() => loadScenario(doc as Record<string, unknown>, { origin: 'fuzz.yaml' }));
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  it('random YAML text parses into a scenario or a one-paragraph UserInputError', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.jsonValue().map((v) => stringify(v)),
      fc.constantFrom('{', 'a: [1, 2', 'system: !!binary x', '*alias', 'a: &x 1\nb: *y', ': :', '- 1\n- 2', 'null', '~', '"str"'),
    );
    fc.assert(
      fc.property(text, (t) => {
        attempt(() => loadScenario(parseDocumentText(t, 'fuzz.yaml'), { origin: 'fuzz.yaml' }));
      }),
      { numRuns: 300, seed: 13 },
    );
  });
});
