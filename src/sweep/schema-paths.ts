/**
 * Checks that a dot path names a field of the scenario schema, by walking its JSON Schema (the one
 * `trnsim schema` prints), so sweep/ needs no zod. Follows $ref, anyOf/oneOf/allOf, properties,
 * additionalProperties and array items. Returns undefined when the path exists, else the reason.
 */

type Schema = { readonly [key: string]: unknown } | boolean;

function resolveRef(root: Schema, ref: string): Schema | undefined {
  if (!ref.startsWith('#')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(1).split('/').filter((s) => s.length > 0)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node as Schema | undefined;
}

/** The alternatives a schema node stands for, with $ref and combinators flattened. */
function branches(root: Schema, node: Schema, depth = 0): Schema[] {
  if (typeof node === 'boolean' || depth > 32) return [node];
  if (typeof node.$ref === 'string') {
    const target = resolveRef(root, node.$ref);
    return target === undefined ? [true] : branches(root, target, depth + 1);
  }
  const out: Schema[] = [];
  for (const k of ['anyOf', 'oneOf', 'allOf'] as const) {
    const list = node[k];
    if (Array.isArray(list)) for (const b of list as Schema[]) out.push(...branches(root, b, depth + 1));
  }
  if (out.length > 0) {
    // a node may carry properties beside its combinators
    if (node.properties !== undefined || node.items !== undefined) out.push({ ...node, anyOf: undefined, oneOf: undefined, allOf: undefined });
    return out;
  }
  return [node];
}

/** The child schemas reached by one key from a node, plus the field names seen (for messages). */
function step(root: Schema, node: Schema, key: string, seen: Set<string>): Schema[] {
  const next: Schema[] = [];
  for (const b of branches(root, node)) {
    if (b === true) {
      next.push(true);
      continue;
    }
    if (b === false) continue;
    const props = b.properties as Record<string, Schema> | undefined;
    if (props !== undefined) {
      for (const k of Object.keys(props)) seen.add(k);
      if (Object.prototype.hasOwnProperty.call(props, key)) {
        next.push(props[key]!);
        continue;
      }
    }
    const addl = b.additionalProperties as Schema | undefined;
    if (addl !== undefined && addl !== false && (b.type === 'object' || props !== undefined || b.type === undefined)) {
      next.push(addl);
      continue;
    }
    if (b.type === 'array' && /^\d+$/.test(key) && b.items !== undefined) {
      next.push(b.items as Schema);
      continue;
    }
    if (props === undefined && b.type === undefined && b.items === undefined && b.additionalProperties === undefined && Object.keys(b).every((k) => k === 'description' || k === 'title' || k === 'default')) {
      // an unconstrained schema ({}) accepts anything below it
      next.push(true);
    }
  }
  return next;
}

export function checkSchemaPath(schema: Schema, path: string): string | undefined {
  const keys = path.split('.');
  if (keys.some((k) => k.length === 0)) return 'a dot path has no empty segments, e.g. "workload.parallelism.tp"';
  let frontier: Schema[] = [schema];
  for (let i = 0; i < keys.length; i++) {
    const seen = new Set<string>();
    const next: Schema[] = [];
    for (const node of frontier) next.push(...step(schema, node, keys[i]!, seen));
    if (next.length === 0) {
      const where = i === 0 ? 'the scenario' : `"${keys.slice(0, i).join('.')}"`;
      const valid = [...seen].sort();
      const choices = valid.length > 0 ? `; valid fields there: ${valid.join(', ')}` : '';
      return `"${keys[i]}" is not a field of ${where}${choices}`;
    }
    frontier = next;
  }
  return undefined;
}
