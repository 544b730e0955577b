/**
 * The UserInputErrors thrown outside the layers' errors.ts files: every `new UserInputError(...)`
 * and `new CliError(...)` in src/ is read from the source, its message literal filled with a
 * placeholder value where it interpolates, and checked against the same rules as the factories
 * (test/message-rules.ts): a field path, flag or file first, a full stop, a fix, no doubled phrase.
 * A message built elsewhere (a variable) must come from a factory that test/user-input-errors.test.ts walks.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { messageProblems } from './message-rules.js';

const SRC = join(__dirname, '..', 'src');

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sources(p));
    else if (name.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** The literal starting at s[i] (a quote or backtick), with each ${...} replaced by `fill`; the index after it. */
function readLiteral(s: string, i: number, fill: string): { text: string; end: number } | undefined {
  const q = s[i];
  if (q !== '`' && q !== "'" && q !== '"') return undefined;
  let text = '';
  let j = i + 1;
  while (j < s.length && s[j] !== q) {
    if (s[j] === '\\') {
      const c = s[j + 1];
      text += c === 'n' ? '\n' : c;
      j += 2;
    } else if (q === '`' && s[j] === '$' && s[j + 1] === '{') {
      let depth = 1;
      j += 2;
      while (j < s.length && depth > 0) {
        if (s[j] === '{') depth++;
        else if (s[j] === '}') depth--;
        else if (s[j] === '`') {
          // a nested template: skip it whole
          const inner = readLiteral(s, j, fill);
          if (inner) j = inner.end - 1;
        }
        j++;
      }
      text += fill;
    } else text += s[j++];
  }
  return { text, end: j + 1 };
}

interface Throw {
  readonly where: string;
  readonly message?: string;
  readonly source: string;
}

function throwsIn(file: string): Throw[] {
  const s = readFileSync(file, 'utf8');
  const out: Throw[] = [];
  const re = /new (UserInputError|CliError)\(/g;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const line = s.slice(0, m.index).split('\n').length;
    const where = `${relative(SRC, file)}:${line}`;
    let i = m.index + m[0].length;
    while (/\s/.test(s[i]!)) i++;
    if (s.startsWith('oneLine(', i)) i += 'oneLine('.length;
    const lit = readLiteral(s, i, '<value>');
    let message = lit?.text;
    // a message joined from literals: `...` + `...`
    if (lit) {
      let k = lit.end;
      for (;;) {
        const plus = /^\s*\+\s*/.exec(s.slice(k));
        if (!plus) break;
        const next = readLiteral(s, k + plus[0].length, '<value>');
        if (!next) break;
        message += next.text;
        k = next.end;
      }
    }
    out.push({ where, ...(message !== undefined ? { message } : {}), source: s.slice(m.index, s.indexOf('\n', m.index)) });
  }
  return out;
}

/** The class definitions and re-exports themselves, and messages passed through from a factory or a caught error. */
const PASS_THROUGH = new Set<string>([
  // the problems of the scenarios compared, each a checked message, joined
  'cli/commands/compare.ts',
]);

const all = sources(SRC)
  .filter((f) => !f.endsWith('/errors.ts') && !f.endsWith('user-input-error.ts') && !f.endsWith('cli-error.ts'))
  .flatMap(throwsIn);

describe('UserInputErrors thrown outside errors.ts', () => {
  it('are found', () => {
    expect(all.length).toBeGreaterThan(20);
  });
  for (const t of all) {
    it(`${t.where}: field, sentence, fix`, () => {
      if (t.message === undefined) {
        expect(PASS_THROUGH.has(t.where.replace(/:\d+$/, '')), `${t.where}: the message is not a literal (${t.source.trim()}); use a factory of the layer's errors.ts`).toBe(true);
        return;
      }
      // a prefix put in front of a message that is checked where it is made (withOrigin and the like)
      if (/: <value>\.?$/.test(t.message)) return;
      expect(messageProblems(t.message)).toEqual([]);
    });
  }
});
