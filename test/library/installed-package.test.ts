/**
 * The library outside the repository (issue 19): `npm pack` the built package, install the tarball
 * into an empty project (its dependencies come from the npm cache that `npm ci` filled), type-check
 * the README's library example as written with `strict` (the repository's tsc) and run it; the
 * bundled scenarios resolve by name and as exported files, and the installed CLI runs one.
 * Needs `npx tsc -p tsconfig.json` first (npm test builds).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = process.cwd();
const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });

/** The README's library example: the ```ts block after "As a library". */
function readmeExample(): string {
  const readme = readFileSync(join(repo, 'README.md'), 'utf8');
  const m = /As a library[^\n]*\n+```ts\n([\s\S]*?)\n```/.exec(readme);
  if (!m) throw new Error('README.md has no ```ts library example after "As a library"');
  return m[1]!;
}

describe('the packed package, installed into an empty project', () => {
  it('runs and type-checks the README example; bundled scenarios by name and as files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trnsim-pkg-'));
    const tarball = npm(['pack', '--ignore-scripts', '--pack-destination', dir, '--silent'], repo).trim().split('\n').pop()!;
    const project = join(dir, 'project');
    execFileSync('mkdir', [project]);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'uses-trnsim', private: true, type: 'module' }));
    npm(['install', join(dir, tarball), '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', '--loglevel=error'], project);

    writeFileSync(join(project, 'example.ts'), readmeExample());
    const tsc = join(repo, 'node_modules/typescript/bin/tsc');
    const flags = ['--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--types', 'node', '--typeRoots', join(repo, 'node_modules/@types'), '--skipLibCheck', '--outDir', 'out', 'example.ts'];
    execFileSync(process.execPath, [tsc, ...flags], { cwd: project, encoding: 'utf8' });
    const out = execFileSync(process.execPath, ['out/example.js'], { cwd: project, encoding: 'utf8' }).trim().split('\n');
    // the 8B step on one trn2.48xlarge (a few seconds), 4 UltraServers of 64 chips, the engine's event
    expect(Number(out[0])).toBeGreaterThan(1);
    expect(out[1]).toMatch(/^256 \d+$/);
    expect(out[2]).toBe('event at 1.5 s');

    const resolved = execFileSync(process.execPath, ['--input-type=module', '-e', "console.log(import.meta.resolve('trnsim/scenarios/llama-3.1-8b-trn2-48xl.yaml'))"], { cwd: project, encoding: 'utf8' });
    expect(resolved.trim()).toBe(`file://${project}/node_modules/trnsim/scenarios/llama-3.1-8b-trn2-48xl.yaml`);
    const json = JSON.parse(execFileSync(join(project, 'node_modules/.bin/trnsim'), ['run', 'inference-llama-3.3-70b-trn2-48xl', '--json'], { cwd: project, encoding: 'utf8' }));
    expect(json.requestsCompleted).toBe(200);
  }, 120_000);
});
