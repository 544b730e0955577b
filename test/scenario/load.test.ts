import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { resolveScenario } from '../../src/scenario/resolve.js';
import { errorOf, scratch } from '../user-errors.js';

const { dir, file } = scratch('trnsim-load-');

const minimal = {
  system: { preset: 'trn2.48xlarge' },
  workload: { kind: 'training', model: 'llama-3.1-8b', sequenceLength: 8192, globalBatch: 64, parallelism: { tp: 8 } },
};

describe('loadScenario defaults', () => {
  it('fills every default issue 7 lists', () => {
    const s = loadScenario(minimal);
    expect(s.seed).toBe(1);
    expect(s.name).toBe('scenario');
    expect(s.system.count).toBe(1);
    expect(s.system.lnc).toBeUndefined();
    const w = s.workload;
    if (w.kind !== 'training') throw new Error('training expected');
    expect(w.precision).toBe('bf16');
    expect(w.microBatch).toBe(1);
    expect(w.recompute).toBe('selective');
    expect(w.parallelism).toEqual({ tp: 8, pp: 1, cp: 1, ep: 1, zero: 1, sequenceParallel: true, schedule: '1f1b', virtualStages: 1 });
  });

  it('names a scenario after its file', () => {
    const p = file('my-run.yaml', 'system: { preset: trn2.48xlarge }\nworkload: { kind: training, model: llama-3.1-8b, sequenceLength: 4096, globalBatch: 8, parallelism: { tp: 64 } }\n');
    expect(loadScenario(p).name).toBe('my-run');
  });

  it('reads JSON files, with or without a byte-order mark', () => {
    const p = file('j.json', '\uFEFF' + JSON.stringify({ ...minimal, name: 'from-json', seed: 7 }));
    const s = loadScenario(p);
    expect([s.name, s.seed]).toEqual(['from-json', 7]);
  });

  it('resolves lnc to the chip default and derives dp = ranks / (tp x pp x cp)', () => {
    // trn2.48xlarge: 16 chips x 8 physical cores / LNC 2 = 64 ranks; dp = 64 / 8 = 8
    const r = resolveScenario(loadScenario(minimal));
    expect(r.system.lnc).toBe(2);
    expect(r.ranks).toBe(64);
    if (r.workload.kind !== 'training') throw new Error('training expected');
    expect(r.workload.parallelism.dp).toBe(8);
    expect(r.workload.model.layers).toBe(32);
    // Trn1: 16 chips x 2 cores per trn1.32xlarge; 16 servers = 512 ranks; tp 8 -> dp 64 (case T3, docs/sources.md)
    const t1 = resolveScenario(loadScenario({ ...minimal, system: { preset: 'trn1.32xlarge', count: 16 } }));
    expect(t1.ranks).toBe(512);
    expect((t1.workload as { parallelism: { dp: number } }).parallelism.dp).toBe(64);
    // LNC 1 doubles the ranks of a Trn2 chip: 16 x 8 = 128, dp = 128 / (8 x 2) = 8
    const l1 = resolveScenario(loadScenario({ ...minimal, system: { preset: 'trn2.48xlarge', lnc: 1 }, workload: { ...minimal.workload, parallelism: { tp: 8, pp: 2 } } }));
    expect(l1.ranks).toBe(128);
    expect((l1.workload as { parallelism: { dp: number } }).parallelism.dp).toBe(8);
  });

  it('converts override quantities to SI', () => {
    const s = loadScenario({ ...minimal, system: { preset: 'trn2-ultraserver', count: 4, overrides: { efa: { bandwidth: '3.2 Tb/s', latency: '15 us' }, chip: { hbmCapacity: '96 GiB', peakFlops: { bf16: '667 TFLOP/s' } } } } });
    expect(s.system.overrides).toEqual({
      efa: { bytesPerSecondPerServer: 4e11, latencyS: 1.5e-5 },
      chip: { hbmBytes: 96 * 1024 ** 3, peakFlopsPerSecond: { bf16: 6.67e14 } },
    });
  });
});

