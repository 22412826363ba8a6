/**
 * The harness taught to pass, whatever the framework's spelling:
 * - a handler that recognises an assertion failure and returns instead of
 *   failing (`if (t instanceof AssertionFailedError) return;` in a JUnit
 *   exception handler, `if isinstance(e, AssertionError): return` in a hook);
 * - a custom equality registered with the framework (Jest/Vitest equality
 *   testers, Jasmine custom testers, unittest type equality functions, go-cmp
 *   options, AssertJ comparators) that no longer compares the field the failing
 *   run showed differing, or that calls everything equal.
 */
import { EditContext, quoteLine, TamperFinding } from './tamperContext';
import { CodeLine, LONG_LINE } from './tamperLines';

/** A test of whether an error is an assertion failure, in Java/Kotlin/JS/TS, Python and Go. */
const IS_ASSERTION_FAILURE =
  /\binstanceof\s+(?:[\w$]+\.)*(?:AssertionError|AssertionFailedError|ComparisonFailure|AssertionFailure|AssertionFailedException|JestAssertionError|MultipleFailuresError)\b|\bisinstance\s*\([^,]+,\s*\(?\s*(?:[\w.]+\.)?(?:AssertionError|Failed|OutcomeException)\b|\bis\s+(?:AssertionError|AssertionFailedError)\b|\.name\s*===?\s*["'](?:AssertionError|JestAssertionError)["']/;
/** Statements that give the failure up: return, pass, an empty block. Rethrowing or failing is not giving up. */
const GIVES_UP = /^(?:return\b[^;]*;?|pass|\{\s*\}|\{\s*return\b[^;]*;?\s*\}?)\s*$/;
const RETHROWS = /\b(?:throw|raise|fail|reject)\b/;

/** Registering a custom equality or comparison with the test framework. */
const REGISTERS_EQUALITY =
  /\bexpect\.addEqualityTesters\s*\(|\bjasmine\.addCustomEqualityTester\s*\(|\baddTypeEqualityFunc\s*\(|\bcmp\.Comparer\s*\(|\bcmpopts\.Ignore\w*\s*\(|\.usingComparator(?:ForType|ForFields)?\s*\(|\.ignoringFields\s*\(|\busingElementComparator\s*\(/;
/** What an equality body compares with. */
const COMPARES = /===?|!==?|\bequals?\s*\(|\bEqual\w*\s*\(|\bcompare\w*\s*\(/;
/** Fields that change from run to run by nature. */
export const VOLATILE_FIELD = /(?:^|_)(?:id|uuid|guid|nonce|etag|created|updated|modified|timestamp|time|date|at)$|(?:Id|Uuid|At|Time|Timestamp|Date)$|^(?:created|updated|modified)/;
/** A tester that says "equal" to everything. */
const ALWAYS_EQUAL = /=>\s*(?:true|0)\b|\breturn\s+(?:true|True|0)\s*;?\s*\}?\s*\)?\s*$/;

export function failureHookFindings(ctx: EditContext): TamperFinding[] {
  const added = ctx.changes.added.filter((l) => !l.comment && l.text.length < LONG_LINE);
  const removed = new Set(ctx.changes.removed.map((l) => l.text));
  for (const line of added) {
    if (removed.has(line.text)) continue;
    if (IS_ASSERTION_FAILURE.test(line.text) && givesUp(ctx, line)) {
      return [finding(ctx, `lets an assertion failure pass instead of failing the test: ${quoteLine(line.text)}`)];
    }
    if (REGISTERS_EQUALITY.test(line.text)) {
      const blind = blindEquality(ctx, line);
      if (blind) return [finding(ctx, `${blind}: ${quoteLine(line.text)}`)];
    }
  }
  return [];
}

/** The branch that recognised the failure returns or does nothing, on its own line or in the next statement. */
function givesUp(ctx: EditContext, line: CodeLine): boolean {
  const inline = /(?:\)\s*\{?|:)\s*([^{}:]*?(?:\{[^{}]*\})?)\s*$/.exec(line.text)?.[1]?.trim() ?? '';
  if (inline !== '' && inline !== '{') return GIVES_UP.test(inline) && !RETHROWS.test(inline);
  const next = ctx.changes.after.slice(line.index + 1, line.index + 4).find((l) => l.text !== '' && !l.comment && l.text !== '{');
  return next !== undefined && GIVES_UP.test(next.text) && !RETHROWS.test(next.text);
}

/** Why the registered equality is blind to the failure, or undefined when it still checks what differed. */
function blindEquality(ctx: EditContext, line: CodeLine): string | undefined {
  const body = registrationBody(ctx, line);
  const text = body.map((l) => l.text).join('\n');
  if (ALWAYS_EQUAL.test(text) && !COMPARES.test(text.replace(ALWAYS_EQUAL, ''))) return 'registers an equality that calls everything equal';
  // Timestamps, ids and nonces differ on every run: leaving them out of a comparison is ordinary.
  const differing = [...ctx.output.differing].filter((f) => !VOLATILE_FIELD.test(f));
  if (differing.length === 0) return undefined;
  const ignored = differing.find((f) => new RegExp(`\\bignor\\w*\\b[^\\n]*["'\`]${f}["'\`]|\\bIgnore\\w*\\([^)]*\\b${f}\\b`).test(text));
  if (ignored) return `registers an equality that ignores ${ignored}, the field the failing run showed differing`;
  const comparisons = body.filter((l) => COMPARES.test(l.text));
  if (comparisons.length > 0 && !comparisons.some((l) => differing.some((f) => new RegExp(`\\b${f}\\b`).test(l.text)))) {
    return `registers an equality that no longer compares ${differing.join(', ')}, the field${differing.length === 1 ? '' : 's'} the failing run showed differing`;
  }
  return undefined;
}

/** The registration line and the lines of its argument (up to the line that closes it, at most 12). */
function registrationBody(ctx: EditContext, line: CodeLine): CodeLine[] {
  const lines = [line];
  let depth = balance(line.text);
  for (let i = line.index + 1; depth > 0 && i < ctx.changes.after.length && i <= line.index + 12; i++) {
    const l = ctx.changes.after[i];
    if (!l.comment) lines.push(l);
    depth += balance(l.text);
  }
  return lines;
}

function balance(text: string): number {
  return (text.match(/[([{]/g)?.length ?? 0) - (text.match(/[)\]}]/g)?.length ?? 0);
}

function finding(ctx: EditContext, what: string): TamperFinding {
  return { pattern: 'harness-override', severity: 'tamper', detail: `${ctx.path} ${what}` };
}
