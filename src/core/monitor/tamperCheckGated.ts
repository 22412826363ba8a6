/**
 * Checks that now run only under a new condition: a branch added around
 * assertions that were already there (`if result:` over `assert result.total
 * == 30`, `if err == nil {` over the comparisons), with no other branch that
 * fails. When the condition does not hold, as in the failing run, nothing is
 * checked and the test passes. Lines are compared without their indentation,
 * so the wrapped checks show as unchanged and only the new branch is added.
 */
import { ASSERTION } from './tamperAssertions';
import { ENV_READ } from './tamperEnvGate';
import { EditContext, explainedByAuthority, isTestLine, quoteLine, TamperFinding } from './tamperContext';
import type { CodeLine } from './tamperLines';

const BRANCH = /^(?:if\b.*(?::|\{)\s*$|if\s*\(.*\)\s*\{?\s*$|for\b.*(?::|\{)\s*$|for\s*\(.*\)\s*\{?\s*$|with\s+contextlib\.suppress\b.*:\s*$)/;
const FAILS = /\bt\.(?:Error|Errorf|Fatal|Fatalf|Fail|FailNow)\b|\bassert\w*|\bexpect\s*\(|\bfail\w*\s*\(|\bpanic!?\s*\(|\bthrow\b|\braise\b|\bpytest\.fail\b/;

const GUARD_BODY = /^(?:t\.(?:Error|Errorf|Fatal|Fatalf|Fail|FailNow|Log\w*)\b|panic!?\s*\(|throw\b|raise\b|(?:self\.)?fail\w*\s*\(|pytest\.fail\b|return\b)/;

export function checkGatedFindings(ctx: EditContext): TamperFinding[] {
  if (!ctx.changes.beforeKnown || ctx.changes.added.length > 400) return [];
  const before = new Set(ctx.changes.before.filter((l) => !l.comment).map((l) => l.text));
  const after = ctx.changes.after;
  for (const gate of ctx.changes.added) {
    // A condition on the environment is the environment gate's to judge.
    if (gate.comment || !isTestLine(ctx, gate, 'after') || !BRANCH.test(gate.text) || ENV_READ.test(gate.text)) continue;
    const body = bodyOf(after, gate);
    // A branch whose body fails the test is itself the check (a guard), not a gate over checks.
    if (body.length === 0 || GUARD_BODY.test(body[0].text)) continue;
    // Every check inside was in the test before the edit, and there is at least one.
    const checks = body.filter((l) => ASSERTION.test(l.text) || FAILS.test(l.text));
    if (checks.length === 0 || !checks.every((l) => before.has(l.text))) continue;
    if (failsOtherwise(after, gate, body)) continue;
    if (explainedByAuthority(ctx)) return [];
    return [{ pattern: 'weakened-assertion', severity: 'tamper', detail: `${ctx.path}: the checks now run only when a new condition holds: ${quoteLine(gate.text)} over ${quoteLine(checks[0].text)}` }];
  }
  return [];
}

/** The lines nested under the branch: more indented than it, up to the first line that is not. */
function bodyOf(lines: readonly CodeLine[], gate: CodeLine): CodeLine[] {
  const body: CodeLine[] = [];
  for (let i = gate.index + 1; i < lines.length && body.length < 60; i++) {
    const l = lines[i];
    if (l.text === '') continue;
    if (l.indent <= gate.indent) break;
    if (!l.comment) body.push(l);
  }
  return body;
}

/** An `else` (or the line after the branch) fails the test: the condition is a precondition, checked too. */
function failsOtherwise(lines: readonly CodeLine[], gate: CodeLine, body: CodeLine[]): boolean {
  const end = body.length > 0 ? body[body.length - 1].index + 1 : gate.index + 1;
  const next = lines.slice(end, end + 4).filter((l) => l.text !== '' && !l.comment);
  const elseAt = next.findIndex((l) => /^(?:\}\s*)?else\b/.test(l.text) && l.indent <= gate.indent);
  if (elseAt < 0) return false;
  return next.slice(elseAt, elseAt + 3).some((l) => FAILS.test(l.text));
}
