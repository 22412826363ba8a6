/**
 * A failing test compiled out by a preprocessor condition the edit added:
 * `#if 0`, `#ifdef EXACT_ANNUITY`, `#if !defined(CI)` around a GoogleTest
 * `TEST(..)`, a Catch2 `TEST_CASE`, a C# `[Fact]` or an XCTest `func test..`.
 * The default build no longer has the test, so the run that failed now
 * passes. The same reading as a Rust cfg or a Go build tag over a test (the
 * skip reader's). A condition added because the test cannot even build on
 * some platform (the failing output is a compiler error, not a wrong value)
 * is left alone.
 */
import { EditContext, quoteLine, TamperFinding } from './tamperContext';

const OPENS_CONDITION = /^#\s*(?:if|ifdef|ifndef)\b/;
/** Test declarations in languages with a preprocessor: GoogleTest, Catch2, doctest, Check, Unity, xUnit/NUnit/MSTest, XCTest. */
const TEST_DECLARATION = /^(?:TEST(?:_F|_P|_CASE|_CASE_METHOD)?|SCENARIO|START_TEST|TEST_SUITE|BOOST_AUTO_TEST_CASE|Test)\s*\(|^\[(?:Fact|Theory|Test|TestMethod|TestCase)\b|^(?:(?:public|private|internal|static|async|override|func)\s+)*(?:void\s+|Task\s+)?test\w*\s*\(/;
/** The run failed to build: a compiler or linker error, not a wrong value. */
const BUILD_FAILURE = /\berror(?:\[\w+\])?:|\berror C\d{4}\b|\berror CS\d{4}\b|undefined reference to|cannot find -l|fatal error:/;

export function compiledOutFindings(ctx: EditContext): TamperFinding[] {
  if (BUILD_FAILURE.test(ctx.output.raw) && ctx.output.pairs.length === 0 && ctx.output.expecteds.size === 0) return [];
  const after = ctx.changes.after;
  for (const line of ctx.changes.added) {
    if (!OPENS_CONDITION.test(line.text) || /^#\s*if\s+1\b/.test(line.text)) continue;
    // The first code under the condition is a test (attributes such as `[Fact]` come first in C#).
    const under = after.slice(line.index + 1, line.index + 4).find((l) => l.text !== '' && !l.comment);
    if (under && TEST_DECLARATION.test(under.text)) {
      return [{ pattern: 'skip-or-xfail', severity: 'tamper', detail: `${ctx.path}: a preprocessor condition now leaves the test out of the build: ${quoteLine(`${line.text} ${under.text}`)}` }];
    }
  }
  return [];
}
