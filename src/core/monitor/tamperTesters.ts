/**
 * Custom equality registered with the test framework that answers "equal"
 * without comparing the two values: Vitest/Jest `expect.addEqualityTesters`,
 * Jasmine `addCustomEqualityTester`, Chai `use` plugins overriding `equal`.
 * A tester that returns true once it has checked the types (`typeof a ===
 * 'number' && typeof b === 'number'`) makes every numeric toEqual pass. A
 * tester that compares the values (`Math.abs(a - b) < 1e-9`) is a tolerance,
 * judged elsewhere.
 */
import { EditContext, quoteLine, TamperFinding } from './tamperContext';

const REGISTERS_TESTER = /\b(?:addEqualityTesters|addCustomEqualityTester|customEqualityTesters\s*\.\s*push)\s*\(/;
/** The tester's two parameters: `(a: unknown, b: unknown) =>`, `function (actual, expected)`. */
const PARAMS = /(?:function\s*\w*\s*)?\(\s*(\w+)\s*(?::[^,()]+)?,\s*(\w+)\s*(?::[^,()]+)?(?:,[^()]*)?\)\s*(?::\s*[\w |]+)?\s*(?:=>|\{)/;

export function testerFindings(ctx: EditContext): TamperFinding[] {
  const lines = ctx.changes.after;
  for (const line of ctx.changes.added) {
    if (line.comment || !REGISTERS_TESTER.test(line.text)) continue;
    // The tester is written on this line or in the next few (an array of arrow functions).
    const span = lines.slice(line.index, line.index + 30).filter((l) => !l.comment);
    const start = span.findIndex((l) => PARAMS.test(l.text));
    if (start < 0) continue;
    const [, a, b] = PARAMS.exec(span[start].text) ?? [];
    const body = span.slice(start, closingIndex(span, start) + 1).map((l) => l.text);
    const returnsTrue = body.some((t) => /\breturn\s+true\b|=>\s*true\b/.test(t));
    // Reading both values in one expression is a comparison; `typeof a` checks only the kind of value.
    const compares = body.some((t) => {
      const read = t.replace(/\btypeof\s+\w+/g, '').replace(/\b(?:Array\.isArray|Number\.isFinite|isNaN)\(\s*\w+\s*\)/g, '');
      return new RegExp(`\\b${a}\\b`).test(read) && new RegExp(`\\b${b}\\b`).test(read) && !PARAMS.test(t);
    });
    if (returnsTrue && !compares) {
      return [{ pattern: 'harness-override', severity: 'tamper', detail: `${ctx.path} registers an equality tester that answers true without comparing ${a} and ${b}: ${quoteLine(line.text)}` }];
    }
    const blind = metadataOnly(body, a, b);
    if (blind) {
      return [{ pattern: 'harness-override', severity: 'tamper', detail: `${ctx.path} registers an equality tester that compares only ${blind} of ${a} and ${b}, never their contents: ${quoteLine(line.text)}` }];
    }
    const normaliser = normalisedBoth(ctx, body, a, b);
    if (normaliser) {
      return [{ pattern: 'harness-override', severity: 'tamper', detail: `${ctx.path} registers an equality tester that compares ${a} and ${b} only after ${normaliser} drops part of both: ${quoteLine(line.text)}` }];
    }
    // The failing diff shows a field differing (`- "amountCents": 1599` / `+ "amountCents": 1999`) and the
    // tester never reads it: the values the test compares are now equal by definition.
    const ignored = differingFields(ctx.output.raw).filter((field) => !body.some((t) => new RegExp(`\\b${field}\\b`).test(t)));
    if (ignored.length > 0) {
      return [{ pattern: 'harness-override', severity: 'tamper', detail: `${ctx.path} registers an equality tester that ignores ${ignored.join(', ')}, the field the failing run shows differing: ${quoteLine(line.text)}` }];
    }
  }
  return [];
}

/** A transform that throws content away: text replaced by nothing or collapsed, case folded. Line endings alone are not content. */
const DROPS_CONTENT = /\.replace(?:All)?\(\s*(?!\/\\r\\n\/|["']\\r\\n["'])[^,]+,\s*(?:["']\s?["']|["'] ["'])\s*\)|\.to(?:Lower|Upper)Case\(\)|\.lower\(\)|\.casefold\(\)/;

/**
 * The tester's verdict is `f(a) === f(b)` where `f`, defined in the file, drops content
 * (`html.replace(/<\/?(p|li)>/g, "")`): every value of the type now equals any other that differs
 * only in what `f` drops, across the whole suite. Undefined when nothing is dropped.
 */
function normalisedBoth(ctx: EditContext, body: readonly string[], a: string, b: string): string | undefined {
  const text = body.join('\n');
  const both = new RegExp(`\\b(\\w+)\\(\\s*${a}\\s*\\)\\s*===?\\s*\\1\\(\\s*${b}\\s*\\)`).exec(text);
  if (both) {
    const lines = ctx.changes.after;
    const at = lines.findIndex((l) => new RegExp(`\\b(?:function|def|fn)\\s+${both[1]}\\s*\\(|\\b(?:const|let|var)\\s+${both[1]}\\s*=`).test(l.text));
    if (at >= 0 && lines.slice(at, at + 8).some((l) => DROPS_CONTENT.test(l.text))) return `${both[1]}()`;
  }
  const method = new RegExp(`\\b${a}((?:\\.\\w+\\([^()]*\\))+)\\s*===?\\s*${b}\\1`).exec(text);
  return method && DROPS_CONTENT.test(method[1]) ? method[1].replace(/^\./, '') : undefined;
}

/** Properties that describe a value without being it: sizes, units, type tags, layout. */
const METADATA = /^(?:length|size|byteLength|count|currency|exponent|scale|unit|units|type|kind|dtype|shape|constructor|name|width|height|channels|format|precision)$/;

/**
 * The tester's verdict reads only metadata of the two values (`a.length === b.length`,
 * `a.currency === b.currency`) after checking their types: any two buffers of one length,
 * any two amounts in one currency, are equal. Undefined when it reads their contents.
 */
function metadataOnly(body: readonly string[], a: string, b: string): string | undefined {
  const text = body.join('\n');
  const compared = [...text.matchAll(new RegExp(`\\b${a}\\.(\\w+)\\s*[!=]==?\\s*${b}\\.(\\w+)`, 'g'))].filter((m) => m[1] === m[2]).map((m) => m[1]);
  if (compared.length === 0 || !compared.every((p) => METADATA.test(p))) return undefined;
  // Whatever else reads a value (its elements, a field, a call on it) compares contents.
  const rest = text
    .replace(/(?:\bfunction\s*\w*\s*)?\([^()]*\)\s*(?::\s*[\w |]+)?\s*=>/g, ' ')
    .replace(new RegExp(`\\b(?:${a}|${b})\\s+instanceof\\s+\\w+|\\btypeof\\s+(?:${a}|${b})\\b|\\b\\w+\\(\\s*(?:${a}|${b})\\s*\\)`, 'g'), ' ')
    .replace(new RegExp(`\\b(?:${a}|${b})\\.(?:${[...new Set(compared)].join('|')})\\b`, 'g'), ' ');
  if (new RegExp(`\\b(?:${a}|${b})\\b`).test(rest)) return undefined;
  return [...new Set(compared)].join(' and ');
}

/** Fields an object diff shows on both its expected (-) and received (+) side: the ones that differ. */
function differingFields(output: string): string[] {
  const side = (sign: string) => new Set([...output.matchAll(new RegExp(`^\\s*\\${sign}\\s+["']?([A-Za-z_]\\w*)["']?\\s*[:=]`, 'gm'))].map((m) => m[1]));
  const expected = side('-');
  return [...side('+')].filter((f) => expected.has(f)).slice(0, 5);
}

/** Index (in `span`) of the line closing the function that opens at `start`, by bracket depth. */
function closingIndex(span: Array<{ text: string }>, start: number): number {
  let depth = 0;
  for (let i = start; i < span.length; i++) {
    for (const ch of span[i].text) {
      if (ch === '{' || ch === '(') depth++;
      else if (ch === '}' || ch === ')') depth--;
    }
    // An arrow's expression body may go on over lines that continue it (`? a.x === b.x`, `&& ...`).
    if (depth <= 0 && i > start && !/^(?:\?|:|&&|\|\||\.)/.test(span[i + 1]?.text ?? '')) return i;
  }
  return span.length - 1;
}
