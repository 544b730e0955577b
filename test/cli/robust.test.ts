/**
 * The first hour of a new user (issue 19), through the CLI's main() in-process: the bad-input
 * table of flags and files (one sentence, exit 2, before any work), merge --force, validate
 * errors, warnings, and the --help example of every command.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';
import { cli, problemsOf } from './in-process.js';

const dir = mkdtempSync(join(tmpdir(), 'trnsim-robust-'));
const file = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const small = file('small.yaml', 'system: { preset: trn2.3xlarge }\nworkload: { kind: training, model: llama-3.2-1b, sequenceLength: 2048, globalBatch: 4, parallelism: { tp: 4 } }\n');
const sweepFile = file('sweep.yaml', `extends: ${small}\nsweep: { axes: { seed: [1, 2] } }\n`);
const files = {
  bigBatch: file('big-batch.yaml', 'extends: llama-3.1-8b-trn2-48xl\nworkload: { globalBatch: 1000000000 }\n'),
  bigRequests: file('big-requests.yaml', 'extends: inference-llama-3.1-8b-trn2-3xl\nworkload: { requests: { count: 100000000 } }\n'),
  hugeSweep: file('huge-sweep.yaml', 'extends: llama-3.1-8b-trn2-48xl\nsweep: { axes: { seed: { from: 1, to: 10000, step: 1 }, workload.microBatch: { from: 1, to: 10000, step: 1 }, system.count: { from: 1, to: 10000, step: 1 } }, skipInvalid: true }\n'),
  passwd: file('passwd.yaml', 'extends: /etc/passwd\n'),
  ctx: file('ctx.yaml', 'extends: inference-llama-3.3-70b-trn2-48xl\nworkload: { maxContextTokens: 1000 }\n'),
  longSequence: file('l2.yaml', 'system: { preset: trn2.48xlarge }\nworkload: { kind: training, model: llama-2-7b, sequenceLength: 8192, globalBatch: 64, parallelism: { tp: 8 } }\n'),
};
let shards: string[] = [];

beforeAll(async () => {
  shards = [join(dir, 's0.jsonl'), join(dir, 's1.jsonl')];
  for (const [i, out] of shards.entries()) expect((await cli('sweep', sweepFile, '--workers', '0', '--shard', `${i}/2`, '--out', out)).code).toBe(0);
});

// [args, exit code, stderr]: every bad input is refused with one sentence before any work starts
const table: Array<[string, () => string[], number, RegExp]> = [
  ['validate --kind nope', () => ['validate', '--kind', 'nope'], 2, /^trnsim: validation: no case of kind "nope" \(--kind; library: kinds\) in .*; the kinds there are collective, inference, training/],
  ['validate --data /etc', () => ['validate', '--data', '/etc'], 2, /^trnsim: validation: \/etc holds no validation cases/],
  ['merge onto an existing --out', () => ['merge', ...shards, '--out', small], 2, /--out: cannot write ".*small\.yaml": the file exists; pass --force to overwrite it/],
  ['merge onto one of its inputs', () => ['merge', ...shards, '--out', shards[0]!, '--force'], 2, /--out: cannot write ".*s0\.jsonl": it is also an input/],
  ['run --csv onto the scenario', () => ['run', small, '--csv', small], 2, /--csv: cannot write ".*small\.yaml": it is also an input/],
  ['run --csv and --report onto one file', () => ['run', small, '--csv', join(dir, 'x'), '--report', join(dir, 'x')], 2, /--csv: cannot write ".*x": --report writes the same file; give each output its own file/],
  ['run --max-events abc', () => ['run', small, '--max-events', 'abc'], 2, /^trnsim: --max-events: expected a positive number, got "abc"; e\.g\. --max-events 1e10\.\n$/],
  ['run --max-memory in parsecs', () => ['run', small, '--max-memory', '12 parsecs'], 2, /^trnsim: --max-memory: expected a positive size, got "12 parsecs"; e\.g\. --max-memory "8 GiB"\.\n$/],
  ['run --max-scenario-bytes 10', () => ['run', small, '--max-scenario-bytes', '10'], 2, /the file has more than 10 bytes, the limit for a scenario file/],
  ['run globalBatch: 1e9', () => ['run', files.bigBatch], 2, /the run would take about 2\.50e8 events and .* GiB of memory, above the memory limit/],
  ['run requests.count: 1e8', () => ['run', files.bigRequests], 2, /most of it is the requests \(100,000,000 requests\)/],
  ['run it with a limit too small', () => ['run', small, '--max-events', '10'], 2, /above the limit of 10 events/],
  ['sweep of 1e12 points', () => ['sweep', files.hugeSweep, '--workers', '0'], 2, /the sweep would take about \d\.\d+e1\d events .*\(1,000,000,000,000 points x about/],
  ['sweep --csv in a missing folder', () => ['sweep', sweepFile, '--workers', '0', '--csv', join(dir, 'no', 'x.csv')], 2, /^trnsim: --csv: cannot write .*: directory .* does not exist/],
  ['extends: /etc/passwd', () => ['run', files.passwd], 2, /extends: "\/etc\/passwd" is not a scenario file/],
  ['no request completes', () => ['run', files.ctx], 2, /no request completed: all 200 were rejected .* longer than maxContextTokens \(1,000\)/],
  ['compare --csv onto a scenario', () => ['compare', small, '--csv', small], 2, /--csv: cannot write .*: it is also an input/],
  ['schema --out in a missing folder', () => ['schema', '--out', join(dir, 'no', 's.json')], 2, /^trnsim: --out: cannot write .*: directory .* does not exist/],
  ['plan --report onto a folder', () => ['plan', '--model', 'llama-3.1-8b', '--report', dir], 2, /^trnsim: --report: cannot write .*: it is a directory/],
  ['calibrate --out in a missing folder', () => ['calibrate', small, '--out', join(dir, 'no', 'c.json')], 2, /^trnsim: --out: cannot write .*: directory .* does not exist/],
  ['an unknown scenario name', () => ['run', 'llama-3.1-8b-trn2-48x'], 2, /no bundled scenario "llama-3\.1-8b-trn2-48x" \(did you mean llama-3\.1-8b-trn2-48xl\?\)/],
];

describe('bad input: one sentence, exit 2, nothing run', () => {
  it.each(table)('%s', async (_name, args, code, pattern) => {
    const r = await cli(...args());
    expect(problemsOf(r)).toEqual([]);
    expect(r.code).toBe(code);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr).not.toMatch(/root:x:0/);
  });
});

describe('what works', () => {
  it('merge --force replaces an existing --out, and runs by bundled name', async () => {
    const out = file('merged.jsonl', 'old\n');
    const r = await cli('merge', ...shards, '--out', out, '--force');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^merged 2 files of sweep [0-9a-f]{16}: 2 of 2 points \(ok 2, invalid 0, error 0\)/);
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(2);
    const b = await cli('run', 'llama-3.1-8b-trn2-48xl', '--json');
    expect(JSON.parse(b.stdout).name).toBe('llama-3.1-8b-on-trn2.48xlarge');
  });

  it('a sequence past the context window runs with a warning naming the window', async () => {
    const r = await cli('run', files.longSequence, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).stepTimeS).toBeGreaterThan(0);
    expect(r.stderr).toMatch(/^trnsim: warning: .*l2\.yaml: workload\.sequenceLength: 8,192 tokens is longer than the context window of llama-2-7b \(4,096 tokens; /);
  });

  it('the reports say "1 chip" and keep the KV-cache values aligned', async () => {
    const r = await cli('run', 'inference-llama-3.1-8b-trn2-3xl');
    expect(r.stdout).toContain('1 x trn2.3xlarge: 1 chip, 4 ranks (lnc 2)');
    expect(r.stdout).toContain('Utilisation (1 chip)');
    const kv = r.stdout.split('KV cache\n')[1]!.split('\n\n')[0]!.split('\n');
    // the long capacity note starts where the values start; the short values end in one column
    const valueStart = kv[0]!.indexOf('585,260');
    const ends = kv.slice(1).map((l) => l.length);
    expect(new Set(ends).size).toBe(1);
    expect(kv.slice(1).every((l) => /\S/.test(l.slice(valueStart, ends[0])))).toBe(true);
  });
});

describe('--help', () => {
  it('every command ends with one example line; merge marks --out as required', async () => {
    const names = buildProgram().commands.map((c) => c.name());
    expect(names).toEqual(expect.arrayContaining(['run', 'sweep', 'merge', 'compare', 'validate', 'plan', 'calibrate']));
    for (const name of ['', ...names]) {
      const r = await cli(...(name ? [name] : []), '--help');
      expect(r.code, name).toBe(0);
      expect(r.stdout, name).toMatch(/\n\nExample: trnsim [^\n]+\n$/);
    }
    expect((await cli('merge', '--help')).stdout).toMatch(/--out <file> +merged results file \(required;/);
  });
});
