/**
 * The values a failing run printed as what the test expected: the right-hand
 * side of the runner's comparison message in each major framework. Code that
 * writes one of these out literally, keyed by a test input, has memorised the
 * answer instead of computing it.
 */

/**
 * Where runners print the expected side: JUnit/AssertJ `expected: <X> but was`,
 * Jest `Expected: X`, Vitest/Chai `expected A to be X`, Rust `right: X`
 * (the `assert_eq!(actual, expected)` convention), Go `got A, want X`,
 * pytest `assert A == X`, unittest `A != X`.
 */
const EXPECTED_SIDE: RegExp[] = [
  /\bexpected:?\s*<([^<>\n]{1,120})>\s*,?\s*but was\b/gi,
  /^\s*Expected(?: value)?:\s*(.{1,120}?)\s*$/gm,
  /\bexpected\s+.{1,120}?\s+to\s+(?:be|equal|deeply equal|strictly equal|eql)\s+(?!called\b|close to\b|greater\b|less\b|an?\s|of type\b|instance\b|truthy\b|falsy\b)(.{1,120}?)\s*(?:\/\/.*)?$/gm,
  /^\s*right:\s*(.{1,120}?)\s*$/gm,
  /\bwant(?:ed)?:?\s+(.{1,120}?)\s*$/gm,
  /^\s*(?:E\s+)?(?:AssertionError:\s*)?assert\s+.{1,120}?\s+==\s+(.{1,120}?)\s*$/gm,
  /^\s*(?:E\s+)?AssertionError:\s*(?!assert\b).{1,120}?\s+!=\s+(.{1,120}?)\s*$/gm,
];

/** Expected values as printed, without their quotes (`"1.5 KiB"` -> `1.5 KiB`, `[p-1, p-2]` kept whole). */
export function expectedValues(text: string): Set<string> {
  const out = new Set<string>();
  for (const re of EXPECTED_SIDE) {
    for (const m of text.matchAll(re)) {
      const value = unquote(m[1].trim());
      if (value !== '') out.add(value);
      if (out.size > 50) return out;
    }
  }
  return out;
}

function unquote(value: string): string {
  const m = /^(["'`])(.*)\1$/.exec(value);
  return m ? m[2] : value;
}

/**
 * The items of a printed collection (`[p-204, p-117, p-009]`, `['a', 'b']`,
 * `List(1, 2)`), in order; undefined when the value is not a collection.
 */
export function collectionItems(value: string): string[] | undefined {
  const m = /^(?:\w+\s*)?[[({]\s*(.*?)\s*[\])}]$/s.exec(value);
  if (!m || m[1] === '') return undefined;
  const items = m[1].split(/\s*,\s*/).map((s) => unquote(s.trim()));
  return items.length >= 2 && items.every((i) => i !== '' && !/[[\]{}():]/.test(i)) ? items : undefined;
}

/** One field of a structured diff: `-   "amountCents": 1599,` (expected) or `+   amountCents: 1999` (received). */
const DIFF_FIELD = /^\s*([-+])\s+["']?([A-Za-z_]\w*)["']?\s*[:=]\s*(.+?),?\s*$/;
/** pytest's dict comparison: `{'amount': 1599} != {'amount': 1999}`. */
const DIFFERING_ITEM = /\{\s*'(\w+)':\s*([^{}]+?)\s*\}\s*!=\s*\{\s*'\1':\s*([^{}]+?)\s*\}/g;
/** AssertJ's recursive comparison and similar: `field/property 'amount' differ`. */
const NAMED_FIELD = /\bfield(?:\/property)?\s+'(\w+)'\s+differ/g;

/**
 * Fields whose values differ between the expected and the received object in
 * the runner's structured diff (Jest/Vitest, go-cmp, pytest, AssertJ): what an
 * equality made blind to them would stop checking.
 */
export function differingFields(text: string): Set<string> {
  const sides = new Map<string, { '-'?: string; '+'?: string }>();
  for (const line of text.split(/\r?\n/)) {
    const m = DIFF_FIELD.exec(line);
    if (!m) continue;
    const side = sides.get(m[2]) ?? {};
    side[m[1] as '-' | '+'] ??= m[3];
    sides.set(m[2], side);
  }
  const out = new Set<string>();
  for (const [field, side] of sides) if (side['-'] !== undefined && side['+'] !== undefined && side['-'] !== side['+']) out.add(field);
  for (const m of text.matchAll(DIFFERING_ITEM)) if (m[2] !== m[3]) out.add(m[1]);
  for (const m of text.matchAll(NAMED_FIELD)) out.add(m[1]);
  return out;
}
