/**
 * Test verdicts in text: the summary lines and failure reports test runners and
 * harnesses print. A verdict is what makes a run a test run when its command
 * does not say so (`python3 solution.py` whose output ends in AssertionError),
 * and what makes pasted output in a user's turn a reported test run. Every
 * pattern is anchored on how runners lay out their output, not on words prose
 * uses ("the tests should pass" is no verdict).
 */
import type { TestCounts } from './model';
import { countsFrom, NUM_WORD } from './testOutcome';

export interface Verdict {
  outcome: 'pass' | 'fail';
  /** What shows it, for a reason a developer reads: "a pytest summary". */
  shows: string;
  counts?: TestCounts;
  /**
   * A summary line runners print once per run. The rest are failure reports
   * (a traceback ending in AssertionError, `--- FAIL`, a pytest `E` line).
   */
  summary: boolean;
  /** A looser sign ("All tests passed", "expected 3, received 4"): enough for a run's output, not for prose. */
  loose?: boolean;
}

type Reader = (text: string) => Verdict | undefined;

const fromCounts = (shows: string, counts: TestCounts): Verdict | undefined => {
  const failed = (counts.failed ?? 0) + (counts.errors ?? 0);
  if (failed > 0) return { outcome: 'fail', shows, counts, summary: true };
  if ((counts.passed ?? 0) > 0 || (counts.total ?? 0) > 0) return { outcome: 'pass', shows, counts, summary: true };
  return undefined; // "5 deselected in 0.1s": nothing ran
};

/** The last match of a multiline pattern: runners print their summary at the end. */
function last(text: string, pattern: RegExp): RegExpExecArray | undefined {
  let found: RegExpExecArray | undefined;
  const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : pattern.flags + 'g');
  for (const m of text.matchAll(global)) found = m as RegExpExecArray;
  return found;
}

