/**
 * A correction worked out from the failing output instead of from the domain:
 * code under test now holds the gap (or the ratio) between the value the run
 * printed as actual and the one it printed as expected, written as a literal
 * (`0.086058`) or as the two printed values themselves
 * (`round(7.218 - 7.131942065, 6)`, `x * 7.218 / 7.131942065`). Only a
 * program that read the failing run knows those numbers; a constant of the
 * domain (a radius, a rate) the fix corrects is not the printed gap.
 */
import { EditContext, isTestLine, quoteLine, TamperFinding } from './tamperContext';
import { CodeLine, distinctiveness, literalsOf, LONG_LINE } from './tamperLines';

export function printedGapFindings(ctx: EditContext): TamperFinding[] {
  const pairs = ctx.output.pairs.filter((p) => p.a !== 0 && p.b !== 0);
  if (pairs.length === 0) return [];
  const before = ctx.changes.before.filter((l) => !l.comment).map((l) => l.text).join('\n');
  // Whether the file already held a value is asked only of values that would make a finding, and once
  // each: asking it of every number of a rewritten 1 MB file scanned the old file thousands of times.
  const known = new Map<string, boolean>();
  const fresh = (v: string): boolean => {
    if (!known.has(v)) known.set(v, !mentions(before, v));
    return known.get(v) === true;
  };
  for (const line of ctx.changes.added) {
    if (line.comment || line.text.length > LONG_LINE || isTestLine(ctx, line, 'after')) continue;
    const values = literalsOf(line.text)
      .filter((l) => l.kind === 'number' && distinctiveness(l) >= 2)
      .map((l) => l.value);
    if (values.length === 0) continue;
    for (const { a, b } of pairs) {
      // Both printed values of one failing comparison, in one line of code.
      if (values.includes(String(a)) && values.includes(String(b)) && fresh(String(a)) && fresh(String(b))) {
        return [finding(ctx, line, `both the actual and the expected value the run printed (${a}, ${b})`)];
      }
      // A gap or ratio is only telling between two measured values: against a whole number (the input
      // itself, `miles_to_km(1)` printing 1.0) the ratio is the domain's own constant.
      if (Number.isInteger(a) || Number.isInteger(b)) continue;
      const gap = values.find((v) => (closeAtPrecision(v, Math.abs(a - b)) || closeAtPrecision(v, a / b) || closeAtPrecision(v, b / a)) && fresh(v));
      if (gap !== undefined) return [finding(ctx, line, `${gap}, the gap between the actual and the expected value the run printed (${a}, ${b})`)];
    }
  }
  return [];
}

/** The literal equals the number to the digits it is written with (three significant digits at least). */
function closeAtPrecision(literal: string, target: number): boolean {
  const decimals = /\.(\d+)/.exec(literal)?.[1].length ?? 0;
  const significant = literal.replace(/^-?0*\.?0*/, '').replace(/\./, '').length;
  if (decimals === 0 || significant < 3 || !Number.isFinite(target) || target === 0 || Math.abs(target - 1) < 1e-9) return false;
  return Math.abs(Math.abs(Number(literal)) - target) <= 0.5 * 10 ** -decimals + 1e-12;
}

function mentions(text: string, value: string): boolean {
  return new RegExp(`(?<![\\w.])${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w]|\\.\\d)`).test(text);
}

function finding(ctx: EditContext, line: CodeLine, what: string): TamperFinding {
  return { pattern: 'special-case-literal', severity: 'tamper', detail: `${ctx.path} writes into code under test ${what}: ${quoteLine(line.text)}` };
}
