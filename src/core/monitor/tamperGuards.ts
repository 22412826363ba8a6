/**
 * Guards: the `if <condition> { t.Errorf(...) }` form of an assertion that Go
 * tests (and hand-written checks in any language) use. Relaxing the condition
 * weakens the test as surely as deleting an assertEquals: the new condition no
 * longer compares with the expected value (`got != want` became `got == ""`),
 * or an exact comparison became an ordering (`len(a) != len(b)` became `<`).
 */
import { EditContext, isTestLine, printedLiterals, quoteLine } from './tamperContext';
import { CodeLine, inputWeight, literalsOf } from './tamperLines';

/** A statement that fails the test. */
export const FAILS = /\bt\.(?:Error|Errorf|Fatal|Fatalf|Fail|FailNow)\b|\bfail\s*\(|\bFail\w*\s*\(|\bpanic!?\s*\(|\bthrow\s+new\s+\w*(?:Assertion|Error)|\braise\s+AssertionError\b|\bassert\s+False\b|\bprocess\.exit\(\s*1\s*\)/;
/** Names that hold the expected value in a check. */
const EXPECTED_NAME = /\b(?:\w+\.)?(?:want\w*|wanted|expect\w*|exp|golden)\b/i;
const DISEQUALITY = /!==?|!\s*(?:reflect\.DeepEqual|cmp\.Equal|bytes\.Equal|equal|Equals?|\w+\.equals)\s*\(/;
const ORDERING = /[^<>=!-]([<>]=?)[^<>=]/;

function condition(text: string): string | undefined {
  return /^(?:if|elif|else\s+if|unless)\b\s*(.*?)\s*(?:\{|:)?\s*$/.exec(text)?.[1];
}

/** The line is a guard: a branch whose body fails the test. */
function isGuard(ctx: EditContext, line: CodeLine, side: 'before' | 'after'): boolean {
  if (line.comment || !isTestLine(ctx, line, side) || condition(line.text) === undefined) return false;
  if (FAILS.test(line.text)) return true;
  const lines = side === 'before' ? ctx.changes.before : ctx.changes.after;
  const body = lines.slice(line.index + 1, line.index + 4).find((l) => l.text !== '' && !l.comment);
  return body !== undefined && FAILS.test(body.text);
}

export function guardRelaxed(ctx: EditContext): string | undefined {
  if (!ctx.changes.beforeKnown) return undefined;
  for (const block of ctx.changes.blocks) {
    const removed = block.removed.filter((l) => isGuard(ctx, l, 'before'));
    const added = block.added.filter((l) => isGuard(ctx, l, 'after'));
    for (const r of removed) {
      const was = condition(r.text)!;
      for (const a of added) {
        const now = condition(a.text)!;
        const expectedValues = printedLiterals(ctx, was).filter((l) => inputWeight(l) >= 1);
        // Lost: the new condition compares with no expected value at all (a changed expected value is judged elsewhere).
        const lostExpected = (EXPECTED_NAME.test(was) && !EXPECTED_NAME.test(now)) || (expectedValues.length > 0 && !EXPECTED_NAME.test(now) && !literalsOf(now).some((l) => inputWeight(l) >= 1));
        const ordered = DISEQUALITY.test(was) && !DISEQUALITY.test(now) && !/==/.test(now) && ORDERING.test(` ${now} `);
        if (lostExpected || ordered) return `the check ${quoteLine(r.text)} became the weaker ${quoteLine(a.text)}`;
      }
    }
  }
  return undefined;
}
