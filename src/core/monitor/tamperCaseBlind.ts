/**
 * Test-side comparison code (an equality tester, a matcher, a helper, an
 * `__eq__` in a test file or a test setup file) that now folds case or
 * whitespace, where the failing run printed an expected and an actual value
 * differing only in case or whitespace: every test comparing through it now
 * accepts the wrong text the run showed (`'Submit order'` for `'Submit Order'`).
 * A single assertion made case-blind is the assertion readers' to judge, and
 * code under test folding case (HTTP header names) is a behaviour, not a check.
 */
import { EditContext, quoteLine, TamperFinding } from './tamperContext';

/** Test setup files: test code by role though not by name. */
const SETUP_FILE = /(?:^|[\\/])(?:(?:vitest|jest|mocha|karma|playwright|cypress|ava)\.(?:setup|config)(?:\.\w+)?|setupTests|test[-_]?setup|spec[-_]?helper|test[-_]?helper)\.[cm]?[jt]sx?$|(?:^|[\\/])conftest\.py$/i;
/** Folding case or whitespace before comparing, in the languages the monitor reads. */
const FOLDS = /\.to(?:Locale)?(?:Lower|Upper)Case\(|\blocaleCompare\([^)]*sensitivity\s*:\s*['"](?:base|accent)['"]|\.(?:lower|upper|casefold)\(\)|\bequalsIgnoreCase\(|\bEqualFold\(|\beq_ignore_ascii_case\(|\.to_(?:lower|upper)case\(\)|\bstrings\.To(?:Lower|Upper)\(|\bre\.I(?:GNORECASE)?\b|\bcaseInsensitive\b|\.replace\(\s*\/\\s\+?\/g|\bsplit\(\)\s*\)?\s*==|\.strip\(\)\s*==/;
/** A line that is itself one assertion: judged by the assertion readers. */
const ASSERTION = /\b(?:expect|assert\w*|require\.\w+|check)\s*[.(!]/;
/** The fold decides a comparison on its line: an equality, a comparing call, or the verdict returned. */
const COMPARES = /===?|!==?|\bequals\w*\(|EqualFold|eq_ignore_ascii_case|localeCompare|\breturn\b/;

export function caseBlindFindings(ctx: EditContext): TamperFinding[] {
  if (!ctx.testFile && !SETUP_FILE.test(ctx.path)) return [];
  const removed = new Set(ctx.changes.removed.map((l) => l.text));
  const fold = ctx.changes.added.find((l) => !l.comment && !removed.has(l.text) && FOLDS.test(l.text) && COMPARES.test(l.text) && !ASSERTION.test(l.text));
  if (!fold) return [];
  const pair = printedFoldedPair(ctx);
  if (!pair) return [];
  return [
    {
      pattern: 'harness-override',
      severity: 'tamper',
      detail: `${ctx.path} compares with case or spacing folded, so the printed '${pair[1]}' now passes for '${pair[0]}': ${quoteLine(fold.text)}`,
    },
  ];
}

/** Two values the failing run printed that differ, yet are the same once case and whitespace are folded. */
function printedFoldedPair(ctx: EditContext): [string, string] | undefined {
  const values = new Set<string>([...ctx.output.strings, ...ctx.output.expecteds, ...ctx.output.actuals]);
  // Diff lines (`- Submit Order` / `+ Submit order`) print both sides unquoted.
  for (const m of ctx.output.raw.matchAll(/^\s*[-+]\s+(\S.*?)\s*$/gm)) values.add(m[1]);
  const byFold = new Map<string, string>();
  for (const v of values) {
    if (v.length < 3 || !/[A-Za-z]/.test(v)) continue;
    const key = v.toLowerCase().replace(/\s+/g, ' ').trim();
    const seen = byFold.get(key);
    if (seen !== undefined && seen !== v) return [seen, v];
    byFold.set(key, v);
  }
  return undefined;
}
