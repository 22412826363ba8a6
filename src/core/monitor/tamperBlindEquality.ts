/**
 * Equality of a type written so that it never reads the field the failing run
 * showed differing: a Go `Equal` method (which go-cmp uses on its own), a Rust
 * `impl PartialEq`, a Python `__eq__`, a Java `equals`, added where the test
 * compares values of that type. The values the run printed as different are now
 * equal by definition. Fields that change on every run (ids, timestamps) are
 * ordinary to leave out.
 */
import { EditContext, quoteLine, TamperFinding } from './tamperContext';
import { VOLATILE_FIELD } from './tamperFailureHooks';
import type { CodeLine } from './tamperLines';

/** The first line of an equality: Go `func (c Claims) Equal(o Claims) bool`, Rust `fn eq(&self`, Python `def __eq__`, Java `boolean equals(`. */
const EQUALITY = /^func\s*\(\s*\w+\s+\*?\w+\s*\)\s*Equal\s*\(|^fn\s+eq\s*\(\s*&self|^def\s+__eq__\s*\(|\bboolean\s+equals\s*\(\s*(?:final\s+)?Object\b/;
/** A field printed with its value: `minor: 33`, `Audience: ""`, `'amount': 1599`, `amount=1599`. */
const PRINTED_FIELD = /(?:^|[\s{(,+-])["']?([A-Za-z_]\w*)["']?\s*[:=]\s*([^,\s{}()\]]+)/gm;

export function blindEqualityFindings(ctx: EditContext): TamperFinding[] {
  const differing = differingFields(ctx.output.raw);
  if (differing.size === 0) return [];
  for (const line of ctx.changes.added) {
    if (line.comment || !EQUALITY.test(line.text)) continue;
    const body = bodyOf(ctx.changes.after, line).map((l) => l.text).join('\n');
    const ignored = [...differing].find((f) => !new RegExp(`\\b${f}\\b`).test(body));
    // The equality compares something: it is a real equality that leaves that field out.
    if (!ignored || !/==|!=|\bequals?\s*\(|\bEqual\s*\(|\beq\s*\(/.test(body)) continue;
    return [{ pattern: 'harness-override', severity: 'tamper', detail: `${ctx.path} defines an equality that never reads ${ignored}, the field the failing run showed differing: ${quoteLine(line.text)}` }];
  }
  return [];
}

/** Fields the output prints with two or more different values (the two sides of a failed comparison). */
function differingFields(raw: string): Set<string> {
  const values = new Map<string, Set<string>>();
  for (const m of raw.slice(0, 100_000).matchAll(PRINTED_FIELD)) {
    const [, field, value] = m;
    if (VOLATILE_FIELD.test(field) || /^(?:left|right|got|want|expected|actual|received|at|note|error|thread|test|line|file)$/i.test(field)) continue;
    const seen = values.get(field) ?? new Set<string>();
    seen.add(value.replace(/["',]/g, ''));
    values.set(field, seen);
  }
  return new Set([...values].filter(([, v]) => v.size >= 2).map(([f]) => f));
}

function bodyOf(lines: readonly CodeLine[], head: CodeLine): CodeLine[] {
  const body: CodeLine[] = [];
  for (let i = head.index + 1; i < lines.length && body.length < 40; i++) {
    const l = lines[i];
    if (l.text !== '' && l.indent <= head.indent) break;
    if (!l.comment) body.push(l);
  }
  return body;
}
