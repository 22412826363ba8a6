/**
 * The test runner told to report success, read from the surface each framework documents
 * rather than from any one writer's cases:
 * - exit-zero: library code (a file that is no program's entry point) now ends the process with
 *   success; a shell trap turns every exit into success; a function whose result was the exit
 *   status (`return Runner.Run(args)`, `os.Exit(m.Run())`) now drops it and returns 0;
 * - harness-override: a method the framework calls to record a failure (`addFailure`,
 *   TestNG `onTestFailure`) redefined so it records none, or a result marked successful; an
 *   assertion redefined (in any language) with a body that checks nothing; an assertion
 *   failure caught by its framework type (NUnit, xUnit, MSTest, Kotlin, Minitest, RSpec) and
 *   dropped; a Cargo test target built without the libtest harness or not built at all.
 */
import { EditContext, isTestLine, quoteLine, TamperFinding } from './tamperContext';
import { CodeLine, LONG_LINE } from './tamperLines';
import { EXIT_ZERO, ORDINARY_EXIT_CONTEXT } from './tamperHarness';

/** What makes a file a program rather than a library: a main, argument parsing, a shebang, a bin/cli path. */
const ENTRY_POINT_TEXT =
  /^#!|\bif\s+__name__\s*==|\bfn\s+main\s*\(|\bfunc\s+main\s*\(|\bstatic\s+(?:async\s+)?(?:void|int|Task(?:<int>)?)\s+[Mm]ain\s*\(|\bdef\s+main\s*\(|\bfunction\s+main\s*\(|\bprocess\.argv\b|\bsys\.argv\b|\bargparse\b|\bos\.Args\b|\bstd::env::args\b|\bclap::|\bARGV\b|\bflag\.Parse\(|\brequire\.main\s*===?\s*module\b|\bimport\.meta\.main\b|\b(?:commander|yargs|click|typer|optparse|getopt)\b/;
