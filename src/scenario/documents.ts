/**
 * Reading scenario documents: YAML or JSON files, `extends:` chains (relative files or bundled
 * scenario names) deep-merged parent first, cycles detected. Produces one plain merged document;
 * validation happens afterwards on the whole.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { scenarioErrors, fieldError, type Origin } from './errors.js';
import { describeValue } from './describe-value.js';

export type Document = Record<string, unknown>;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_EXTENDS_DEPTH = 32;

export function isPlainObject(v: unknown): v is Document {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Deep merge for `extends`: mappings merge key by key, everything else (lists included) is
 * replaced by the child's value; a child value of null removes the inherited key.
 */
export function deepMerge(base: Document, over: Document): Document {
  const out: Document = {};
  for (const [k, v] of Object.entries(base)) if (!FORBIDDEN_KEYS.has(k)) out[k] = v;
  for (const [k, v] of Object.entries(over)) {
    if (FORBIDDEN_KEYS.has(k)) continue;
    if (v === null) delete out[k];
    else if (isPlainObject(v) && isPlainObject(out[k])) out[k] = deepMerge(out[k] as Document, v);
    else out[k] = v;
  }
  return out;
}

/** The package root (holds package.json and scenarios/), from this module's location in src/ or dist/src/. */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'scenarios'))) return dir;
    dir = dirname(dir);
  }
  return process.cwd();
}

/** Directory of the bundled scenarios (scenarios/ in the package). */
export function bundledScenarioDir(): string {
  return join(packageRoot(), 'scenarios');
}

/** Names of the bundled scenarios (file names without extension), sorted. */
export function bundledScenarioNames(): string[] {
  const dir = bundledScenarioDir();
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .map((f) => f.replace(/\.(ya?ml|json)$/, ''))
    .sort();
}

/** Default scenario name: the file name without its extension. */
export function nameFromFile(file: string): string {
  return basename(file, extname(file));
}

/** Reads and parses one file (YAML, or JSON by extension); no extends handling. */
export function readDocument(file: string, from?: Origin): Document {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw scenarioErrors.fileNotFound(file, from);
    if (code === 'EISDIR') throw scenarioErrors.fileUnreadable(file, 'it is a directory');
    throw scenarioErrors.fileUnreadable(file, code ?? String(e));
  }
  return parseDocumentText(text, file);
}

/** Parses scenario text; `file` is used for messages and to pick JSON by extension. */
export function parseDocumentText(text: string, file: Origin): Document {
  let value: unknown;
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a UTF-8 byte-order mark, as some editors on Windows write
  const isJson = extname(file).toLowerCase() === '.json';
  try {
    // YAML 1.2 is a superset of JSON, but JSON.parse gives clearer messages for .json files.
    value = isJson ? JSON.parse(text) : parseYaml(text, { uniqueKeys: true, maxAliasCount: 100, logLevel: 'error', merge: true });
  } catch (e) {
    const msg = (e as Error).message ?? String(e);
    throw scenarioErrors.syntax(file, isJson ? 'JSON' : 'YAML', msg);
  }
  if (value === undefined || value === null) throw scenarioErrors.notAnObject(file, 'an empty document');
  if (!isPlainObject(value)) throw scenarioErrors.notAnObject(file, describeValue(value));
  return value;
}

function looksLikePath(ref: string): boolean {
  return ref.startsWith('.') || isAbsolute(ref) || ref.includes('/') || ref.includes('\\') || /\.(ya?ml|json)$/i.test(ref);
}

/** Where an `extends` entry points: a file relative to `baseDir`, or a bundled scenario. */
function locateParent(ref: string, baseDir: string, origin: Origin): string {
  if (looksLikePath(ref)) return resolvePath(baseDir, ref);
  const dir = bundledScenarioDir();
  for (const ext of ['.yaml', '.yml', '.json']) {
    const f = join(dir, ref + ext);
    if (existsSync(f)) return f;
  }
  throw scenarioErrors.unknownExtends(origin, ref, bundledScenarioNames());
}

/**
 * Resolves `extends` of `doc` (read from `file`, or in memory with `baseDir`) recursively and
 * returns the merged document without an `extends` key. `chain` holds the absolute files being
 * resolved, for cycle detection.
 */
export function mergeExtends(doc: Document, origin: Origin, baseDir: string, chain: readonly string[] = []): Document {
  if (chain.length > MAX_EXTENDS_DEPTH) throw scenarioErrors.extendsTooDeep(origin);
  const ext = doc.extends;
  const { extends: _dropped, ...own } = doc;
  if (ext === undefined) return own;
  const refs = typeof ext === 'string' ? [ext] : Array.isArray(ext) && ext.every((e) => typeof e === 'string') ? (ext as string[]) : undefined;
  if (refs === undefined) {
    throw fieldError(origin, 'extends', `expected a file path or a bundled scenario name (or a list of them), got ${describeValue(ext)}`);
  }
  let merged: Document = {};
  for (const ref of refs) {
    const parentFile = locateParent(ref, baseDir, origin);
    if (chain.includes(parentFile)) throw scenarioErrors.extendsCycle([...chain, parentFile]);
    const parentDoc = readDocument(parentFile, origin);
    const parent = mergeExtends(parentDoc, parentFile, dirname(parentFile), [...chain, parentFile]);
    // A parent's name belongs to the parent: the child is named after its own file unless it says otherwise.
    delete parent.name;
    merged = deepMerge(merged, parent);
  }
  return deepMerge(merged, own);
}
