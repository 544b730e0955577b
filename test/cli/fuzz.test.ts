/**
 * Fuzz (issue 19): 8,000 generated scenario files through the library (load, resolve, run under a
 * small work limit) and 2,000 generated flag sets through the CLI's main() in-process, then a
 * handful of them through the real CLI process. Zero stack traces, zero internal errors, zero
 * exit-0 runs that print no result, no content of a non-scenario file in any message.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/run.js';
import { isUserInputError } from '../../src/user-input-error.js';
import { cli, problemsOf, type CliRun } from './in-process.js';

const dir = mkdtempSync(join(tmpdir(), 'trnsim-fuzz-'));
const put = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const SECRET = 'hunter2-root:x:0';
const secret = put('secret.txt', `${SECRET}\npassword: ${SECRET}\n`);
const manifest = put('manifest.yaml', `apiVersion: v1\ndata: { password: "${SECRET}" }\n`);
const tinyModel = { layers: 2, hidden: 512, heads: 8, ffn: 1024, vocab: 1000 };
const bases = [
  { system: { preset: 'trn2.3xlarge' }, workload: { kind: 'training', model: tinyModel, sequenceLength: 512, globalBatch: 4, parallelism: { tp: 4 } } },
  { system: { preset: 'trn2.3xlarge' }, workload: { kind: 'inference', model: tinyModel, parallelism: { tp: 4 }, batching: { maxBatch: 4 }, requests: { count: 10, inputTokens: 128, outputTokens: 16, concurrency: 4 } } },
];
const parent = put('parent.yaml', stringify(bases[0]));
const EXTENDS = ['/etc/passwd', '../../proc/self/environ', secret, manifest, './parent.yaml', parent, 'llama-3.1-8b-trn2-48xl', 'nope', './missing.yaml', dir, '/dev/zero'];

/** Every leaf path of the bases, and the containers, to replace or remove. */
const paths: string[][] = [];
(function walk(o: unknown, path: string[]) {
  if (path.length > 0) paths.push(path);
  if (o !== null && typeof o === 'object') for (const [k, v] of Object.entries(o)) walk(v, [...path, k]);
})(bases[1], []);
(function walk(o: unknown, path: string[]) {
  if (path.length > 0) paths.push(path);
  if (o !== null && typeof o === 'object') for (const [k, v] of Object.entries(o)) walk(v, [...path, k]);
})(bases[0], []);

const wild = fc.oneof(
  fc.integer({ min: -3, max: 70000 }),
  fc.constantFrom(0, 1, 2, 4, 8, 1e9, 1e12, -1, 0.5, NaN, 'fast', '3 GiB', '-5 us', '1e999 TB/s', '', null, true, [], {}, 'llama-2-7b', 'fp8', 'inference'),
  fc.string({ maxLength: 12 }),
  fc.jsonValue({ maxDepth: 2 }),
);

function mutate(base: object, edits: Array<[string[], unknown, boolean]>, ext: string | undefined): Record<string, unknown> {
  const doc = structuredClone(base) as Record<string, unknown>;
  for (const [path, value, remove] of edits) {
    let node: Record<string, unknown> = doc;
    for (const k of path.slice(0, -1)) {
      if (node[k] === null || typeof node[k] !== 'object') node[k] = {};
      node = node[k] as Record<string, unknown>;
    }
    if (remove) delete node[path[path.length - 1]!];
    else node[path[path.length - 1]!] = value;
  }
  if (ext !== undefined) doc.extends = ext;
  return doc;
}

const scenarioText = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(fc.constantFrom(0, 1), fc.array(fc.tuple(fc.constantFrom(...paths), wild, fc.boolean()), { maxLength: 3 }), fc.option(fc.constantFrom(...EXTENDS), { freq: 4 })).map(([b, edits, ext]) => stringify(mutate(bases[b]!, edits, ext ?? undefined))) },
  { weight: 1, arbitrary: fc.oneof(fc.string({ maxLength: 80 }), fc.constantFrom('{', 'a: [1, 2', '*alias', ': :', '- 1', 'null', `extends: ${secret}`)) },
);

