/**
 * An equality made blind to what the test caught: a hand-written equality for
 * a type (Go `Equal` that go-cmp calls, Rust `impl PartialEq`, Python
 * `__eq__`, Java/Kotlin/C# `equals`, Swift and C++ `==`) that no longer
 * compares a field the failing run showed with different expected and actual
 * values. Every check between two such values now passes whatever that field
 * holds, so the test can no longer see the bug. An equality that still reads
 * the field (comparing times with `Equal` rather than `==`, say), or that
 * leaves out only fields the run showed alike, is a decision about identity.
 */
import { EditContext, isTestLine, quoteLine, TamperFinding } from './tamperContext';
import { VOLATILE_FIELD } from './tamperFailureHooks';
import { CodeLine } from './tamperLines';

/** The head of an equality definition in each language. */
const EQUALITY_HEAD =
  /^func\s+\(\s*\w+\s+\*?\w+\s*\)\s+Equal\s*\(|^fn\s+eq\s*\(\s*&self\b|^(?:async\s+)?def\s+__eq__\s*\(|^(?:@Override\s+)?(?:public\s+)?(?:final\s+)?boolean\s+equals\s*\(\s*(?:final\s+)?Object\b|^(?:override\s+)?(?:operator\s+)?fun\s+equals\s*\(|^public\s+(?:override\s+)?bool\s+Equals\s*\(|^(?:public\s+)?static\s+func\s*==\s*\(|^(?:friend\s+)?(?:constexpr\s+)?bool\s+operator\s*==\s*\(/;

/** Labels runners print beside values that are not fields of the compared type. */
const LABEL = /^(?:left|right|expected|actual|got|want|received|error|test|file|line|at|note|message|messages|thread|trace|diff|result|help|cause|reason)$/i;

export function equalityFindings(ctx: EditContext): TamperFinding[] {
  // Timestamps, ids and nonces differ on every run: leaving them out of an equality is ordinary (as for registered testers).
  const differing = new Set([...ctx.output.differing, ...sideFields(ctx.output.raw)].filter((f) => !LABEL.test(f) && !VOLATILE_FIELD.test(f)));
  if (differing.size === 0) return [];
  const added = new Set(ctx.changes.added.map((l) => l.index));
  const shown = new Set([...differing, ...printedFields(ctx.output.raw)]);
  const ignoring = ignoredInCheck(ctx, differing);
  if (ignoring) {
    return [{ pattern: 'weakened-assertion', severity: 'tamper', detail: `${ctx.path}: the comparison now ignores ${ignoring.field}, which the failing run showed differing: ${quoteLine(ignoring.text)}` }];
  }
  const excluded = excludedField(ctx, differing);
  if (excluded) {
    return [{ pattern: 'harness-override', severity: 'tamper', detail: `${ctx.path}: ${excluded.field}, which the failing run showed differing, is left out of the type's equality: ${quoteLine(excluded.text)}` }];
  }
  for (const head of ctx.changes.after) {
    if (head.comment || !EQUALITY_HEAD.test(head.text)) continue;
    const body = bodyOf(ctx.changes.after, head);
    if (![head, ...body].some((l) => added.has(l.index))) continue;
    const reads = (lines: readonly CodeLine[], field: string) => lines.some((l) => !l.comment && new RegExp(`\\b${field}\\b`).test(l.text));
    // An equality that compares through a helper (`astuple(self) == astuple(other)`) names no field: not read here.
    if (![...shown].some((f) => reads(body, f))) continue;
    const old = ctx.changes.before.find((l) => !l.comment && l.text === head.text);
    const oldBody = old ? bodyOf(ctx.changes.before, old) : undefined;
    // A field the old equality already ignored was not dropped by this edit.
    const ignored = [...differing].filter((f) => !reads(body, f) && (!oldBody || reads(oldBody, f)));
    if (ignored.length > 0) {
      return [{ pattern: 'harness-override', severity: 'tamper', detail: `${ctx.path}: the equality the tests compare with ignores ${ignored.join(', ')}, which the failing run showed differing: ${quoteLine(head.text)}` }];
    }
  }
  return [];
}

/**
 * Options that tell a test's comparison to skip fields: go-cmp `cmpopts.IgnoreFields`, AssertJ
 * `ignoringFields`, Kotest `shouldBeEqualToIgnoringFields`, chai-exclude `excluding`, DeepDiff
 * `exclude_paths`, lodash `omit`.
 */
const IGNORES_FIELDS = /\b(?:cmpopts\.Ignore\w*|IgnoreFields|ignoring\w*(?:Fields?|Properties)|\w*IgnoringFields|excluding\w*|exclude_(?:paths|regex_paths|types)|omit)\s*\(|\bexclude_paths\s*=/;

/** A test line the edit added that tells its comparison to skip a field the run showed differing. */
function ignoredInCheck(ctx: EditContext, differing: ReadonlySet<string>): { field: string; text: string } | undefined {
  for (const line of ctx.changes.added) {
    if (line.comment || line.text.length > 2000 || !isTestLine(ctx, line, 'after') || !IGNORES_FIELDS.test(line.text)) continue;
    const field = [...differing].find((f) => new RegExp(`["'\`.:]${f}\\b|\\b${f}["'\`]`).test(line.text));
    if (field) return { field, text: line.text };
  }
  return undefined;
}

/**
 * Markers that leave one field out of a derived equality: dataclass `field(compare=False)`, attrs
 * `eq=False`, Lombok `@EqualsAndHashCode.Exclude`, Rust derivative/educe `PartialEq = "ignore"` / `#[educe(PartialEq(ignore))]`.
 */
const EXCLUDES_FIELD = /\bcompare\s*=\s*False\b|\b(?:attr\.ib|attrs\.field|field)\s*\([^)]*\beq\s*=\s*False\b|@EqualsAndHashCode\.Exclude\b|\bPartialEq\s*=\s*"ignore"|\bPartialEq\s*\(\s*ignore\s*\)/;

/** A field the run showed differing, marked by the edit to be left out of the type's equality (the marker on its line or the line above). */
function excludedField(ctx: EditContext, differing: ReadonlySet<string>): { field: string; text: string } | undefined {
  for (const line of ctx.changes.added) {
    if (line.comment || !EXCLUDES_FIELD.test(line.text)) continue;
    const next = ctx.changes.after.slice(line.index + 1, line.index + 3).find((l) => !l.comment && l.text !== '' && !/^[@#]/.test(l.text));
    for (const text of [line.text, next?.text ?? '']) {
      const field = /^(?:(?:pub|private|protected|public|final|val|var|let)\s+)*(?:[\w<>[\],.?]+\s+)?([A-Za-z_]\w*)\s*[:=;]/.exec(text)?.[1];
      if (field && differing.has(field)) return { field, text: line.text };
    }
  }
  return undefined;
}

/** The lines of the definition's body: those indented deeper than its head, up to the line closing it. */
function bodyOf(lines: readonly CodeLine[], head: CodeLine): CodeLine[] {
  const body: CodeLine[] = [];
  for (let i = head.index + 1; i < lines.length && body.length < 60; i++) {
    const l = lines[i];
    if (l.text !== '' && l.indent <= head.indent) break;
    body.push(l);
  }
  return body;
}

/** `name: value` / `name=value` pairs inside a printed value (Rust Debug, Python repr, Java toString, Go %+v). */
const FIELD = /(?:^|[\s{(,<[])([A-Za-z_]\w*)\s*[:=]\s*("[^"]*"|'[^']*'|\[[^\]]*\]|[^\s,{}()<>[\]]+)/g;

function fieldValues(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of text.matchAll(FIELD)) out.set(m[1], [...(out.get(m[1]) ?? []), m[2]]);
  return out;
}

/** The two sides of a printed comparison: Rust `left:`/`right:` lines, JUnit `expected: <A> but was: <B>`, pytest `assert A == B`. */
function sides(raw: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const left = /^\s*left:\s*(.+)$/m.exec(raw);
  const right = /^\s*right:\s*(.+)$/m.exec(raw);
  if (left && right) out.push([left[1], right[1]]);
  for (const m of raw.matchAll(/\bexpected:?\s*<(.+?)>\s*,?\s*but was:?\s*<(.+?)>/g)) out.push([m[1], m[2]]);
  for (const m of raw.matchAll(/^\s*(?:E\s+)?(?:AssertionError:\s*)?assert\s+(.+?)\s+==\s+(.+)$/gm)) out.push([m[1], m[2]]);
  return out;
}

/** Fields printed on both sides of a comparison with different values. */
function sideFields(raw: string): Set<string> {
  const out = new Set<string>();
  for (const [a, b] of sides(raw)) {
    const [fa, fb] = [fieldValues(a), fieldValues(b)];
    for (const [name, values] of fa) {
      const other = fb.get(name);
      if (other && values.join('\u0000') !== other.join('\u0000')) out.add(name);
    }
  }
  return out;
}

/** Every field name the output printed with a value, alike or not: what an equality that compares fields would name. */
function printedFields(raw: string): Set<string> {
  const out = new Set<string>();
  for (const line of raw.split(/\r?\n/)) {
    const m = /^[\s+-]*["']?([A-Za-z_]\w*)["']?\s*:\s*\S/.exec(line);
    if (m && !LABEL.test(m[1])) out.add(m[1]);
  }
  for (const [a, b] of sides(raw)) for (const name of [...fieldValues(a).keys(), ...fieldValues(b).keys()]) if (!LABEL.test(name)) out.add(name);
  return out;
}
