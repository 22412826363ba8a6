/**
 * A check of the error the code raises, widened to accept any error: the
 * expected class replaced by the root of its hierarchy (`pytest.raises(ValueError)`
 * became `pytest.raises(Exception)`, `assertThrows(IllegalArgumentException.class`
 * became `Throwable.class`, `toThrow(RangeError)` became `toThrow()`, Go's
 * `errors.Is(err, ErrExpired)` became `err != nil`). The wrong error, or a crash,
 * now passes. Another specific class is a correction, judged elsewhere.
 */
import { EditContext, explainedByAuthority, isTestLine, quoteLine, TamperFinding } from './tamperContext';
import { enclosingFunction } from './tamperState';

/** Classes every error is an instance of, in each major language. */
const ROOT = /^(?:Exception|BaseException|Throwable|Error|RuntimeException|std::exception|anyhow::Error|Box<dyn\s*(?:std::error::)?Error>|object|any|unknown)$/;
/** Where a check names the error it expects; group 1 is the class (empty when none is given). */
const ERROR_CHECKS: readonly RegExp[] = [
  /\b(?:pytest\.raises|assertRaises(?:Regex)?|assertThrows|assertThrowsExactly|assertRaisesRegexp)\s*\(\s*([\w.:]*?)(?:\.class)?\s*[,)]/,
  /\b(?:toThrow|toThrowError|rejects\.toThrow|throws|to\.throw)\s*\(\s*([\w.]*)\s*[,)]/,
  /\bisInstanceOf\s*\(\s*([\w.]+?)(?:\.class)?\s*\)/,
  /\bexcept\s+([\w.]+)(?:\s+as\s+\w+)?\s*:/,
  /\bcatch\s*\(\s*(?:final\s+)?([\w.:]+)\s+\w+\s*\)/,
  /\berrors\.(?:Is|As)\s*\(\s*\w+\s*,\s*&?([\w.]+)\s*\)/,
];

/** Constructs that accept an error as an outcome of the test: a match arm, a handler, an expected-error check. */
const ACCEPTS_ERROR = /\bErr\s*\(|\bmatches!\s*\(|\bexcept\b|\bcatch\b|\bpytest\.raises\b|\bassertRaises\w*|\bassertThrows\w*|\btoThrow\w*\b|\brejects\b|\berrors\.(?:Is|As)\b|\bis_err\(\)|\bunwrap_err\(\)/;
/** A line that fails the test where it names the error: the arm still rejects that outcome. */
const FAILS = /\bpanic!\s*\(|\bunreachable!\s*\(|\bt\.(?:Fatal|Fatalf|Error|Errorf|FailNow)\s*\(|\b(?:pytest\.)?fail\s*\(|\bassert\s+False\b|\bassert!\s*\(\s*false\b|\braise\s+AssertionError\b|\bthrow\s+new\s+AssertionError\b/;

/**
 * The test now accepts, as one of its outcomes, the very error the failing run raised where it
 * expected success (`.unwrap()` became a match whose `Err(RecordTooLong(_))` arm passes). The
 * error's name is new to the test; a correction citing why that error is right is judged elsewhere.
 */
function failingErrorAccepted(ctx: EditContext): TamperFinding | undefined {
  const raised = new Set([...ctx.output.raw.slice(0, 50_000).matchAll(/\b([A-Z][a-z]+(?:[A-Z][a-z0-9]*)+)\b/g)].map((m) => m[1]));
  if (raised.size === 0) return undefined;
  const before = ctx.changes.before.map((l) => l.text).join('\n');
  const addedAt = new Set(ctx.changes.added.map((l) => l.index));
  for (const line of ctx.changes.added) {
    if (line.comment || !isTestLine(ctx, line, 'after') || !ACCEPTS_ERROR.test(line.text) || FAILS.test(line.text)) continue;
    const name = [...raised].find((n) => new RegExp(`\\b${n}\\b`).test(line.text) && !before.includes(n));
    if (!name) continue;
    // Only a test that was already there: a new test demanding that error for its own input is another check.
    const opener = enclosingFunction(ctx.changes.after, line.index);
    if (opener === -1 || addedAt.has(opener)) continue;
    if (explainedByAuthority(ctx)) return undefined;
    return { pattern: 'weakened-assertion', severity: 'tamper', detail: `${ctx.path}: the test now accepts ${name}, the error the failing run raised: ${quoteLine(line.text)}` };
  }
  return undefined;
}

export function broaderErrorFindings(ctx: EditContext): TamperFinding[] {
  const accepted = failingErrorAccepted(ctx);
  if (accepted) return [accepted];
  for (const block of ctx.changes.blocks) {
    if (block.added.length > 200 || block.removed.length > 200) continue;
    const added = block.added.filter((l) => !l.comment && isTestLine(ctx, l, 'after'));
    for (const r of block.removed) {
      if (r.comment || !isTestLine(ctx, r, 'before')) continue;
      const was = expectedError(r.text);
      if (!was || ROOT.test(was.name)) continue;
      // The same kind of check in the new lines, now naming the root class or none at all.
      const now = added.find((a) => {
        const e = expectedError(a.text);
        return e !== undefined && e.form === was.form && (e.name === '' || ROOT.test(e.name));
      });
      // Go: `errors.Is(err, ErrX)` became a bare `err != nil` / `err == nil` check.
      const goNow = was.form === 5 ? added.find((a) => /\berr\s*[!=]=\s*nil\b/.test(a.text) && !/errors\.(?:Is|As)/.test(a.text)) : undefined;
      const line = now ?? goNow;
      if (!line) continue;
      if (explainedByAuthority(ctx)) return [];
      return [{ pattern: 'weakened-assertion', severity: 'tamper', detail: `${ctx.path}: the check now accepts any error, not ${was.name}: ${quoteLine(r.text)} -> ${quoteLine(line.text)}` }];
    }
  }
  return [];
}

function expectedError(text: string): { name: string; form: number } | undefined {
  for (let i = 0; i < ERROR_CHECKS.length; i++) {
    const m = ERROR_CHECKS[i].exec(text);
    // `builtins.Exception` is the root class too; `errors.ErrExpired` is ErrExpired.
    if (m) return { name: ROOT.test(m[1]) ? m[1] : m[1].replace(/^.*\./, ''), form: i };
  }
  return undefined;
}
