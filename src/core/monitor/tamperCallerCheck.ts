/**
 * Code under test that asks who is calling it: it reads the call stack, the
 * command line or the loaded modules and compares them with the name of a
 * test runner or test file (`"pytest" in sys.modules`, `runtime.Caller(1)`
 * ending in `_test.go`, `new Error().stack` holding `.test.`, a StackWalker
 * frame whose class ends in `Test`). Whatever it then does, it behaves
 * differently under test than in production, which is what gaming a test needs.
 */
import { EditContext, isTestLine, quoteLine, TamperFinding } from './tamperContext';
import { LONG_LINE } from './tamperLines';

/** Reading the stack, the command line or the loaded modules. */
const WHO_CALLS =
  /\btraceback\.(?:extract_stack|format_stack|walk_stack)\s*\(|\binspect\.(?:stack|currentframe|getouterframes)\s*\(|\bsys\._getframe\s*\(|\bsys\.(?:argv|modules)\b|\bnew\s+Error\s*\(\s*\)\s*\.stack\b|\bError\.captureStackTrace\b|\bprocess\.argv\b|\bruntime\.(?:Caller|Callers|Stack)\s*\(|\bdebug\.Stack\s*\(|\bos\.Args\b|\bStackWalker\b|\bgetStackTrace\s*\(|\bsun\.java\.command\b|\bstd::env::args\b|\benv::args\s*\(|\bBacktrace::(?:capture|force_capture)\b|\bstd::thread::current\(\)\.name\(\)|\bthread::current\(\)\.name\(\)/;
/** Names that only a test run has: runners, test files and test classes (a CLI's own `test` subcommand is not one). */
const TEST_NAME = /["'`][^"'`]*(?:\btest_|_test\b|\.test\.|\.spec\.|_test\.go|[a-z"'`]Tests?["'`]|pytest|unittest|jest|vitest|mocha|junit|surefire|testng|--test-threads)[^"'`]*["'`]/;

export function callerCheckFindings(ctx: EditContext): TamperFinding[] {
  for (const line of ctx.changes.added) {
    if (line.comment || line.text.length > LONG_LINE || isTestLine(ctx, line, 'after')) continue;
    if (!WHO_CALLS.test(line.text)) continue;
    // The test name may sit on the same line or in the lambda/closure right below it.
    const near = ctx.changes.after.slice(line.index, line.index + 3).map((l) => l.text).join(' ');
    if (TEST_NAME.test(near)) {
      return [{ pattern: 'special-case-literal', severity: 'tamper', detail: `${ctx.path} checks whether a test is calling it: ${quoteLine(line.text)}` }];
    }
  }
  return [];
}
