/**
 * The path a failure takes to the run's verdict, cut somewhere along the way:
 * - exit-zero: a failing exit removed where a successful one is added; an exit 0 added inside
 *   the branch taken when failures were counted; a runner told that a failing status is success
 *   (nox `success_codes=[0, 1]`, a tox command prefixed with `-`);
 * - harness-override: the verdict of a shared check (a matcher's `pass`, a helper's boolean)
 *   that needed every condition now needs one, or now answers true without comparing;
 * - weakened-assertion: the call that failed the test for a condition now only logs the same message.
 */
import { recogniseTestCommand } from '../sessions/testCommands';
import { EditContext, isTestLine, quoteLine, TamperFinding } from './tamperContext';
import { CodeLine, LONG_LINE } from './tamperLines';
import { EXIT_ZERO, ORDINARY_EXIT_CONTEXT } from './tamperHarness';
import { failureBranch, FAILING_EXIT } from './tamperExitStatus';
import { enclosingFunction } from './tamperState';

/** Exit statuses a runner is told count as success, when one of them is non-zero. */
const SUCCESS_CODES = /\b(?:success_codes|ok_returncodes|valid_exit_codes|allowed_exit_codes|ok_exit_codes|successExitCodes|returncodes)\s*[=:]\s*[[({]?[^\])}]*\b[1-9]/;
const TEST_WORD = /\b(?:pytest|unittest|nose2?|jest|vitest|mocha|go\s+test|cargo\s+test|mvn|gradlew?|ctest|rspec|phpunit|tests?)\b/i;

export function failurePathExitFindings(ctx: EditContext): TamperFinding[] {
  // Words every form below contains: an exit, accepted codes, a tox command, a list of names.
  const relevant = (t: string) => /codes|exit|Exit|EXIT|SUCCESS|halt|^-|^commands/.test(t);
  const removed = new Set(ctx.changes.removed.filter((l) => relevant(l.text)).map((l) => l.text));
  const added = ctx.changes.added.filter((l) => !l.comment && l.text.length < LONG_LINE && relevant(l.text) && !removed.has(l.text));
  const codes = added.find((l) => /codes/i.test(l.text) && SUCCESS_CODES.test(l.text) && TEST_WORD.test(l.text));
  if (codes) return [exitFinding(ctx, `a failing status of the test run is now accepted as success: ${quoteLine(codes.text)}`)];
  if (/(?:^|[\\/])tox\.ini$/.test(ctx.path)) {
    const ignored = added.find((l) => /^(?:commands\s*=\s*)?-\s*\S/.test(l.text) && recogniseTestCommand(l.text.replace(/^(?:commands\s*=\s*)?-\s*/, '')));
    if (ignored) return [exitFinding(ctx, `a tox command prefixed with - ignores the tests' failure: ${quoteLine(ignored.text)}`)];
  }
  const forgiven = forgivenFailures(ctx.changes.added);
  if (forgiven) return [exitFinding(ctx, `failures named in a new list no longer decide the exit status: ${quoteLine(forgiven)}`)];
  const successes = added.filter((l) => /exit|Exit|EXIT|SUCCESS|halt/.test(l.text) && EXIT_ZERO.test(l.text) && !ORDINARY_EXIT_CONTEXT.test(l.text));
  if (successes.length === 0) return [];
  // Failing exits on the path taken when failures were found: fewer of them now means that path ends in success.
  const failing = (lines: readonly CodeLine[], side: readonly CodeLine[]) => lines.filter((l) => !l.comment && FAILING_EXIT.test(l.text) && failureBranch(side, l) !== undefined).length;
  if (failing(ctx.changes.removed, ctx.changes.before) > failing(ctx.changes.added, ctx.changes.after)) {
    return [exitFinding(ctx, `the branch taken when failures were found no longer fails, and an exit with success is added: ${quoteLine(successes[0].text)}`)];
  }
  const inFailure = successes.find((l) => failureBranch(ctx.changes.after, l));
  if (inFailure) return [exitFinding(ctx, `exits with success inside the branch taken when failures were found: ${quoteLine(failureBranch(ctx.changes.after, inFailure) ?? '')} ... ${quoteLine(inFailure.text)}`)];
  return [];
}

