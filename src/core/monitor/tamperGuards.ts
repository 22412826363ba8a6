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

/** A distance compared with a bound: `math.Abs(got-want) > tol`, `(a - b).abs() > eps`, `fabs(x - y) >= 1e-9`. */
export const ABS_DIFFERENCE = /\b(?:abs|Abs|fabs)\s*\([^<>]*-[^<>]*\)\s*[<>]=?|\((?:[^()<>]|\([^()]*\))*-(?:[^()<>]|\([^()]*\))*\)\s*\.abs\(\)\s*[<>]=?/;

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
        // `got != want` became `abs(got - want) > tol`: a tolerance, judged (with its size and reason) as one.
        const ordered = DISEQUALITY.test(was) && !DISEQUALITY.test(now) && !/==/.test(now) && ORDERING.test(` ${now} `) && !ABS_DIFFERENCE.test(now);
        if (lostExpected || ordered) return `the check ${quoteLine(r.text)} became the weaker ${quoteLine(a.text)}`;
      }
    }
  }
  return undefined;
}

/** Wrappers that reduce a value to its size: `len(x)`, `x.len()`, `x.size()`, `x.length`, `x.Count`. */
const SIZE_OF = /\blen\(\s*([\w.[\]]+(?:\([^()]*\))?)\s*\)|([\w.[\]]+(?:\([^()]*\))?)\.(?:len|size|count|Count|length)\(\)|([\w.[\]]+(?:\([^()]*\))?)\.(?:length|Length|Count)\b/g;

/**
 * A check that now compares only sizes: the same assertion or guard with its
 * operands wrapped in len()/size()/length (`assertEquals(want, got)` became
 * `assertEquals(want.size(), got.size())`). Any list of the right length passes.
 */
const HAS_SIZE = new RegExp(SIZE_OF.source);

export function sizesOnly(ctx: EditContext, isCheck: (text: string) => boolean): string | undefined {
  const squash = (t: string) => t.replace(/\s+/g, '');
  for (const block of ctx.changes.blocks) {
    const removed = block.removed.filter((l) => !l.comment && isTestLine(ctx, l, 'before') && (isCheck(l.text) || isGuard(ctx, l, 'before')));
    for (const a of block.added) {
      if (a.comment || !isTestLine(ctx, a, 'after') || a.text.length > 400 || !HAS_SIZE.test(a.text)) continue;
      const operands: string[] = [];
      const unwrapped = squash(a.text.replace(SIZE_OF, (_m, x?: string, y?: string, z?: string) => (operands.push(squash(x ?? y ?? z ?? '')), x ?? y ?? z ?? '')));
      // The same line with sizes, or a replacement whose sized operands are the old check's operands
      // (`!reflect.DeepEqual(got, want)` became `len(got) != len(want)`).
      const was = removed.find((r) => !HAS_SIZE.test(r.text) && (squash(r.text) === unwrapped || (operands.length >= 2 && operands.every((o) => squash(r.text).includes(o)))));
      if (was) return `the check ${quoteLine(was.text)} now compares only sizes: ${quoteLine(a.text)}`;
    }
  }
  return undefined;
}
