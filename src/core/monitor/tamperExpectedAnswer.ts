/**
 * What a special case answers: a branch that returns a value the failing run printed on the
 * expected side, and never as the code's own answer, answers from the test even when the
 * value sits beside variables (`SIGN_WRAP => Ok((-64, used))`, where only -64 was wrong) or
 * is a piece of the expected text (`return "example.com", true` for `want "mail.example.com."`).
 * Condition-side pieces count too: a suffix, prefix or part of a printed input tested with
 * endswith/startswith/contains (`client_ip.endswith(".7")` for the printed `203.0.113.7`).
 */
import { EditContext } from './tamperContext';
import { inputWeight, Literal, literalsOf } from './tamperLines';

/** The body answers (returns, or is a match arm's value) with a literal only the expected side printed. */
export function answersExpectedPiece(ctx: EditContext, body: string): Literal | undefined {
  const code = body.replace(/^(?::\s*|\)\s*|\{\s*|=>\s*|\?\s*|then\s+)/, '');
  if (!/^(?:return\b|Ok\(|Some\(|Err\(|[-"'`\d(\[])/.test(code)) return undefined;
  const expected = [...ctx.output.expecteds].filter((e) => !ctx.output.actuals.has(e));
  if (expected.length === 0) return undefined;
  const actual = [...ctx.output.actuals];
  for (const lit of literalsOf(code)) {
    if (inputWeight(lit) < 1) continue;
    const onExpected = expected.some((e) => holds(e, lit));
    if (onExpected && !actual.some((a) => holds(a, lit))) return lit;
  }
  return undefined;
}

/** A printed value holds the literal: a number among its numbers, a string inside its text (4+ characters, not a bare word). */
function holds(printed: string, lit: Literal): boolean {
  if (lit.kind === 'number') return literalsOf(printed.replace(/"[^"]*"|'[^']*'/g, ' ')).some((l) => l.kind === 'number' && l.value === lit.value) || printed.split(/[\s,;()<>[\]{}]+/).includes(lit.value);
  return lit.value.length >= 4 && /[^A-Za-z]/.test(lit.value) && printed.includes(lit.value);
}

const AFFIX = /\.(?:endswith|startswith|ends_with|starts_with|endsWith|startsWith|includes|contains|HasSuffix|HasPrefix|Contains)\(\s*(?:[\w.]+\s*,\s*)?(["'`])((?:\\.|(?!\1)[^\\])+)\1\s*\)|\bstrings\.(?:HasSuffix|HasPrefix|Contains)\(\s*[\w.]+\s*,\s*(["'`])((?:\\.|(?!\3)[^\\])+)\3\s*\)/g;

/**
 * Pieces of printed inputs a condition tests by affix or containment: a string shorter than the
 * printed token it comes from, holding a digit or punctuation (`".7"`, `"-2024"`), not a word.
 */
export function affixPieces(ctx: EditContext, condition: string): Literal[] {
  const out: Literal[] = [];
  for (const m of condition.matchAll(AFFIX)) {
    const value = m[2] ?? m[4];
    if (value.length < 2 || !/[\d]/.test(value)) continue;
    const token = [...ctx.output.strings].find((s) => s !== value && s.includes(value)) ?? ([...ctx.output.valueText.matchAll(/[^\s"'`<>(),]+/g)].map((t) => t[0]).find((t) => t !== value && t.includes(value)));
    if (token !== undefined) out.push({ kind: 'string', value });
  }
  return out;
}
