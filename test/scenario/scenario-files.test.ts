/**
 * Where scenario files come from (issue 19): extends confined to allowed folders and scenario
 * files, nothing of another file echoed, the size limit checked before parsing, bundled
 * scenarios by name, loadScenario's options checked.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { errorOf, scratch } from '../user-errors.js';

const { dir, file } = scratch('trnsim-files-');
const minimal = {
  system: { preset: 'trn2.48xlarge' },
  workload: { kind: 'training', model: 'llama-3.1-8b', sequenceLength: 8192, globalBatch: 64, parallelism: { tp: 8 } },
};

describe('where scenario files come from (issue 19)', () => {
  const secret = file('notes.txt', 'root:x:0:0:root:/root:/bin/bash\npassword: hunter2\n');
  const outside = mkdtempSync(join(tmpdir(), 'trnsim-outside-'));
  writeFileSync(join(outside, 'base.yaml'), 'system: { preset: trn2.48xlarge }\n');
  const inside = mkdtempSync(join(dir, 'sub-'));
  // a YAML file next to the scenario, but not a scenario (a Kubernetes secret)
  const manifest = join(inside, 'manifest.yaml');
  writeFileSync(manifest, 'apiVersion: v1\nkind: Secret\ndata: { password: hunter2 }\n');
  const child = (ext: string) => {
    const p = join(inside, 'child.yaml');
    writeFileSync(p, `extends: ${ext}\nworkload: { kind: training, model: llama-3.1-8b, sequenceLength: 8192, globalBatch: 64, parallelism: { tp: 8 } }\n`);
    return p;
  };

  // [extends, pattern]: refused without reading, or read and refused, and never echoed
  const refused: Array<[string, RegExp]> = [
    ['/etc/passwd', /extends: "\/etc\/passwd" is not a scenario file \(a \.yaml, \.yml or \.json file whose top-level fields are scenario fields\)/],
    ['../../proc/self/environ', /extends: "\.\.\/\.\.\/proc\/self\/environ" is not a scenario file/],
    [secret, /is not a scenario file/],
    [manifest, /is not a scenario file/],
    [join(outside, 'base.yaml'), /lies outside the folders a scenario may extend from \(.*sub-.*, .*scenarios\); move the parent next to the scenario, name a bundled scenario, or pass allowedRoots/],
  ];
  it.each(refused)('extends: %s is refused and nothing of it is echoed', (ref, pattern) => {
    const e = errorOf(() => loadScenario(child(ref)));
    expect(e.message).toMatch(pattern);
    expect(e.message).not.toMatch(/root:|hunter2|apiVersion|Secret/);
  });

  it('allowedRoots opens other folders, and extends of bundled scenarios still work', () => {
    expect(loadScenario(child(join(outside, 'base.yaml')), { allowedRoots: [outside] }).system.preset).toBe('trn2.48xlarge');
    expect(loadScenario(child('llama-3.1-8b-trn2-48xl')).system.preset).toBe('trn2.48xlarge');
    // an in-memory object's folder is its baseDir (default the working directory)
    expect(errorOf(() => loadScenario({ extends: join(outside, 'base.yaml') })).message).toMatch(/lies outside the folders/);
    expect(loadScenario({ extends: './base.yaml', workload: minimal.workload }, { baseDir: outside }).system.preset).toBe('trn2.48xlarge');
  });

  it('a file that is not a scenario, given directly, is parsed but never quoted', () => {
    const s = errorOf(() => loadScenario(secret)).message;
    expect(s).toMatch(/notes\.txt: not valid YAML: at line 1, column 1; fix the syntax there\.$/);
    const one = file('one-line.txt', 'root:x:0:0:root:/root:/bin/bash\n');
    expect(errorOf(() => loadScenario(one)).message).toMatch(/one-line\.txt: a scenario must be a mapping with system: and workload:, got a string\.$/);
    const kv = file('config.conf', 'password: hunter2\n');
    expect(errorOf(() => loadScenario(kv)).message).toMatch(/config\.conf: not a scenario file \(its top-level fields are not scenario fields/);
    const bad = file('broken.txt', 'a: [\nhunter2: {\n');
    const m = errorOf(() => loadScenario(bad)).message;
    expect(m).toMatch(/broken\.txt: not valid YAML: at line \d+, column \d+; fix the syntax there\.$/);
    expect(m).not.toContain('hunter2');
  });

  it('refuses files above the size limit before parsing them, and devices that never end', () => {
    const big = file('big.yaml', `# ${'x'.repeat(2 * 1024 * 1024)}\n`);
    expect(errorOf(() => loadScenario(big)).message).toMatch(/big\.yaml: the file has more than 1,048,576 bytes, the limit for a scenario file .*--max-scenario-bytes \(library: maxBytes\)\.$/);
    expect(errorOf(() => loadScenario('/dev/zero')).message).toMatch(/^\/dev\/zero: the file has more than 1,048,576 bytes/);
    expect(errorOf(() => loadScenario(big, { maxBytes: 4 * 1024 * 1024 })).message).toMatch(/a scenario must be a mapping/);
    expect(errorOf(() => loadScenario(big, { maxBytes: 0 })).message).toMatch(/^loadScenario: options\.maxBytes: expected a positive integer, got 0\.$/);
  });

  it('bundled scenarios load by name; an unknown name lists them', () => {
    expect(loadScenario('llama-3.1-8b-trn2-48xl').name).toBe('llama-3.1-8b-on-trn2.48xlarge');
    expect(errorOf(() => loadScenario('llama-3.1-8b-trn2-48x')).message).toMatch(
      /^llama-3\.1-8b-trn2-48x: no such scenario file, and no bundled scenario "llama-3\.1-8b-trn2-48x" \(did you mean llama-3\.1-8b-trn2-48xl\?\); use one of .*; give a path such as \.\/my-scenario\.yaml\.$/,
    );
  });

  it('checks the library options of plain-JavaScript callers', () => {
    expect(errorOf(() => loadScenario(minimal, { allowedRoots: '/tmp' as never })).message).toBe('loadScenario: options.allowedRoots: expected a list of strings, got "/tmp".');
    expect(errorOf(() => loadScenario(minimal, 'x' as never)).message).toBe('loadScenario: options: expected an object such as {}, got "x".');
  });
});
