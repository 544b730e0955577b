/**
 * The JSON Schema of scenario files (`trnsim schema`), generated from the zod schema with zod 4's
 * `z.toJSONSchema` in input mode (defaults shown, fields with defaults optional). Editors use it
 * for completion (docs/scenarios.md "Editor completion").
 */
import { z } from 'zod';
import { scenarioSchema } from './schema.js';

type JsonSchema = Record<string, unknown>;

let cached: JsonSchema | undefined;

/** The scenario JSON Schema (draft 2020-12). A fresh deep copy each call: callers may mutate it. */
export function scenarioJsonSchema(): JsonSchema {
  if (cached === undefined) {
    const schema = z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
    cached = { ...schema, $id: 'https://trnsim.dev/scenario.schema.json', title: 'trnsim scenario' };
  }
  return structuredClone(cached);
}

/**
 * Field names valid at a dot path of a scenario (objects only; [] when the path is not an object
 * or is a free-form record). Used for "unknown field" hints and by sweeps to check axis paths.
 * With the `document`, alternatives of a union whose `kind` differs from the document's are
 * left out (a training workload does not list inference fields). `root`: another schema (plan files).
 */
export function fieldsAt(path: readonly (string | number)[], document?: unknown, root: JsonSchema = scenarioJsonSchema()): string[] {
  const out = new Set<string>();
  const kindOf = (doc: unknown): unknown => (doc !== null && typeof doc === 'object' ? (doc as Record<string, unknown>).kind : undefined);
  const child = (doc: unknown, key: string | number | undefined): unknown =>
    doc !== null && typeof doc === 'object' && key !== undefined ? (doc as Record<string | number, unknown>)[key] : undefined;
  const visit = (node: unknown, rest: readonly (string | number)[], doc: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    const n = node as JsonSchema;
    for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
      const alts = n[key];
      if (!Array.isArray(alts)) continue;
      const kind = kindOf(doc);
      for (const alt of alts) {
        const altKind = ((alt as JsonSchema).properties as Record<string, JsonSchema> | undefined)?.kind?.const;
        if (typeof kind === 'string' && altKind !== undefined && altKind !== kind) continue;
        visit(alt, rest, doc);
      }
    }
    const props = n.properties as Record<string, unknown> | undefined;
    if (rest.length === 0) {
      if (props) for (const k of Object.keys(props)) out.add(k);
      return;
    }
    const [head, ...tail] = rest;
    if (props && typeof head === 'string' && head in props) visit(props[head], tail, child(doc, head));
    else if (n.additionalProperties && typeof n.additionalProperties === 'object') visit(n.additionalProperties, tail, child(doc, head));
    else if (n.items && typeof head === 'number') visit(n.items, tail, child(doc, head));
  };
  visit(root, path, document);
  return [...out];
}

/**
 * Whether a dot path names a field of the scenario schema, e.g. "workload.parallelism.tp".
 * Record entries (overrides.chips.<id>) accept any key.
 */
export function isScenarioFieldPath(dotPath: string): boolean {
  const parts = dotPath.split('.');
  if (parts.some((p) => p === '')) return false;
  let found = false;
  const visit = (node: unknown, rest: readonly string[]): void => {
    if (found || node === null || typeof node !== 'object') return;
    const n = node as JsonSchema;
    if (rest.length === 0) {
      found = true;
      return;
    }
    for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
      const alts = n[key];
      if (Array.isArray(alts)) for (const alt of alts) visit(alt, rest);
    }
    const props = n.properties as Record<string, unknown> | undefined;
    const [head, ...tail] = rest;
    if (props && head !== undefined && head in props) visit(props[head], tail);
    else if (n.additionalProperties && typeof n.additionalProperties === 'object') visit(n.additionalProperties, tail);
  };
  visit(scenarioJsonSchema(), parts);
  return found;
}