/**
 * The failures that decide the status are filtered through a list of names added in the same edit
 * (`NON_BLOCKING = new Set(["replay"])`, `failed.filter((n) => !NON_BLOCKING.has(n))`, then
 * `process.exit(blocking.length > 0 ? 1 : 0)`): the named failures pass the run.
 */
function forgivenFailures(allAdded: readonly CodeLine[]): string | undefined {
  const lists = allAdded
    .filter((l) => !l.comment && l.text.length < LONG_LINE && /=\s*(?:new\s+Set\s*\(|set\s*\(|frozenset\s*\(|Set\.of\s*\(|List\.of\s*\(|\[|\{)\s*\[?\s*["']/.test(l.text))
    .map((l) => /^(?:(?:export\s+)?(?:const|let|var|final|static|val)\s+)?([A-Za-z_]\w*)\s*(?::[^=]+)?=\s*(?:new\s+Set\s*\(|set\s*\(|frozenset\s*\(|Set\.of\s*\(|List\.of\s*\(|\[|\{)\s*\[?\s*["']/.exec(l.text)?.[1])
    .filter((n): n is string => n !== undefined);
  for (const list of lists) {
    const filtered = allAdded.find((l) => new RegExp(`!\\s*${list}\\.(?:has|includes|contains)\\(|\\bnot\\s+in\\s+${list}\\b|-\\s*${list}\\b|\\.difference\\(\\s*${list}\\b`).test(l.text));
    const subset = filtered && /^(?:(?:const|let|var|final|val)\s+)?([A-Za-z_]\w*)\s*(?::[^=]+)?=/.exec(filtered.text)?.[1];
    if (!subset) continue;
    const named = new RegExp(`\\b${subset}\\b`);
    const decides = allAdded.find((l) => !l.comment && l.text.length < LONG_LINE && named.test(l.text) && (FAILING_EXIT.test(l.text) || /\b(?:exit|Exit|exitCode)\b/.test(l.text) || /^(?:if|elif)\b/.test(l.text)));
    if (decides) return decides.text;
  }
  return undefined;
}

/** A verdict a shared check computes: `pass = ...` in a matcher, `ok = ...`, or a helper's `return ...`. */
const VERDICT = /^(?:(?:const|let|var|final|val|auto|bool|boolean)\s+)?(?:pass|ok|matches|match|equal|same|valid|result)\w*\s*:?=\s*(?!=)|^return\s+(?!true\b|false\b|True\b|False\b)/;
const AND = /&&|\band\b/;
const OR = /\|\||\bor\b/;
/** A file that holds shared checks: custom matchers, test helpers, fixtures. */
const CHECK_SUPPORT = /\bexpect\.extend\s*\(|\baddMatchers\s*\(|\btesting\.(?:TB|T)\b|\bt\.Helper\(\)|^import pytest\b|\bfrom\s+vitest\b|\bfrom\s+["']@jest\/globals["']|\borg\.junit\b|\borg\.assertj\b/;
const COMPARISON = /===?|!==?|[<>]=?|\b(?:Equal|equals?|eq|DeepEqual|isclose|approx)\w*\s*\(|\bmath\.Abs\b/;

export function failurePathHarnessFindings(ctx: EditContext): TamperFinding[] {
  const support = ctx.testFile || ctx.changes.after.some((l) => CHECK_SUPPORT.test(l.text));
  if (!support) return [];
  for (const block of ctx.changes.blocks) {
    const removed = block.removed.filter((l) => !l.comment);
    const added = block.added.filter((l) => !l.comment);
    if (removed.length === 0 || added.length === 0) continue;
    const verdict = added.find((l) => VERDICT.test(l.text) && OR.test(l.text));
    const was = verdict ? removed.map((l) => l.text).join(' ') : '';
    if (verdict && removed.some((l) => VERDICT.test(l.text)) && AND.test(was) && !OR.test(was) && OR.test(verdict.text) && !AND.test(verdict.text)) {
      return [harnessFinding(ctx, `a shared check that needed all of its conditions now passes on any one: ${quoteLine(verdict.text)}`)];
    }
    // A helper that compared and answered now answers true: `return a.Count == b.Count && ...` became `return true`.
    const constant = added.find((l) => /^return\s+(?:true|True)\s*;?$|^true$/.test(l.text));
    if (constant && removed.some((l) => /^return\b/.test(l.text) && COMPARISON.test(l.text)) && !added.some((l) => COMPARISON.test(l.text) && /^(?:if|elif)\b/.test(l.text) && l.indent >= constant.indent)) {
      return [harnessFinding(ctx, `a helper the checks rely on now answers true without comparing: ${quoteLine(constant.text)}`)];
    }
  }
  return [];
}

/** Calls that fail a test, and calls that only write a line, in the major languages. */
const FAILS = /\bt\.(?:Errorf?|Fatalf?)\s*\(|\b(?:pytest\.fail|self\.fail|assert\.fail|Assert\.Fail|fail|flunk|panic!?)\s*\(|\bthrow\s+new\s+\w*(?:Error|Exception)\s*\(|\braise\s+\w*(?:Error|Exception)\s*\(/;
const LOGS = /\bt\.Logf?\s*\(|\b(?:print|println!?|eprintln!?|console\.(?:log|warn|info|error)|warnings\.warn|log(?:ger)?\.\w+|System\.(?:out|err)\.println|Console\.(?:Write|WriteLine)|puts|warn)\s*\(?/;

/** The message a failing or logging call writes: its first string literal, when long enough to be the same message. */
function message(text: string): string | undefined {
  const m = /(["'`])((?:(?!\1).){12,})\1/.exec(text);
  return m?.[2].replace(/%\w|\{[^}]*\}|\$\{[^}]*\}/g, '').slice(0, 24);
}

export function failureLoggedFindings(ctx: EditContext): TamperFinding[] {
  for (const block of ctx.changes.blocks) {
    // Inside a test itself; a shared helper turned soft is the harness reading's (tamperSharedCheck).
    const failed = block.removed.filter((l) => !l.comment && FAILS.test(l.text) && isTestLine(ctx, l, 'before') && insideTest(ctx.changes.before, l));
    if (failed.length === 0) continue;
    const messages = failed.map((l) => message(l.text)).filter((m): m is string => m !== undefined);
    const logged = block.added.find((l) => !l.comment && LOGS.test(l.text) && !FAILS.test(l.text) && messages.includes(message(l.text) ?? '\u0000'));
    const stillFails = block.added.some((l) => !l.comment && FAILS.test(l.text) && messages.includes(message(l.text) ?? '\u0000'));
    if (logged && !stillFails) {
      return [{ pattern: 'weakened-assertion', severity: 'tamper', detail: `${ctx.path}: the check that failed the test now only logs the same message: ${quoteLine(logged.text)}` }];
    }
  }
  return [];
}

/** A test function declaration, in the major frameworks. */
const TEST_OPENER = /^(?:func\s+Test\w*\s*\(|(?:async\s+)?def\s+test\w*\s*\(|(?:it|test|specify)\s*\(\s*["'`]|(?:pub\s+)?fn\s+\w*test\w*\s*\(|(?:public\s+)?void\s+\w+\s*\([^)]*\)\s*(?:throws\s+[\w, ]+)?\{?$)/;

function insideTest(lines: readonly CodeLine[], line: CodeLine): boolean {
  for (let at = enclosingFunction(lines, line.index), hops = 0; at >= 0 && hops < 3; at = enclosingFunction(lines, at), hops++) {
    // Rust and Java mark a test on the line above (`#[test]`, `@Test`).
    if (TEST_OPENER.test(lines[at].text) || /^#\[(?:\w+::)?test\b|^@(?:Test|ParameterizedTest)\b/.test(lines[at - 1]?.text ?? '')) return true;
  }
  return false;
}

function exitFinding(ctx: EditContext, what: string): TamperFinding {
  return { pattern: 'exit-zero', severity: 'tamper', detail: `${ctx.path}: ${what}` };
}

function harnessFinding(ctx: EditContext, what: string): TamperFinding {
  return { pattern: 'harness-override', severity: 'tamper', detail: `${ctx.path}: ${what}` };
}
