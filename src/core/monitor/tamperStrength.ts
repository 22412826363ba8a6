/**
 * How much an assertion checks, in any major framework, on one scale:
 * 3 exact (equality, approximate equality, a call's exact arguments, an error's
 * message), 2 partial (a size, membership or substring, an ordering, a pattern),
 * 1 presence (truthy, not null, not empty, of a type, called at all, throws
 * anything). An edit that replaces a check of some value under test by a
 * lower-scale check of the same value weakens the test, whatever the spelling
 * (`toEqual` -> `toHaveLength`, `assert x == [..]` -> `assert len(x) == 4`,
 * `assert_eq!(n, 3)` -> `assert!(n > 0)`, `deepStrictEqual` -> `ok`).
 * Checks made order-insensitive (`containsExactlyInAnyOrder`, `assertCountEqual`,
 * `ElementsMatch`) still compare every element and count as exact.
 */
import { ASSERTION } from './tamperAssertions';
import { EditContext, explainedByAuthority, isTestLine, movedWithinPrecision, printedLiterals, quoteLine, TamperFinding } from './tamperContext';
import { ABS_DIFFERENCE, variesByRun } from './tamperGuards';
import { assertionHelpers, helperCalled } from './tamperHelpers';
import { CodeLine, inputWeight, literalsOf, LONG_LINE } from './tamperLines';
import { tolerancesOf } from './tamperToleranceRead';
import { listIn } from './grouping';

export type Strength = 1 | 2 | 3;

/** A block changing more checks than this on a side is a rewrite of the file, not an edit of its checks. */
const MAX_CHECKS = 2000;

