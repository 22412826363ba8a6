/**
 * Reads the outcome of a run already known to be a test run: the exit code and
 * the summary lines runners print. A pipe that swallowed the exit code cannot
 * hide a summary with failures.
 */
import type { TestCounts, TestOutcome } from './model';

export interface TestResult {
  outcome: TestOutcome;
  counts?: TestCounts;
}

const COUNT_WORDS: Record<string, keyof TestCounts> = {
  passed: 'passed',
  passing: 'passed',
  pass: 'passed',
  failed: 'failed',
  failing: 'failed',
  fail: 'failed',
  failures: 'failed',
  failure: 'failed',
  error: 'errors',
  errors: 'errors',
  skipped: 'skipped',
  skip: 'skipped',
  pending: 'skipped',
  todo: 'skipped',
  total: 'total',
};

export function countsFrom(text: string, pattern: RegExp): TestCounts {
  const counts: TestCounts = {};
  for (const m of text.matchAll(pattern)) {
    const key = COUNT_WORDS[m[2].toLowerCase()];
    if (key) counts[key] = (counts[key] ?? 0) + Number(m[1]);
  }
  return counts;
}

export const NUM_WORD = /(\d+)\s+(passed|failed|errors?|skipped|todo|total|passing|failing|pending)\b/gi;
/** The same without the global flag, for test() (a global regex's test() moves its lastIndex). */
const HAS_NUM_WORD = new RegExp(NUM_WORD.source, 'i');

