/**
 * Failures turned soft inside the harness: a failure handler that now returns
 * for assertion failures instead of rethrowing them (a JUnit
 * `handleTestExecutionException`, a pytest report hook), and a check's failing
 * call switched to one that only logs (`fail = t.Logf`). The test reports the
 * mismatch and passes. A single check rewritten as a log line is a weakened assertion, judged there.
 */
import { EditContext, isTestLine, quoteLine, TamperFinding } from './tamperContext';
import { CodeLine } from './tamperLines';
import { enclosingFunction } from './tamperState';

/** Functions the framework calls with a test's failure. */
const FAILURE_HANDLER = /\b(?:handleTestExecutionException|interceptTestMethod|pytest_runtest_makereport|pytest_runtest_call|excepthook|addFailure|onTestFailure|testFailed|afterTestExecution)\b/;
const BARE_RETURN = /^return\s*;?\s*(?:(?:\/\/|#).*)?$/;
/** Calls that fail a test, and calls that only write a line. */
const FAILING_CALL = /\bt\.(?:Fatalf?|Errorf?|FailNow|Fail)\b|\bfail\s*\(|\bAssert\.fail\b|\bpytest\.fail\b/;
const LOGGING_CALL = /\bt\.Logf?\b|\bt\.Skipf?\b|\blog\.Print\w*\b|\bconsole\.(?:log|warn|info)\b|\bwarnings\.warn\b|\blogger\.\w+\b|\bprint\s*\(/;

/** A helper written for tests wherever it lives: it takes the framework's handle or imports it. */
const TEST_SUPPORT = /\btesting\.(?:TB|T)\b|\bt\.Helper\(\)|\borg\.junit\b|^import pytest\b|^from pytest\b/;

export function softFailureFindings(ctx: EditContext): TamperFinding[] {
  const lines = ctx.changes.after;
  const support = lines.some((l) => TEST_SUPPORT.test(l.text));
  const removedFailing = ctx.changes.removed.filter((l) => !l.comment && FAILING_CALL.test(l.text));
  for (const line of ctx.changes.added) {
    if (line.comment || !(support || isTestLine(ctx, line, 'after'))) continue;
    if (BARE_RETURN.test(line.text) && inFailureHandler(lines, line)) {
      return [finding(ctx, `a failure handler now returns instead of passing the failure on: ${quoteLine(line.text)}`)];
    }
    // `fail = t.Logf`: the helper's failing call becomes a log line.
    if (/^(?:\w+\s*:?=|\w+\s+=)\s*t\.Logf?\b/.test(line.text) || (/^\w+\s*=\s*/.test(line.text) && LOGGING_CALL.test(line.text) && removedFailing.length > 0 && !FAILING_CALL.test(line.text) && /\bfail\w*\s*=/.test(line.text))) {
      return [finding(ctx, `the failing call of a check is replaced by one that only logs: ${quoteLine(line.text)}`)];
    }
  }
  return [];
}

function inFailureHandler(lines: readonly CodeLine[], line: CodeLine): boolean {
  for (let at = enclosingFunction(lines, line.index), hops = 0; at >= 0 && hops < 3; at = enclosingFunction(lines, at), hops++) {
    if (FAILURE_HANDLER.test(lines[at].text)) return true;
  }
  return false;
}

function finding(ctx: EditContext, what: string): TamperFinding {
  return { pattern: 'harness-override', severity: 'tamper', detail: `${ctx.path}: ${what}` };
}
