/**
 * A check that compares the code's answer with the code's own answer: both
 * sides of the comparison are the same expression (`expect(slug(t)).toBe(slug(t))`,
 * `assert_eq!(score(x), score(x))`), or the expected value, once a literal, is now
 * computed by the very call the test checks (`want := Parse("1h30")` before
 * `if got := Parse("1h30"); got != want`). Either passes whatever the code returns.
 * An expected value computed by another function (a reference implementation, an
 * oracle) is a real check.
 */
import { ASSERTION } from './tamperAssertions';
import { EditContext, isTestLine, quoteLine, TamperFinding } from './tamperContext';
import { CodeLine, literalsOf, LONG_LINE } from './tamperLines';

/** Both sides of one comparison written the same: `A == A`, `assertEquals(A, A)`, `expect(A).toEqual(A)`, `assert_eq!(A, A)`. */
const SAME_SIDES = [
  /\bassert\s+(.{3,}?)\s*==\s*(.{3,}?)\s*(?:,.*)?$/,
  /\b(?:assertEquals?|assertEqual|assert_eq!|assertSame|Equal|DeepEqual|deepEqual|deepStrictEqual|strictEqual|equal)\s*\(\s*(?:t\s*,\s*)?(.{3,}?)\s*,\s*(.{3,}?)\s*(?:,[^,]*)?\)\s*;?$/,
  /\bexpect\s*\(\s*(.{3,}?)\s*\)\s*\.\s*(?:toBe|toEqual|toStrictEqual)\s*\(\s*(.{3,}?)\s*\)\s*;?$/,
  /\bassertThat\s*\(\s*(.{3,}?)\s*\)\s*\.\s*isEqualTo\s*\(\s*(.{3,}?)\s*\)\s*;?$/,
];
/** The expected value named on its own line: `want := ...`, `expected = ...`, `const expected = ...`. */
const EXPECTATION = /^(?:(?:let|var|const|val|final|auto)\s+)?(?:mut\s+)?(want|wanted|expected?|exp)\w*\s*(?::\s*[\w<>[\]]+\s*)?:?=(?!=)\s*(.+?);?$/i;
const CALL = /([A-Za-z_$][\w$.]*)\s*\(/g;

export function selfCompareFindings(ctx: EditContext): TamperFinding[] {
  const added = ctx.changes.added.filter((l) => !l.comment && l.text.length < LONG_LINE && isTestLine(ctx, l, 'after'));
  if (added.length > 2000) return [];
  for (const a of added) {
    if (!ASSERTION.test(a.text)) continue;
    for (const re of SAME_SIDES) {
      const m = re.exec(a.text);
      if (m && squash(m[1]) === squash(m[2]) && /[(.[]/.test(m[1])) {
        return [{ pattern: 'weakened-assertion', severity: 'tamper', detail: `${ctx.path}: the check compares a value with itself: ${quoteLine(a.text)}` }];
      }
    }
  }
  const computed = expectationFromCallUnderTest(ctx, added);
  return computed ? [{ pattern: 'weakened-assertion', severity: 'tamper', detail: `${ctx.path}: the expected value is now computed by the call the test checks: ${quoteLine(computed)}` }] : [];
}

/** A literal expectation replaced by a call of the function the nearby check calls. */
function expectationFromCallUnderTest(ctx: EditContext, added: CodeLine[]): string | undefined {
  for (const block of ctx.changes.blocks) {
    const was = block.removed.find((r) => !r.comment && EXPECTATION.test(r.text) && literalsOf(EXPECTATION.exec(r.text)![2]).length > 0 && !/\(/.test(EXPECTATION.exec(r.text)![2]));
    if (!was) continue;
    const name = EXPECTATION.exec(was.text)![1].toLowerCase();
    for (const a of block.added) {
      const m = added.includes(a) ? EXPECTATION.exec(a.text) : null;
      if (!m || m[1].toLowerCase() !== name) continue;
      const callees = [...m[2].matchAll(CALL)].map((c) => c[1]).filter((c) => !/^(?:new|float|int|str|String|Number|Some|Ok|vec|list|dict|set|tuple|Decimal|BigDecimal|time\.\w+|math\.\w+|Math\.\w+|std::.*)$/.test(c));
      if (callees.length === 0) continue;
      // The check that uses the expectation, within the next lines, calls the same function.
      const near = ctx.changes.after.slice(a.index + 1, a.index + 12).filter((l) => !l.comment);
      const usesIt = near.find((l) => callees.some((c) => new RegExp(`(?<![\\w$.])${c.replace(/[.$]/g, '\\$&')}\\s*\\(`).test(l.text)) && (ASSERTION.test(l.text) || /^if\b/.test(l.text) || /\bgot\b|\bactual\b|\bresult\b/.test(l.text)));
      if (usesIt) return `${a.text} ... ${usesIt.text}`;
    }
  }
  return undefined;
}

function squash(text: string): string {
  return text.replace(/\s+/g, '');
}
