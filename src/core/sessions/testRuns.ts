/**
 * Recognises test-runner commands and reads their outcome from exit codes and
 * the summary lines runners print. Agents wrap commands in `cd`, env vars,
 * pipes and `timeout`, so a command is split into its simple commands and each
 * one is checked.
 */
import type { TestCounts, TestOutcome } from './model';

/** [runner name, pattern on one simple command with prefixes removed] */
const RUNNERS: Array<[string, RegExp]> = [
  ['npm', /^(?:npm|pnpm|yarn|bun)\s+(?:run(?:-script)?\s+)?(?:test|t|tests|test:[\w:.-]+|ci:test|unit|e2e)(?:\s|$)/],
  ['bun', /^bun\s+test\b/],
  ['jest', /^(?:jest|vitest|mocha|ava|tap|jasmine|karma\s+start|playwright\s+test|cypress\s+run|tsx\s+--test|ts-mocha)\b/],
  ['node', /^(?:node|tsx)\s+(?:[^|;&]*\s)?--test\b/],
  ['deno', /^deno\s+test\b/],
  ['pytest', /^(?:pytest|py\.test|tox|nox|hatch\s+test)\b/],
  ['unittest', /^(?:python[\d.]*\s+(?:-\w+\s+)*-m\s+)?(?:unittest|nose2?|green)\b/],
  ['unittest', /^python[\d.]*\s+(?:-\w+\s+)*\S*(?:runtests|run_tests|manage\.py\s+test)\b/],
  ['go', /^go\s+test\b/],
  ['cargo', /^cargo\s+(?:test|nextest\s+run|t)\b/],
  ['maven', /^(?:mvn|\.\/mvnw|mvnw)\b.*\b(?:test|verify|integration-test)\b/],
  ['gradle', /^(?:gradle|\.\/gradlew|gradlew)\b.*\b(?:test|check|connectedCheck)\b/],
  ['dotnet', /^dotnet\s+test\b/],
  ['rspec', /^(?:rspec|rake\s+(?:test|spec)|rails\s+test|bin\/rails\s+test|ruby\s+-Itest)\b/],
  ['phpunit', /^(?:\S*\/)?(?:phpunit|pest|paratest)\b|^(?:php\s+)?artisan\s+test\b|^composer\s+test\b/],
  ['ctest', /^ctest\b/],
  ['make', /^make\s+(?:[^|;&]*\s)?(?:test|tests|check|unittest|test-\w+)(?:\s|$)/],
  ['mix', /^mix\s+test\b/],
  ['swift', /^swift\s+test\b/],
  ['dart', /^(?:flutter|dart)\s+test\b/],
  ['bazel', /^(?:bazel|bazelisk)\s+test\b/],
  ['sbt', /^sbt\b.*\btest\b/],
  ['haskell', /^(?:stack|cabal)\s+test\b/],
];

/** Wrappers that run the real command after them. */
const PREFIX =
  /^(?:(?:[A-Za-z_][A-Za-z0-9_]*=\S*\s+)+|sudo\s+|time\s+|command\s+|exec\s+|env(?:\s+-\S+)*\s+|timeout\s+(?:-\S+\s+)*\d+\w?\s+|xvfb-run\s+(?:-\S+\s+)*|npx\s+(?:--?\S+\s+)*|pnpx\s+|bunx\s+|pnpm\s+(?:exec|dlx)\s+|yarn\s+(?:exec|dlx)\s+|uv\s+run\s+(?:--?\S+\s+)*|poetry\s+run\s+|pipenv\s+run\s+|hatch\s+run\s+|pdm\s+run\s+|bundle\s+exec\s+|dotenv\s+(?:--\s+)?|python[\d.]*\s+-m\s+(?=pytest|unittest|nose|green|tox))/;

/** SWE-agent style reproduction scripts stand in for a test suite, so they count as test runs. */
const REPRO_SCRIPT = /^python[\d.]*\s+(?:-\w+\s+)*\S*(?:reproduce|repro)[\w.-]*\.py\b/;

function simpleCommands(command: string): string[] {
  // Quoted strings may hold separators; drop their contents' separators cheaply.
  const unquoted = command.replace(/'[^']*'|"(?:[^"\\]|\\.)*"/g, (m) => m.replace(/[;&|\n]/g, ' '));
  return unquoted
    .split(/&&|\|\||[;|\n]|\$\(|`/)
    .map((part) => part.trim().replace(/^[({]\s*/, ''))
    .filter(Boolean);
}

function stripPrefixes(cmd: string): string {
  let prev = '';
  let current = cmd;
  while (current !== prev) {
    prev = current;
    current = current.replace(PREFIX, '').trim();
  }
  return current;
}

/** The runner a command invokes, or undefined when it runs no tests. */
export function recogniseTestCommand(command: string): string | undefined {
  if (!command || command.length > 20_000) return undefined;
  for (const part of simpleCommands(command)) {
    // `bash -lc "npm test"` and `sh -c '...'` carry the real command in a string.
    const shell = /^(?:ba|z)?sh\s+(?:-\w+\s+)*-\w*c\s+(['"])([\s\S]*)\1$/.exec(part);
    if (shell) {
      const inner = recogniseTestCommand(shell[2]);
      if (inner) return inner;
      continue;
    }
    const cmd = stripPrefixes(part);
    if (REPRO_SCRIPT.test(cmd)) return 'repro-script';
    for (const [name, pattern] of RUNNERS) if (pattern.test(cmd)) return name;
  }
  return undefined;
}

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

function countsFrom(text: string, pattern: RegExp): TestCounts {
  const counts: TestCounts = {};
  for (const m of text.matchAll(pattern)) {
    const key = COUNT_WORDS[m[2].toLowerCase()];
    if (key) counts[key] = (counts[key] ?? 0) + Number(m[1]);
  }
  return counts;
}

const NUM_WORD = /(\d+)\s+(passed|failed|errors?|skipped|todo|total|passing|failing|pending)\b/gi;
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
    if (!SUMMARY_HINT.test(lines[i])) continue;
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