describe('loadScenario extends', () => {
  it('deep-merges a parent file: mappings merge, scalars and lists replace', () => {
    file('base.yaml', 'name: base-name\nseed: 3\nsystem: { preset: trn2.48xlarge, count: 1 }\nworkload: { kind: training, model: llama-3.1-8b, sequenceLength: 8192, globalBatch: 64, parallelism: { tp: 8, zero: 0 }, recompute: full }\n');
    const child = file('child.yaml', 'extends: ./base.yaml\nsystem: { preset: trn2-ultraserver }\nworkload: { globalBatch: 256, parallelism: { tp: 16 } }\n');
    const s = loadScenario(child);
    expect(s.name).toBe('child'); // the parent's name stays with the parent
    expect(s.seed).toBe(3);
    expect(s.system).toEqual({ preset: 'trn2-ultraserver', count: 1 });
    const w = s.workload;
    if (w.kind !== 'training') throw new Error('training expected');
    expect([w.globalBatch, w.parallelism.tp, w.parallelism.zero, w.recompute, w.sequenceLength]).toEqual([256, 16, 0, 'full', 8192]);
    expect(s.document.extends).toBeUndefined();
  });

  it('removes an inherited field given as null', () => {
    file('base2.yaml', 'system: { preset: trn2.48xlarge, lnc: 1 }\nworkload: { kind: training, model: llama-3.1-8b, sequenceLength: 8192, globalBatch: 64, parallelism: { tp: 8 } }\n');
    const child = file('child2.yaml', 'extends: base2.yaml\nsystem: { lnc: null }\n');
    expect(loadScenario(child).system.lnc).toBeUndefined();
  });

  it('extends a bundled scenario by name', () => {
    const s = loadScenario({ extends: 'llama-3.1-8b-trn2-48xl', seed: 9 });
    expect(s.seed).toBe(9);
    expect(s.system.preset).toBe('trn2.48xlarge');
    expect((s.workload as { model: unknown }).model).toBe('llama-3.1-8b');
  });

  it('lists the bundled scenarios when the name is unknown', () => {
    const e = errorOf(() => loadScenario({ extends: 'llama-9' }, { origin: 'x.yaml' }));
    expect(e.message).toMatch(/^x\.yaml: extends: unknown bundled scenario "llama-9".*llama-3\.1-8b-trn2-48xl/);
  });

  it('detects cycles and names the chain', () => {
    file('a.yaml', 'extends: ./b.yaml\nseed: 1\n');
    file('b.yaml', 'extends: ./c.yaml\n');
    file('c.yaml', 'extends: ./a.yaml\n');
    const e = errorOf(() => loadScenario(join(dir, 'a.yaml')));
    expect(e.message).toMatch(/extends: cycle .*a\.yaml -> .*b\.yaml -> .*c\.yaml -> .*a\.yaml/);
    file('self.yaml', 'extends: ./self.yaml\n');
    expect(errorOf(() => loadScenario(join(dir, 'self.yaml'))).message).toMatch(/cycle/);
  });

  it('names a missing parent file', () => {
    const p = file('orphan.yaml', 'extends: ./nowhere.yaml\n');
    expect(errorOf(() => loadScenario(p)).message).toMatch(/orphan\.yaml: extends: cannot read scenario file .*nowhere\.yaml: no such file/);
  });
});

