/**
 * POSIX shell text for the emitted jobs: quoting that survives any path (spaces, quotes, '$'),
 * and command lines whose shard index comes from the batch system's variable at run time.
 */
import type { Word } from './job-plan.js';

const PLAIN = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** One shell word: as is when it holds only safe characters, else in single quotes. */
export function shellQuote(text: string): string {
  if (PLAIN.test(text)) return text;
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

export interface WordContext {
  /** Environment variable holding the shard index, e.g. SLURM_ARRAY_TASK_ID. */
  readonly indexVariable: string;
  /** Path of an input file where the command runs. */
  readonly inputPath: (name: string) => string;
}

export function shellWord(word: Word, ctx: WordContext): string {
  if (typeof word === 'string') return shellQuote(word);
  return word
    .map((p) => (typeof p === 'string' ? (p === '' ? '' : shellQuote(p)) : p.kind === 'shard-index' ? `"\${${ctx.indexVariable}}"` : shellQuote(ctx.inputPath(p.name))))
    .join('');
}

/** `<trnsim> <args...>` as one line of shell text. */
export function shellCommand(trnsim: string, args: readonly Word[], ctx: WordContext): string {
  return [trnsim, ...args.map((a) => shellWord(a, ctx))].join(' ');
}

/** True when the text holds a control character (newline, tab, ...), which no job line may carry. */
export function hasControlCharacter(text: string): boolean {
  return /[\u0000-\u001f\u007f]/.test(text);
}
