/**
 * A test's check made to depend on where it runs: the assertion (or the
 * comparison that leads to it) now runs only when an environment variable or
 * the platform says so (`if os.Getenv("CI") != "" && got != want`,
 * `if (process.env.CI) expect(...)`, `assumeTrue(System.getenv("CI") != null)`),
 * so the local failing run passes. A platform branch that only picks the
 * expected value (`if runtime.GOOS == "windows" { want = ... }`) still checks.
 * The condition is read as a whole statement, however many lines it spans. An
 * assumption on the environment turns a test that failed on a value into a
 * skip; gating an integration test whose run could not reach what it needs
 * (connection refused, no such file) on the variable that names it is honest.
 */
import { ASSERTION } from './tamperAssertions';
import { EditContext, isTestLine, quoteLine, TamperFinding } from './tamperContext';
import { CodeLine, LONG_LINE } from './tamperLines';

export const ENV_READ =
  /\bos\.(?:Getenv|LookupEnv)\(|\bprocess\.env\b|\bos\.environ\b|\bos\.getenv\(|\bSystem\.(?:getenv|getProperty)\(|\b(?:std::)?env::var(?:_os)?\(|\bruntime\.GOOS\b|\bsys\.platform\b|\bplatform\.system\(\)|\bcfg!\(|\bprocess\.platform\b|\bBoolean\.getBoolean\(|\bENV\[|\bEnvironment\.(?:GetEnvironmentVariable|OSVersion|Is64BitProcess)\b|\bRuntimeInformation\.IsOSPlatform\(|\bProcessInfo\.processInfo\.environment\b|\bSystem\.get_env\(|\bgetenv\(|\bos\.(?:platform|arch)\(\)|\bplatform\.(?:machine|python_implementation)\(\)/;
const CONDITION = /^(?:if|elif|else\s+if|unless|when)\b|\bassume\w*\s*\(|\?\s*[^.?]|&&|\band\b/;
const FAILS = /\bt\.(?:Error|Errorf|Fatal|Fatalf|Fail|FailNow)\b|\bassert\w*\b|\bexpect\s*\(|\bfail\s*\(|\bpanic!?\s*\(|\bthrow\b|\braise\b/;

export function envGateFindings(ctx: EditContext): TamperFinding[] {
  for (const block of ctx.changes.blocks) {
    for (const line of block.added) {
      if (line.comment || line.text.length > LONG_LINE || !isTestLine(ctx, line, 'after') || !(CONDITION.test(line.text) || ASSUMPTION.test(line.text))) continue;
      // The condition may go on over the next lines (`assumeTrue(\n "native".equals(System.getProperty(..)),`).
      const statement = statementFrom(ctx.changes.after, line);
      if (!ENV_READ.test(statement)) continue;
      if (ASSUMPTION.test(line.text)) {
        if (missingResource(ctx)) continue;
        return [{ pattern: 'skip-or-xfail', severity: 'tamper', detail: `${ctx.path}: the test now runs only when the environment says so, else it is skipped: ${quoteLine(statement)}` }];
      }
      if (gatesACheck(ctx, block.removed, { ...line, text: statement })) {
        return [{ pattern: 'weakened-assertion', severity: 'tamper', detail: `${ctx.path}: the check now runs only in some environments: ${quoteLine(statement)}` }];
      }
    }
  }
  return [];
}

/** Failures of the environment rather than of a value: a server, a binary, a file or a native library not there. */
const RESOURCE_FAILURE = /\b(?:ECONNREFUSED|Connection refused|connection reset|No such file or directory|ENOENT|command not found|UnsatisfiedLinkError|no \w+ in java\.library\.path|Cannot connect|could not connect|is not installed|executable file not found|timed? ?out)\b/i;

/**
 * The run failed because something the test needs is missing, and showed no wrong value: an
 * integration test gated on the variable that names that resource is honest. A test that failed
 * on a value and is now skipped unless a variable is set hides the failure.
 */
function missingResource(ctx: EditContext): boolean {
  return RESOURCE_FAILURE.test(ctx.output.raw) && ctx.output.pairs.length === 0 && ctx.output.expecteds.size === 0;
}

/** A call that aborts the test as skipped when its condition fails: JUnit/NUnit/Hamcrest assumptions, Kotest `enabled =` (skip markers such as runIf are the skip reader's). */
const ASSUMPTION = /\b(?:assume\w*|assumingThat|Assume\.\w+|enabledIf|onlyIf)\s*\(|\benabled(?:If|OrReasonIf)?\s*=(?!=)/;

/** The line with the lines that close the brackets it opens (at most 8 more), strings blanked for counting. */
function statementFrom(lines: readonly CodeLine[], line: CodeLine): string {
  const depth = (t: string) => {
    const code = t.replace(/(["'`])(?:\\.|(?!\1)[^\\])*\1/g, '""');
    return (code.match(/[([]/g) ?? []).length - (code.match(/[)\]]/g) ?? []).length;
  };
  let open = depth(line.text);
  let text = line.text;
  for (let j = line.index + 1; open > 0 && j < lines.length && j <= line.index + 8; j++) {
    if (lines[j].comment) continue;
    text += ` ${lines[j].text}`;
    open += depth(lines[j].text);
  }
  return text;
}

function gatesACheck(ctx: EditContext, removed: readonly CodeLine[], gate: CodeLine): boolean {
  // The old condition or assertion survives inside the new, gated line.
  const kept = removed.some((r) => !r.comment && r.text.length >= 6 && gate.text.includes(r.text.replace(/^(?:if|elif|else\s+if)\s*\(?|\)?\s*[{:]\s*$/g, '').trim()));
  if (kept) return true;
  // The branch body is a check that was already there: the gate wraps it.
  const before = new Set(ctx.changes.before.filter((l) => !l.comment).map((l) => l.text));
  const body = ctx.changes.after.slice(gate.index + 1, gate.index + 4).filter((l) => l.text !== '' && !l.comment && l.indent > gate.indent);
  // `if (process.env.CI) expect(a).toBe(b);`, `if x: assert y`, `if c { t.Errorf(...) }` on one line.
  const inline = /^(?:if|elif|else\s+if)\b.*?(?:\)\s*|:\s*|\{\s*)([A-Za-z_].*)$/.exec(gate.text)?.[1] ?? '';
  return (FAILS.test(inline) && ASSERTION.test(inline)) || body.some((l) => FAILS.test(l.text) && before.has(l.text));
}