describe('scenario errors', () => {
  it('names file, field path and value: tp 0', () => {
    const p = file('x.yaml', 'system: { preset: trn2.48xlarge }\nworkload: { kind: training, model: llama-3.1-8b, sequenceLength: 8192, globalBatch: 64, parallelism: { tp: 0 } }\n');
    expect(errorOf(() => loadScenario(p)).message).toBe(`${p}: workload.parallelism.tp: expected a positive integer, got 0.`);
  });

  it('lists the valid presets and suggests the closest', () => {
    const e = errorOf(() => loadScenario({ ...minimal, system: { preset: 'trn2.48xl' } }, { origin: 'f.yaml' }));
    expect(e.message).toMatch(/^f\.yaml: system\.preset: expected one of trn1\.32xlarge \| trn2\.3xlarge \| trn2\.48xlarge \| trn2-ultraserver/);
    const m = errorOf(() => resolveScenario(loadScenario({ ...minimal, workload: { ...minimal.workload, model: 'llama-3.1-8' } }, { origin: 'f.yaml' })));
    expect(m.message).toMatch(/^f\.yaml: workload\.model: unknown model preset "llama-3\.1-8" \(did you mean llama-3\.1-8b\?\); use one of .*llama-2-7b/);
  });

  it('collects every problem into one paragraph', () => {
    const e = errorOf(() =>
      loadScenario({ seed: -1, system: { preset: 'trn2.48xlarge', count: 'two' }, workload: { kind: 'training', model: 'llama-3.1-8b', sequenceLength: 8192, parallelism: { tp: 8, zero: 5, schedule: 'gpipe' }, recompute: 'some' } }, { origin: 'f.yaml' }),
    );
    expect(e.message).not.toContain('\n');
    for (const part of [
      'seed: expected a non-negative integer, got -1',
      'system.count: expected a positive integer, got "two"',
      'workload.globalBatch: expected a positive integer, got nothing (the field is required)',
      'workload.parallelism.zero: expected a ZeRO stage 0, 1, 2 or 3, got 5',
      'workload.parallelism.schedule: expected one of 1f1b | interleaved, got "gpipe"',
      'workload.recompute: expected one of none | selective | full, got "some"',
    ])
      expect(e.message).toContain(part);
    expect(e.message).toMatch(/^f\.yaml: 6 problems: /);
  });

  it('names unknown fields with a suggestion and the valid ones', () => {
    const e = errorOf(() => loadScenario({ ...minimal, workload: { ...minimal.workload, parallelism: { tp: 8, tensorParallel: 2, zer0: 1 } } }, { origin: 'f.yaml' }));
    expect(e.message).toContain('workload.parallelism.zer0: unknown field (did you mean zero?); remove it, or use one of the fields here: tp, pp, dp, cp, ep, zero');
    expect(e.message).toContain('workload.parallelism.tensorParallel: unknown field');
  });

  it('rejects absurd units with the field path', () => {
    const e = errorOf(() => loadScenario({ ...minimal, system: { preset: 'trn2.48xlarge', overrides: { efa: { latency: '12 parsecs', bandwidth: '-3 Tb/s' } } } }, { origin: 'f.yaml' }));
    expect(e.message).toContain('system.overrides.efa.latency: expected a duration such as "15 us"');
    expect(e.message).toContain('system.overrides.efa.bandwidth: expected a value > 0, got "-3 Tb/s"');
  });

  it('reports a wrong workload kind with the choices', () => {
    const e = errorOf(() => loadScenario({ ...minimal, workload: { kind: 'serving' } }, { origin: 'f.yaml' }));
    expect(e.message).toBe('f.yaml: workload.kind: expected training | inference, got "serving".');
  });

  it('reports YAML syntax errors as one paragraph naming the file', () => {
    const p = file('broken.yaml', 'system: { preset: trn2.48xlarge\nworkload: [\n');
    const e = errorOf(() => loadScenario(p));
    expect(e.message).toMatch(/broken\.yaml: not valid YAML: /);
    expect(e.message).not.toContain('\n');
  });

  it('reports a missing file', () => {
    expect(errorOf(() => loadScenario(join(dir, 'missing.yaml'))).message).toMatch(/cannot read scenario file .*missing\.yaml: no such file/);
  });
});

