/**
 * Reading and writing plain objects by dot path ("workload.parallelism.tp"). A numeric segment
 * indexes an array. Used to set axis values on a scenario and to read objectives from outputs.
 */
import type { Json, JsonObject } from './types.js';

export function splitPath(path: string): string[] {
  return path.split('.');
}

/** The value at `path`, or undefined when any step is missing. */
export function getPath(root: unknown, path: string): unknown {
  let node: unknown = root;
  for (const key of splitPath(path)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/**
 * Sets `value` at `path`, creating missing objects on the way. Returns a reason when a step is not
 * an object (e.g. the path goes through a preset name string), else undefined.
 */
export function setPath(root: JsonObject, path: string, value: Json): string | undefined {
  const keys = splitPath(path);
  let node: Record<string, unknown> = root;
  for (let i = 0; i < keys.length - 1; i++) {
    const key = keys[i]!;
    let next = node[key];
    if (next === undefined || next === null) {
      next = {};
      node[key] = next;
    } else if (typeof next !== 'object') {
      return `cannot set "${path}": "${keys.slice(0, i + 1).join('.')}" is ${JSON.stringify(next)}, not an object`;
    }
    node = next as Record<string, unknown>;
  }
  node[keys[keys.length - 1]!] = value;
  return undefined;
}
