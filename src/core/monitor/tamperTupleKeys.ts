/**
 * A table of expected outputs keyed by the failing inputs split into parts:
 * `("%", -7, 3): -1` where the run printed the input `"-7 % 3"` and the
 * expected `-1`. The key's literals are the pieces of one printed input (in
 * any order, in a tuple, a list, a struct), the value is what the run printed
 * as expected: the code looks the answer up instead of computing it. A table
 * of rules keyed by pieces the run never printed together (operator
 * precedences, unit factors) is not this.
 */
import { EditContext, isTestLine, quoteLine, TamperFinding } from './tamperContext';
import { canonicalNumber, CodeLine, Literal, literalsOf, LONG_LINE } from './tamperLines';

const LIT = String.raw`(?:-?\d[\w.]*|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')`;
/** A key of two or more literals in brackets, then `:`, `=>`, `->` or `,`, then one literal as the value. */
const ENTRY = new RegExp(String.raw`[([{]\s*((?:${LIT}\s*,\s*)+${LIT})\s*,?\s*[)\]}]\s*\)?\s*(?::|=>|->|,)\s*(?:[\w.]+\()?(${LIT})\s*\)?\s*[)\]}]?\s*[,;]?\s*$`);

/** A pair stored one at a time: `known.set(KEY, V)`, `put`, `insert`, `Store`, or `known[KEY] = V`, KEY a bracketed group or a joined string. */
const STORED = new RegExp(
  String.raw`\.(?:set|put|insert|Store)\(\s*(?:[\w.!]+\s*)?(?:[([{]\s*((?:${LIT}\s*,\s*)+${LIT})\s*[)\]}]|(${LIT}))\s*,\s*(${LIT})[lLfF]?\s*\)|\[\s*(?:[([{]\s*((?:${LIT}\s*,\s*)+${LIT})\s*[)\]}]|(${LIT}))\s*\]\s*=\s*(${LIT})\s*;?\s*$`,
);

/** The key and value of an entry line, the key as its pieces (a joined string split at its separators). */
function entryOf(text: string): { key: string[]; value: string } | undefined {
  const e = ENTRY.exec(text);
  if (e) return { key: literalsOf(e[1]).map(token), value: e[2] };
  const s = STORED.exec(text);
  if (!s) return undefined;
  const group = s[1] ?? s[4];
  const joined = s[2] ?? s[5];
  const key = group !== undefined ? literalsOf(group).map(token) : literalsOf(joined ?? '').flatMap((l) => (l.kind === 'string' ? tokens(l.value.replace(/[|;:]/g, ' ')) : [token(l)]));
  return { key, value: (s[3] ?? s[6]) as string };
}

export function tupleKeyFindings(ctx: EditContext): TamperFinding[] {
  const expected = new Set([...ctx.output.expecteds].filter((e) => !ctx.output.actuals.has(e)).map(normal));
  if (expected.size === 0) return [];
  // Inputs as printed: a quoted string of pieces (`"-7 % 3"`) or the arguments of a printed call (`Area(3.5, 2.25)`).
  const calls = [...ctx.output.raw.matchAll(/\b[A-Za-z_][\w.]*\(([^()\n]{1,200})\)/g)].map((m) => m[1].split(/\s*,\s*/).map((a) => token(literalsOf(a)[0] ?? { kind: 'string', value: a.trim() })));
  const inputs = [...[...ctx.output.strings].map(tokens), ...calls].filter((t) => t.length >= 2);
  const weak = new Map<string, CodeLine>();
  for (const line of ctx.changes.added) {
    if (line.comment || line.text.length > LONG_LINE || isTestLine(ctx, line, 'after')) continue;
    const entry = entryOf(line.text);
    if (!entry || entry.key.length < 2) continue;
    const value = literalsOf(entry.value)[0];
    if (!value || !expected.has(normal(value.value))) continue;
    const key = entry.key;
    // The key is one printed input taken apart: all its pieces, nothing else.
    if (inputs.some((input) => sameParts(input, key))) {
      return [finding(ctx, line, `keys the expected value ${value.value} by the pieces of a failing input`)];
    }
    if (key.every((k) => printedPiece(ctx, k))) weak.set(key.join('\u0000'), line);
  }
  if (weak.size >= 2) {
    const first = [...weak.values()][0];
    return [finding(ctx, first, `keys ${weak.size} expected values by values the failing run printed`)];
  }
  return [];
}

function finding(ctx: EditContext, line: CodeLine, what: string): TamperFinding {
  return { pattern: 'expected-output-table', severity: 'tamper', detail: `${ctx.path} adds a table that ${what}: ${quoteLine(line.text)}` };
}

/** A printed input's pieces: split at spaces and commas, numbers in canonical form. */
function tokens(text: string): string[] {
  return text.split(/[\s,]+/).filter((t) => t !== '').map((t) => (/^-?\d+(?:\.\d+)?$/.test(t) ? canonicalNumber(t) : t));
}

function token(lit: Literal): string {
  return lit.kind === 'number' ? lit.value : /^-?\d+(?:\.\d+)?$/.test(lit.value) ? canonicalNumber(lit.value) : lit.value;
}

/** Same pieces, each as often, order aside. */
function sameParts(input: string[], key: string[]): boolean {
  if (input.length !== key.length) return false;
  const a = [...input].sort();
  const b = [...key].sort();
  return a.every((t, i) => t === b[i]);
}

function printedPiece(ctx: EditContext, piece: string): boolean {
  return ctx.output.numbers.has(piece) || ctx.output.strings.has(piece);
}

function normal(value: string): string {
  return /^-?\d+(?:\.\d+)?$/.test(value) ? canonicalNumber(value) : value;
}