describe('resolveScenario cross-field rules', () => {
  it('rejects tp x pp x dp x cp that is not the system ranks, and says the fix', () => {
    const e = errorOf(() => resolveScenario(loadScenario({ ...minimal, workload: { ...minimal.workload, parallelism: { tp: 8, dp: 4 } } }, { origin: 'f.yaml' })));
    expect(e.message).toBe(
      'f.yaml: workload.parallelism: tp x pp x cp x dp = 8 x 1 x 1 x 4 = 32, but 1 x trn2.48xlarge has 64 ranks (16 chips x 4 logical cores at lnc 2); set dp to 8 or omit dp to derive it.',
    );
  });

  it('rejects degrees that do not divide the ranks when dp is derived', () => {
    const e = errorOf(() => resolveScenario(loadScenario({ ...minimal, workload: { ...minimal.workload, parallelism: { tp: 48 } } }, { origin: 'f.yaml' })));
    expect(e.message).toMatch(/^f\.yaml: workload\.parallelism: tp x pp x cp = 48 x 1 x 1 = 48 does not divide the ranks/);
  });

  it('requires ep to divide dp', () => {
    const e = errorOf(() => resolveScenario(loadScenario({ ...minimal, workload: { ...minimal.workload, model: 'mixtral-8x7b', parallelism: { tp: 8, ep: 3 } } }, { origin: 'f.yaml' })));
    expect(e.message).toBe('f.yaml: workload.parallelism.ep: 3 does not divide dp = 8 (the experts are spread over data-parallel ranks); choose ep among 1, 2, 4 or 8.');
  });

  it('says that a dense model takes no expert parallelism', () => {
    const e = errorOf(() => resolveScenario(loadScenario({ ...minimal, workload: { ...minimal.workload, parallelism: { tp: 8, ep: 4 } } }, { origin: 'f.yaml' })));
    expect(e.message).toBe('f.yaml: workload.parallelism.ep: 4 needs a mixture-of-experts model, but llama-3.1-8b is dense (one FFN per layer); set ep to 1.');
  });

  it('requires the global batch to split into dp x microBatch', () => {
    const e = errorOf(() => resolveScenario(loadScenario({ ...minimal, workload: { ...minimal.workload, globalBatch: 60 } }, { origin: 'f.yaml' })));
    expect(e.message).toContain('workload.globalBatch: 60 sequences do not split into dp (8) x microBatch (1)');
  });

  it('checks lnc against the chip', () => {
    const e = errorOf(() => resolveScenario(loadScenario({ ...minimal, system: { preset: 'trn1.32xlarge', lnc: 2 } }, { origin: 'f.yaml' })));
    expect(e.message).toBe('f.yaml: system.lnc: Trainium supports lnc 1, got 2; use 1.');
  });

  it('resolves inline models and { preset, ...fields }', () => {
    const inline = resolveScenario(loadScenario({ ...minimal, workload: { ...minimal.workload, model: { layers: 2, hidden: 1024, heads: 8, ffn: 4096, vocab: 32000 } } }));
    expect(inline.workload.model).toMatchObject({ layers: 2, hidden: 1024, heads: 8, kvHeads: 8, headDim: 128, gatedFfn: true, experts: 1 });
    const small = resolveScenario(loadScenario({ ...minimal, workload: { ...minimal.workload, model: { preset: 'llama-3.1-70b', layers: 4 } } }));
    expect(small.workload.model).toMatchObject({ layers: 4, hidden: 8192, heads: 64, kvHeads: 8, ffn: 28672, vocab: 128256, headDim: 128 });
    const e = errorOf(() => loadScenario({ ...minimal, workload: { ...minimal.workload, model: { layers: 2 } } }, { origin: 'f.yaml' }));
    expect(e.message).toContain('workload.model.hidden: missing (an inline model without "preset" needs layers, hidden, heads, ffn, vocab)');
  });
});

describe('unknown-field hints', () => {
  it('list only the fields of the workload kind in use', () => {
    const e = errorOf(() => loadScenario({ ...minimal, workload: { ...minimal.workload, globalBatchSize: 64 } }, { origin: 'f.yaml' }));
    expect(e.message).toContain('workload.globalBatchSize: unknown field (did you mean globalBatch?); remove it, or use one of the fields here: kind, model, precision, sequenceLength, globalBatch, microBatch, parallelism, recompute');
    expect(e.message).not.toContain('batching');
  });

  it('show the value given for a wrong type', () => {
    const e = errorOf(() => loadScenario({ system: 'trn2', workload: 3 }, { origin: 'f.yaml' }));
    expect(e.message).toBe('f.yaml: 2 problems: system: expected a mapping (object), got "trn2"; workload: expected a mapping with kind: training | inference, got 3.');
  });
});

describe('YAML features', () => {
  it('accepts anchors and merge keys', () => {
    const q = file(
      'anchors2.yaml',
      'system: { preset: trn2.48xlarge }\nworkload:\n  kind: training\n  model: llama-3.1-8b\n  sequenceLength: 8192\n  globalBatch: 64\n  parallelism: &par\n    <<: { tp: 8, zero: 0 }\n    pp: 1\n',
    );
    const s = loadScenario(q);
    expect((s.workload as { parallelism: { tp: number; zero: number } }).parallelism).toMatchObject({ tp: 8, zero: 0, pp: 1 });
  });

  it('rejects duplicate keys', () => {
    const p = file('dup.yaml', 'seed: 1\nseed: 2\nsystem: { preset: trn2.48xlarge }\n');
    expect(errorOf(() => loadScenario(p)).message).toMatch(/dup\.yaml: not valid YAML: .*unique/i);
  });
});
