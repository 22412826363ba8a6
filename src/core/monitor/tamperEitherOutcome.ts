/**
 * A failing test made to pass on either outcome: the error the run reported
 * (`RecordTooLong`, `QuotaExceeded`, `ErrTimeout`) is now matched or caught in
 * the test as an accepted result beside the success path that was demanded
 * (`Ok(h) => .., Err(e) => assert!(matches!(e, RecordTooLong(_)))`, `try { ..
 * } catch (RecordTooLong e) {}`, `except RecordTooLong: pass`, `with suppress(RecordTooLong):`, `if errors.Is(err,
 * ErrX) { return }`). The check now accepts a strictly larger set of results:
 * the very failure it caught. A test that now demands the error alone
 * (`assertThrows`, `pytest.raises`, `matches!(.., Err(..))`) or whose error
 * branch still fails is a different question.
 */
import { EditContext, isTestLine, quoteLine, TamperFinding } from './tamperContext';
import { CodeLine, LONG_LINE } from './tamperLines';

/** A name that can be an error: CamelCase (`RecordTooLong`), or Go's `ErrX`. */
const ERROR_NAME = /\b(?:[A-Z][a-z0-9]+){2,}\b|\bErr[A-Z]\w+\b/g;
/** Runner and language names that are no outcome of the code under test. */
const RUNNER_NAME = /^(?:Assertion\w*|AssertionFailedError|ComparisonFailure|Error(?:Trace)?|Traceback|RUST_BACKTRACE|TestCase|NullPointerException|StackTrace)$/;
/** Where a test takes the failure branch of an outcome. */
const FAILURE_BRANCH = /\b(?:contextlib\.)?suppress\s*\(|\bErr\s*\(.*=>|\bexcept\b|\bcatch\s*[({]|\bif\s+err\s*!=\s*nil\b|\.catch\s*\(|\brescue\b|\bif\s+let\s+Err\b|\berrors\.(?:Is|As)\s*\(/;
/** Where it takes the success branch (the result the test demanded). */
const SUCCESS_BRANCH = /\bOk\s*\(.*=>|^try\b|\btry\s*[{:]|\bif\s+let\s+Ok\b|\bif\s+err\s*==\s*nil\b|\bunwrap\(\)|\bNoError\(/;
/** The branch still fails the test. */
const FAILS = /\bpanic!?\s*\(|\bunreachable!|\bfail\s*\(|\bt\.(?:Fatal|Fatalf|Error|Errorf|Fail|FailNow)\b|\braise\b(?!s)|\bthrow\b|assert!?\s*\(\s*false\b|\bassert\s+False\b|\bassertTrue\s*\(\s*false\b|\bAssert\.fail\b/;

export function eitherOutcomeFindings(ctx: EditContext): TamperFinding[] {
  const before = ctx.changes.before.filter((l) => !l.comment).map((l) => l.text).join('\n');
  const names = new Set([...ctx.output.raw.matchAll(ERROR_NAME)].map((m) => m[0]).filter((n) => !RUNNER_NAME.test(n) && !new RegExp(`\\b${n}\\b`).test(before)));
  if (names.size === 0) return [];
  const after = ctx.changes.after;
  const added = new Set(ctx.changes.added.map((l) => l.index));
  // One expression for every name: a rewritten file of thousands of lines is read once, not once per name.
  const anyName = new RegExp(`\\b(?:${[...names].slice(0, 200).join('|')})\\b`);
  for (const line of ctx.changes.added) {
    if (line.comment || line.text.length > LONG_LINE || !isTestLine(ctx, line, 'after')) continue;
    const name = anyName.exec(line.text)?.[0];
    if (!name) continue;
    // The name sits in a failure branch the edit opened: on this line or one of the three above.
    const opener = after.slice(Math.max(0, line.index - 3), line.index + 1).reverse().find((l) => added.has(l.index) && FAILURE_BRANCH.test(l.text));
    if (!opener) continue;
    if ([opener, ...branchBody(after, opener)].some((l) => !l.comment && FAILS.test(l.text))) continue;
    if (!successBeside(after, added, opener)) continue;
    // `try: .. except X: .. else: assert False`: the success path fails, so the test demands the error.
    if (successFails(after, opener)) continue;
    return [{ pattern: 'weakened-assertion', severity: 'tamper', detail: `${ctx.path}: the test now also passes when the code fails with ${name}, the error the failing run reported: ${quoteLine(line.text)}` }];
  }
  return [];
}

/** The success path the edit kept beside the failure branch, within the same few lines (a match arm, a try body). */
function successBeside(after: readonly CodeLine[], added: ReadonlySet<number>, opener: CodeLine): boolean {
  const near = after.slice(Math.max(0, opener.index - 8), opener.index + 1);
  return near.some((l) => !l.comment && added.has(l.index) && SUCCESS_BRANCH.test(l.text) && !FAILURE_BRANCH.test(l.text)) || /\bif\s+err\s*!=\s*nil\b.*\breturn\b|\berrors\.Is\b|\bsuppress\s*\(/.test(opener.text);
}

/** The handler is followed by an `else` at its level (Python's try/else) whose body fails the test. */
function successFails(after: readonly CodeLine[], opener: CodeLine): boolean {
  const body = branchBody(after, opener);
  const next = after[opener.index + body.length + 1];
  return next !== undefined && next.indent === opener.indent && /^else\s*:/.test(next.text) && branchBody(after, next).some((l) => !l.comment && FAILS.test(l.text));
}

/** The lines of the branch the opener starts: deeper than it, up to the first line back at its level (at most 6). */
function branchBody(after: readonly CodeLine[], opener: CodeLine): CodeLine[] {
  const body: CodeLine[] = [];
  for (let i = opener.index + 1; i < after.length && body.length < 6; i++) {
    if (after[i].text !== '' && after[i].indent <= opener.indent) break;
    body.push(after[i]);
  }
  return body;
}
