/**
 * `trnsim run --trace/--report/--csv`, `trnsim compare` and their bad input, through the built CLI
 * (`npm test` builds first; run `npx tsc -p tsconfig.json` before running this file alone).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkOutputPath, validateTrace } from '../../src/report/index.js';
import { scenarioJsonSchema } from '../../src/scenario/index.js';

const CLI = join(process.cwd(), 'dist/src/cli/main.js');
const dir = mkdtempSync(join(tmpdir(), 'trnsim-reports-'));

function trnsim(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}
const TRAIN = 'system: { preset: trn2.48xlarge }\nworkload: { kind: training, model: llama-3.1-8b, sequenceLength: 4096, globalBatch: 32, parallelism: { tp: 8, pp: 2 } }\n';
const small = file('small.yaml', `name: small\n${TRAIN}`);

describe('trnsim run: trace, HTML report and CSV', () => {
  it('writes the three files, and their numbers are the JSON result', () => {
    const [t, h, c] = ['step.json', 'report.html', 'result.csv'].map((f) => join(dir, f));
    const r = trnsim('run', small, '--json', '--trace', t!, '--report', h!, '--csv', c!);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json.cost).slice(0, 3)).toEqual(['usdPerHour', 'usdPerStep', 'usdPerMillionTokens']);
    expect(Object.keys(json.energy).slice(0, 3)).toEqual(['joulesPerStep', 'joulesPerToken', 'averagePowerW']);
    expect(validateTrace(JSON.parse(readFileSync(t!, 'utf8')))).toEqual([]);
    const html = readFileSync(h!, 'utf8');
    const embedded = JSON.parse(/id="trnsim-data">([\s\S]*?)<\/script>/.exec(html)![1]!);
    const { meta: _m, ...rest } = json;
    expect(embedded.result).toEqual(rest);
    const csv = new Map(readFileSync(c!, 'utf8').trim().split('\n').map((l) => l.split(',') as [string, string]));
    expect(Number(csv.get('cost.usdPerMillionTokens'))).toBe(json.cost.usdPerMillionTokens);
    expect(Number(csv.get('energy.joulesPerStep'))).toBe(json.energy.joulesPerStep);
    expect(r.stderr).toMatch(/wrote trace .*step\.json, report .*report\.html, CSV .*result\.csv/);
  });

  it('refuses an unwritable output path before running, naming the flag', () => {
    const a = trnsim('run', small, '--trace', join(dir, 'no-such-dir', 'x.json'));
    expect(a.code).toBe(2);
    expect(a.stdout).toBe('');
    expect(a.stderr).toMatch(/^trnsim: --trace: cannot write ".*no-such-dir\/x\.json": directory ".*no-such-dir" does not exist; give a file path in an existing, writable directory\.\n$/);
  });

  it('checks paths as the flags need them (library)', () => {
    mkdirSync(join(dir, 'adir'), { recursive: true });
    expect(() => checkOutputPath(join(dir, 'adir'), '--csv')).toThrow(/^--csv: cannot write .*adir": it is a directory/);
    expect(() => checkOutputPath(join(small, 'x.html'), '--report')).toThrow(/^--report: cannot write .*small\.yaml" is not a directory/);
    expect(() => checkOutputPath(join(dir, 'fresh.html'), '--report')).not.toThrow();
  });

  it('prints the results and then names the missing price field, exit 2', () => {
    const p = file('no-price.yaml', TRAIN.replace('{ preset: trn2.48xlarge }', '{ preset: trn2.48xlarge, pricing: { basis: capacity-block } }'));
    const r = trnsim('run', p, '--json');
    expect(r.code).toBe(2);
    const json = JSON.parse(r.stdout);
    expect(json.stepTimeS).toBeGreaterThan(0);
    expect(json.cost).toBeUndefined();
    expect(json.energy.joulesPerStep).toBeGreaterThan(0);
    expect(r.stderr).toMatch(/^trnsim: .*no-price\.yaml: system\.pricing\.usdPerHour: no capacity-block price is catalogued for trn2\.48xlarge; give system\.pricing\.usdPerHour .*\(the run's other results are complete\)\n$/);
  });
});

describe('trnsim compare', () => {
  it('prints a JSON array of results with names and ratios, and writes the CSV', () => {
    const b = file('b.yaml', `name: two-servers\n${TRAIN.replace('{ preset: trn2.48xlarge }', '{ preset: trn2.48xlarge, count: 2 }')}`);
    const csv = join(dir, 'cmp.csv');
    const r = trnsim('compare', small, b, '--json', '--csv', csv);
    expect(r.code).toBe(0);
    const arr = JSON.parse(r.stdout);
    expect(arr.map((x: { name: string }) => x.name)).toEqual(['small', 'two-servers']);
    expect(arr[0].vsFirst.tokensPerSecond).toBe(1);
    expect(arr[1].vsFirst.usdPerMillionTokens).toBeCloseTo(arr[1].cost.usdPerMillionTokens / arr[0].cost.usdPerMillionTokens, 12);
    expect(arr[1].system).toEqual({ description: '2 x trn2.48xlarge', chips: 32 });
    const lines = readFileSync(csv, 'utf8').trim().split('\n');
    expect(lines[0]).toMatch(/^name,kind,system,chips,timeS,tokensPerSecond,mfu,usdPerHour/);
    expect(lines).toHaveLength(3);
    expect(Number(lines[2]!.split(',')[5])).toBe(arr[1].tokensPerSecond);
  });

  it('shows system.pricing, system.power and job in the JSON Schema (`trnsim schema`)', () => {
    const s = scenarioJsonSchema() as any;
    expect(Object.keys(s.properties.system.properties)).toEqual(expect.arrayContaining(['pricing', 'power']));
    expect(Object.keys(s.properties.system.properties.power.properties)).toEqual(['idleW', 'loadW', 'hbmW', 'linkW', 'hostW', 'pue']);
    expect(Object.keys(s.properties.job.properties)).toEqual(['duration', 'steps', 'tokens']);
  });
});
