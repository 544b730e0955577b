/** Loading data/validation/*.json: each file an array of cases; every problem names the file and the case. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserInputError } from '../user-input-error.js';
import type { ValidationCase } from './types.js';

/** The package root (the directory holding trnsim's package.json), from this module's location. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'trnsim') return dir;
      } catch {
        // not ours; keep walking up
      }
    }
    dir = dirname(dir);
  }
  throw new Error('validation: cannot find the trnsim package root (package.json) above ' + fileURLToPath(import.meta.url));
}

/** The generated error-band table beside the case files (not a case file). */
export const UNCERTAINTY_FILE = 'uncertainty.json';

export function defaultDataDir(): string {
  return join(packageRoot(), 'data', 'validation');
}

const REQUIRED: ReadonlyArray<[keyof ValidationCase, string]> = [
  ['id', 'string'],
  ['kind', 'string'],
  ['metric', 'string'],
  ['published', 'number'],
  ['unit', 'string'],
  ['source', 'string'],
];

export interface LoadedCase {
  readonly file: string;
  readonly case: ValidationCase;
}

/** Every case of every *.json file in `dir`, files in name order, cases in file order. */
export function loadCases(dir = defaultDataDir()): LoadedCase[] {
  if (!existsSync(dir)) throw new UserInputError(`validation: data directory ${dir} does not exist; give the folder of case files (--data), e.g. data/validation.`);
  if (!statSync(dir).isDirectory()) throw new UserInputError(`validation: ${dir} is a file, not a folder; give the folder that holds the case files (--data), e.g. data/validation.`);
  // uncertainty.json is the generated error-band table (report/uncertainty.ts), not a case file
  const files = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== UNCERTAINTY_FILE).sort();
  const out: LoadedCase[] = [];
  const ids = new Set<string>();
  for (const f of files) {
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(join(dir, f), 'utf8'));
    } catch (e) {
      throw new UserInputError(`${f}: not valid JSON (${(e as Error).message}); fix the file or remove it from the cases folder.`);
    }
    // a file is an array of cases, or { kind?, description?, cases: [...] } whose kind is the default
    let fileKind: unknown;
    if (!Array.isArray(data) && data !== null && typeof data === 'object' && Array.isArray((data as { cases?: unknown }).cases)) {
      fileKind = (data as { kind?: unknown }).kind;
      data = (data as { cases: unknown[] }).cases;
    }
    if (!Array.isArray(data)) throw new UserInputError(`${f}: expected an array of cases (or an object with a "cases" array), as in data/validation/*.json; check the file.`);
    data.forEach((c: unknown, i: number) => {
      if (c !== null && typeof c === 'object' && (c as { kind?: unknown }).kind === undefined && typeof fileKind === 'string') c = { ...c, kind: fileKind };
      if (c === null || typeof c !== 'object') throw new UserInputError(`${f}[${i}]: expected a case object { id, kind, metric, published, ... }; check the case.`);
      const o = c as Record<string, unknown>;
      for (const [k, t] of REQUIRED) {
        if (typeof o[k] !== t) throw new UserInputError(`validation: ${f}[${i}]${typeof o.id === 'string' ? ` (${o.id})` : ''}.${k}: expected a ${t}, got ${JSON.stringify(o[k])}.`);
      }
      if (!/^[a-z][a-z0-9-]*$/.test(o.kind as string)) throw new UserInputError(`validation: ${f} (${o.id}).kind: "${o.kind}" is not an evaluator name (lower-case letters, digits, dashes).`);
      if (ids.has(o.id as string)) throw new UserInputError(`${f}: duplicate case id "${o.id}"; give every case its own id.`);
      ids.add(o.id as string);
      out.push({ file: f, case: o as ValidationCase });
    });
  }
  return out;
}
