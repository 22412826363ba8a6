/**
 * Source text as the tamper patterns read it: lines with line-ending and
 * trailing-whitespace noise removed, each marked as code, comment or docstring,
 * and the literal values a line contains.
 */

/** One line of a file (or of an edit's replacement text). */
export interface CodeLine {
  /** 0-based position in the side it comes from. */
  index: number;
  /** The line without surrounding whitespace. */
  text: string;
  /** Leading whitespace width (tabs count as 4), for telling module-level from nested code. */
  indent: number;
  /** A comment line, or a line inside a docstring / block comment. */
  comment: boolean;
}

/** Lines longer than this are minified or generated: read for markers, never searched for literals. */
export const LONG_LINE = 2000;

/** Comment starts; a `*` line is a block comment's body unless it dereferences (`*calls += 1;`, `*p = q`). */
const LINE_COMMENT = /^(#(?!\[|!\[|include|define|if|endif|else|pragma)|\/\/|--\s|;;|\*(?!\*?\s*\w+\s*(?:[-+*/%|&^]?=|\(|\.|\[))|\/\*)/;

/**
 * Splits text into lines at LF, CRLF or CR, marking comments, docstrings and
 * block comments. Lines are kept trimmed, so line-ending flips and re-indents
 * never count as changes.
 */
export function codeLines(text: string): CodeLine[] {
  const out: CodeLine[] = [];
  let inDocstring: string | undefined;
  let inBlock = false;
  const raw = text.split(/\r\n|\r|\n/);
  for (let index = 0; index < raw.length; index++) {
    const line = raw[index];
    const text = line.trim();
    const indent = leadingWidth(line);
    let comment = LINE_COMMENT.test(text);
    if (inBlock) {
      comment = true;
      if (text.includes('*/')) inBlock = false;
    } else if (text.startsWith('/*') && !text.includes('*/')) {
      inBlock = true;
    }
    if (inDocstring) {
      comment = true;
      if (text.includes(inDocstring)) inDocstring = undefined;
    } else if (text.length < LONG_LINE) {
      const opener = /^(?:[rRbBuUfF]{0,2})("""|''')/.exec(text);
      if (opener) {
        comment = true;
        const rest = text.slice(opener[0].length);
        if (!rest.includes(opener[1])) inDocstring = opener[1];
      }
    }
    out.push({ index, text, indent, comment });
  }
  return out;
}

function leadingWidth(line: string): number {
  let width = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 32) width++;
    else if (c === 9) width += 4;
    else break;
  }
  return width;
}

/** A literal value as written in code or printed by a runner. */
export interface Literal {
  kind: 'string' | 'number';
  /** Strings: their content; numbers: a canonical decimal form (`120.00` -> `120`). */
  value: string;
}

const QUOTED = /(["'`])((?:\\.|(?!\1)[^\\\n]){1,120})\1/g;
/** Numbers, with the type suffixes Java, Kotlin and Rust put on them (`500L`, `2.5f`, `7u64`, `1_000_i32`). */
const NUMBER = /(?<![\w.])-?\d+(?:_\d+)*(?:\.\d+)?(?:[eE][-+]?\d+)?(?:[lLfFdD]|_?[ui](?:8|16|32|64|128|size)|_?f(?:32|64))?(?![\w.])/g;

/** The literals of one line of code: quoted strings and numbers outside strings. */
const HEX_NUMBER = /(?<![\w.])0[xX]([0-9a-fA-F][0-9a-fA-F_]{0,15})(?:_?[ui](?:8|16|32|64|128|size)|[lL])?(?![\w.])/g;

export function literalsOf(text: string): Literal[] {
  if (text.length > LONG_LINE || !/["'`\d]/.test(text)) return [];
  const out: Literal[] = [];
  for (const m of text.matchAll(QUOTED)) {
    out.push({ kind: 'string', value: m[2] });
    // A string holding a quoted string (a snapshot's `"text"`): the inner one is the value.
    const inner = /^(["'])(.+)\1$/.exec(m[2]);
    if (inner) out.push({ kind: 'string', value: inner[2] });
  }
  const bare = text.replace(QUOTED, '""');
  // Hex integers (`0xE306_9283`, `0x7ffe`) are numbers too: their value is what a runner prints in decimal.
  for (const m of bare.matchAll(HEX_NUMBER)) out.push({ kind: 'number', value: String(parseInt(m[1].replace(/_/g, ''), 16)) });
  for (const m of bare.replace(HEX_NUMBER, ' ').matchAll(NUMBER)) out.push({ kind: 'number', value: canonicalNumber(m[0]) });
  return out;
}

export function canonicalNumber(raw: string): string {
  const n = Number(raw.replace(/(?:[lLfFdD]|[ui](?:8|16|32|64|128|size)|f(?:32|64))$/, '').replace(/_/g, ''));
  return Number.isFinite(n) ? String(n) : raw;
}

/**
 * How telling a literal is when code compares against it. A one-digit number, a
 * bare short word or a value everybody writes (0, 1, 100, "", "true") says
 * little; a decimal, a long number or a string with digits or spaces is the kind
 * of value only a test case supplies.
 */
export function distinctiveness(lit: Literal): number {
  if (lit.kind === 'number') {
    const digits = lit.value.replace(/[^0-9]/g, '');
    if (/^-?(0|1|2|10|100|1000)$/.test(lit.value) || digits.length < 2) return 0;
    if (lit.value.includes('.') || digits.length >= 3) return 2;
    return 1;
  }
  const v = lit.value;
  if (v.length < 2 || /^(true|false|none|null|nil|ok|error|yes|no)$/i.test(v)) return 0;
  if (/^[a-z_]+$/i.test(v)) return v.length >= 4 ? 1 : 0;
  return 2;
}

/**
 * Weight of a printed literal as a test input: distinctiveness, but a short
 * plain word ("abc", "foo") still counts a little once the failing run printed
 * it, and so does a one-digit number from 3 up. 0, 1, 2 and everyday values never count.
 */
export function inputWeight(lit: Literal): number {
  const d = distinctiveness(lit);
  if (d > 0) return d;
  if (lit.kind === 'string' && lit.value.length >= 2 && !/^(true|false|none|null|nil|ok|error|yes|no|id|en|utf-?8)$/i.test(lit.value)) return 0.5;
  if (lit.kind === 'number' && /^-?[3-9]$/.test(lit.value)) return 0.5;
  return 0;
}

/** The file looks binary (NUL bytes or mostly control characters in its first 8 KB). */
export function looksBinary(text: string): boolean {
  const head = text.slice(0, 8192);
  if (head.includes('\u0000')) return true;
  let control = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if (c < 9 || (c > 13 && c < 32) || c === 0xfffd) control++;
  }
  return head.length > 0 && control / head.length > 0.1;
}
