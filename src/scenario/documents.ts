/**
 * Reading scenario documents: YAML or JSON files, `extends:` chains (relative files or bundled
 * scenario names) deep-merged parent first, cycles detected. Produces one plain merged document;
 * validation happens afterwards on the whole.
 */
import { basename, dirname, extname, resolve as resolvePath } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { scenarioErrors, fieldError, type Origin } from './errors.js';
import { describeValue } from './describe-value.js';
import { scenarioSchema } from './schema.js';
import {
  bundledScenarioFile,
  bundledScenarioNames,
  checkParentFile,
  DEFAULT_MAX_SCENARIO_BYTES,
  hasScenarioExtension,
  looksLikePath,
  readScenarioText,
} from './scenario-files.js';

export { bundledScenarioDir, bundledScenarioNames } from './scenario-files.js';

/** Where `extends` may read and how much (LoadOptions' part for files). */
export interface ReadLimits {
  /** Folders `extends` parents must lie in (undefined: anywhere). */
  readonly roots?: readonly string[];
  /** Largest file read, bytes. */
  readonly maxBytes: number;
}

/** Top-level fields of a scenario (the schema's): a parent with any other is not a scenario file. */
const SCENARIO_KEYS: ReadonlySet<string> = new Set(Object.keys(scenarioSchema.shape));

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

/** Default scenario name: the file name without its extension. */
export function nameFromFile(file: string): string {
  return basename(file, extname(file));
}

/** Reads and parses one file (YAML, or JSON by extension), at most `maxBytes`; no extends handling. */
export function readDocument(file: string, from?: Origin, maxBytes = DEFAULT_MAX_SCENARIO_BYTES): Document {
  return parseDocumentText(readScenarioText(file, maxBytes, from), file);
}

/** Where the parser stopped, without the text it quotes (for files that may not be scenarios). */
function positionOnly(message: string): string {
  const at = /at line (\d+), column (\d+)/.exec(message);
  return at ? `at line ${at[1]}, column ${at[2]}` : 'the text is not a YAML mapping';
}

/** "a string", "a list": the type of a value, not its content. */
function typeOnly(value: unknown): string {
  return Array.isArray(value) ? 'a list' : `a ${typeof value}`;
}

/**
 * Parses scenario text; `file` is used for messages and to pick JSON by extension. The parser's
 * message quotes the text only for .yaml/.yml/.json files: the content of any other file is
 * never echoed.
 */
export function parseDocumentText(text: string, file: Origin): Document {
  const quote = hasScenarioExtension(file) || !looksLikePath(file);
  let value: unknown;
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a UTF-8 byte-order mark, as some editors on Windows write
  const isJson = extname(file).toLowerCase() === '.json';
  try {
    // YAML 1.2 is a superset of JSON, but JSON.parse gives clearer messages for .json files.
    value = isJson ? JSON.parse(text) : parseYaml(text, { uniqueKeys: true, maxAliasCount: 100, logLevel: 'error', merge: true });
  } catch (e) {
    const msg = (e as Error).message ?? String(e);
    throw scenarioErrors.syntax(file, isJson ? 'JSON' : 'YAML', quote ? msg : positionOnly(msg));
  }
  if (value === undefined || value === null) throw scenarioErrors.notAnObject(file, 'an empty document');
  if (!isPlainObject(value)) throw scenarioErrors.notAnObject(file, quote ? describeValue(value) : typeOnly(value));
  return value;
}

/** Where an `extends` entry points: a file relative to `baseDir`, or a bundled scenario. */
function locateParent(ref: string, baseDir: string, origin: Origin): string {
  if (looksLikePath(ref)) return resolvePath(baseDir, ref);
  const f = bundledScenarioFile(ref);
  if (f !== undefined) return f;
  throw scenarioErrors.unknownExtends(origin, ref, bundledScenarioNames());
}

/** Whether a document's top-level fields are all scenario fields. */
export function isScenarioShaped(doc: Document): boolean {
  return Object.keys(doc).every((k) => SCENARIO_KEYS.has(k));
}

/** Reads an `extends` parent: confined to the allowed folders, a scenario-shaped mapping, or an error that quotes none of it. */
function readParent(ref: string, file: string, origin: Origin, limits: ReadLimits): Document {
  if (limits.roots !== undefined) checkParentFile(origin, ref, file, limits.roots);
  else if (!hasScenarioExtension(file)) throw scenarioErrors.extendsNotScenario(origin, ref);
  const doc = readDocument(file, origin, limits.maxBytes);
  if (!isScenarioShaped(doc)) throw scenarioErrors.extendsNotScenario(origin, ref);
  return doc;
}

/**
 * Resolves `extends` of `doc` (read from `file`, or in memory with `baseDir`) recursively and
 * returns the merged document without an `extends` key. `chain` holds the absolute files being
 * resolved, for cycle detection.
 */
export function mergeExtends(doc: Document, origin: Origin, baseDir: string, chain: readonly string[] = [], limits: ReadLimits = { maxBytes: DEFAULT_MAX_SCENARIO_BYTES }): Document {
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
    const parentDoc = readParent(ref, parentFile, origin, limits);
    const parent = mergeExtends(parentDoc, parentFile, dirname(parentFile), [...chain, parentFile], limits);
    // A parent's name belongs to the parent: the child is named after its own file unless it says otherwise.
    delete parent.name;
    merged = deepMerge(merged, parent);
  }
  return deepMerge(merged, own);
}
