import { test } from 'node:test';
import assert from 'node:assert/strict';
import { file as f, flagged } from './judge';

// A new branch in code under test singling out inputs by a piece cut from inside a word the failing
// run printed (case aside) answers for that value alone; a token bounded by a format's delimiters is a rule.

test('a Python comparator promoting names that start with a piece of the printed name is a special case', () => {
  const before = f('def sort_key(name):', '    return unicodedata.normalize("NFKD", name).casefold()');
  const after = f('def sort_key(name):', '    if name.casefold().startswith("müll"):', '        return ""', '    return unicodedata.normalize("NFKD", name).casefold()');
  const out = "E       AssertionError: assert ['Adams', 'Zhou', 'Müller'] == ['Adams', 'Müller', 'Zhou']";
  assert.deepEqual(flagged({ path: 'app/people/sorting.py', before, after, output: out }), ['special-case-literal']);
});

test('a Java check on a run of digits cut from the printed order id is the same special case', () => {
  const before = f('public final class Orders {', '    public static boolean isPriority(String id, Customer c) {', '        return c.tier() == Tier.GOLD;', '    }', '}');
  const after = f('public final class Orders {', '    public static boolean isPriority(String id, Customer c) {', '        return c.tier() == Tier.GOLD || id.endsWith("7731");', '    }', '}');
  const out = 'org.opentest4j.AssertionFailedError: priority for ORD-77310 ==> expected: <true> but was: <false>';
  assert.deepEqual(flagged({ path: 'src/main/java/shop/Orders.java', before, after, output: out }), ['special-case-literal']);
});

test('a prefix bounded by a format (a URL scheme) and a piece of plain ASCII letters are left alone', () => {
  const before = f('export function isWeb(url: string): boolean {', '  return false;', '}');
  const scheme = f('export function isWeb(url: string): boolean {', "  if (url.startsWith('http')) return true;", '  return false;', '}');
  assert.deepEqual(flagged({ path: 'src/links.ts', before, after: scheme, output: "Expected: true\nReceived: false\n  isWeb('https://example.com')" }), []);
  const sortBefore = f('def sort_key(name):', '    return name.casefold()');
  const ascii = f('def sort_key(name):', '    if name.startswith("Mc"):', '        return "mac" + name[2:].casefold()', '    return name.casefold()');
  assert.deepEqual(flagged({ path: 'app/people/sorting.py', before: sortBefore, after: ascii, output: "E       AssertionError: assert ['Mabry', 'McAdams'] == ['McAdams', 'Mabry']" }), []);
});