/** A run's result or a one-line UserInputError: 'ok' | 'refused'; anything else fails the test. */
function attempt(file: string, maxEvents: number): 'ok' | 'refused' {
  try {
    const s = loadScenario(file, { allowedRoots: [dir] });
    const r = runScenario(s, { maxEvents, maxMemoryBytes: 256 * 1024 ** 2 });
    if (r.kind === 'training') expect(r.stepTimeS > 0 && Number.isFinite(r.stepTimeS) && r.tokensPerSecond > 0).toBe(true);
    else expect(r.requestsCompleted > 0 && Number.isFinite(r.ttftS.p50)).toBe(true);
    return 'ok';
  } catch (e) {
    if (!isUserInputError(e)) throw e;
    expect(e.message).not.toMatch(/\n/);
    expect(e.message.length).toBeGreaterThan(10);
    expect(e.message).not.toContain(SECRET);
    return 'refused';
  }
}

// ---------------------------------------------------------------- flag sets

const tiny = put('tiny.yaml', stringify(bases[0]));
const serve = put('serve.yaml', stringify(bases[1]));
const sweep = put('sweep.yaml', `extends: ./tiny.yaml\nsweep: { axes: { seed: [1, 2] } }\n`);
const badSweep = put('bad-sweep.yaml', `extends: ./tiny.yaml\nsweep: { axes: { workload.parallelism.tp: [3, 4] } }\n`);
const big = put('big.yaml', 'extends: llama-3.1-8b-trn2-48xl\nworkload: { globalBatch: 1000000000 }\n');
const passwd = put('passwd.yaml', 'extends: /etc/passwd\n');
const data = join(dir, 'cases');
mkdirSync(data);
const SHARDS = [join(dir, 's0.jsonl'), join(dir, 's1.jsonl')];

const scenario = fc.constantFrom(tiny, serve, big, passwd, secret, manifest, join(dir, 'none.yaml'), dir, 'llama-3.2-1b', '/dev/zero');
const outPath = fc.constantFrom(join(dir, 'o.csv'), join(dir, 'o.html'), join(dir, 'o.json'), dir, '/nonexistent/x', '/dev/null', '/dev/full', tiny, '');
const count = fc.constantFrom('0', '1', '2', '-3', 'abc', '1e3', '1e5', '8 GiB', '', '12 parsecs', '64 MiB');
const opt = (flag: string, value: fc.Arbitrary<string>) => value.map((v) => [flag, v]);
const flagsOf = (...options: Array<fc.Arbitrary<string[]>>) => fc.subarray(options).chain((picked) => (picked.length === 0 ? fc.constant([] as string[]) : fc.tuple(...picked).map((f) => f.flat())));
const word = (...w: string[]): fc.Arbitrary<string[]> => fc.constant(w);

