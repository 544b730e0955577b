/**
 * `npm run bench [-- <suite>...] [--json <file>] [--list]`: runs the named suites of
 * bench/suites/index.ts (all when none is named) and prints each one's Markdown report.
 * Progress goes to stderr. Benchmarks are not tests: numbers depend on the machine and its load.
 */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { SUITES } from './suites/index.js';

function fail(message: string): never {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
let jsonPath: string | undefined;
const names: string[] = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  if (a === '--json') {
    jsonPath = args[++i];
    if (jsonPath === undefined) fail('--json needs a file name');
  } else if (a === '--list') {
    for (const s of SUITES) process.stdout.write(`${s.name.padEnd(10)} ${s.description}\n`);
    process.exit(0);
  } else if (a.startsWith('-')) fail(`unknown option ${a}; options: --json <file>, --list`);
  else names.push(a);
}
const known = new Set(SUITES.map((s) => s.name));
for (const n of names) if (!known.has(n)) fail(`unknown suite '${n}'; suites: ${[...known].join(', ')}`);
const selected = names.length === 0 ? SUITES : SUITES.filter((s) => names.includes(s.name));

const cpu = cpus()[0]?.model ?? 'unknown CPU';
process.stdout.write(`# trnsim benchmarks\n\nNode ${process.version}, ${cpus().length} × ${cpu}, ${new Date().toISOString()}\n`);
const results: Record<string, unknown> = {};
for (const suite of selected) {
  process.stderr.write(`bench: ${suite.name}...\n`);
  const t0 = Date.now();
  const report = await suite.run((line) => process.stderr.write(`${line}\n`));
  results[suite.name] = report.data;
  process.stdout.write(`\n## ${suite.name}\n\n${report.text}\n\n(${((Date.now() - t0) / 1000).toFixed(0)} s)\n`);
}
if (jsonPath !== undefined) {
  writeFileSync(jsonPath, JSON.stringify({ meta: { node: process.version, cpu, cpus: cpus().length, date: new Date().toISOString() }, results }, null, 2) + '\n');
}
