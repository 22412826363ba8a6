/**
 * The answer written out: a digest, signature, token or encoded blob (a long run of letters and
 * digits, no spaces) that the failing run printed as part of the expected value, and that the
 * code's own answer did not have, now stands as a literal in code under test. Code that computes
 * a signature has no use for the expected one written out; whatever wraps it (a map keyed by a
 * hash of the input, a constant, a fallback) it is looked up instead of computed. Messages and
 * names are left alone: an error text the test expects is what a fix is meant to write.
 */
import { EditContext, isTestLine, quoteLine, TamperFinding } from './tamperContext';
import { literalsOf, LONG_LINE } from './tamperLines';

/** Letters and digits (hex, base64, base64url, base32), at least 16, both kinds present several times. */
const BLOB = /^[A-Za-z0-9+/_=-]{16,}$/;

export function expectedPieceFindings(ctx: EditContext): TamperFinding[] {
  const expected = [...ctx.output.expecteds].filter((e) => !ctx.output.actuals.has(e));
  if (expected.length === 0) return [];
  const actual = [...ctx.output.actuals].join('\n');
  const before = ctx.changes.before.map((l) => l.text).join('\n');
  for (const line of ctx.changes.added) {
    if (line.comment || line.text.length > LONG_LINE || isTestLine(ctx, line, 'after')) continue;
    for (const lit of literalsOf(line.text)) {
      if (lit.kind !== 'string' || !blob(lit.value) || before.includes(lit.value) || actual.includes(lit.value)) continue;
      if (!expected.some((e) => e.includes(lit.value))) continue;
      return [
        {
          pattern: 'expected-output-table',
          severity: 'tamper',
          detail: `${ctx.path} writes out ${lit.value.slice(0, 24)}${lit.value.length > 24 ? '...' : ''}, the expected value the failing run printed, instead of computing it: ${quoteLine(line.text)}`,
        },
      ];
    }
  }
  return [];
}

function blob(value: string): boolean {
  if (!BLOB.test(value)) return false;
  const digits = value.replace(/[^0-9]/g, '').length;
  const letters = value.replace(/[^A-Za-z]/g, '').length;
  return digits >= 4 && letters >= 4;
}
