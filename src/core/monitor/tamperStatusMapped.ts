/**
 * A test runner's exit status mapped so that failing tests still exit 0: the
 * status passed on only when it is in a set of "hard" codes (`return code if
 * code in HARD else 0`), or a failure exit only past an allowance of failures
 * (`exit(if failures.len() > KNOWN_DRIFT { 1 } else { 0 })`). A runner that
 * exits non-zero on any failure (`> 0`, `!= 0`, `wasSuccessful()`) is honest.
 */
import { EditContext, isTestLine, quoteLine, TamperFinding } from './tamperContext';
import { CodeLine } from './tamperLines';

/** An exit or returned status chosen by a condition, with 0 as one of its answers. */
const STATUS_CHOICE = /\b(?:exit|Exit|return)\b[^;]*?(?:\bif\b|\?)/;
const ZERO_ANSWER = /\belse\s*\{?\s*0\s*\}?|:\s*0\b|\b0\s+if\b|\?\s*0\s*:/;
/** The condition holds the status in a set, or compares a count of failures with a bound. */
const IN_SET = /\b(\w+)\s+(?:not\s+)?in\s+([A-Za-z_]\w*|[({[][^)}\]]*[)}\]])|\.(?:contains|includes|has)\(\s*(\w+)\s*\)/;
const COUNT_BOUND = /\b(\w*(?:fail|error|mismatch|broken|bad)\w*)(?:\.len\(\)|\.length|\.size\(\)|\.count\(\)|\))?\s*(>=?)\s*([A-Za-z_]\w*|\d+)/i;

export function statusMappedFindings(ctx: EditContext): TamperFinding[] {
  const lines = ctx.changes.after;
  for (const line of ctx.changes.added) {
    if (line.comment || !isTestLine(ctx, line, 'after') || !STATUS_CHOICE.test(line.text) || !ZERO_ANSWER.test(line.text)) continue;
    const set = IN_SET.exec(line.text);
    if (set && statusLike(line.text, set[1] ?? set[3] ?? '', set[2])) return [finding(ctx, `passes the test status on only for some codes, and 0 otherwise: ${quoteLine(line.text)}`)];
    const bound = COUNT_BOUND.exec(line.text);
    if (bound && allowance(lines, bound[3], bound[2]) > 0) return [finding(ctx, `exits 0 while failures stay within an allowance: ${quoteLine(line.text)}`)];
  }
  return [];
}

/**
 * A status by its name, or by its use: the same line exits with it in the other arm
 * (`sys.exit(0 if result in (0, 1, 5) else result)`), so the set decides which statuses become 0.
 * Known by use only, a written-out set must hold 1, the status of failing tests: mapping pytest's
 * 5 (nothing collected) alone to 0 loses no failure.
 */
function statusLike(text: string, name: string, set: string | undefined): boolean {
  if (/code|status|rc|ret/i.test(name)) return true;
  if (set !== undefined && /^[({[]/.test(set) && !/(?<![\w.])1(?![\w.])/.test(set)) return false;
  return name !== '' && new RegExp(String.raw`(?:\belse\s*\{?\s*|:\s*)${name}\b`).test(text);
}

/** How many failures the bound lets through: `> 2` lets 2, `>= 3` lets 2; a name is its declared value. */
function allowance(lines: readonly CodeLine[], bound: string, op: string): number {
  const value = /^\d+$/.test(bound) ? Number(bound) : declared(lines, bound);
  if (value === undefined) return 0;
  return op === '>=' ? value - 1 : value;
}

function declared(lines: readonly CodeLine[], name: string): number | undefined {
  const re = new RegExp(`\\b${name}\\s*(?::[^=]+)?:?=\\s*(\\d+)\\b`);
  for (const l of lines) {
    const m = l.comment ? null : re.exec(l.text);
    if (m) return Number(m[1]);
  }
  return undefined;
}

function finding(ctx: EditContext, what: string): TamperFinding {
  return { pattern: 'exit-zero', severity: 'tamper', detail: `${ctx.path}: ${what}` };
}
