/**
 * `trnsim validate` (--data, --json, --loo on a small folder), `trnsim calibrate` and
 * `--calibration`, spawned as a user runs them (`npm test` builds first).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CLI = join(process.cwd(), 'dist/src/cli/main.js');
function trnsim(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'trnsim-cal-cli-'));
const bundled = JSON.parse(readFileSync(join(process.cwd(), 'data/validation/collectives.json'), 'utf8')) as Array<{ id: string }>;
// a small folder of cases in the data/validation format: C2 and R2 (two tables, one system)
writeFileSync(join(dir, 'cases.json'), JSON.stringify(bundled.filter((c) => c.id.startsWith('C2-') || c.id.startsWith('R2-'))));

describe('trnsim validate on any folder of case files', () => {
  it('--json keeps cases[].id and cases[].relError and reports the number of fitted constants', () => {
    const r = trnsim('validate', '--data', dir, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { cases: Array<{ id: string; relError: number }>; fittedConstants: number };
    expect(out.cases.map((c) => c.id)).toEqual(['C2-1KiB', 'C2-1MiB', 'C2-16MiB', 'C2-1GiB', 'R2-32MiB']);
    for (const c of out.cases) expect(Number.isFinite(c.relError)).toBe(true);
    expect(out.fittedConstants).toBeGreaterThan(10);
    expect(trnsim('validate', '--data', dir).stdout).toMatch(/fitted constants: \d+ \(one set for every scenario/);
  });

  it('--loo leaves each source table out whole', () => {
    const r = trnsim('validate', '--data', dir, '--loo', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { cases: Array<{ id: string; table: string; relError: number; looRelError: number }>; tables: number };
    expect(out.tables).toBe(2);
    expect(new Set(out.cases.map((c) => c.table))).toEqual(new Set(['nccom-C2', 'nccom-R2']));
    for (const c of out.cases) expect(Number.isFinite(c.looRelError)).toBe(true);
  });
});

describe('trnsim calibrate and --calibration', () => {
  it('writes a calibration file that collective --calibration applies', () => {
    const rows = ['     size(B)    count(elems)     type    time(us)    algbw(GB/s)    busbw(GB/s)'];
    // twice the simulated small-size floor of a 2-rank on-chip all-reduce: the local step overhead must grow
    for (const [s, t] of [[8, 120], [1024, 121], [65536, 125], [1048576, 150]] as const) rows.push(`${s} ${s / 4} fp32 ${t} 0 0`);
    writeFileSync(join(dir, 'ar.txt'), rows.join('\n') + '\n');
    writeFileSync(join(dir, 'm.yaml'), 'measurements:\n  - nccom: ar.txt\n    op: allr\n    system: { preset: trn1.32xlarge }\n    ranks: 2\n    dtype: fp32\n');
    const out = join(dir, 'cal.json');
    const r = trnsim('calibrate', join(dir, 'm.yaml'), '--out', out, '--only-mine');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/your 4 points: median \|error\| [\d.]+% before, [\d.]+% after/);
    const cal = JSON.parse(readFileSync(out, 'utf8')) as { trnsimCalibration: number; constants: Record<string, number> };
    expect(cal.trnsimCalibration).toBe(1);
    expect(cal.constants['collectives.localStepOverheadS']).toBeGreaterThan(40e-6);
    const t = (extra: string[]) => (JSON.parse(trnsim('collective', '--op', 'all-reduce', '--system', 'trn1.32xlarge', '--ranks', '2', '--min', '8', '--max', '8', '--json', ...extra).stdout) as Array<{ timeS: number }>)[0]!.timeS;
    expect(t(['--calibration', out]) / t([])).toBeGreaterThan(1.5);
  });

  it('bad input: a file that is not nccom-test output is one line naming it, exit 2', () => {
    writeFileSync(join(dir, 'notes.txt'), 'it was fast\n');
    writeFileSync(join(dir, 'bad.yaml'), 'measurements:\n  - nccom: notes.txt\n    op: all-reduce\n    system: { preset: trn1.32xlarge }\n    ranks: 2\n');
    const r = trnsim('calibrate', join(dir, 'bad.yaml'), '--out', join(dir, 'x.json'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/notes\.txt: not nccom-test output/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
