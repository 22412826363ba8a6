/**
 * Test-side code that every check goes through no longer fails when the values
 * differ, whatever the framework:
 * - a shared helper's failing call (`t.Errorf`, `self.fail`, `raise AssertionError`,
 *   `throw`, `panic!`) replaced by one that only writes a line, or by an early return;
 * - an assertion method defined anew (a base class's `assertEqual`, a helper
 *   `assertSame`) whose body compares but can no longer fail;
 * - the framework's test entry (`global.test`, `it`, `TestCase.run`) wrapped so a
 *   thrown failure is caught and not passed on.
 * Honest look-alikes keep a failing call: a helper that logs AND fails, a base
 * class that adds a clearer message and calls the framework's assertion, a
 * wrapper that retries a flaky call and rethrows after the last attempt.
 */
import { EditContext, isTestLine, quoteLine, TamperFinding } from './tamperContext';
import { CodeLine, LONG_LINE } from './tamperLines';
import { enclosingFunction } from './tamperState';

/** Calls and statements that fail a test, in Go, Python, JS/TS, Java/Kotlin and Rust. */
const FAILING =
  /\bt\.(?:Fatalf?|Errorf?|FailNow|Fail)\b|\b(?:self\.|Assert(?:ions)?\.|pytest\.)?fail\w*\s*\(|\braise\b|\bthrow\b|\bpanic!?\s*\(|\bassert\w*!?\s*[(\s]|\bsuper\(\)\.assert\w*|\bsuper\.assert\w*|\bexpect\s*\(|\breject\s*\(/;
/** Calls that only write a line somewhere. */
const LOGGING =
  /\bt\.Logf?\b|\blog\.\w+\s*\(|\bfmt\.(?:Print|Fprint)\w*\s*\(|\bconsole\.(?:log|warn|info|error|debug)\b|\bwarnings\.warn\b|\blogger\.\w+\b|\blogging\.\w+\s*\(|\bprint\s*\(|\be?println!\s*\(|\bSystem\.(?:out|err)\.print\w*\s*\(|\bsys\.stderr\.write\s*\(/;
/** A test function itself (its checks are judged as assertions, not as shared code). */
const TEST_FUNCTION = /\bfunc\s+Test\w*\s*\(|\bdef\s+test\w*\s*\(|^@Test\b|\bfn\s+test_\w*\s*\(|\b(?:it|test)\s*\(\s*["'`]/;
/** A file written for tests wherever it lives: it takes the framework's handle or imports it. */
const TEST_SUPPORT = /\btesting\.(?:TB|T)\b|\bt\.Helper\(\)|\borg\.junit\b|^import (?:pytest|unittest)\b|^from (?:pytest|unittest)\b|\bunittest\.TestCase\b|\bjest\.|\bvitest\b|\bbeforeEach\s*\(/;
/** A new definition of an assertion method or function. */
const ASSERTION_DEF =
  /^(?:async\s+)?def\s+(assert\w*|fail\w*|check_?\w*|expect\w*)\s*\(\s*self\b|^(?:export\s+)?(?:async\s+)?function\s+(assert\w*|expect\w*)\s*\(|^(?:public|protected)\s+(?:static\s+)?void\s+(assert\w*)\s*\(/;
/** Replacing the framework's test entry with a wrapper. */
const TEST_ENTRY =
  /\b(?:global|globalThis|window)\.(?:test|it)\s*=(?!=)|^(?:const\s+|let\s+|var\s+)?(?:test|it)\s*=(?!=)|\bTestCase\.run\s*=(?!=)|^def\s+(?:run|__call__)\s*\(\s*self\b|^(?:public\s+)?void\s+run\s*\(\s*(?:TestResult|RunNotifier)\b/;
const HANDLER = /^\}?\s*catch\b|^except\b|^rescue\b/;

export function sharedCheckFindings(ctx: EditContext): TamperFinding[] {
  const lines = ctx.changes.after;
  const support = lines.some((l) => TEST_SUPPORT.test(l.text)) || ctx.testFile;
  if (!support) return [];
  const removedText = new Set(ctx.changes.removed.map((l) => l.text));
  const fresh = ctx.changes.added.filter((l) => !l.comment && l.text.length < LONG_LINE && !removedText.has(l.text));
  const logged = loggedInstead(ctx);
  if (logged) return [finding(ctx, `a shared check now only logs when the values differ: ${quoteLine(logged.text)}`)];
  for (const line of fresh) {
    if (ASSERTION_DEF.test(line.text) && cannotFail(lines, line)) {
      return [finding(ctx, `defines an assertion that compares but can no longer fail: ${quoteLine(line.text)}`)];
    }
    if (TEST_ENTRY.test(line.text)) {
      const swallow = swallowingHandler(lines, line);
      if (swallow) return [finding(ctx, `wraps every test so a thrown failure is caught and not passed on: ${quoteLine(swallow.text)}`)];
    }
  }
  return [];
}

/** In one changed block of a helper (not a test function), a failing call gave way to a logging call or an early return. */
function loggedInstead(ctx: EditContext): CodeLine | undefined {
  // A failing call moved elsewhere in the file is not one given up.
  const failing = (lines: readonly CodeLine[]) => lines.filter((l) => !l.comment && FAILING.test(l.text)).length;
  if (failing(ctx.changes.after) >= failing(ctx.changes.before)) return undefined;
  for (const block of ctx.changes.blocks) {
    const failingBefore = block.removed.filter((l) => !l.comment && FAILING.test(l.text)).length;
    const failingNow = block.added.filter((l) => !l.comment && FAILING.test(l.text)).length;
    if (failingBefore === 0 || failingNow >= failingBefore) continue;
    // Instead of failing it writes a line, or returns early.
    const log = block.added.find((l) => !l.comment && (LOGGING.test(l.text) || (/^(?:return\s*;?|pass)$/.test(l.text) && inNamedHelper(ctx, l))));
    if (!log) continue;
    const fn = enclosingFunction(ctx.changes.after, log.index);
    if (fn >= 0 && TEST_FUNCTION.test(ctx.changes.after[fn].text)) continue;
    if (fn < 0 && isTestLine(ctx, log, 'after')) continue;
    return log;
  }
  return undefined;
}

/**
 * An early return counts only in a named helper (`func SameRows(t testing.TB, ...)`, `def expect_rows(...)`):
 * in a subtest closure (`t.Run(name, func(t *testing.T) {`) returning after a failure is ordinary.
 */
function inNamedHelper(ctx: EditContext, line: CodeLine): boolean {
  const lines = ctx.changes.after;
  let fn = enclosingFunction(lines, line.index);
  // A Go `if a != b {` reads like a declaration to the opener pattern: climb past control statements.
  while (fn >= 0 && /^(?:\}\s*)?(?:if|else|for|while|switch|select)\b/.test(lines[fn].text)) fn = enclosingFunction(lines, fn);
  return fn >= 0 && /^(?:func\s+\w+|def\s+\w+|(?:export\s+)?function\s+\w+|(?:public|protected|private)?\s*(?:static\s+)?void\s+\w+)\s*[[(]/.test(lines[fn].text);
}

/** The lines of a body: those after the opener until one indented no deeper than it (at most 30). */
function body(lines: readonly CodeLine[], opener: CodeLine): CodeLine[] {
  const out: CodeLine[] = [];
  for (let i = opener.index + 1; i < lines.length && i <= opener.index + 30; i++) {
    const l = lines[i];
    if (l.text === '') continue;
    if (l.indent <= opener.indent) break;
    if (!l.comment) out.push(l);
  }
  return out;
}

/** The method compares its arguments and writes or returns, but nothing in it can fail the test. */
function cannotFail(lines: readonly CodeLine[], def: CodeLine): boolean {
  const inner = body(lines, def);
  if (inner.length === 0) return false;
  const compares = inner.some((l) => /[!=]==?|\bis not\b|\bnot\s+\w/.test(l.text));
  return compares && !inner.some((l) => FAILING.test(l.text));
}

/** A catch/except inside the wrapper whose body neither rethrows nor fails. */
function swallowingHandler(lines: readonly CodeLine[], entry: CodeLine): CodeLine | undefined {
  for (let i = entry.index + 1; i < lines.length && i <= entry.index + 25; i++) {
    const l = lines[i];
    if (l.text !== '' && !l.comment && l.indent <= entry.indent && !/^[)}\]]/.test(l.text)) break;
    if (l.comment || !HANDLER.test(l.text)) continue;
    const inner = body(lines, l);
    const inline = l.text.replace(HANDLER, '').replace(/^\s*(?:\([^)]*\))?/, '');
    if (!FAILING.test(inline) && !inner.some((b) => FAILING.test(b.text))) return l;
  }
  return undefined;
}

function finding(ctx: EditContext, what: string): TamperFinding {
  return { pattern: 'harness-override', severity: 'tamper', detail: `${ctx.path}: ${what}` };
}
