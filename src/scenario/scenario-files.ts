/**
 * Where scenario files may come from and how they are read: a size limit checked before parsing
 * (1 MiB by default), bundled scenarios by name, and `extends` parents confined to allowed folders
 * (by default the scenario's own folder and the bundled scenarios) with a scenario file extension,
 * so a scenario handed in by someone else cannot make the library read, or echo in an error, any
 * other file on the machine.
 */
import { closeSync, existsSync, fstatSync, openSync, readSync, readdirSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve as resolvePath, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scenarioErrors } from './errors.js';

/** Largest scenario file read by default (bytes); LoadOptions.maxBytes / --max-scenario-bytes raise it. */
export const DEFAULT_MAX_SCENARIO_BYTES = 1024 * 1024;

const SCENARIO_EXTENSION = /\.(ya?ml|json)$/i;

/** Whether a file name ends in .yaml, .yml or .json. */
export function hasScenarioExtension(file: string): boolean {
  return SCENARIO_EXTENSION.test(file);
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
    .filter((f) => SCENARIO_EXTENSION.test(f))
    .map((f) => f.replace(SCENARIO_EXTENSION, ''))
    .sort();
}

/** Whether a reference names a file (a path or a file name) rather than a bundled scenario. */
export function looksLikePath(ref: string): boolean {
  return ref.startsWith('.') || isAbsolute(ref) || ref.includes('/') || ref.includes('\\') || hasScenarioExtension(ref);
}

/** The bundled scenario file of a name, or undefined. */
export function bundledScenarioFile(name: string): string | undefined {
  const dir = bundledScenarioDir();
  for (const ext of ['.yaml', '.yml', '.json']) {
    const f = join(dir, name + ext);
    if (existsSync(f)) return f;
  }
  return undefined;
}

/**
 * The file a source string names: an existing file, or a bundled scenario's name
 * (`runScenario('llama-3.1-8b-trn2-48xl')`). A name that is neither is an error listing the bundled names.
 */
export function scenarioSourceFile(source: string): string {
  if (looksLikePath(source) || existsSync(source)) return source;
  const bundled = bundledScenarioFile(source);
  if (bundled !== undefined) return bundled;
  throw scenarioErrors.unknownScenario(source, bundledScenarioNames());
}

/** The real path (symlinks resolved) of an existing file, else its absolute path. */
export function realFile(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolvePath(path);
  }
}

function inside(file: string, root: string): boolean {
  const rel = relative(root, file);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** The folders `extends` may read by default: the scenario's own folder and the bundled scenarios. */
export function defaultAllowedRoots(scenarioDir: string): string[] {
  return [scenarioDir, bundledScenarioDir()];
}

/**
 * Checks an `extends` parent before it is read: a .yaml/.yml/.json file inside one of `roots`
 * (compared after resolving symlinks). Nothing of the file is read or echoed when it is refused.
 */
export function checkParentFile(origin: string, ref: string, file: string, roots: readonly string[]): void {
  if (!hasScenarioExtension(file)) throw scenarioErrors.extendsNotScenario(origin, ref);
  const real = realFile(file);
  if (!roots.some((r) => inside(real, realFile(r)))) throw scenarioErrors.extendsOutsideRoots(origin, ref, roots);
}

/**
 * Reads a scenario file's text, at most `maxBytes` (checked on the open file and while reading, so
 * a device or /proc file that reports no size cannot make it read without end).
 */
export function readScenarioText(file: string, maxBytes: number, from?: string): string {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw scenarioErrors.fileNotFound(file, from);
    throw scenarioErrors.fileUnreadable(file, code === 'EACCES' ? 'permission denied' : (code ?? String(e)));
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw scenarioErrors.fileUnreadable(file, 'it is a directory');
    if (st.size > maxBytes) throw scenarioErrors.fileTooLarge(file, st.size, maxBytes);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(65536, maxBytes + 1 - total));
      let n: number;
      try {
        n = readSync(fd, buf, 0, buf.length, null);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        throw scenarioErrors.fileUnreadable(file, code === 'EISDIR' ? 'it is a directory' : (code ?? String(e)));
      }
      if (n === 0) break;
      chunks.push(buf.subarray(0, n));
      total += n;
      if (total > maxBytes) throw scenarioErrors.fileTooLarge(file, total, maxBytes);
    }
    return Buffer.concat(chunks, total).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** A positive byte limit from a library option (undefined: the default). */
export function maxScenarioBytes(value: unknown, field = 'maxBytes'): number {
  if (value === undefined) return DEFAULT_MAX_SCENARIO_BYTES;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw scenarioErrors.badOption(field, value, 'a positive integer number of bytes, e.g. 4194304 for 4 MiB');
  return value;
}
