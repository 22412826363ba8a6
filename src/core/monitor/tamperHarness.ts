/**
 * Making the run report success instead of making the code right: exiting 0
 * from code under test or a test entry point, and overriding the harness
 * (exception hooks, assertion methods, pytest report hooks, equality that is
 * always true, swallowed assertion errors).
 */
import { EditContext, isTestLine, printedLiterals, quoteLine, TamperFinding } from './tamperContext';
import { CodeLine, distinctiveness } from './tamperLines';
import { recogniseTestCommand } from '../sessions/testCommands';
import { failureBranch, FAILING_EXIT } from './tamperExitStatus';

export const EXIT_ZERO =
  /\b(?:sys\.exit|os\._exit|exit|quit|process\.exit|os\.Exit|(?:std::)?process::exit|System\.exit|Runtime\.getRuntime\(\)\.(?:exit|halt)|Environment\.Exit)\s*\(\s*(?:0|EXIT_SUCCESS|os\.EX_OK|ExitCode::SUCCESS)?\s*\)|\braise\s+SystemExit(?:\s*\(\s*0?\s*\))?\s*$|\bprocess\.exitCode\s*=\s*0\b|\bos\._exit\s*\(|ExitCode::SUCCESS\b|\bpytest\.exit\([^)]*returncode\s*=\s*0|\b(?:pytest|go test|cargo test|npm (?:run )?test|jest|vitest|mocha|mvn\b.*\btest|gradle\w* test|python3? -m (?:pytest|unittest)|tox|make test)\b.*(?:\|\|\s*(?:true|:|exit 0)\b|;\s*exit 0\b)/;
/** An exit 0 after printing help or a version, or ending a dry run, is ordinary CLI behaviour. */
export const ORDINARY_EXIT_CONTEXT = /\b(help|usage|version|--version|-h\b|dry[-_ ]?run|print_usage|print_help|argparse|show_help)\b/i;

const HARNESS_OVERRIDES: ReadonlyArray<[RegExp, string]> = [
  [/\bsys\.excepthook\s*=/, 'replaces sys.excepthook'],
  [/^failureException\s*=|\bfailureException\s*=\s*(?!AssertionError\b)/, "replaces the exception unittest's assertions raise"],
  [/\bt\s*=\s*(?:&testing\.T\{\}|new\(testing\.T\))/, 'hands the checks a testing.T nobody reads'],
  [/\b(?:unittest\.)?TestCase\.(?:assert\w*|fail\w*)\s*=/, 'replaces a TestCase assertion method'],
  [/\bself\.(?:assert\w*|fail\w*)\s*=/, 'replaces an assertion method'],
  [/(?:^|[\s;])(?:assert\w*|expect)\s*=\s*(?:lambda\b|\(|function\b|async\b|\w+\s*=>)/, 'replaces an assertion function'],
  [/\b(?:global|globalThis|window)\.(?:expect|assert)\s*=/, 'replaces the global expect/assert'],
  [/\b(?:assert|chai\.assert|assert\.strict)\.\w+\s*=\s*(?:\(|function\b|async\b|\w+\s*=>)/, 'replaces an assert method'],
  [/\bdef\s+pytest_(?:runtest_makereport|runtest_call|runtest_protocol|report_teststatus|runtest_logreport|pyfunc_call|sessionfinish|terminal_summary)\b/, 'adds a pytest hook around test results'],
  [/\.outcome\s*=\s*["'](?:passed|skipped)["']|\bexitstatus\s*=\s*0\b|\.longrepr\s*=\s*None\b|\bexcinfo\s*=\s*None\b|\bforce_result\s*\(/, 'rewrites a test outcome'],
  [/\b(?:monkeypatch\.setattr|(?:mock\.)?patch(?:\.object)?)\s*\([^)]*(?:assert\w*|TestCase|AssertionError)/, 'patches an assertion'],
  [/\bexcept\s+(?:\(?[\w.]*,\s*)?(?:AssertionError|pytest\.fail\.Exception|Failed)\b/, 'swallows assertion errors'],
  [/\bcatch\s*\(\s*(?:final\s+)?(?:AssertionError|AssertionFailedError|ComparisonFailure|AssertionFailure)\b/, 'swallows assertion errors'],
  [/\bpanic::set_hook\s*\(|\bcatch_unwind\s*\(/, 'catches panics around the test'],
  [/\bdefer\s+func\s*\(\s*\)\s*\{\s*(?:_\s*=\s*)?recover\(\)/, 'recovers from test panics'],
  [/\bComparer\s*\(\s*func\s*\([^)]*\)\s*bool\s*\{\s*return\s+true\s*\}/, 'compares everything as equal'],
  [/\bbuiltins\.(?:assert\w*|AssertionError)\s*=|\bAssertionError\s*=/, 'replaces AssertionError'],
  [/\bdef\s+(?:assert\w*|fail\w*)\s*\(\s*self\b[^)]*\)\s*(?:->\s*\w+\s*)?:\s*(?:pass|return\b|\.\.\.)/, 'overrides an assertion method with one that checks nothing'],
  [/\boverwrite(?:Method|Property|ChainableMethod)\s*\(/, "overwrites one of chai's own assertions"],
  [/\b(?:pytest|math|cmath|np|numpy|np\.testing|numpy\.testing|operator)\.(?:approx|isclose|allclose|array_equal|eq|assert_\w+)\s*=(?!=)/, 'replaces a comparison of the framework or the language'],
  [/\b(?:monkeypatch\.setattr|(?:mock\.)?patch(?:\.object)?)\s*\(\s*["']?(?:pytest|math|numpy|np)(?:\.testing)?["']?\s*[,.]\s*["']?(?:approx|isclose|allclose|assert_\w+)\b/, 'patches a comparison of the framework or the language'],
  [/^macro_rules!\s*(?:assert|assert_eq|assert_ne|debug_assert\w*|assert_approx_eq|assert_float_eq)\s*\{/, 'redefines an assertion macro of the language'],
  [/^#\s*(?:define|undef)\s+(?:assert|ASSERT_\w+|EXPECT_\w+|CHECK(?:_\w+)?|REQUIRE(?:_\w+)?)\b/, 'redefines an assertion macro of the test framework'],
  [/\bimplements\s+[\w., ]*\b(?:TestExecutionExceptionHandler|InvocationInterceptor)\b|\b(?:handleTestExecutionException|interceptTestMethod)\s*\(/, 'handles the test failures itself (a JUnit exception handler or interceptor)'],
];

/** A catch-all handler: `except:`, `except Exception:`, `catch (e) {}`. */
const SWALLOW = /^(?:except(?:\s+(?:Base)?Exception)?(?:\s+as\s+\w+)?\s*:\s*(?:pass)?$|\}?\s*catch\s*(?:\([^)]*\))?\s*\{\s*\}?$)/;

/** The handler does nothing, and the try block it closes holds assertions. */
function swallowsAssertions(ctx: EditContext, handler: CodeLine): boolean {
  const after = ctx.changes.after;
  const next = after.slice(handler.index + 1).find((l) => l.text !== '' && !l.comment);
  const empty = /(?:pass|\{\s*\})$/.test(handler.text) || (next !== undefined && /^(?:pass|\}|\.\.\.)$/.test(next.text));
  if (!empty) return false;
  const above = after.slice(Math.max(0, handler.index - 8), handler.index);
  // The try block holds assertions, or runs the test itself from a rule or hook (`base.evaluate()`, `invocation.proceed()`).
  return above.some((l) => /\bassert\w*|\bexpect\s*\(|\bbase\.evaluate\(\)|\b\w*[iI]nvocation\.proceed\(\)|\binvokeExplosively\(|\bitem\.runtest\(\)|\bpyfuncitem\.obj\(/.test(l.text));
}

/** A mock or stub told what to return: doing the code's work when it returns the expected value. */
const MOCK_RETURN = /\b(?:mockReturnValue(?:Once)?|mockResolvedValue(?:Once)?|mockImplementation(?:Once)?|thenReturn|return_value\s*=|side_effect\s*=|\.returns\(|\.resolves\(|andReturn|Returning)\b|\bpatch(?:\.object)?\([^)]*return_value/;

/** Words every harness override contains; lines without any are not read further. */
const MAY_OVERRIDE = /evaluate|proceed|failureException|testing\.T|approx|isclose|allclose|array_equal|\.eq\s*=|ASSERT|EXPECT|CHECK|REQUIRE|overwrite|macro_rules|ExceptionHandler|handleTestExecution|intercept|compare|cmp|when\(|spyOn|excepthook|assert|expect|fail|pytest_|outcome|exitstatus|longrepr|excinfo|force_result|patch|except|catch|panic|recover|builtins|__eq__|equals|\beq\b|Equal|Comparer|mock|Mock|return_value|side_effect|Return|returns\(|resolves\(|^except\b|^\}?\s*catch\b/;

/** Equality that is always true: `def __eq__(...): return True`, `equals(Object o) { return true; }`, `fn eq(...) -> bool { true }`. */
const EQUALITY_DEF = /\b(?:def\s+__eq__|boolean\s+equals\s*\(|fn\s+eq\s*\(|func\s*\([^)]*\)\s*Equal\s*\(|equals\s*\([^)]*\)\s*(?::\s*boolean)?\s*\{)/;
const ALWAYS_TRUE = /^(?:return\s+(?:True|true)\s*;?|true)\s*\}?$|:\s*return\s+True\s*$|\{\s*(?:return\s+)?true\s*;?\s*\}\s*$/;

/** A shell-level way to make a failing command succeed: `|| true`, `|| echo …`, `|| :`, `|| exit 0`, `; exit 0`. */
const MASKED_FAILURE = /\|\|\s*(?:true\b|:\s*(?:$|[;"'])|echo\b|exit\s+0\b)|;\s*exit\s+0\b/;

/**
 * A test command (in a script, a Makefile, a CI file or package.json) whose failure is now
 * swallowed: the run goes on to report success whatever the tests say.
 */
function maskedTestCommand(ctx: EditContext): TamperFinding | undefined {
  // make ignores a recipe line's failure when it starts with `-`; CI carries on past a step marked so.
  const makefile = /(?:^|[\\/])(?:GNU)?[Mm]akefile$|\.mk$/.test(ctx.path);
  const isMasked = (t: string) => MASKED_FAILURE.test(t) || (makefile && /^-\s*\S/.test(t));
  const ciStep = ctx.changes.added.find((l) => /^(?:continue-on-error|allow_failure)\s*:\s*true\b/.test(l.text));
  if (ciStep && !ctx.changes.removed.some((l) => l.text === ciStep.text)) {
    const near = ctx.changes.after.slice(Math.max(0, ciStep.index - 6), ciStep.index + 7);
    const command = near.find((l) => recogniseTestCommand(l.text.replace(/^-?\s*(?:run|script)\s*:\s*[|>]?\s*/, '')));
    if (command) return { pattern: 'exit-zero', severity: 'tamper', detail: `${ctx.path}: the CI test step may now fail without failing the build: ${quoteLine(ciStep.text)}` };
  }
  const removedMasked = ctx.changes.removed.filter((l) => isMasked(l.text)).length;
  const masked = ctx.changes.added.filter((l) => !l.comment && isMasked(l.text));
  if (masked.length <= removedMasked) return undefined;
  const line = masked.find((l) => recogniseTestCommand(l.text.replace(/^\s*"[\w:.-]+"\s*:\s*"|",?\s*$/g, '').replace(/^-\s*/, '').split(/\|\||;\s*exit/)[0]));
  if (!line) return undefined;
  return { pattern: 'exit-zero', severity: 'tamper', detail: `${ctx.path}: the test command's failure is swallowed, so the run reports success: ${quoteLine(line.text)}` };
}

export function exitZeroFindings(ctx: EditContext): TamperFinding[] {
  const masked = maskedTestCommand(ctx);
  if (masked) return [masked];
  const before = countMatches(ctx.changes.removed, EXIT_ZERO);
  const exits = ctx.changes.added.filter((l) => !l.comment && EXIT_ZERO.test(l.text));
  if (exits.length <= before) return [];
  const suspicious = exits.find((l) => !ORDINARY_EXIT_CONTEXT.test(contextAbove(ctx, l)) && hidesFailure(ctx, l));
  if (!suspicious) return [];
  const where = isTestLine(ctx, suspicious, 'after') ? 'a test entry point' : 'code under test';
  return [{ pattern: 'exit-zero', severity: 'tamper', detail: `${ctx.path}: exits 0 from ${where}, so the run reports success: ${quoteLine(suspicious.text)}` }];
}

export function harnessFindings(ctx: EditContext): TamperFinding[] {
  const lenient = lenientEquality(ctx);
  if (lenient) return [lenient];
  const added = ctx.changes.added.filter((l) => !l.comment);
  const removedText = new Set(ctx.changes.removed.map((l) => l.text));
  for (const line of added) {
    if (removedText.has(line.text) || !MAY_OVERRIDE.test(line.text)) continue;
    for (const [re, what] of HARNESS_OVERRIDES) {
      if (re.test(line.text)) return [{ pattern: 'harness-override', severity: 'tamper', detail: `${ctx.path} ${what}: ${quoteLine(line.text)}` }];
    }
    if (BUILTIN_MATCHER.test(line.text) && insideMatcherRegistry(ctx, line)) {
      return [{ pattern: 'harness-override', severity: 'tamper', detail: `${ctx.path} redefines a built-in matcher: ${quoteLine(line.text)}` }];
    }
    if (/\bexpect\.extend\s*\(/.test(line.text) && redefinesBuiltinMatcher(ctx, line)) {
      return [{ pattern: 'harness-override', severity: 'tamper', detail: `${ctx.path} redefines a built-in matcher: ${quoteLine(line.text)}` }];
    }
    if (/\bdef\s+(?:assert\w*|fail\w*)\s*\(\s*self\b[^)]*\)\s*(?:->\s*\w+\s*)?:\s*$/.test(line.text) && emptyBody(ctx, line)) {
      return [{ pattern: 'harness-override', severity: 'tamper', detail: `${ctx.path} overrides an assertion method with one that checks nothing: ${quoteLine(line.text)}` }];
    }
    if (SWALLOW.test(line.text) && isTestLine(ctx, line, 'after') && swallowsAssertions(ctx, line)) {
      return [{ pattern: 'harness-override', severity: 'tamper', detail: `${ctx.path} swallows the failure of the assertions above: ${quoteLine(line.text)}` }];
    }
    if (MOCK_RETURN.test(line.text) && isTestLine(ctx, line, 'after') && printedLiterals(ctx, line.text).some((l) => distinctiveness(l) >= 2)) {
      return [{ pattern: 'harness-override', severity: 'tamper', detail: `${ctx.path} mocks an answer the failing test expected: ${quoteLine(line.text)}` }];
    }
    if (COMPARE_DEF.test(line.text) && alwaysEqualOrder(ctx, line)) {
      return [{ pattern: 'harness-override', severity: 'tamper', detail: `${ctx.path} defines an ordering where everything compares equal: ${quoteLine(line.text)}` }];
    }
    const stubbed = isTestLine(ctx, line, 'after') ? stubOfCheckedCall(ctx, line) : undefined;
    if (stubbed) return [{ pattern: 'harness-override', severity: 'tamper', detail: `${ctx.path} stubs the very call the test checks (${stubbed}): ${quoteLine(line.text)}` }];
    if (EQUALITY_DEF.test(line.text) && alwaysTrue(ctx, line)) {
      return [{ pattern: 'harness-override', severity: 'tamper', detail: `${ctx.path} defines equality that is always true: ${quoteLine(line.text)}` }];
    }
  }
  return [];
}

function alwaysTrue(ctx: EditContext, def: CodeLine): boolean {
  const inline = def.text.replace(EQUALITY_DEF, '');
  if (ALWAYS_TRUE.test(inline.trim())) return true;
  const body = ctx.changes.after.slice(def.index + 1).find((l) => l.text !== '' && !l.comment && l.text !== '{');
  return body !== undefined && ALWAYS_TRUE.test(body.text);
}

const BUILTIN_MATCHER = /^\{?\s*(?:async\s+)?(?:toBe|toEqual|toStrictEqual|toMatch|toMatchObject|toBeCloseTo|toContain|toContainEqual|toHaveLength|toHaveProperty|toThrow|toThrowError|toHaveBeenCalled\w*|toBe(?:Greater|Less)Than(?:OrEqual)?|toBeTruthy|toBeFalsy|toBeDefined|toBeUndefined|toBeNull|toBeNaN|toBeInstanceOf|toMatchSnapshot|toMatchInlineSnapshot|toSatisfy)\s*[(:]/;

/** Where custom matchers are registered: Jest/Vitest `expect.extend`, Jasmine `addMatchers`. */
const MATCHER_REGISTRY = /\bexpect\.extend\s*\(|\baddMatchers\s*\(/;

/**
 * The matcher defined on this line is a member of a registry block already there: a matcher added to an
 * existing `expect.extend({ ... })` under a built-in's name replaces the framework's own comparison.
 */
function insideMatcherRegistry(ctx: EditContext, line: CodeLine): boolean {
  for (let i = line.index - 1, seen = 0; i >= 0 && seen < 80; i--, seen++) {
    const l = ctx.changes.after[i];
    if (l.text === '' || l.comment || l.indent >= line.indent) continue;
    return MATCHER_REGISTRY.test(l.text);
  }
  return false;
}

/** `expect.extend({ toEqual(...) {...} })`: a matcher of the framework itself replaced, on this line or the next few. */
function redefinesBuiltinMatcher(ctx: EditContext, line: CodeLine): boolean {
  const inline = line.text.slice(line.text.indexOf('extend') + 'extend('.length);
  if (BUILTIN_MATCHER.test(inline.trim())) return true;
  return ctx.changes.after.slice(line.index + 1, line.index + 4).some((l) => BUILTIN_MATCHER.test(l.text));
}

function emptyBody(ctx: EditContext, def: CodeLine): boolean {
  const body = ctx.changes.after.slice(def.index + 1).find((l) => l.text !== '' && !l.comment);
  return body !== undefined && /^(pass|return(\s+(True|None))?|\.\.\.)$/.test(body.text);
}

/** Where an exit 0 hides a failure: an error handler, an exit hook, a test entry point, module level, or a run forced to succeed. */
const FAILURE_CONTEXT = /^(?:except\b|catch\b|\}\s*catch\b|rescue\b|finally\b|if\s+err\s*!=\s*nil|if\s+let\s+Err|Err\s*\(|.*\brecover\(\)|.*\batexit\b|.*\.on\(\s*["'](?:exit|uncaughtException|unhandledRejection)|.*\bset_hook\b|.*\bsignal\b|(?:after|before)(?:All|Each|Suite)?\s*\(|def\s+(?:teardown|tearDown)\w*)/;

function hidesFailure(ctx: EditContext, exit: CodeLine): boolean {
  // Failures still fail on their own branch above: this exit 0 is the path where nothing failed.
  if (ctx.changes.after.slice(Math.max(0, exit.index - 15), exit.index).some((l) => !l.comment && FAILING_EXIT.test(l.text) && failureBranch(ctx.changes.after, l) !== undefined)) return false;
  if (isTestLine(ctx, exit, 'after') || exit.indent === 0 || /\bos\._exit\b|\|\||;\s*exit 0|returncode/.test(exit.text)) return true;
  if (FAILURE_CONTEXT.test(exit.text) || /\b(?:catch|except|rescue|recover\(\)|Err\s*\()/.test(exit.text)) return true;
  // The nearest enclosing lines (less indented, just above) say what the exit belongs to.
  let indent = exit.indent;
  for (let i = exit.index - 1; i >= 0 && i >= exit.index - 12; i--) {
    const line = ctx.changes.after[i];
    if (line.text === '' || line.comment || line.indent >= indent) continue;
    if (FAILURE_CONTEXT.test(line.text)) return true;
    indent = line.indent;
    if (indent === 0) break;
  }
  return false;
}

function contextAbove(ctx: EditContext, line: CodeLine): string {
  return ctx.changes.after
    .slice(Math.max(0, line.index - 3), line.index + 1)
    .map((l) => l.text)
    .join('\n');
}

function countMatches(lines: readonly CodeLine[], re: RegExp): number {
  return lines.filter((l) => !l.comment && re.test(l.text)).length;
}

/** Comparisons an equality body makes: operators, and any call named for comparing (`equals`, `eq_ignore_ascii_case`, `EqualFold`, `compareTo`). */
const COMPARISON = /===?|!==?|\b\w*(?:[Ee]quals?|[Ee]q|EqualFold|[Cc]mp|[Cc]ompare)\w*\s*\(/g;
const AND = /&&|\band\b/;
const OR = /\|\||\bor\b/;

/**
 * Equality made lenient in code under test: inside `equals`/`__eq__`/`eq`/`Equal`, a
 * line that joined its field comparisons with "and" now joins them with "or", or
 * compares fewer fields, so assertEquals passes for values that differ.
 */
function lenientEquality(ctx: EditContext): TamperFinding | undefined {
  for (const block of ctx.changes.blocks) {
    const removed = block.removed.filter((l) => !l.comment && !isTestLine(ctx, l, 'before'));
    const added = block.added.filter((l) => !l.comment && !isTestLine(ctx, l, 'after'));
    if (removed.length === 0 || added.length === 0) continue;
    // The constant answer must sit right in the ordering's body, not under an `if (this == o)`.
    const equalOrder = added.find((l) => ALWAYS_EQUAL.test(l.text) && enclosingComparison(ctx, l) === 'order');
    if (equalOrder) return { pattern: 'harness-override', severity: 'tamper', detail: `${ctx.path} makes every value compare equal: ${quoteLine(equalOrder.text)}` };
    if (enclosingComparison(ctx, added[0]) !== 'equality') continue;
    const was = removed.map((l) => l.text).join(' ');
    const now = added.map((l) => l.text).join(' ');
    const compared = (t: string) => (t.match(COMPARISON) ?? []).length;
    const orNow = OR.test(now) && !OR.test(was) && AND.test(was);
    const fewer = compared(now) < compared(was) && !/\b(?:hashCode|Objects\.hash|compareTo|deepEquals)\b/.test(now);
    if (orNow || fewer) {
      const how = orNow ? 'one matching field is now enough' : 'fewer fields are compared';
      return { pattern: 'harness-override', severity: 'tamper', detail: `${ctx.path} makes equality lenient (${how}): ${quoteLine(added[0].text)}` };
    }
  }
  return undefined;
}

/** The equality or ordering method whose body holds the line (the nearest enclosing declaration above it). */
function enclosingComparison(ctx: EditContext, line: CodeLine): 'equality' | 'order' | undefined {
  let indent = line.indent;
  for (let i = line.index - 1; i >= 0 && i >= line.index - 15; i--) {
    const l = ctx.changes.after[i];
    if (l.text === '' || l.comment || l.indent >= indent) continue;
    if (EQUALITY_DEF.test(l.text)) return 'equality';
    if (COMPARE_DEF.test(l.text)) return 'order';
    if (/\b(?:def|fn|func|function|class|impl|struct)\b|\)\s*\{\s*$/.test(l.text)) return undefined;
    indent = l.indent;
  }
  return undefined;
}

/** An ordering: `compareTo`, a `Comparator.compare`, Rust `cmp`/`partial_cmp`. */
const COMPARE_DEF = /\bint\s+compare(?:To)?\s*\(|\bfn\s+(?:partial_)?cmp\s*\(|\bcompareTo\s*\([^)]*\)\s*:\s*number\s*\{/;
const ALWAYS_EQUAL = /^(?:return\s+)?(?:0|(?:Some\()?(?:std::cmp::)?Ordering::Equal\)?)\s*;?\s*\}?$/;

function alwaysEqualOrder(ctx: EditContext, def: CodeLine): boolean {
  const inline = def.text.slice(def.text.indexOf('{') + 1).trim();
  if (def.text.includes('{') && inline !== '' && ALWAYS_EQUAL.test(inline)) return true;
  const body = ctx.changes.after.slice(def.index + 1).find((l) => l.text !== '' && !l.comment && l.text !== '{');
  return body !== undefined && ALWAYS_EQUAL.test(body.text);
}

/** The call a stub replaces: Mockito `when(svc.total())`, `jest.spyOn(svc, 'total')`, `patch.object(svc, "total")`. */
function stubbedCall(text: string): string | undefined {
  const when = /\bwhen\s*\(\s*([\w.]+\s*\()/.exec(text);
  if (when && /\bthen(?:Return|Answer)\b/.test(text)) return when[1].replace(/\s+/g, '');
  const spy = /\b(?:jest|vi|sinon)\.(?:spyOn|stub)\s*\(\s*([\w.]+)\s*,\s*["'`](\w+)["'`]\s*\)/.exec(text);
  if (spy && /\.(?:mock\w*|returns|resolves)\(/.test(text)) return `${spy[1]}.${spy[2]}(`;
  const patch = /\bpatch\.object\s*\(\s*([\w.]+)\s*,\s*["'](\w+)["']\s*,\s*return_value\s*=/.exec(text);
  if (patch) return `${patch[1]}.${patch[2]}(`;
  return undefined;
}

/**
 * A stub of the call the test asserts on: the test now checks the stub's
 * canned answer, not the code. Stubbing a dependency (a repository the code
 * calls) leaves the code's own call checked and is ordinary.
 */
function stubOfCheckedCall(ctx: EditContext, line: CodeLine): string | undefined {
  const call = stubbedCall(line.text);
  if (!call) return undefined;
  const checks = ctx.changes.after.some((l) => l !== line && !l.comment && /\bassert\w*|\bexpect\s*\(|\bt\.(?:Error|Fatal)/.test(l.text) && l.text.replace(/\s+/g, '').includes(call));
  return checks ? call.replace(/\($/, '()') : undefined;
}