/** Summary-line readers, most specific first; each returns counts or undefined. */
const SUMMARIES: Array<(line: string) => TestCounts | undefined> = [
  // cargo: test result: FAILED. 4 passed; 1 failed; 0 ignored
  (l) => {
    const m = /test result: (ok|FAILED)\. (\d+) passed; (\d+) failed/.exec(l);
    return m ? { passed: +m[2], failed: +m[3] } : undefined;
  },
  // jest "Tests: 1 failed, 11 passed, 12 total", vitest " Tests  1 failed | 11 passed (12)"
  (l) => (/^\s*Tests:?\s+\d/.test(l) && HAS_NUM_WORD.test(l) ? countsFrom(l, NUM_WORD) : undefined),
  // pytest "=== 1 failed, 6 passed in 3.28s ===", also without the rule
  (l) =>
    /\d+ (?:passed|failed|errors?|skipped|deselected|xfailed|xpassed|warnings?)\b.*\bin [\d.]+\s*s/.test(l)
      ? countsFrom(l, NUM_WORD)
      : undefined,
  // unittest "FAILED (failures=1, errors=2)" / "OK (skipped=1)"
  (l) => {
    const m = /^(FAILED|OK)\b(?: \(([^)]*)\))?\s*$/.exec(l.trim());
    if (!m) return undefined;
    const counts: TestCounts = {};
    for (const [, k, v] of (m[2] ?? '').matchAll(/(\w+)=(\d+)/g)) {
      if (k === 'failures') counts.failed = +v;
      else if (k === 'errors') counts.errors = +v;
      else if (k === 'skipped') counts.skipped = +v;
    }
    if (m[1] === 'FAILED' && !counts.failed && !counts.errors) counts.failed = 1;
    if (m[1] === 'OK') counts.failed = counts.failed ?? 0;
    return counts;
  },
  // mocha "  5 passing (20ms)" / "  1 failing"
  (l) => {
    const m = /^\s*(\d+) (passing|failing|pending)\b/.exec(l);
    return m ? countsFrom(l, NUM_WORD) : undefined;
  },
  // node:test TAP "# pass 5" / "ℹ fail 0"
  (l) => {
    const m = /^(?:#|ℹ)\s+(pass|fail|skipped|todo|tests)\s+(\d+)\s*$/.exec(l.trim());
    if (!m) return undefined;
    const key = m[1] === 'tests' ? 'total' : COUNT_WORDS[m[1]];
    return key ? { [key]: +m[2] } : undefined;
  },
  // rspec "5 examples, 1 failure"
  (l) => {
    const m = /(\d+) examples?, (\d+) failures?/.exec(l);
    return m ? { total: +m[1], failed: +m[2], passed: +m[1] - +m[2] } : undefined;
  },
  // maven/phpunit "Tests run: 5, Failures: 1, Errors: 0" / "Tests: 5, Assertions: 10, Failures: 1."
  (l) => {
    const m = /Tests(?: run)?: (\d+), (?:Assertions: \d+, )?(?:Failures: (\d+))?(?:, )?(?:Errors: (\d+))?/.exec(l);
    if (!m || (m[2] === undefined && m[3] === undefined)) return undefined;
    return { total: +m[1], failed: +(m[2] ?? 0), errors: +(m[3] ?? 0) };
  },
  // phpunit "OK (5 tests, 10 assertions)"
  (l) => {
    const m = /^OK \((\d+) tests?,/.exec(l.trim());
    return m ? { passed: +m[1], failed: 0 } : undefined;
  },
  // dotnet "Failed!  - Failed:     1, Passed:    11"
  (l) => {
    const m = /(?:Passed|Failed)!\s+-\s+Failed:\s+(\d+),\s+Passed:\s+(\d+)/.exec(l);
    return m ? { failed: +m[1], passed: +m[2] } : undefined;
  },
  // ctest "80% tests passed, 1 tests failed out of 5"
  (l) => {
    const m = /\d+% tests passed, (\d+) tests? failed out of (\d+)/.exec(l);
    return m ? { failed: +m[1], total: +m[2], passed: +m[2] - +m[1] } : undefined;
  },
  // the plain "N passed, N failed"
  (l) => (/^\s*\w*:?\s*\d+ passed, \d+ failed/.test(l) ? countsFrom(l, NUM_WORD) : undefined),
];

const SUMMARY_WINDOW = 120;
const SUMMARY_LINE_MAX = 2_000;
/** Words every summary line contains one of; lines without them are not read further. */
const SUMMARY_HINT = /pass|fail|error|Tests|OK|total|example|% tests/i;

function lastLines(text: string, count: number): string[] {
  let at = text.length;
  for (let i = 0; i <= count && at > 0; i++) at = text.lastIndexOf('\n', at - 1);
  return text.slice(Math.max(0, at + 1)).split('\n');
}

const FAIL_MARKERS = [
  /^--- FAIL:/m,
  /^FAIL(?:\s|$)/m,
  /^FAILED\b/m,
  /test result: FAILED/,
  /^BUILD FAILURE/m,
  /^BUILD FAILED/m,
  /^FAILURES!/m,
  /^ERROR: .*(?:test|collect)/im,
  /^Traceback \(most recent call last\):/m,
  /^npm ERR! (?:Test failed|code ELIFECYCLE)/m,
  /^error: test failed/m,
  /^Error: Process completed with exit code [1-9]/m,
  /\bcommand not found\b|No such file or directory|ModuleNotFoundError|SyntaxError:/,
];
const PASS_MARKERS = [/^ok\s+\S+\s+[\d.]+s/m, /^PASS(?:\s|$)/m, /^BUILD SUCCESS/m, /^OK\s*$/m, /Script completed successfully/];

/**
 * Outcome of a test run. A non-zero exit code fails; a summary with failures
 * fails even when a pipe swallowed the exit code; otherwise the summary or
 * the runners' PASS/FAIL markers decide, and without any evidence it is unknown.
 */
export function parseTestOutcome(output: string, exitCode?: number): TestResult {
  const text = output.length > 400_000 ? output.slice(0, 100_000) + '\n' + output.slice(-300_000) : output;
  let counts: TestCounts | undefined;
  let countsLine = -10;
  // Runners print their summary at the end: the last lines are enough, and cheap to scan.
  const lines = lastLines(text, SUMMARY_WINDOW);
  for (let i = 0; i < lines.length; i++) {
    // Summary lines are short; a long line (minified code, a progress bar) is none, and costly to match.
    if (lines[i].length > SUMMARY_LINE_MAX || !SUMMARY_HINT.test(lines[i])) continue;
    const line = lines[i].replace(/\x1b\[[0-9;]*m/g, '').replace(/\r$/, '');
    for (const read of SUMMARIES) {
      const found = read(line);
      if (found && Object.keys(found).length > 0) {
        // Summaries split over adjacent lines (mocha's passing/failing) add up; a later summary replaces an earlier one.
        counts = counts && i - countsLine <= 2 ? { ...counts, ...found } : found;
        countsLine = i;
        break;
      }
    }
  }
  const failedBySummary = counts !== undefined && ((counts.failed ?? 0) > 0 || (counts.errors ?? 0) > 0);
  let outcome: TestOutcome;
  if (exitCode !== undefined && exitCode !== 0) outcome = 'fail';
  else if (failedBySummary) outcome = 'fail';
  else if (counts && ((counts.passed ?? 0) > 0 || counts.failed === 0)) outcome = 'pass';
  else if (exitCode === 0) outcome = 'pass';
  else if (FAIL_MARKERS.some((m) => m.test(text))) outcome = 'fail';
  else if (PASS_MARKERS.some((m) => m.test(text))) outcome = 'pass';
  else outcome = 'unknown';
  return counts ? { outcome, counts } : { outcome };
}

/** Recognises a test runner from its output alone, for runs whose command was not logged. */
export function recogniseTestOutput(output: string): string | undefined {
  if (/^=+ test session starts =+/m.test(output)) return 'pytest';
  if (/^Ran \d+ tests? in [\d.]+s/m.test(output)) return 'unittest';
  if (/^Tests:\s+\d+ (?:failed|passed)/m.test(output)) return 'jest';
  if (/^test result: (?:ok|FAILED)\./m.test(output)) return 'cargo';
  if (/^(?:--- FAIL:|ok\s+\S+\s+[\d.]+s$)/m.test(output)) return 'go';
  return undefined;
}
