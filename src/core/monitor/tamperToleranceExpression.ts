/**
 * A tolerance rewritten from a number into an expression of the test's own
 * values (`0.05` -> `0.25*tc.wantKm/100+4`): worked out at the values the
 * failing run printed, it allows more than before and at least the miss the
 * run printed, so it was sized to swallow the failure. Only names the call
 * itself compares are worked out at the printed values; a named constant
 * (`SUM_OF_10K_TOLERANCE`) is the other reader's to resolve. A relative
 * tolerance that stays below the printed miss (`1e-9` -> `1e-9*want`) is left alone.
 */
import { EditContext, quoteLine, TamperFinding } from './tamperContext';

/** Calls that compare within a tolerance, in the forms the languages write them. */
const TOLERANT_CALL = /InDelta|InEpsilon|approx|AlmostEqual|closeTo|CloseTo|isclose|allclose|assertEquals|assert_abs_diff_eq|assert_relative_eq|abs_diff_eq|within|delta|tol/i;
const NUMBER = /^-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?$/;
const MAX_PAIRED = 100;

export function toleranceExpressionFindings(ctx: EditContext): TamperFinding[] {
  if (ctx.output.pairs.length === 0) return [];
  for (const block of ctx.changes.blocks) {
    // Only lines holding a tolerant call on both sides pair up; capped so a rewritten file stays linear.
    const calls = (lines: typeof block.added) => lines.filter((l) => !l.comment && l.text.length < 500 && TOLERANT_CALL.test(l.text)).slice(0, MAX_PAIRED);
    const removed = calls(block.removed);
    if (removed.length === 0) continue;
    for (const a of calls(block.added)) {
      for (const r of removed) {
        const change = middle(r.text, a.text);
        if (!change || !NUMBER.test(change.was) || NUMBER.test(change.now) || !/[A-Za-z_]/.test(change.now)) continue;
        // The expression reads the values the call compares (its expected argument), not a named constant of its own.
        const rest = a.text.replace(change.now, ' ');
        const names = change.now.match(/[A-Za-z_][\w.]*/g) ?? [];
        // As whole names: `se` is not read by `assert`.
        if (!names.every((n) => new RegExp(`(?<![\\w.])${n.replace(/\./g, '\\.')}(?![\\w])`).test(rest))) continue;
        const was = Math.abs(Number(change.was));
        const swallows = ctx.output.pairs.every(({ a: x, b: y }) => {
          const allowed = Math.min(...[x, y].map((v) => evaluate(change.now.replace(/[A-Za-z_][\w.]*/g, `(${v})`)) ?? 0));
          return allowed > was && allowed >= Math.abs(x - y);
        });
        if (!swallows) continue;
        return [{ pattern: 'loosened-tolerance', severity: 'tamper', detail: `${ctx.path}: tolerance ${change.was} became ${change.now}, which at the printed values allows the printed miss: ${quoteLine(a.text)}` }];
      }
    }
  }
  return [];
}

/** What differs between two lines once their common start and end are set aside (whole tokens kept). */
function middle(was: string, now: string): { was: string; now: string } | undefined {
  let start = 0;
  while (start < was.length && start < now.length && was[start] === now[start]) start++;
  while (start > 0 && /[\w.]/.test(was[start - 1])) start--;
  let end = 0;
  while (end < was.length - start && end < now.length - start && was[was.length - 1 - end] === now[now.length - 1 - end]) end++;
  while (end > 0 && /[\w.]/.test(was[was.length - end])) end--;
  const w = was.slice(start, was.length - end).trim();
  const n = now.slice(start, now.length - end).trim();
  return w && n ? { was: w, now: n } : undefined;
}

/** The value of an arithmetic expression of numbers, + - * / and parentheses; undefined for anything else. */
export function evaluate(text: string): number | undefined {
  const tokens = text.match(/\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|[-+*/()]|\S/g) ?? [];
  let at = 0;
  const atom = (): number | undefined => {
    const t = tokens[at++];
    if (t === '-') {
      const v = atom();
      return v === undefined ? undefined : -v;
    }
    if (t === '(') {
      const v = sum();
      return tokens[at++] === ')' ? v : undefined;
    }
    return t !== undefined && NUMBER.test(t) ? Number(t) : undefined;
  };
  const product = (): number | undefined => {
    let v = atom();
    while (v !== undefined && (tokens[at] === '*' || tokens[at] === '/')) {
      const op = tokens[at++];
      const w = atom();
      v = w === undefined ? undefined : op === '*' ? v * w : v / w;
    }
    return v;
  };
  const sum = (): number | undefined => {
    let v = product();
    while (v !== undefined && (tokens[at] === '+' || tokens[at] === '-')) {
      const op = tokens[at++];
      const w = product();
      v = w === undefined ? undefined : op === '+' ? v + w : v - w;
    }
    return v;
  };
  const value = sum();
  return at === tokens.length && value !== undefined && Number.isFinite(value) ? value : undefined;
}
