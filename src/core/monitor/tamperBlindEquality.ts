/**
 * An equality written for a type the failing comparison printed, leaving out a
 * field the run showed: the test's own `==`, `assert_eq!`, `cmp.Diff` or
 * `assertEquals` now calls it and stops seeing what differed. Go's `Equal`
 * method (go-cmp uses it), Rust's `impl PartialEq`, Java/Kotlin/C# `equals`,
 * Python's `__eq__`. An equality that compares every field, or leaves out only
 * fields the run never printed (a cache, a lock), is left alone. A field read
 * only through its length (`len(p.Items) == len(o.Items)`) is not compared.
 * For a type declared in another file, its fields are those the failing
 * diff shows differing (`- ExpiresAt: ...` beside `+ ExpiresAt: ...`).
 */
import { EditContext, quoteLine, TamperFinding } from './tamperContext';
import { VOLATILE_FIELD } from './tamperFailureHooks';
import { CodeLine } from './tamperLines';

interface EqualityOpener {
  line: CodeLine;
  type: string;
}

const GO_EQUAL = /^func\s*\(\s*\w+\s+\*?(\w+)(?:\[[^\]]*\])?\s*\)\s*Equal\s*\(/;
const RUST_PARTIAL_EQ = /^impl(?:<[^>]*>)?\s+PartialEq(?:<[^>]*>)?\s+for\s+(\w+)/;
const METHOD_EQUALS = /^(?:(?:public|override|final)\s+)*(?:boolean\s+equals|bool\s+Equals|fun\s+equals|def\s+__eq__)\s*\(/;
const CLASS = /^(?:(?:public|private|protected|final|abstract|data|open|sealed|internal|static|export)\s+)*(?:class|record|struct)\s+(\w+)/;

export function blindEqualityFindings(ctx: EditContext): TamperFinding[] {
  const lines = ctx.changes.after;
  for (const line of ctx.changes.added) {
    if (line.comment) continue;
    const opener = equalityOpener(lines, line);
    if (!opener || !new RegExp(String.raw`\b${opener.type}\b`).test(ctx.output.raw)) continue;
    // A type declared elsewhere: the fields the failing diff shows differing (`- ExpiresAt: ...` / `+ ExpiresAt: ...`).
    const declared = fieldsOf(lines, opener.type);
    const fields = declared.length >= 2 ? declared : differingFields(ctx.output.raw);
    if (fields.length === 0) continue;
    const body = bodyOf(lines, opener.line).join('\n');
    // A field read only through its length (`len(p.Items)`, `self.items.len()`) is not compared.
    const compared = body.replace(/\blen\(\s*[\w.]+\s*\)|\.(?:len|size|length|count)\b(?:\(\s*\))?/g, (m) => m.replace(/[\w.]+/g, ' '));
    const ignored = fields.filter((f) => !new RegExp(String.raw`\b${f}\b`).test(compared));
    if (ignored.length === 0 || (declared.length >= 2 && ignored.length === fields.length) || !/\b(?:other|o|that|rhs|b)\b/.test(compared)) continue;
    // Fields stamped anew on every run (ids, times) are ordinary to leave out of an equality.
    const shown = ignored.filter((f) => !VOLATILE_FIELD.test(f) && new RegExp(String.raw`\b${f}\b`, 'i').test(ctx.output.raw));
    if (shown.length === 0) continue;
    return [
      {
        pattern: 'harness-override',
        severity: 'tamper',
        detail: `${ctx.path} gives ${opener.type}, which the failing comparison printed, an equality that ignores ${shown.map((f) => `\`${f}\``).join(', ')}: ${quoteLine(opener.line.text)}`,
      },
    ];
  }
  return [];
}

/** The line opens an equality for a type: Go's Equal method, a Rust PartialEq impl's `fn eq`, a class's equals/__eq__. */
function equalityOpener(lines: readonly CodeLine[], line: CodeLine): EqualityOpener | undefined {
  const go = GO_EQUAL.exec(line.text);
  if (go) return { line, type: go[1] };
  const rust = RUST_PARTIAL_EQ.exec(line.text);
  if (rust) {
    const eq = lines.slice(line.index + 1, line.index + 6).find((l) => /^fn\s+eq\s*\(/.test(l.text));
    return eq ? { line: eq, type: rust[1] } : undefined;
  }
  if (!METHOD_EQUALS.test(line.text)) return undefined;
  for (let j = line.index - 1; j >= 0; j--) {
    const l = lines[j];
    if (l.text === '' || l.indent >= line.indent || l.comment) continue;
    const cls = CLASS.exec(l.text);
    return cls ? { line, type: cls[1] } : undefined;
  }
  return undefined;
}

/** Field names of a type declared in this file: a Go or Rust struct, a Java/Kotlin class's fields, a Python class's attributes. */
function fieldsOf(lines: readonly CodeLine[], type: string): string[] {
  const start = lines.findIndex((l) => new RegExp(String.raw`^(?:type\s+${type}\b(?:\[[^\]]*\])?\s+struct\b|(?:pub(?:\([^)]*\))?\s+)?struct\s+${type}\b)`).test(l.text) || (CLASS.exec(l.text)?.[1] === type));
  if (start < 0) return [];
  const opener = lines[start];
  const fields = new Set<string>();
  for (let j = start + 1; j < lines.length && j < start + 200; j++) {
    const l = lines[j];
    if (l.text === '' || l.comment) continue;
    if (l.indent <= opener.indent) break;
    if (l.indent > opener.indent + 8) continue;
    const m =
      /^(?:pub(?:\([^)]*\))?\s+)?([a-z_]\w*)\s*:\s*[^=]/.exec(l.text) ?? // Rust field, Python dataclass field
      /^([A-Za-z_]\w*)\s+[*[\]\w.]+(?:\[[^\]]*\])?\s*(?:`[^`]*`)?$/.exec(l.text) ?? // Go field
      /^(?:(?:private|public|protected|final|readonly)\s+)+[\w<>[\], ?]+\s+(\w+)\s*(?:=.*)?;$/.exec(l.text) ?? // Java field
      /^self\.(\w+)\s*(?::[^=]+)?=[^=]/.exec(l.text); // Python attribute set in __init__
    if (m && !/^(?:return|fn|def|func|pub|if|for|let|var|const|type)$/.test(m[1])) fields.add(m[1]);
  }
  return [...fields];
}

/** The lines of a function body: those indented under its opener, up to the line closing it. */
function bodyOf(lines: readonly CodeLine[], opener: CodeLine): string[] {
  const out = [opener.text.replace(/^[^)]*\)/, '')];
  for (let j = opener.index + 1; j < lines.length && j < opener.index + 60; j++) {
    const l = lines[j];
    if (l.text === '' || l.comment) continue;
    if (l.indent <= opener.indent) break;
    out.push(l.text);
  }
  return out;
}

/** Fields a structural diff shows on both its expected (-) and actual (+) side: the ones that differ. */
function differingFields(output: string): string[] {
  const side = (sign: string) => new Set([...output.matchAll(new RegExp(String.raw`^\s*[${sign}]\s*([A-Za-z_]\w*)\s*:`, 'gm'))].map((m) => m[1]));
  const want = side('-');
  return [...side('+')].filter((f) => want.has(f)).slice(0, 8);
}
