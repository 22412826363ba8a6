/**
 * Switching tests off: skip and xfail markers in every major framework, runs
 * narrowed to a few tests, and test functions renamed or commented out so the
 * runner no longer collects them.
 */
import { EditContext, quoteLine, TamperFinding } from './tamperContext';
import type { CodeLine } from './tamperLines';

const SKIP_MARKERS: ReadonlyArray<[RegExp, string]> = [
  [/@pytest\.mark\.(?:skip|skipif|xfail)\b/, 'a pytest skip/xfail marker'],
  [/\bpytest\.(?:skip|xfail|importorskip)\s*\(/, 'pytest.skip()/xfail()/importorskip()'],
  [/\bpytestmark\s*=\s*pytest\.mark\.(?:skip|xfail)/, 'a module-wide pytest skip'],
  [/@(?:unittest\.)?(?:skip|skipIf|skipUnless|expectedFailure)\b/, 'a unittest skip decorator'],
  [/\braise\s+(?:unittest\.)?SkipTest\b|\bself\.skipTest\s*\(/, 'a unittest SkipTest'],
  [/\b(?:it|test|describe|context|suite|specify)(?:\.concurrent)?\.(?:skip|only|todo|fixme|failing|skipIf)\b/, 'a .skip/.only/.todo'],
  [/\b(?:it|test|describe|suite|bench)(?:\.concurrent)?\.runIf\s*\(/, 'a test that runs only when a condition holds (.runIf)'],
  [/\.add_marker\(\s*pytest\.mark\.(?:skip|xfail)/, 'a pytest skip marker added from a hook'],
  [/@Test\s*\([^)]*\b(?:enabled\s*=\s*false|expected\s*=)/, 'a TestNG/JUnit test disabled or expecting its own failure'],
  [/\b(?:xit|xdescribe|xtest|xspecify|xcontext|fit|fdescribe)\s*\(/, 'xit/fit'],
  [/\bthis\.skip\s*\(\s*\)|\bpending\s*\(\s*\)/, 'a mocha/jasmine skip'],
  [/\bt\.Skip(?:Now|f)?\s*\(/, 'a Go t.Skip'],
  [/@(?:Disabled|Ignore|DisabledIf\w*|DisabledOn\w*|EnabledIf\w*|EnabledOn\w*)\b/, 'a JUnit @Disabled/@Ignore'],
  [/skipTests\b|maven\.test\.skip|<exclude>[^<]*Test|\bexclude\s*\(?\s*["'][^"']*Test/, 'tests excluded from the build'],
  [/\bAssumptions?\.assume(?:True|False)\s*\(\s*(?:false|true)\s*\)|\bassume(?:True|False)\s*\(\s*(?:false|true)\s*\)/, 'an assumption that always aborts the test'],
  [/#\[ignore(?:\s*=[^\]]*)?\]/, 'a Rust #[ignore]'],
  [/#\[cfg_attr\([^\]]*\bignore\b/, 'a Rust #[ignore] under a cfg_attr'],
  // The attribute written over several lines: its `ignore = "..."` argument stands on a line of its own.
  [/^ignore\s*(?:=\s*["']|,|\)\]$)/, 'a Rust #[ignore] under a cfg_attr'],
  [/\bmarks\s*=\s*[[(]?\s*pytest\.mark\.(?:skip|skipif|xfail)\b/, 'a pytest skip/xfail mark on a parametrized case'],
  [/#\[should_panic\b/, 'a Rust #[should_panic] that turns the failure into the expectation'],
  [/#\[cfg\((?:any\(\)|FALSE|ignore|skip)\)\]/, 'a Rust cfg that compiles the test out'],
  [/\bmarkTestSkipped\s*\(|@group\s+skip/, 'a PHPUnit skip'],
  [/\bskip\s*:\s*true\b/, 'skip: true'],
  [/(?:^|\s)(?:-x|--exclude-task)\s+:?(?:[\w-]+:)*test\b|\bfilter_run_excluding\b/, 'the test task or tagged tests left out of the build'],
  [/\bAssert\.(?:Inconclusive|Ignore)\s*\(|\bSkip\.(?:If|Unless)\s*\(/, 'an NUnit/MSTest/xUnit runtime skip'],
  [/\b(?:test|it|describe|suite)\s*\(\s*(?:["'`][^"'`]*["'`]\s*,\s*)?\{[^}]*\b(?:skip|todo)\s*:\s*(?!false\b|undefined\b)/, 'a node:test skip or todo option'],
  [/^["']?(?:ignore|exclude|excludes)["']?\s*:\s*\[?[^\]]*\b(?:test|tests|spec|specs)\b|\bexcludeTestsMatching\b/, 'tests left out of the run by the runner configuration'],
  [/--deselect\b|(?:^|\s)-k\s+["']?not\b|\bcollect_ignore(?:_glob)?\s*[=+]|testPathIgnorePatterns|--testPathIgnorePatterns|\bexclude\s*:\s*\[.*test/, 'tests left out of the run'],
  [/\bcargo\s+test\b.*--\s+--skip\b|\bgo\s+test\b.*-skip\b|(?:^|\s)--ignore(?:-glob)?[= ]\S*test/, 'tests left out of the run'],
  [/^__test__\s*=\s*False\b/, 'a module or class no longer collected (__test__ = False)'],
  [/\bGTEST_SKIP\s*\(|\bTEST(?:_F|_P)?\s*\(\s*\w+\s*,\s*DISABLED_\w+|\bTEST(?:_F|_P)?\s*\(\s*DISABLED_\w+|\bSKIP\s*\(\s*["']/, 'a GoogleTest/Catch2 skip or DISABLED_ test'],
  [/^\[\s*(?:Ignore|Explicit)\b|^\[\s*(?:Fact|Theory|Test|TestCase)\s*\([^\]]*\b(?:Skip|Ignore)\s*=/, 'an NUnit/xUnit/MSTest ignored test'],
  [/\bXCTSkip(?:If|Unless)?\s*\(/, 'an XCTest skip'],
  [/^@(?:module)?tag\s+:?skip\b|^@(?:module)?tag\s+skip:/, 'an ExUnit skip tag'],
  [/\.config\s*\([^)]*\benabled\s*=\s*false\b/, 'a Kotest test disabled in its config'],
  [/^skip(?:\s*\(|\s+["']|$)/, 'an RSpec/Minitest skip'],
];

/** Words every skip marker contains; lines without any are not read further. */
const MAY_SKIP = /SKIP|-x\s|exclude-task|filter_run|Inconclusive|DISABLED_|Explicit|XCTSkip|@(?:module)?tag|skip|Skip|runIf|__test__|--ignore|xfail|only|todo|fixme|failing|\bx(?:it|describe|test|specify|context)\b|\bf(?:it|describe)\b|pending|Disabled|Ignore|ignore|assume|should_panic|cfg|enabled|Enabled|expected|deselect|-k\s|collect_ignore|exclude|add_marker/;

/** Declarations the runners collect: a net loss of them means tests were deleted, renamed away or commented out. */
const TEST_DECL = /^(?:(?:async\s+)?def\s+test\w*\s*\(|func\s+Test\w*\s*\(|#\[(?:tokio::)?test\]|@(?:Test|ParameterizedTest|TestFactory)\b|(?:it|test|specify)\s*\(\s*["'`])/;

/**
 * A build constraint on a Go file: a test file gaining one (`//go:build integration`,
 * `//go:build ignore`) drops out of the plain `go test` run.
 */
const GO_BUILD = /^\/\/\s*(?:go:build|\+build)\s+\S/;
/** Constraints no build satisfies: they leave even a new file out (a new file with a feature tag is just a new integration test). */
const GO_BUILD_NEVER = /^\/\/\s*(?:go:build|\+build)\s+(?:ignore|!\w+|never)\b/;
/** A Rust cfg other than `cfg(test)`: the item under it compiles only with a feature, a platform, or never. */
const RUST_CFG = /^#\[cfg\((?!test\))[^\]]*\)\]$/;

export function skipFindings(ctx: EditContext): TamperFinding[] {
  const constraint = ctx.changes.beforeKnown ? GO_BUILD : GO_BUILD_NEVER;
  // Build constraints are comments: count them among comment lines too.
  const constrained = ctx.changes.before.some((l) => GO_BUILD.test(l.text));
  const excluded = ctx.testFile && !constrained ? ctx.changes.added.find((l) => constraint.test(l.text)) : undefined;
  if (excluded) return [{ pattern: 'skip-or-xfail', severity: 'tamper', detail: `${ctx.path}: a build constraint leaves the test file out: ${quoteLine(excluded.text)}` }];
  const compiledOut = cfgOverTest(ctx);
  if (compiledOut) return [{ pattern: 'skip-or-xfail', severity: 'tamper', detail: `${ctx.path}: the test now compiles only under a condition: ${quoteLine(compiledOut)}` }];
  const removedText = new Set(ctx.changes.removed.filter((l) => !l.comment).map((l) => l.text));
  for (const line of ctx.changes.added) {
    if (line.comment || removedText.has(line.text) || !MAY_SKIP.test(line.text)) continue;
    const text = unqualified(line.text);
    for (const [re, what] of SKIP_MARKERS) {
      if (re.test(text) && !alreadyThere(ctx, re)) {
        return [{ pattern: 'skip-or-xfail', severity: 'tamper', detail: `${ctx.path}: adds ${what}: ${quoteLine(line.text)}` }];
      }
    }
  }
  const dropped = droppedFromCollection(ctx);
  if (dropped) return [{ pattern: 'skip-or-xfail', severity: 'tamper', detail: `${ctx.path}: tests dropped from the collection in a pytest hook: ${quoteLine(dropped)}` }];
  const early = earlyReturn(ctx);
  if (early) return [{ pattern: 'skip-or-xfail', severity: 'tamper', detail: `${ctx.path}: the test returns before checking anything: ${quoteLine(early)}` }];
  const renamed = renamedAway(ctx);
  if (renamed) return [{ pattern: 'skip-or-xfail', severity: 'tamper', detail: `${ctx.path}: test no longer collected (renamed or commented out): ${quoteLine(renamed)}` }];
  return [];
}

/** A `pytest_collection_modifyitems` hook that removes collected tests (`items[:] = [...]`, `items.remove(..)`). */
function droppedFromCollection(ctx: EditContext): string | undefined {
  if (!ctx.changes.after.some((l) => /\bdef\s+pytest_collection_modifyitems\b/.test(l.text))) return undefined;
  return ctx.changes.added.find((l) => !l.comment && /\bitems\s*\[\s*:\s*\]\s*=|\bitems\.(?:remove|pop|clear)\s*\(|\bpytest_deselected\b|\bdel\s+items\[/.test(l.text))?.text;
}

const TEST_FUNCTION = /^(?:(?:pub\s+)?fn|(?:public\s+)?void|func|(?:async\s+)?def)\s+\w*test\w*/i;
/** A bare return, alone or as the body of a one-line condition (`if x: return`, `if (x) return;`). */
const BARE_RETURN = /^(?:return\s*;?|(?:if|elif|else\s+if)\b.*?(?::|\)|\{)\s*return\s*;?\s*\}?)$/;
const CHECK = /\bassert\w*|\bexpect\w*\s*\(|\bt\.(?:Error|Errorf|Fatal|Fatalf|Fail)\b|\bshould\b|\bverify\w*\s*\(/;

/**
 * A bare `return` added to a test before its checks, as its first statement or
 * under a condition (`if os.Getenv("RUN_X") == "" { return }`): the test passes
 * without checking anything, silently, where a skip would at least say so.
 */
function earlyReturn(ctx: EditContext): string | undefined {
  const after = ctx.changes.after;
  for (const line of ctx.changes.added) {
    if (line.comment || !BARE_RETURN.test(line.text)) continue;
    // A return right after a failing check (`t.Fatalf(...); return`) ends a test that already failed.
    const previous = after.slice(0, line.index).reverse().find((l) => l.text !== '' && !l.comment);
    if (previous && previous.indent >= line.indent && (CHECK.test(previous.text) || /\b(?:panic|raise|throw|fail|Fatal)\w*\b/.test(previous.text))) continue;
    // The function holding the return: the nearest less-indented declaration above it.
    let head: CodeLine | undefined;
    for (let i = line.index - 1, indent = line.indent; i >= 0; i--) {
      const l = after[i];
      if (l.text === '' || l.comment || l.indent >= indent) continue;
      if (TEST_DECL.test(l.text) || TEST_FUNCTION.test(l.text)) {
        head = l;
        break;
      }
      if (/^(?:if|elif|else|unless)\b/.test(l.text)) {
        indent = l.indent;
        continue;
      }
      break;
    }
    if (!head) continue;
    // Checks follow in the same function: the return skips them.
    const rest = after.slice(line.index + 1).filter((l) => l.text !== '' && !l.comment);
    const end = rest.findIndex((l) => l.indent <= head!.indent);
    if ((end < 0 ? rest : rest.slice(0, end)).some((l) => CHECK.test(l.text))) return `${head.text} ... ${line.text}`;
  }
  return undefined;
}

/**
 * A removed test declaration whose name comes back in a line the runner does
 * not collect (`def _test_x`, `func testX`, a comment). Tests folded into a
 * table-driven test lose their names entirely and are judged by their
 * assertions instead.
 */
function renamedAway(ctx: EditContext): string | undefined {
  if (!ctx.changes.beforeKnown) return undefined;
  for (const r of ctx.changes.removed) {
    if (r.comment || !TEST_DECL.test(r.text)) continue;
    const name = /(?:def|func|fn)\s+(\w+)/.exec(r.text)?.[1];
    if (!name) {
      // #[test] / @Test removed while the function it marked stays: the runner stops running it.
      const attr = /^(#\[(?:tokio::)?test\]|@Test\b)/.test(r.text) ? r : undefined;
      const fn = attr && ctx.changes.before.slice(attr.index + 1, attr.index + 4).find((l) => /\b(?:fn|void|public|def|func)\b/.test(l.text));
      const now = fn && ctx.changes.after.find((l) => l.text === fn.text);
      const stillMarked = now !== undefined && ctx.changes.after.slice(Math.max(0, now.index - 3), now.index).some((l) => l.text === r.text);
      if (now && !stillMarked) return `${r.text} removed from ${fn!.text}`;
      continue;
    }
    const lower = name.toLowerCase();
    // The name without its test prefix: `test_sniff_quotes` renamed to `pending_sniff_quotes` or `sniff_quotes_test`.
    const stem = lower.replace(/^test_?/, '');
    const declaresStem = (a: CodeLine) => stem.length >= 6 && /(?:def|func|fn)\s+\w+/.test(a.text) && (/(?:def|func|fn)\s+(\w+)/.exec(a.text)?.[1].toLowerCase().includes(stem) ?? false);
    const back = ctx.changes.added.find((a) => !TEST_DECL.test(a.text) && (((a.comment || /(?:def|func|fn)\s+\w+/.test(a.text)) && a.text.toLowerCase().includes(lower)) || (!a.comment && declaresStem(a))));
    if (back) return back.text;
  }
  return undefined;
}

/**
 * A cfg attribute added among a Rust test's attributes, in any order (`#[cfg(feature = "e2e")]`
 * over `#[test]`, or between `#[test]` and the fn): the default run no longer compiles the test.
 */
function cfgOverTest(ctx: EditContext): string | undefined {
  const after = ctx.changes.after;
  const attribute = (l: CodeLine) => /^#\[/.test(l.text);
  for (const line of ctx.changes.added) {
    if (!RUST_CFG.test(line.text)) continue;
    const around: CodeLine[] = [];
    for (let i = line.index - 1; i >= 0 && (after[i].text === '' || after[i].comment || attribute(after[i])); i--) if (attribute(after[i])) around.push(after[i]);
    let j = line.index + 1;
    for (; j < after.length && (after[j].text === '' || after[j].comment || attribute(after[j])); j++) if (attribute(after[j])) around.push(after[j]);
    const item = after[j];
    const isTest = around.some((l) => /^#\[(?:\w+::)*test\b|^#\[rstest\b/.test(l.text)) || (item && /^(?:(?:pub\s+)?mod\s+tests?\b|(?:pub\s+)?(?:async\s+)?fn\s+test_)/.test(item.text));
    if (isTest) return `${line.text} ${item?.text ?? ''}`.trim();
  }
  return undefined;
}

/** The marker was in the old content as often as in the new one (moved, not added). */
/** An annotation written with its package (`@org.junit.jupiter.api.Disabled`, `[NUnit.Framework.Ignore]`) is the same annotation. */
function unqualified(text: string): string {
  return text.replace(/^([@[]\s*)(?:[a-zA-Z_]\w*\.)+(?=[A-Z])/, '$1');
}

function alreadyThere(ctx: EditContext, re: RegExp): boolean {
  const count = (lines: typeof ctx.changes.after) => lines.filter((l) => !l.comment && re.test(unqualified(l.text))).length;
  return ctx.changes.beforeKnown && count(ctx.changes.before) >= count(ctx.changes.after);
}
