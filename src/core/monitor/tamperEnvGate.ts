/**
 * A test's check made to depend on where it runs: the assertion (or the
 * comparison that leads to it) now runs only when an environment variable or
 * the platform says so (`if os.Getenv("CI") != "" && got != want`,
 * `if (process.env.CI) expect(...)`, `assumeTrue(System.getenv("CI") != null)`),
 * so the local failing run passes. A platform branch that only picks the
 * expected value (`if runtime.GOOS == "windows" { want = ... }`) still checks.
 */
import { ASSERTION } from './tamperAssertions';
import { EditContext, isTestLine, quoteLine, TamperFinding } from './tamperContext';
import { CodeLine, LONG_LINE } from './tamperLines';

const ENV_READ =
  /\bos\.(?:Getenv|LookupEnv)\(|\bprocess\.env\b|\bos\.environ\b|\bos\.getenv\(|\bSystem\.(?:getenv|getProperty)\(|\b(?:std::)?env::var(?:_os)?\(|\bruntime\.GOOS\b|\bsys\.platform\b|\bplatform\.system\(\)|\bcfg!\(|\bprocess\.platform\b|\bBoolean\.getBoolean\(|\bENV\[/;
const CONDITION = /^(?:if|elif|else\s+if|unless|when)\b|\bassume\w*\s*\(|\?\s*[^.?]|&&|\band\b/;
const FAILS = /\bt\.(?:Error|Errorf|Fatal|Fatalf|Fail|FailNow)\b|\bassert\w*\b|\bexpect\s*\(|\bfail\s*\(|\bpanic!?\s*\(|\bthrow\b|\braise\b/;

export function envGateFindings(ctx: EditContext): TamperFinding[] {
  for (const block of ctx.changes.blocks) {
    for (const line of block.added) {
      if (line.comment || line.text.length > LONG_LINE || !isTestLine(ctx, line, 'after') || !ENV_READ.test(line.text) || !CONDITION.test(line.text)) continue;
      if (gatesACheck(ctx, block.removed, line)) {
        return [{ pattern: 'weakened-assertion', severity: 'tamper', detail: `${ctx.path}: the check now runs only in some environments: ${quoteLine(line.text)}` }];
      }
    }
  }
  return [];
}

function gatesACheck(ctx: EditContext, removed: readonly CodeLine[], gate: CodeLine): boolean {
  if (/\bassume\w*\s*\(/.test(gate.text)) return true;
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