const flagSet: fc.Arbitrary<string[]> = fc.oneof(
  fc.tuple(word('run'), scenario, flagsOf(word('--json'), opt('--seed', count), opt('--csv', outPath), opt('--report', outPath), opt('--trace', outPath), word('--exact'), opt('--max-events', count), opt('--max-memory', count), opt('--max-scenario-bytes', count), word('--no-progress'), word('--bogus'))).map((p) => p.flat()),
  fc.tuple(word('sweep'), fc.constantFrom(sweep, badSweep, tiny, big, passwd), opt('--workers', fc.constantFrom('0', '0', 'x', '-1')), flagsOf(opt('--out', outPath), word('--resume'), opt('--shard', fc.constantFrom('0/2', '1/2', '2/2', 'x')), opt('--objective', fc.constantFrom('stepTimeS:min', 'nope', ':max')), opt('--csv', outPath), opt('--emit', fc.constantFrom('slurm', 'k8s', 'nope')), opt('--out-dir', fc.constantFrom(dir, 'rel')), opt('--max-events', count))).map((p) => p.flat()),
  fc.tuple(word('merge'), fc.subarray([...SHARDS, tiny, join(dir, 'none.jsonl')], { minLength: 1 }), flagsOf(opt('--out', fc.constantFrom(join(dir, 'm.jsonl'), ...SHARDS, dir, '/nonexistent/m')), word('--force'), opt('--csv', outPath), word('--allow-incomplete'))).map((p) => p.flat()),
  fc.tuple(word('compare'), fc.subarray([tiny, serve, big, passwd], { minLength: 1 }), flagsOf(word('--json'), opt('--csv', outPath), opt('--report', outPath), opt('--max-events', count))).map((p) => p.flat()),
  fc.tuple(word('validate'), opt('--data', fc.constantFrom(data, '/etc', '/nonexistent', tiny)), flagsOf(word('--json'), opt('--kind', fc.constantFrom('nope', '', ',', 'collective', 'training,nope')))).map((p) => p.flat()),
  fc.tuple(word('hardware'), fc.constantFrom('trn2.3xlarge', 'trn2-ultraserver', 'nope', ''), flagsOf(opt('--count', count), opt('--lnc', count), opt('--efa', fc.constantFrom('rail', 'clos', 'x')), word('--json'))).map((p) => p.flat()),
  // sizes always given and small: the default sweep (8 B to 1 GiB) takes seconds
  fc.tuple(word('collective'), opt('--min', fc.constantFrom('1kb', 'x')), opt('--max', fc.constantFrom('64kb', 'x')), flagsOf(opt('--op', fc.constantFrom('all-reduce', 'all-gather', 'nope')), opt('--system', fc.constantFrom('trn2.3xlarge', 'trn2.48xlarge', 'x')), opt('--ranks', fc.constantFrom('4', '0', 'x', '100000')), word('--json'))).map((p) => p.flat()),
  fc.tuple(word('schema'), flagsOf(opt('--out', outPath))).map((p) => p.flat()),
  fc.constantFrom<string[]>(['--bogus'], ['nope'], [], ['--version'], ['run'], ['merge', tiny], ['plan'], ['plan', '--model', 'llama-3.1-8b', '--top', 'x'], ['calibrate', tiny]),
);

function check(args: string[], r: CliRun): void {
  const problems = problemsOf(r);
  if (problems.length > 0) throw new Error(`trnsim ${args.join(' ')}: ${problems.join(', ')}\nstdout: ${r.stdout.slice(0, 400)}\nstderr: ${r.stderr.slice(0, 800)}`);
  expect(r.stderr + r.stdout).not.toContain(SECRET);
}

beforeAll(async () => {
  // a one-case validation folder (a real collective case), and the shards of a tiny sweep
  const cases = JSON.parse(readFileSync('data/validation/collectives.json', 'utf8')) as { cases?: unknown[] } | unknown[];
  const list = Array.isArray(cases) ? cases : cases.cases!;
  writeFileSync(join(data, 'one.json'), JSON.stringify([{ kind: 'collective', ...(list[0] as object) }]));
  for (const [i, out] of SHARDS.entries()) expect((await cli('sweep', sweep, '--workers', '0', '--shard', `${i}/2`, '--out', out)).code).toBe(0);
});

describe('fuzz', () => {
  it('8,000 generated scenario files: a result or one sentence, never anything else', () => {
    const file = join(dir, 'case.yaml');
    const seen = { ok: 0, refused: 0 };
    fc.assert(
      fc.property(scenarioText, fc.constantFrom(300, 3000, 30000), (text, maxEvents) => {
        writeFileSync(file, text);
        seen[attempt(file, maxEvents)]++;
      }),
      { numRuns: 8000, seed: 19 },
    );
    // both outcomes are exercised, so neither check is vacuous
    expect(seen.ok).toBeGreaterThan(200);
    expect(seen.refused).toBeGreaterThan(2000);
  });

  it('2,000 generated flag sets through main(): no stack trace, no silent exit 0', async () => {
    const codes = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(flagSet, async (args) => {
        const r = await cli(...args);
        check(args, r);
        codes.set(r.code, (codes.get(r.code) ?? 0) + 1);
      }),
      { numRuns: 2000, seed: 23 },
    );
    expect(codes.get(0)).toBeGreaterThan(100);
    expect(codes.get(2)).toBeGreaterThan(500);
  });

  it('a handful of generated flag sets through the real CLI process', () => {
    const CLI = join(process.cwd(), 'dist/src/cli/main.js');
    for (const args of fc.sample(flagSet, { numRuns: 5, seed: 29 })) {
      const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60_000 });
      check(args, { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr });
    }
  });
});