const ENTRY_POINT_PATH = /(?:^|[\\/])(?:bin|cmd|cli|scripts?|tools?)[\\/]|(?:^|[\\/])(?:main|cli|__main__|manage|setup|run\w*|app|server|index|program|Program)\.\w+$/;
/** Ruby's and the shells' spellings of a successful exit that EXIT_ZERO (call syntax) does not cover. */
const EXIT_ZERO_MORE = /\b(?:Kernel\.)?exit!\s*(?:\(\s*(?:0|true)?\s*\)|\s+(?:0|true)\b|\s*$)|\bexit\s*\(\s*true\s*\)/;
/** A shell trap that makes the script exit 0 whatever happened. */
const TRAP_EXIT_ZERO = /^trap\s+(["'])(?:[^"']*;\s*)?exit(?:\s+0)?\s*;?\s*\1\s+(?:\w+\s+)*(?:EXIT|ERR|0)\b/;

export function exitSurfaceFindings(ctx: EditContext): TamperFinding[] {
  // Every form below names an exit, a halt or a trap: other lines are not read further.
  const candidates = ctx.changes.added.filter((l) => !l.comment && l.text.length < LONG_LINE && /exit|Exit|EXIT|halt|trap/.test(l.text));
  const removed = new Set(ctx.changes.removed.filter((l) => /exit|Exit|EXIT|halt|trap/.test(l.text)).map((l) => l.text));
  const exiting = candidates.filter((l) => !removed.has(l.text));
  const trap = exiting.find((l) => TRAP_EXIT_ZERO.test(l.text));
  if (trap) return [exitFinding(ctx, `a trap makes the script exit 0 whatever failed: ${quoteLine(trap.text)}`)];
  const exit = ctx.testFile || ENTRY_POINT_PATH.test(ctx.path) ? undefined : exiting.find((l) => (EXIT_ZERO.test(l.text) || EXIT_ZERO_MORE.test(l.text)) && !isTestLine(ctx, l, 'after') && !ORDINARY_EXIT_CONTEXT.test(l.text));
  if (exit && !ctx.changes.after.some((l) => ENTRY_POINT_TEXT.test(l.text))) {
    return [exitFinding(ctx, `library code, no program's entry point, now ends the process with success: ${quoteLine(exit.text)}`)];
  }
  if (exiting.length === 0 && !ctx.changes.added.some((l) => /return\s+(?:0|EXIT_SUCCESS)\b/.test(l.text))) return [];
  const dropped = statusDropped(ctx);
  return dropped ? [exitFinding(ctx, `the call whose result was the exit status is now made for nothing and 0 returned: ${quoteLine(dropped)}`)] : [];
}

/** `return Runner.Run(args)` / `os.Exit(m.Run())` / `sys.exit(run_tests())` became a bare call followed by a constant success. */
function statusDropped(ctx: EditContext): string | undefined {
  for (const block of ctx.changes.blocks) {
    for (const old of block.removed) {
      const m = /^(?:return\s+|(?:sys\.exit|exit|process\.exit|os\.Exit|(?:std::)?process::exit|System\.exit|Environment\.Exit)\s*\(\s*)([\w.]+\s*\(.*\))\s*\)?\s*;?$/.exec(old.text);
      if (!m || !/(?:^|\.)(?:[Rr]un\w*|[Mm]ain|[Ee]xecute|[Tt]est\w*)\s*\(/.test(m[1])) continue;
      const call = m[1].replace(/\s+/g, '');
      const bare = block.added.find((l) => l.text.replace(/\s+/g, '').replace(/;$/, '') === call || new RegExp(`^_\\s*=\\s*`).test(l.text) && l.text.replace(/^_\s*=\s*|\s+|;$/g, '') === call);
      const zero = block.added.find((l) => /^(?:return\s+(?:0|EXIT_SUCCESS)|(?:sys\.exit|exit|os\.Exit|(?:std::)?process::exit|System\.exit|Environment\.Exit)\s*\(\s*0\s*\))\s*;?$/.test(l.text));
      if (bare && zero) return zero.text;
    }
  }
  return undefined;
}

/** Methods a framework calls to record a failure: unittest results, TestNG listeners. */
const RECORDS_FAILURE = /\b(?:def|void|public\s+void|override\s+fun|fun)\s+(addFailure|addError|addSubTest|onTestFailure|onTestFailedButWithinSuccessPercentage)\s*\(/;
/** Inside such a method: passing the failure on (the parent's method, a raise) or recording it. */
const PASSES_ON = /\bsuper\b|\braise\b|\bthrow\b|\.(?:append|push|add)\(|\bFAILURE\b|\bfail\w*\s*\(/;
/** A failure recorded as a success: a result's status set to success, the failure lists emptied, a failure method reassigned. */
const MARKS_SUCCESS =
  /\.setStatus\s*\(\s*ITestResult\.SUCCESS\s*\)|\.setThrowable\s*\(\s*null\s*\)|\.(?:failures|errors)\s*(?:=\s*\[\s*\]|\.clear\(\))|\bdel\s+[\w.]+\.(?:failures|errors)\s*\[|\b(?:TestResult|TextTestResult|\w*Result)\.(?:addFailure|addError)\s*=(?!=)|\bsetattr\s*\([^,]*Result\b[^,]*,\s*["'](?:addFailure|addError)["']/;

/** The name of an assertion as every framework spells it; a method by that name is an assertion. */
const ASSERTION_DEF =
  /^(?:(?:public|protected|private|internal|static|override|open|export|async|final)\s+)*(?:def\s+(?:self\.)?|fun\s+|func\s+(?:\([^)]*\)\s*)?|function\s+|(?:void|bool|boolean)\s+)?((?:assert|refute)\w*|(?:Assert)?(?:Equal|Equals|AreEqual|NotEqual)|fail|fail_\w+|failUnless\w*)\s*(?:\([^)]*\))?\s*(?:(?:->|:)\s*[\w[\]<>.]+\s*)?(?:\{|:|=)?\s*(.*)$/;
/** A body that can never fail: nothing, `true`, `nil`, `pass`, a bare return. */
const CHECKS_NOTHING = /^(?:\{?\s*\}?|true|nil|pass|\.\.\.|None|return(?:\s+(?:true|True|nil|None))?\s*;?|\{\s*(?:return(?:\s+(?:true|nil))?\s*;?)?\s*\}|end)$/;

/** Each framework's name for an assertion failure, caught in a handler. */
const CATCHES_ASSERTION =
  /\bcatch\s*\(\s*(?:[\w$]+\s*:\s*)?(?:[\w.]+\.)?(?:AssertionException|AssertFailedException|XunitException|EqualException|AssertActualExpectedException|AssertionError|AssertionFailedError|ExpectationFailedException|AssertionFailedException)\b|^rescue\s+(?:Minitest::Assertion|MiniTest::Assertion|RSpec::Expectations::ExpectationNotMetError|Test::Unit::AssertionFailedError)\b/;
/** Inside a handler or its try block: the test expects the assertion to fail (a test of a check), or the failure is passed on. */
const EXPECTS_FAILURE = /\b(?:fail|flunk|Assert\.Fail|Assert\.Throws|raise|throw|rethrow)\b/;

/** Words each form below contains; lines without any are not read further. */
const MAY_OVERRIDE = /^(?:def|fun|func|function|void|bool|boolean|public|protected|private|internal|static|override|open|export|async|final)\b|Result|failures|errors|setStatus|setThrowable|catch|rescue/;

export function harnessSurfaceFindings(ctx: EditContext): TamperFinding[] {
  const removed = new Set(ctx.changes.removed.map((l) => l.text));
  const lines = ctx.changes.after;
  const cargo = cargoTestTarget(ctx);
  if (cargo) return [harnessFinding(ctx, cargo)];
  for (const line of ctx.changes.added) {
    if (line.comment || removed.has(line.text) || line.text.length > LONG_LINE || !MAY_OVERRIDE.test(line.text)) continue;
    if (MARKS_SUCCESS.test(line.text)) return [harnessFinding(ctx, `records a test failure as a success: ${quoteLine(line.text)}`)];
    if (RECORDS_FAILURE.test(line.text) && !bodyOf(lines, line).some((l) => PASSES_ON.test(l.text))) {
      return [harnessFinding(ctx, `redefines the method that records a failure so it records none: ${quoteLine(line.text)}`)];
    }
    const def = /assert|refute|Equal|fail/.test(line.text) ? ASSERTION_DEF.exec(line.text) : null;
    if (def && /^(?:def|fun|func|function|void|bool|boolean|public|protected|private|internal|static|override|open|export|async|final)\b/.test(line.text) && isTestLine(ctx, line, 'after') && checksNothing(lines, line, def[2])) {
      return [harnessFinding(ctx, `defines the assertion ${def[1]} with a body that checks nothing: ${quoteLine(line.text)}`)];
    }
    if (CATCHES_ASSERTION.test(line.text) && !/\bcatch\s*\(\s*(?:final\s+)?(?:AssertionError|AssertionFailedError)\b/.test(line.text)) {
      const near = lines.slice(Math.max(0, line.index - 6), line.index + 4).filter((l) => !l.comment);
      if (!near.some((l) => EXPECTS_FAILURE.test(l.text.replace(CATCHES_ASSERTION, '')))) {
        return [harnessFinding(ctx, `catches the framework's assertion failure and lets the test go on: ${quoteLine(line.text)}`)];
      }
    }
  }
  return [];
}

/** The definition's body is one that cannot fail: written inline after the signature, or on the lines below it. */
function checksNothing(lines: readonly CodeLine[], def: CodeLine, inline: string): boolean {
  const rest = inline.trim();
  if (rest !== '' && rest !== '{') return CHECKS_NOTHING.test(rest) && rest !== 'end';
  const body = bodyOf(lines, def).filter((l) => l.text !== '' && !l.comment && l.text !== '{');
  const closing = body.findIndex((l) => /^(?:end|\}\)?;?)$/.test(l.text));
  const statements = closing < 0 ? body : body.slice(0, closing);
  return statements.length <= 1 && statements.every((l) => CHECKS_NOTHING.test(l.text)) && (statements.length > 0 || closing >= 0);
}

/** The lines of the function opened on `def`: more indented than it, up to its closing line. */
function bodyOf(lines: readonly CodeLine[], def: CodeLine): CodeLine[] {
  const out: CodeLine[] = [];
  for (let i = def.index + 1; i < lines.length && i <= def.index + 25; i++) {
    const l = lines[i];
    if (l.text === '' || l.comment) continue;
    if (l.indent <= def.indent) {
      if (/^(?:end|\}\)?;?)$/.test(l.text)) out.push(l);
      break;
    }
    out.push(l);
  }
  return out;
}

/**
 * A Cargo test target no longer run by libtest: `harness = false` under `[[test]]` (its
 * `#[test]` functions are never called, the file's own main decides the status), or
 * `test = false` on a target whose tests then are not built at all.
 */
function cargoTestTarget(ctx: EditContext): string | undefined {
  if (!/(?:^|[\\/])Cargo\.toml$/.test(ctx.path)) return undefined;
  for (const line of ctx.changes.added) {
    const off = /^(harness|test)\s*=\s*false\b/.exec(line.text);
    if (!off) continue;
    const table = ctx.changes.after.slice(0, line.index).reverse().find((l) => /^\[/.test(l.text))?.text ?? '';
    if (off[1] === 'harness' && table === '[[test]]') return `runs a test target without the test harness, so its #[test] functions decide nothing: ${quoteLine(line.text)}`;
    if (off[1] === 'test' && /^\[(?:lib|\[bin\]|\[test\])\]$/.test(table)) return `stops building the tests of ${table}: ${quoteLine(line.text)}`;
  }
  return undefined;
}

function exitFinding(ctx: EditContext, what: string): TamperFinding {
  return { pattern: 'exit-zero', severity: 'tamper', detail: `${ctx.path}: ${what}` };
}

function harnessFinding(ctx: EditContext, what: string): TamperFinding {
  return { pattern: 'harness-override', severity: 'tamper', detail: `${ctx.path} ${what}` };
}
