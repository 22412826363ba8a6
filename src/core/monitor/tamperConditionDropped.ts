/**
 * A check that now accepts a strictly larger set of results: the condition under
 * which it passes lost one of its requirements (`pass = found && ia < ib` became
 * `pass = found`, `assert ok and total == 30` became `assert ok`) or gained an
 * alternative (`assert x == 3` became `assert x == 3 or x == 4`); for a guard
 * that fails the test (`if got != want || err != nil { t.Errorf }`) the other way
 * round. A requirement split off into a check of its own is kept, not dropped.
 */
import { ASSERTION } from './tamperAssertions';
import { EditContext, explainedByAuthority, isTestLine, quoteLine, TamperFinding } from './tamperContext';
import type { CodeLine } from './tamperLines';
import { tolerancesOf } from './tamperToleranceRead';

const AND = /&&|\band\b/g;
const OR = /\|\||\bor\b/g;
/** What decides a matcher's or a helper's verdict: `pass = ...`, `return ...`, `ok := ...`. */
const VERDICT = /^(?:(?:const|let|var|val|final)\s+)?(?:pass|passed|ok|matches|result|equal|same|valid)\s*(?::\s*\w+\s*)?:?=(?!=)|^return\b/;
/** A guard: a condition whose branch fails the test (`if got != want {` then `t.Errorf`). */
const FAILS = /\bt\.(?:Error|Errorf|Fatal|Fatalf|Fail)\b|\bthrow\b|\braise\b|\bpanic!?\s*\(|\bfail\w*\s*\(/;

/** A block changing more lines than this is a rewrite, not a check edited. */
const MAX_LINES = 200;

export function conditionDroppedFindings(ctx: EditContext): TamperFinding[] {
  for (const block of ctx.changes.blocks) {
    if (block.added.length > MAX_LINES || block.removed.length > MAX_LINES) continue;
    const added = block.added.filter((l) => !l.comment && isTestLine(ctx, l, 'after'));
    const removed = block.removed.filter((l) => !l.comment && isTestLine(ctx, l, 'before') && !ctx.ownLines.has(l.text));
    for (const r of removed) {
      const polarity = polarityOf(ctx.changes.before, r);
      if (!polarity) continue;
      for (const a of added) {
        if (!(JOINED.test(r.text) || JOINED.test(a.text)) || polarityOf(ctx.changes.after, a) !== polarity) continue;
        // Pass conditions lose an "and" or gain an "or"; failure conditions the other way round.
        const lost = polarity === 'pass' ? withoutTerm(r.text, AND, a.text) : withoutTerm(r.text, OR, a.text);
        const gained = lost === undefined ? (polarity === 'pass' ? withoutTerm(a.text, OR, r.text) : withoutTerm(a.text, AND, r.text)) : undefined;
        const term = lost ?? gained;
        // A bound on a distance (`abs(a - b) < 0.01`) is a tolerance, judged as one.
        if (term === undefined || tolerancesOf(term).length > 0) continue;
        // The requirement checked on a line of its own is still checked.
        if (lost !== undefined && added.some((o) => o !== a && squash(o.text).includes(squash(lost)))) continue;
        if (explainedByAuthority(ctx)) return [];
        const how = lost !== undefined ? `${quoteLine(term.trim())} no longer decides it` : `it now also passes on ${quoteLine(term.trim())}`;
        return [{ pattern: 'weakened-assertion', severity: 'tamper', detail: `${ctx.path}: the check now accepts more results (${how}): ${quoteLine(r.text)} -> ${quoteLine(a.text)}` }];
      }
    }
  }
  return [];
}

const JOINED = /&&|\|\||\band\b|\bor\b/;

function polarityOf(lines: readonly CodeLine[], line: CodeLine): 'pass' | 'fail' | undefined {
  if (/^(?:if|elif|else\s+if)\b/.test(line.text)) {
    const body = lines.slice(line.index, line.index + 3).map((l) => l.text).join(' ');
    return FAILS.test(body) ? 'fail' : undefined;
  }
  return ASSERTION.test(line.text) || VERDICT.test(line.text) ? 'pass' : undefined;
}

const squash = (t: string) => t.replace(/\s+/g, '');

/**
 * The term that, joined by `joiner` to the rest, makes `longer` out of `shorter`: `a && b && c`
 * without `&& c` is `a && b`. Undefined when no single term's removal gives `shorter`.
 */
function withoutTerm(longer: string, joiner: RegExp, shorter: string): string | undefined {
  // Brackets left around the remaining term (`(total == 30 or total == 28)` without its alternative) do not matter.
  const bare = (t: string) => squash(t).replace(/[()]/g, '');
  const target = bare(shorter);
  if (bare(longer).length <= target.length) return undefined;
  for (const m of longer.matchAll(joiner)) {
    const at = m.index;
    const end = at + m[0].length;
    // The term after the joiner runs to the next joiner or to the bracket that closes its group.
    const after = termEnd(longer, end);
    if (bare(longer.slice(0, at) + longer.slice(after)) === target) return longer.slice(end, after);
    const before = termStart(longer, at);
    if (bare(longer.slice(0, before) + longer.slice(end)) === target) return longer.slice(before, at);
  }
  return undefined;
}

function termEnd(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) {
      if (depth === 0) return i;
      depth--;
    } else if (depth === 0 && (/^(?:&&|\|\||\band\b|\bor\b)/.test(text.slice(i)) || ch === ';' || ch === ',' || (ch === ':' && /:\s*$/.test(text.slice(i))))) return i;
  }
  return text.length;
}

function termStart(text: string, from: number): number {
  let depth = 0;
  for (let i = from - 1; i >= 0; i--) {
    const ch = text[i];
    if (')]}'.includes(ch)) depth++;
    else if ('([{'.includes(ch)) {
      if (depth === 0) return i + 1;
      depth--;
    } else if (depth === 0 && (/(?:&&|\|\||\band|\bor|=|\breturn|\bassert|\bif)\s*$/.test(text.slice(0, i + 1)) || ch === ',')) return i + 1;
  }
  return 0;
}
