/**
 * What every message a user can see must be (house rules): one sentence, or sentences, that name
 * the field (a path, a flag, a file, a call), the value, the rule and a fix that works. The checks
 * are textual, so they catch the shapes that went wrong before: a message without a field path,
 * a value left out, a doubled phrase ("16 is not divisible by heads must be divisible by tp;
 * heads = 64"), no full stop, no way out.
 */

/** What may stand before the first ": " of a message: a field path, a flag, a file, a call. */
const FIELD = /^(--[\w-]+|[\w$@<][\w.$"@\[\]\-*/<>:]*(\(\{ ?[\w.]+ ?\}\)|\([\w.]*\))?|new Simulator\(\{ \w+ \}\)|[\w.]+\([\w.]*\))$/;

/** Words that say what to do; a message has one, or states the rule as "expected X, got Y". */
const FIX = /\b(use|choose|give|set|pass|add|remove|raise|lower|drop|check|register|call|rename|pick|run|omit|make|shorten|move|point|install|reduce|split|write|delete|keep|select|try|put|change|replace|list|repair|re-run|resume|allow|free|fit|spread|shrink|name|re-derive|derive|rebuild|report|take|grow|increase|halve|double|start|wait|lengthen|fix|paste)\b|\be\.g\. /i;

export interface MessageProblem {
  readonly rule: string;
  readonly message: string;
}

/** The rules a message breaks (empty when it keeps them all). `value`: text the message must contain. */
export function messageProblems(message: string, value?: string): MessageProblem[] {
  const out: MessageProblem[] = [];
  const bad = (rule: string): void => void out.push({ rule, message });
  const colon = message.indexOf(': ');
  if (colon <= 0 || !FIELD.test(message.slice(0, colon))) bad('starts with a field path, flag, file or call, then ": "');
  if (value !== undefined && !message.includes(value)) bad(`contains the value ${value}`);
  const text = message.trim();
  if (!/[.]$/.test(text)) bad('ends with a full stop');
  if (!FIX.test(text) && !/\b(expected|must be)\b.*\bgot\b/s.test(text)) bad('says what to do (a fix, or "expected X, got Y")');
  if (/\bmust be\b[^.]*\bmust be\b/.test(text)) bad('no doubled "must be"');
  if (/not divisible by [^.;]*\b(must|is)\b/.test(text)) bad('no rule folded into "not divisible by"');
  if (/; [a-z][\w ]* = [\d.,]+(;|\.|$)/.test(text)) bad('no dangling "; name = value"');
  const words = text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  const seen = new Set<string>();
  for (let i = 0; i + 4 <= words.length; i++) {
    const gram = words.slice(i, i + 4).join(' ');
    if (seen.has(gram)) {
      bad(`no repeated phrase ("${gram}")`);
      break;
    }
    seen.add(gram);
  }
  if (/\s{2,}/.test(text.replace(/\n\s+/g, '\n'))) bad('no doubled spaces');
  if (/\bundefined\b|\bNaN\b(?! \()|\[object Object\]/.test(text) && value !== 'NaN' && value !== 'undefined') bad('no undefined, NaN or [object Object] in the text');
  return out;
}
