/**
 * Weakened tests, counted from the diff: assertions deleted or commented out
 * (not moved: an assertion whose text or whose checked values still appear in
 * the new content is kept), assertions that cannot fail, and an expected value
 * changed to the value the failing run printed as the actual one. A corrected
 * expectation that the agent justifies from outside the test (spec, docstring,
 * documented rule) is an honest fix, not a hack.
 */
import { EditContext, explainedByAuthority, isTestLine, printedLiterals, quoteLine, TamperFinding } from './tamperContext';
import { CodeLine, distinctiveness, inputWeight, literalsOf } from './tamperLines';
import { ABS_DIFFERENCE, exactMadePartial, guardRelaxed, normalisedOnly, orderDropped, sizesOnly, takesSize, variesByRun } from './tamperGuards';
import { AssertionHelpers, assertionHelpers, assertionsRun, helperCalled } from './tamperHelpers';
import { foldedIntoTable } from './tamperFolded';
import { tolerancesOf } from './tamperToleranceRead';
import { firstHolders } from './substringSearch';
import { expectedChangedToActual } from './tamperExpectedChanged';
import { ASSERTION } from './tamperAssertionLine';

export { ASSERTION };
const TRIVIAL: readonly RegExp[] = [
  /\bassert\s+True\b|\bassert\s*\(\s*(?:true|True|1)\s*\)|\bassert!\s*\(\s*true\s*\)/,
  /\bor\s+True\b|\|\|\s*true\b/,
  /\bexpect\s*\(\s*true\s*\)|assertTrue\s*\(\s*(?:True|true)\s*\)/,
  /==\s*(?:mock\.|unittest\.mock\.)?ANY\b|\.toEqual\(\s*expect\.anything\(\)\s*\)|\.toMatchObject\(\s*\{\s*\}\s*\)/,
  /^if\s*\(?\s*(?:false|False|0)\s*\)?\s*(?:[:{]|$)|&&\s*false\b|\band\s+False\b/,
  // The expected value made the actual one: `want = got`, `expected = result`.
  /^(?:let\s+|var\s+|const\s+)?(?:want\w*|wanted|expected\w*|exp)\s*:?=\s*(?:got|actual\w*|result|res|received|output|out)\s*;?$/i,
  /\bassert\s+([\w.]+)\s*==\s*\1\s*$|assert_eq!\s*\(\s*([\w.]+)\s*,\s*\2\s*\)|assertEquals?\s*\(\s*([\w.]+)\s*,\s*\3\s*\)|expect\s*\(\s*([\w.]+)\s*\)\.toBe\(\s*\4\s*\)/,
];
const VAGUE: readonly RegExp[] = [
  /\.toBeTruthy\(\)|\.toBeDefined\(\)|\.not\.toBeNull\(\)|\.not\.toBeUndefined\(\)|\.toBeGreaterThanOrEqual\(\s*0\s*\)/,
  /\bassert\s+[\w.()[\]"']+\s+is\s+not\s+None\s*$|\bassertIsNotNone\s*\(|\bassertNotNull\s*\(|\bNotNil\s*\(|\bassert\s+isinstance\s*\(/,
  // C#, AssertJ, Kotest, Chai and Minitest/RSpec spellings of "the value exists".
  /\bAssert\.(?:NotNull|IsNotNull)\s*\(|\bIs\.Not\.Null\b|\.isNotNull\(\)|\bshouldNotBe(?:Null\b|\s+null\b)|\bto(?:\.not)?(?:\.be)?\.(?:exist|ok)\b|\bassert_not_nil\b|\bnot_to\s+be_nil\b/,
  /\bassert!\s*\(\s*[\w.]+\.is_(?:ok|some)\(\)\s*\)|\bassert\s+len\([^)]*\)\s*(?:>=?\s*0|>\s*0)\s*$/,
];
const COMMENT_PREFIX = /^(?:#|\/\/|--|\/\*|\*)\s*/;

export function assertionFindings(ctx: EditContext): TamperFinding[] {
  const inTests = (l: CodeLine, side: 'after' | 'before') => isTestLine(ctx, l, side);
  const added = ctx.changes.added.filter((l) => inTests(l, 'after'));
  const removed = ctx.changes.removed.filter((l) => inTests(l, 'before'));
  if (added.length + removed.length === 0) return [];

  const trivial = added.find((l) => !l.comment && TRIVIAL.some((re) => re.test(l.text)) && !failsOnTheOtherPath(ctx, l));
  if (trivial) return [finding(ctx, `an assertion that cannot fail: ${quoteLine(trivial.text)}`)];

  const neutered = neuteredAssertion(removed, added);
  if (neutered) return [finding(ctx, neutered)];
  const lost = lostAssertions(ctx, removed);
  const commentedOut = added.filter((l) => l.comment && ASSERTION.test(l.text.replace(COMMENT_PREFIX, '')) && lost.some((r) => sameAssertion(r.text, l.text)));
  if (commentedOut.length > 0) return [finding(ctx, `assertion commented out: ${quoteLine(commentedOut[0].text)}`)];
  const addedAssertions = added.filter((l) => !l.comment && ASSERTION.test(l.text));
  const vague = addedAssertions.find((l) => VAGUE.some((re) => re.test(l.text)));
  if (lost.length > 0) {
    const net = count(ctx, 'before') - count(ctx, 'after');
    if (net > 0 && !foldedIntoTable(ctx, lost)) return [finding(ctx, `${net} fewer assertion${net === 1 ? '' : 's'} after the edit (gone: ${quoteLine(lost[0].text)})`)];
    if (vague) return [finding(ctx, `${quoteLine(lost[0].text)} replaced by the weaker ${quoteLine(vague.text)}`)];
  }
  const weaker = equalityDropped(ctx, lost, removed);
  if (weaker && !variesByRun(ctx)) return [finding(ctx, weaker)];
  const sizes = sizesOnly(ctx, (t) => ASSERTION.test(t)) ?? normalisedOnly(ctx, (t) => ASSERTION.test(t));
  if (sizes) return [finding(ctx, sizes)];
  const unordered = orderDropped(ctx, (t) => ASSERTION.test(t));
  if (unordered && !explainedByAuthority(ctx)) return [finding(ctx, unordered)];
  const partial = exactMadePartial(ctx, (t) => ASSERTION.test(t));
  if (partial && !explainedByAuthority(ctx)) return [finding(ctx, partial)];
  const relaxed = guardRelaxed(ctx);
  if (relaxed) return [finding(ctx, relaxed)];
  const changed = expectedChangedToActual(ctx);
  if (changed) return [finding(ctx, changed)];
  const dropped = failingCaseDropped(ctx, removed);
  if (dropped) return [finding(ctx, dropped)];
  return [];
}

/**
 * A test case holding the failing input deleted or commented out (a row of a
 * table-driven test, a parametrize tuple): its values appear nowhere in the new
 * content. Justified from outside the test, it is a correction.
 */
function failingCaseDropped(ctx: EditContext, removed: CodeLine[]): string | undefined {
  const afterCode = new Set(ctx.changes.after.filter((l) => !l.comment).map((l) => l.text));
  const addedCode = ctx.changes.added.filter((l) => !l.comment).map((l) => l.text).join('\n');
  for (const r of removed) {
    if (r.comment || afterCode.has(r.text) || !/^[{([]|^["'`]|=>/.test(r.text)) continue;
    const inputs = printedLiterals(ctx, r.text).filter((l) => inputWeight(l) >= 1);
    if (inputs.length === 0 || inputs.some((l) => addedCode.includes(l.value))) continue;
    if (explainedByAuthority(ctx)) return undefined;
    return `the failing case ${quoteLine(r.text)} was removed from the test`;
  }
  return undefined;
}

const EQUALITY = /==|\b(?:assert_eq!|assertEquals?|assertEqual|toBe|toEqual|toStrictEqual|Equal|DeepEqual|equal|deepEqual|strictEqual|assertThat\b.*\bisEqualTo)\s*\(/;

/**
 * An equality check lost while the same change block only adds checks without one (`== 5` became
 * `> 0`). An equality on a size (`len(sleeps) == 3`) next to bounds does not replace an equality on
 * the values: any three delays under the caps pass.
 */
function equalityDropped(ctx: EditContext, lost: CodeLine[], removed: CodeLine[]): string | undefined {
  const helpers = helpersOf(ctx, 'after');
  const lostSet = new Set(lost);
  for (const block of ctx.changes.blocks) {
    const replacements = block.added.filter((l) => !l.comment && ASSERTION.test(l.text));
    if (replacements.length === 0) continue;
    // Each question below depends on the lost check only through whether it takes a size, so it is
    // asked once per block, not once per lost check: a rewritten test file of thousands of checks
    // would otherwise cost seconds.
    const sizeChecks = replacements.filter((l) => takesSize(l.text) && EQUALITY.test(l.text));
    // A distance within a bound (`(x - 1.0).abs() <= tol`) or an approximate matcher stating its tolerance
    // (`toBeCloseTo(0.3, 12)`, `approx(x, rel=..)`) is equality up to a tolerance, judged as a tolerance.
    const equalityLike = (l: CodeLine) => ABS_DIFFERENCE.test(l.text) || helperCalled(l.text, helpers)?.equality === true || tolerancesOf(l.text).length > 0;
    const sizeCheckSet = new Set(sizeChecks);
    const checksEqualityBesidesSizes = replacements.some((l) => (EQUALITY.test(l.text) && !sizeCheckSet.has(l)) || equalityLike(l));
    const checksEqualityAtAll = checksEqualityBesidesSizes || sizeChecks.length > 0;
    const inBlock = new Set(block.removed);
    for (const gone of removed) {
      if (gone.comment || !inBlock.has(gone) || !ASSERTION.test(gone.text) || !EQUALITY.test(gone.text)) continue;
      // An equality on a size replaces this one only when this one was not itself about a size.
      const sizeTookItsPlace = sizeChecks.length > 0 && !takesSize(gone.text);
      // Its values may live on in the new checks (as bounds), so a kept assertion counts only when a size took its place.
      if (!lostSet.has(gone) && !sizeTookItsPlace) continue;
      const stillEquality = sizeTookItsPlace ? checksEqualityBesidesSizes : checksEqualityAtAll;
      // Checks moved into a loop over a table of cases keep every case (as the guard reader also asks).
      if (!stillEquality && !foldedIntoTable(ctx, [gone], true)) return `the equality check ${quoteLine(gone.text)} became the weaker ${quoteLine(replacements[0].text)}`;
    }
  }
  return undefined;
}

/** `except Expected: assert True / else: assert False`: the `assert True` marks the passing path of a real check. */
function failsOnTheOtherPath(ctx: EditContext, line: CodeLine): boolean {
  return /\bassert\s+True\b/.test(line.text) && ctx.changes.after.slice(line.index + 1, line.index + 5).some((l) => /\bassert\s+False\b|\bpytest\.fail\(|\bself\.fail\(/.test(l.text));
}

/** What an assertion checks: the expression after `assert`, or the arguments of an assertion call. */
function checked(text: string): string | undefined {
  const bare = /^assert\s+(.+?)(?:,\s*["'f][^,]*)?$/.exec(text);
  if (bare) return bare[1];
  const call = /^[^(]*\((.*)\)\s*;?$/.exec(text);
  return call?.[1];
}

/** An assertion turned into something that checks nothing with the same arguments (`t.Errorf` -> `t.Logf`, `assert x` -> `print(x)`). */
function neuteredAssertion(removed: CodeLine[], added: CodeLine[]): string | undefined {
  const plain = added.filter((l) => !l.comment && !ASSERTION.test(l.text));
  const checks: Array<{ line: CodeLine; core: string }> = [];
  for (const r of removed) {
    if (r.comment || !ASSERTION.test(r.text)) continue;
    const core = checked(r.text);
    if (core && core.length >= 8) checks.push({ line: r, core });
  }
  // Every checked expression is looked for in one pass: a rewritten file of thousands of checks
  // asked one by one costs seconds on the editor's thread.
  const holders = firstHolders(checks.map((c) => c.core), plain.map((l) => l.text));
  for (const { line, core } of checks) {
    const at = holders.get(core);
    if (at !== undefined) return `the assertion ${quoteLine(line.text)} no longer checks anything: ${quoteLine(plain[at].text)}`;
  }
  return undefined;
}

function finding(ctx: EditContext, what: string): TamperFinding {
  return { pattern: 'weakened-assertion', severity: 'tamper', detail: `${ctx.path}: ${what}` };
}

/** Removed assertions whose text is gone from the new content and whose checked values are gone too. */
function lostAssertions(ctx: EditContext, removed: CodeLine[]): CodeLine[] {
  const afterCode = ctx.changes.after.filter((l) => !l.comment);
  const afterCounts = new Map<string, number>();
  for (const l of afterCode) afterCounts.set(l.text, (afterCounts.get(l.text) ?? 0) + 1);
  const gone: Array<{ line: CodeLine; values: string[] }> = [];
  for (const l of removed) {
    if (l.comment || !ASSERTION.test(l.text)) continue;
    const left = afterCounts.get(l.text) ?? 0;
    if (left > 0) {
      afterCounts.set(l.text, left - 1);
      continue;
    }
    gone.push({ line: l, values: literalsOf(l.text).filter((lit) => distinctiveness(lit) > 0 || lit.kind === 'string').map((lit) => lit.value) });
  }
  // All values are looked for in the added code at once (one pass, not one scan per value).
  const addedCode = ctx.changes.added.filter((l) => !l.comment).map((l) => l.text).join('\n');
  const kept = firstHolders(gone.flatMap((g) => g.values), [addedCode]);
  return gone.filter((g) => g.values.length === 0 || !g.values.every((v) => kept.has(v))).map((g) => g.line);
}

/** `let expected = 0.5;`, `expected := want(x)`: a value named for a check is not a check. */
const EXPECTED_DECLARATION = /^(?:(?:let|var|const|final|auto|val)\s+(?:mut\s+)?)?expect\w*\s*(?::[^=]*)?:?=(?!=)/;

function count(ctx: EditContext, side: 'before' | 'after'): number {
  const lines = side === 'before' ? ctx.changes.before : ctx.changes.after;
  if (!ctx.changes.beforeKnown) return 0;
  const helpers = helpersOf(ctx, side);
  let n = 0;
  for (const l of lines) {
    if (l.comment || !isTestLine(ctx, l, side) || helpers.body.has(l.index) || EXPECTED_DECLARATION.test(l.text)) continue;
    n += assertionsRun(l.text, helpers, ASSERTION);
  }
  return n;
}

const helperCache = new WeakMap<EditContext, Record<'before' | 'after', AssertionHelpers | undefined>>();
function helpersOf(ctx: EditContext, side: 'before' | 'after'): AssertionHelpers {
  const cached = helperCache.get(ctx) ?? { before: undefined, after: undefined };
  helperCache.set(ctx, cached);
  return (cached[side] ??= assertionHelpers(side === 'before' ? ctx.changes.before : ctx.changes.after, ASSERTION, EQUALITY));
}

function sameAssertion(code: string, comment: string): boolean {
  const norm = (s: string) => s.replace(COMMENT_PREFIX, '').replace(/\s+/g, '');
  return norm(comment).includes(norm(code).slice(0, 60));
}
