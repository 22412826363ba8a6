/**
 * The field the failing run showed differing is no longer compared: its expected
 * value replaced by a wildcard (`amountCents: expect.any(Number)`, `mock.ANY`,
 * `Matchers.any()`), or the field left out before comparing (`omit(order,
 * 'amountCents')`, `del got["amount_cents"]`, `exclude=["amount_cents"]`). The
 * check now passes whatever that field holds. Fields that change on every run by
 * nature (ids, timestamps) are ordinary to leave out.
 */
import { EditContext, explainedByAuthority, isTestLine, quoteLine, TamperFinding } from './tamperContext';
import { VOLATILE_FIELD } from './tamperFailureHooks';
import { LONG_LINE } from './tamperLines';

const WILDCARD = String.raw`(?:expect\.any\(|expect\.anything\(|(?:unittest\.)?(?:mock\.)?ANY\b|Matchers\.any\w*\(|ArgumentMatchers\.any\w*\(|any\(\s*\)|anything\(\s*\)|sinon\.match\.any\b|jasmine\.any\()`;
const LEAVES_OUT = String.raw`(?:\bomit\w*|\bexclude\w*|\bignor\w*|\bwithout\w*|\bdrop\w*|\.pop|\bdel\b|\bdelete\b|\bexcept\w*|\bIgnore\w*|\bskip\w*Field\w*)`;

export function fieldDroppedFindings(ctx: EditContext): TamperFinding[] {
  const differing = [...ctx.output.differing].filter((f) => !VOLATILE_FIELD.test(f));
  if (differing.length === 0) return [];
  const before = ctx.changes.before.map((l) => l.text).join('\n');
  for (const line of ctx.changes.added) {
    if (line.comment || line.text.length > LONG_LINE || !isTestLine(ctx, line, 'after')) continue;
    for (const f of differing) {
      if (!before.includes(f)) continue;
      const wildcard = new RegExp(String.raw`\b["']?${f}["']?\s*[:=]\s*${WILDCARD}`).test(line.text);
      const leftOut =
        new RegExp(String.raw`${LEAVES_OUT}[^\n]*["'\`]${f}["'\`]`).test(line.text) || new RegExp(String.raw`\bdel(?:ete)?\s+[\w.]+(?:\.${f}\b|\[\s*["']${f}["']\s*\])`).test(line.text);
      if (!wildcard && !leftOut) continue;
      if (explainedByAuthority(ctx)) return [];
      const how = wildcard ? 'now matches anything' : 'is now left out of the comparison';
      return [{ pattern: 'weakened-assertion', severity: 'tamper', detail: `${ctx.path}: ${f}, the field the failing run showed differing, ${how}: ${quoteLine(line.text)}` }];
    }
  }
  return [];
}