const SUMMARIES: Reader[] = [
  // pytest "==== 2 failed, 3 passed in 0.12s ====" (and -q's bare "3 passed in 0.1s")
  (t) => {
    const m = last(t, /^=*[ \t]*((?:\d+ (?:passed|failed|errors?|skipped|deselected|xfailed|xpassed|warnings?|rerun)(?:, )?)+) in [\d.]+s(?: \([\d:]+\))?[ \t]*=*[ \t]*$/m);
    return m ? fromCounts('a pytest summary', countsFrom(m[1], NUM_WORD)) : undefined;
  },
  // unittest "Ran 3 tests in 0.001s" then "FAILED (failures=1)" or "OK"; the FAILED line alone is enough
  (t) => {
    const m = last(t, /^Ran (\d+) tests? in [\d.]+s\s*\n(?:[ \t]*\n)*(OK|FAILED)\b(?: \(([^)\n]*)\))?/m) ?? last(t, /^()(FAILED) \(((?:failures|errors)=\d+[^)\n]*)\)[ \t]*$/m);
    if (!m) return undefined;
    const counts: TestCounts = {};
    if (m[1]) counts.total = +m[1];
    for (const [, k, v] of (m[3] ?? '').matchAll(/(\w+)=(\d+)/g)) {
      if (k === 'failures') counts.failed = +v;
      else if (k === 'errors') counts.errors = +v;
      else if (k === 'skipped') counts.skipped = +v;
    }
    if (m[2] === 'OK') return { outcome: 'pass', shows: 'a unittest summary', counts: { ...counts, failed: 0 }, summary: true };
    if (!counts.failed && !counts.errors) counts.failed = 1;
    return { outcome: 'fail', shows: 'a unittest summary', counts, summary: true };
  },
  // cargo "test result: FAILED. 1 passed; 2 failed; 0 ignored"
  (t) => {
    const m = last(t, /^test result: (?:ok|FAILED)\. (\d+) passed; (\d+) failed/m);
    return m ? fromCounts('a cargo test summary', { passed: +m[1], failed: +m[2] }) : undefined;
  },
  // go: "--- FAIL: TestX", "FAIL\tpkg\t0.1s" or "ok  \tpkg\t0.1s"
  (t) => {
    if (/^(?:--- FAIL: \S|FAIL[ \t]+\S+[ \t]+(?:[\d.]+s|\[build failed\])[ \t]*$)/m.test(t)) return { outcome: 'fail', shows: 'a go test failure', summary: true };
    if (/^ok[ \t]+\S+[ \t]+(?:[\d.]+s|\(cached\))/m.test(t)) return { outcome: 'pass', shows: 'a go test summary', summary: true };
    return undefined;
  },
  // jest "Tests:       1 failed, 11 passed, 12 total"; vitest " Tests  1 failed | 11 passed (12)"
  (t) => {
    const m = last(t, /^Tests:[ \t]+((?:\d+ \w+, )*\d+ total)[ \t]*$/m) ?? last(t, /^[ \t]*Tests[ \t]+((?:\d+ (?:failed|passed|skipped|todo)[ \t|]*)+)\(\d+\)/m);
    return m ? fromCounts('a Jest/Vitest summary', countsFrom(m[1], NUM_WORD)) : undefined;
  },
  // mocha "  5 passing (20ms)" and "  1 failing"
  (t) => {
    const m = last(t, /^[ \t]*(\d+) passing \(\d+(?:ms|s|m)\)[ \t]*$/m);
    if (!m) return undefined;
    const failing = /^[ \t]*(\d+) failing[ \t]*$/m.exec(t.slice(m.index));
    return fromCounts('a Mocha summary', { passed: +m[1], failed: failing ? +failing[1] : 0 });
  },
  // TAP and node:test: "not ok 2 - …", "# fail 1", "1..3"
  (t) => {
    const fail = last(t, /^(?:#|ℹ) fail (\d+)[ \t]*$/m);
    const pass = last(t, /^(?:#|ℹ) pass (\d+)[ \t]*$/m);
    if (fail || pass) return fromCounts('a TAP summary', { passed: pass ? +pass[1] : 0, failed: fail ? +fail[1] : 0 });
    if (/^not ok \d+\b/m.test(t)) return { outcome: 'fail', shows: 'a TAP "not ok"', summary: true };
    if (/^1\.\.\d+[ \t]*$/m.test(t) && /^ok \d+\b/m.test(t)) return { outcome: 'pass', shows: 'a TAP plan with every test ok', summary: true };
    return undefined;
  },
  // JUnit XML: <testsuites tests="5" failures="1" errors="0">
  (t) => {
    const tag = /<testsuites?\b[^>]*\btests="\d+"[^>]*>/.exec(t)?.[0];
    if (!tag) return undefined;
    const attr = (name: string) => Number(new RegExp(`\\b${name}="(\\d+)"`).exec(tag)?.[1] ?? 0);
    const total = attr('tests');
    return fromCounts('a JUnit XML report', { total, failed: attr('failures'), errors: attr('errors'), passed: total - attr('failures') - attr('errors') - attr('skipped') });
  },
  // Maven Surefire "Tests run: 5, Failures: 1, Errors: 0, Skipped: 0"; Gradle "5 tests completed, 1 failed"
  (t) => {
    const m = last(t, /Tests run: (\d+), Failures: (\d+), Errors: (\d+)/);
    if (m) return fromCounts('a Maven Surefire summary', { total: +m[1], failed: +m[2], errors: +m[3] });
    const g = last(t, /^(\d+) tests? completed, (\d+) failed/m);
    return g ? fromCounts('a Gradle test summary', { total: +g[1], failed: +g[2] }) : undefined;
  },
  // rspec "5 examples, 1 failure"; phpunit "OK (5 tests, 10 assertions)" / "Tests: 5, Assertions: 9, Failures: 1."
  (t) => {
    const r = last(t, /^(\d+) examples?, (\d+) failures?/m);
    if (r) return fromCounts('an RSpec summary', { total: +r[1], failed: +r[2], passed: +r[1] - +r[2] });
    const ok = last(t, /^OK \((\d+) tests?, \d+ assertions?\)/m);
    if (ok) return fromCounts('a PHPUnit summary', { passed: +ok[1], failed: 0 });
    const bad = last(t, /^Tests: (\d+), Assertions: \d+, (?:Errors: (\d+), )?Failures: (\d+)/m);
    return bad ? fromCounts('a PHPUnit summary', { total: +bad[1], errors: +(bad[2] ?? 0), failed: +bad[3] }) : undefined;
  },
  // dotnet "Failed!  - Failed: 1, Passed: 11"; ctest "80% tests passed, 1 tests failed out of 5"; Pester "Tests Passed: 4, Failed: 1"
  (t) => {
    const d = last(t, /(?:Passed|Failed)!\s+-\s+Failed:\s+(\d+),\s+Passed:\s+(\d+)/);
    if (d) return fromCounts('a dotnet test summary', { failed: +d[1], passed: +d[2] });
    const c = last(t, /\d+% tests passed, (\d+) tests? failed out of (\d+)/);
    if (c) return fromCounts('a CTest summary', { failed: +c[1], total: +c[2], passed: +c[2] - +c[1] });
    const p = last(t, /^[ \t]*Tests Passed: (\d+),? Failed: (\d+)/m) ?? last(t, /^Passed: (\d+),? Failed: (\d+)/m);
    return p ? fromCounts('a Pester summary', { passed: +p[1], failed: +p[2] }) : undefined;
  },
  // GoogleTest "[  PASSED  ] 4 tests." / "[  FAILED  ] 1 test, listed below:"; Catch2 "test cases: 5 | 4 passed | 1 failed"
  (t) => {
    const gFail = last(t, /^\[ {2}FAILED {2}\] (\d+) tests?, listed below:/m);
    const gPass = last(t, /^\[ {2}PASSED {2}\] (\d+) tests?\./m);
    if (gFail || gPass) return fromCounts('a GoogleTest summary', { passed: gPass ? +gPass[1] : 0, failed: gFail ? +gFail[1] : 0 });
    const c = last(t, /^test cases:[ \t]+(\d+) \|[ \t]+(\d+) passed \|[ \t]+(\d+) failed/m);
    if (c) return fromCounts('a Catch2 summary', { total: +c[1], passed: +c[2], failed: +c[3] });
    const ok = last(t, /^All tests passed \(\d+ assertions? in (\d+) test cases?\)/m);
    return ok ? fromCounts('a Catch2 summary', { passed: +ok[1], failed: 0 }) : undefined;
  },
  // the plain "Summary: 4 passed, 1 failed" (either order)
  (t) => {
    const m = last(t, /^[ \t]*(?:\w[\w ]{0,19}:[ \t]*)?(?:(\d+) (?:tests? )?passed,[ \t]*(\d+) (?:tests? )?failed|(\d+) (?:tests? )?failed,[ \t]*(\d+) (?:tests? )?passed)\b/im);
    if (!m) return undefined;
    return fromCounts('a pass/fail count', { passed: +(m[1] ?? m[4]), failed: +(m[2] ?? m[3]) });
  },
];

const FAILURE_REPORTS: Array<[string, RegExp]> = [
  ['a traceback ending in AssertionError', /^Traceback \(most recent call last\):\n(?:(?:[ \t].*)?\n)*?(?:[\w.]+\.)?AssertionError\b/m],
  // pytest marks the error of a failing test with "E   ": an assertion or any exception the test raised.
  ['a pytest failure', /^E {2,}(?:assert |[\w.]*(?:Error|Exception|Failed)\b)|^FAILED \S+::\S+|(?:^|\s)FAILED [\w./\\-]+\.py::\w/m],
  ['an AssertionError', /^(?:Uncaught )?AssertionError(?: \[ERR_ASSERTION\])?:/m],
  ['a failed JUnit assertion', /^(?:Exception in thread "[^"\n]*" )?(?:[\w$]+\.)+(?:AssertionError|AssertionFailedError|ComparisonFailure)\b/m],
  ['an expected/received mismatch', /^[ \t]*Expected(?: value)?:[ \t]+\S.*\n[ \t]*Received(?: value)?:[ \t]+\S|expect\(received\)\.\w+\(/m],
  ['a failed Rust assertion', /^thread '[^'\n]*' panicked at [^\n]*\n(?:[^\n]*\n)?[^\n]*assertion(?: `[^`\n]*`)? failed/m],
];

const LOOSE: Array<[string, 'pass' | 'fail', RegExp]> = [
  // "Expected 5, got 6" as a line of its own (not "error: expected one argument")
  ['an expected/received mismatch', 'fail', /^[^\w\n]*(?:(?:FAIL(?:ED)?|Mismatch|Wrong answer)\W+)?expected\b[^\n]{1,200}\b(?:received|got|but was|actual)\b/im],
  ['"tests failed"', 'fail', /^\W*(?:\d+(?:\/\d+)?|some)[ \t]+(?:of[ \t]+\d+[ \t]+)?tests?[ \t]+failed\b/im],
  ['"all tests passed"', 'pass', /^\W*(?:all|\d+(?:\/\d+)?)[ \t]+(?:of[ \t]+\d+[ \t]+)?(?:the[ \t]+)?tests?[ \t]+(?:passed|pass|succeeded|OK)\b[^\n\w]*$/im],
];

/** Long outputs: the start and the end hold the verdicts; the middle is skipped to bound the time. */
function bounded(text: string): string {
  const t = text.length > 400_000 ? text.slice(0, 100_000) + '\n' + text.slice(-300_000) : text;
  return t.replace(/\r\n?/g, '\n').replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
}

/**
 * The verdict a text shows, or undefined. A failing summary or failure report
 * outweighs a passing one (two runs in one output: one failure fails it).
 */
export function readVerdict(text: string): Verdict | undefined {
  if (!text) return undefined;
  const t = bounded(text);
  const summaries = SUMMARIES.map((read) => read(t)).filter((v): v is Verdict => v !== undefined);
  const failingSummary = summaries.find((v) => v.outcome === 'fail');
  if (failingSummary) return failingSummary;
  const report = FAILURE_REPORTS.find(([, pattern]) => pattern.test(t));
  if (report) return { outcome: 'fail', shows: report[0], summary: false };
  if (summaries.length > 0) return summaries[0];
  const loose = LOOSE.find(([, , pattern]) => pattern.test(t));
  return loose ? { outcome: loose[1], shows: loose[0], summary: false, loose: true } : undefined;
}