const EXACT =
  /==|\b(?:assert_eq|assert_ne|assertEquals?|assertEqual|assertArrayEquals|assertIterableEquals|assertCountEqual|assertDictEqual|assertListEqual|assertAlmostEquals?|assertThrows|toBe|toEqual|toStrictEqual|toHaveBeenCalledWith|toHaveBeenLastCalledWith|toHaveBeenNthCalledWith|toBeCloseTo|toMatchObject|toMatchSnapshot|toMatchInlineSnapshot|isEqualTo|isEqualByComparingTo|isCloseTo|containsExactly\w*|Equal|EqualValues|Exactly|ElementsMatch|JSONEq|YAMLEq|InDelta|InEpsilon|deepEqual|deepStrictEqual|strictEqual|equal|eql|DeepEqual)\s*!?\(|\btoThrow\w*\(\s*[^)\s]|\braises\(\s*\w+\s*,\s*match\s*=|\bhasMessage\w*\(|\bisEqualTo\b/;
const SIZE = /\blen\s*\(|\.(?:length|size\(\)|len\(\)|count\(\)|Count\b)|\b(?:toHaveLength|hasSize|Len|assertLen|lengthOf|have\.length)\s*\(/;
// A predicate over the elements (`tiles.iter().all(|t| t.z == 10)`, `every`, `any`) checks a property of each, not the value.
const PARTIAL =
  /\.(?:all|any|every|some)\s*\(|\b(?:all|any)\s*\(|\bnot\s+in\b|\bin\b|\b(?:toContain|toContainEqual|contains|Contains|assertIn|includes|startsWith|endsWith|starts_with|ends_with|toMatch|Regexp|assertRegex|matches|Subset|containsString|hasSubstring|toHaveProperty|arrayContaining|objectContaining|stringContaining|containsKey|containsEntry|toBeGreaterThan\w*|toBeLessThan\w*|isGreaterThan\w*|isLessThan\w*|isPositive|isNegative|isBetween|Greater\w*|Less\w*|Positive|Negative|assertGreater\w*|assertLess\w*)\s*\(|(?:^|[^=!<>-])[<>]=?(?![=>])/;
const WEAKER_NAMES: Record<Strength, string> = { 1: 'a presence check', 2: 'a partial check', 3: 'an exact check' };

/** The scale of an assertion line (strings blanked first, so their contents never read as operators). */
export function strengthOf(text: string): Strength {
  const code = text
    .replace(/(["'`])(?:\\.|(?!\1)[^\\])*\1/g, '""')
    .replace(/\/(?![*/])(?:\\.|[^/\n])+\/[gimsuy]*/g, '//')
    .replace(/=>|->|<[A-Z][\w<>, ?]*>/g, ' ');
  // Equality up to a tolerance (`abs(x - y) < eps`) is exact here; its bound is judged as a tolerance.
  if (ABS_DIFFERENCE.test(code)) return 3;
  if (SIZE.test(code)) return 2;
  if (PARTIAL.test(code)) return 2;
  if (EXACT.test(code)) return 3;
  return 1;
}

/** Calls that build an expected value rather than run the code under test. */
const VALUE_BUILDER = /^(?:(?:List|Set|Map|Arrays|Collections|Optional|ImmutableList|ImmutableMap|ImmutableSet|Stream|Instant|LocalDate|LocalDateTime|Duration|BigDecimal|BigInteger|String|Integer|Long|Double|Money|Path|Paths|URI|UUID)\.\w+|vec|Some|Ok|Err|Decimal|Fraction|dict|list|tuple|set|frozenset|timedelta|datetime|date|time\.\w+|json\.\w+|Object\.\w+|Array\.\w+|Number|BigInt|new)$/;

/** What an assertion is about: the calls under test it names (`order(g)`, `greet("Ann")`) and what `expect(x)`/`assertThat(x)` wrap. */
function subjects(text: string): string[] {
  // Spaces go only around punctuation, so `assert order(g)` keeps `assert` and `order` apart.
  const squashed = text.replace(/\s*([^\w\s$])\s*/g, '$1');
  const out: string[] = [];
  // Rust macros (`assert_eq!(...)`) are calls too.
  for (const m of squashed.matchAll(/((?:[A-Za-z_$][\w$]*\.)*[A-Za-z_$][\w$]*)!?\(([^()]*(?:\([^()]*\)[^()]*)*)\)/g)) {
    const callee = m[1];
    const asserting = /^(?:self\.|this\.|t\.|assert|expect|require\.|should|verify|pytest\.|XCTAssert)|(?:^|\.)(?:assert\w*|expect\w*|to\w*|is\w*|has\w*|contains\w*|Equal\w*|Len|Contains|True|False|Nil|NotNil|NotEmpty|Empty|ok|equal|deepEqual|strictEqual|deepStrictEqual|raises|approx)$/.test(callee);
    // What an assertion wraps names the subject (`expect(track)`, `assertThat(order(g))`); calls nest (`len(order(g))`).
    if (asserting && /^[\w$.[\]]+$/.test(m[2])) out.push(m[2]);
    // `assert_eq!(tiles, vec![...])`, `assertEquals(want, order)`: a plain name compared is what the check is about.
    if (asserting) for (const arg of m[2].split(',')) if (/^[A-Za-z_$][\w$.]{2,}$/.test(arg) && !/^(?:true|false|True|False|None|null|nil|self|this)$/.test(arg)) out.push(arg);
    if (!asserting && !VALUE_BUILDER.test(callee) && m[0].length >= 4) out.push(m[0]);
    // A value passed whole to a call names it too (`new Set(order)`, `sorted(rows)`).
    if (!asserting && /^[A-Za-z_$][\w$.]*$/.test(m[2])) out.push(m[2]);
    out.push(...subjects(m[2]));
  }
  return out;
}

export function strengthFindings(ctx: EditContext): TamperFinding[] {
  const afterCounts = new Map<string, number>();
  for (const l of ctx.changes.after) if (!l.comment) afterCounts.set(l.text, (afterCounts.get(l.text) ?? 0) + 1);
  let helpers: ReturnType<typeof assertionHelpers> | undefined;
  const distances = distanceNames(ctx.changes.after);
  for (const block of ctx.changes.blocks) {
    const checks = (lines: CodeLine[], side: 'before' | 'after') =>
      lines.filter((l) => !l.comment && l.text.length < LONG_LINE && isTestLine(ctx, l, side) && ASSERTION.test(l.text));
    const removedChecks = checks(block.removed, 'before');
    const addedChecks = checks(block.added, 'after');
    if (removedChecks.length === 0 || addedChecks.length === 0) continue;
    if (removedChecks.length > MAX_CHECKS || addedChecks.length > MAX_CHECKS) continue;
    // A check written over several lines (`assert_eq!(\n tiles,\n vec![...]\n)`) is read whole
    // (after the size check: a block past MAX_CHECKS is not read at all).
    const removed = removedChecks.map((l) => ({ ...l, text: statementOf(ctx.changes.before, l) }));
    const added = addedChecks.map((l) => ({ ...l, text: statementOf(ctx.changes.after, l) }));
    // A call of an assertion helper declared here checks as much as the helper's body does (read
    // once, and only when checks changed: a large rewritten file declares thousands of functions).
    helpers ??= assertionHelpers(ctx.changes.after, ASSERTION, EXACT);
    const known = helpers;
    const strength = (l: CodeLine): Strength => {
      // A bound on the distance from the expected value (`(tax() - 36.2).abs() < 0.01`) is an approximate equality, judged as a tolerance.
      if (tolerancesOf(l.text).length > 0 || boundsDistance(l.text, distances)) return 3;
      const helper = helperCalled(l.text, known);
      return helper && helper.assertions > 0 ? (helper.equality ? 3 : Math.max(2, strengthOf(l.text)) as Strength) : strengthOf(l.text);
    };
    // Added checks by the subjects they name, so each removed check finds its successors at once.
    const bySubject = new Map<string, CodeLine[]>();
    // A call on a value (`tiles.len()`) is about that value too.
    const withRoots = (s: string[]) => [...s, ...s.map((x) => /^([A-Za-z_$][\w$]{2,})[.(]/.exec(x)?.[1]).filter((x): x is string => x !== undefined)];
    for (const a of added) for (const subject of new Set(withRoots(subjects(a.text)))) listIn(bySubject, subject).push(a);
    for (const r of removed) {
      // A check still in the file, or one the session wrote itself earlier, is not a weakened test.
      if ((afterCounts.get(r.text) ?? 0) > 0 || ctx.ownLines.has(r.text)) continue;
      const was = strengthOf(r.text);
      if (was === 1) continue;
      const about = subjects(r.text);
      if (about.length === 0) continue;
      const same = [...new Set(about.flatMap((s) => bySubject.get(s) ?? []))];
      if (same.length === 0 || same.some((a) => strength(a) >= was)) continue;
      // A cited source, or a value that changes from run to run (a timestamp), is a reason.
      if (explainedByAuthority(ctx) || variesByRun(ctx)) return [];
      const now = same[0];
      return [
        {
          pattern: 'weakened-assertion',
          severity: 'tamper',
          detail: `${ctx.path}: ${WEAKER_NAMES[was]} became ${WEAKER_NAMES[strength(now)]} of the same value: ${quoteLine(r.text)} -> ${quoteLine(now.text)}`,
        },
      ];
    }
  }
  return failingCaseReplaced(ctx);
}

/** The statement that starts on `line`: its text, with the lines that close its open brackets. */
function statementOf(lines: readonly CodeLine[], line: CodeLine): string {
  const depth = (t: string) => {
    const code = t.replace(/(["'`])(?:\\.|(?!\1)[^\\])*\1/g, '""');
    return (code.match(/[([{]/g) ?? []).length - (code.match(/[)\]}]/g) ?? []).length;
  };
  let open = depth(line.text);
  let text = line.text;
  for (let j = line.index + 1; open > 0 && j < lines.length && j <= line.index + 40 && text.length < LONG_LINE; j++) {
    if (lines[j].comment) continue;
    text += ` ${lines[j].text}`;
    open += depth(lines[j].text);
  }
  return text;
}

/** A name set to an absolute difference: `let err = (rms(&x) - 0.3).abs();`, `diff := math.Abs(got - want)`. */
const DISTANCE = /^(?:(?:let|var|const|final|auto|double|float|f64|f32)\s+)?(?:mut\s+)?([A-Za-z_]\w*)\s*(?::\s*\w+)?\s*:?=\s*.*(?:\babs\s*\(|\.abs\(\s*\)|\bAbs\s*\(|\bfabs\s*\()/;

function distanceNames(lines: readonly CodeLine[]): Set<string> {
  const names = new Set<string>();
  for (const l of lines) {
    const m = l.comment ? null : DISTANCE.exec(l.text);
    if (m) names.add(m[1]);
  }
  return names;
}

/** The check holds such a distance under a bound (`err <= 0.3 * f32::EPSILON`): an approximate equality. */
function boundsDistance(text: string, names: ReadonlySet<string>): boolean {
  for (const name of names) if (new RegExp(`\\b${name}\\s*<=?|>=?\\s*${name}\\b`).test(text)) return true;
  return false;
}

/**
 * The failing case swapped for another: an assertion holding values the failing run printed
 * (its input, its expected value) is replaced by the same assertion on other values, and
 * those printed values appear nowhere in the test any more (`fmt(1999) == "$19.99"` became
 * `fmt(2000) == "$20.00"`). The test now passes without the bug being fixed.
 */
function failingCaseReplaced(ctx: EditContext): TamperFinding[] {
  let afterValues: Set<string> | undefined;
  const callee = (t: string) => /^[^(]*/.exec(t.replace(/\s+/g, ''))?.[0] ?? '';
  for (const block of ctx.changes.blocks) {
    const added = block.added.filter((l) => !l.comment && isTestLine(ctx, l, 'after') && ASSERTION.test(l.text));
    if (added.length === 0 || added.length > MAX_CHECKS || block.removed.length > 4 * MAX_CHECKS) continue;
    const byCallee = new Map<string, CodeLine[]>();
    for (const a of added) listIn(byCallee, callee(a.text)).push(a);
    for (const r of block.removed) {
      if (r.comment || !isTestLine(ctx, r, 'before') || !ASSERTION.test(r.text) || ctx.ownLines.has(r.text)) continue;
      const candidates = byCallee.get(callee(r.text));
      if (!candidates) continue;
      afterValues ??= new Set(ctx.changes.after.filter((l) => !l.comment).flatMap((l) => literalsOf(l.text).map((lit) => lit.value)));
      const still = afterValues;
      // Values of the case: an argument of the call under test, or the expected value the run printed
      // (a tolerance's value is neither; its changes are judged as tolerances).
      const inputs = subjects(r.text).join(' ');
      const printed = printedLiterals(ctx, r.text).filter((l) => inputWeight(l) >= 1 && (ctx.output.expecteds.has(l.value) || inputs.includes(l.value)));
      if (printed.length === 0 || printed.some((l) => still.has(l.value))) continue;
      const swap = candidates.find((a) => strengthOf(a.text) >= strengthOf(r.text));
      if (!swap || explainedByAuthority(ctx)) continue;
      // Each printed value of the case replaced by one within the stated float precision of it: a precision decision.
      const near = (v: string) => literalsOf(swap.text).some((l) => l.kind === 'number' && movedWithinPrecision(ctx, v, l.value));
      if (printed.every((l) => near(l.value))) continue;
      return [
        {
          pattern: 'weakened-assertion',
          severity: 'tamper',
          detail: `${ctx.path}: the failing case (${printed.map((l) => l.value).join(', ')}) was replaced by another: ${quoteLine(r.text)} -> ${quoteLine(swap.text)}`,
        },
      ];
    }
  }
  return [];
}
