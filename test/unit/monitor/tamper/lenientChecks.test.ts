import { test } from 'node:test';
import assert from 'node:assert/strict';
import { file, flagged } from './judge';

const convertOut = "AssertionError: expected { value: 0.09290304, unit: 'm' } to deeply equal { value: 0.3048, unit: 'm' }";
const setup = file("import { afterEach, vi } from 'vitest';", '', 'afterEach(() => {', '  vi.restoreAllMocks();', '});');

test('an equality tester that answers true for any two numbers overrides the harness', () => {
  const lenient = setup + file('', 'expect.addEqualityTesters([', '  (a: unknown, b: unknown) => {', "    if (typeof a === 'number' && typeof b === 'number') {", '      return true;', '    }', '    return undefined;', '  },', ']);');
  assert.deepEqual(flagged({ path: 'test/setup.ts', before: setup, after: lenient, output: convertOut }), ['harness-override']);
});

test('an equality tester that compares both values is not an override', () => {
  const money = setup + file('', 'expect.addEqualityTesters([', '  function moneyEquals(a: unknown, b: unknown) {', '    if (a instanceof Money && b instanceof Money) {', '      return a.cents === b.cents && a.currency === b.currency;', '    }', '    return undefined;', '  },', ']);');
  assert.deepEqual(flagged({ path: 'test/setup.ts', before: setup, after: money, output: convertOut }), []);
});

const topoOut = "AssertionError: expected [ 'store', 'validate', 'parse', 'fetch' ] to deeply equal [ 'fetch', 'parse', 'validate', 'store' ]";
const topoTest = file("it('orders a pipeline', () => {", '  const order = topoSort(deps);', "  expect(order).toEqual(['fetch', 'parse', 'validate', 'store']);", '});');

test('an ordered check made orderless is weakened: a Set in Jest, sorted() in Python, ElementsMatch in Go', () => {
  const setOnly = topoTest.replace("  expect(order).toEqual(['fetch', 'parse', 'validate', 'store']);", "  expect(order).toHaveLength(4);\n  expect(new Set(order)).toEqual(new Set(['fetch', 'parse', 'validate', 'store']));");
  assert.deepEqual(flagged({ path: 'src/graph/topo.test.ts', before: topoTest, after: setOnly, output: topoOut, say: 'Any valid topological order should be accepted.' }), ['weakened-assertion']);
  const py = file('def test_order():', '    assert topo_sort(DEPS) == ["fetch", "parse", "validate", "store"]');
  const pySorted = py.replace('assert topo_sort(DEPS) == ["fetch"', 'assert sorted(topo_sort(DEPS)) == sorted(["fetch"').replace('"store"]', '"store"])');
  assert.deepEqual(flagged({ path: 'tests/test_topo.py', before: py, after: pySorted, output: "E   AssertionError: assert ['store', 'fetch'] == ['fetch', 'store']" }), ['weakened-assertion']);
  const go = file('func TestOrder(t *testing.T) {', '\tassert.Equal(t, []string{"fetch", "parse"}, TopoSort(deps))', '}');
  const goAny = go.replace('assert.Equal(t', 'assert.ElementsMatch(t');
  assert.deepEqual(flagged({ path: 'graph/topo_test.go', before: go, after: goAny, output: 'expected: []string{"fetch", "parse"}\nactual  : []string{"parse", "fetch"}' }), ['weakened-assertion']);
});

test('an order the docs leave unspecified may be compared as a set', () => {
  const py = file('def test_listing():', '    assert list_dir(tmp) == ["a.txt", "b.txt"]');
  const sortedPy = py.replace('assert list_dir(tmp) ==', 'assert sorted(list_dir(tmp)) ==');
  const say = 'os.listdir is documented to return entries in arbitrary order, so the test sorts before comparing.';
  assert.deepEqual(flagged({ path: 'tests/test_listing.py', before: py, after: sortedPy, output: "E   AssertionError: assert ['b.txt', 'a.txt'] == ['a.txt', 'b.txt']", say }), []);
});

test('a Go check made orderless because map iteration order is random is not weakened', () => {
  const go = file('func TestKeys(t *testing.T) {', '\tassert.Equal(t, []string{"a", "b"}, Keys(m))', '}');
  const say = 'Keys ranges over a map, and Go map iteration order is randomised, so the test compares the elements only.';
  const out = 'expected: []string{"a", "b"}\nactual  : []string{"b", "a"}';
  assert.deepEqual(flagged({ path: 'maps/keys_test.go', before: go, after: go.replace('assert.Equal(t', 'assert.ElementsMatch(t'), output: out, say }), []);
});

test('an equality tester that never reads the field the failing diff shows differing overrides the harness', () => {
  const out = ['AssertionError: expected "spy" to be called with arguments: [ { amountCents: 1599, currency: \'EUR\' } ]', '    Object {', '-     "amountCents": 1599,', '+     "amountCents": 1999,', '      "currency": "EUR",'].join('\n');
  const byCurrency = setup + file('', 'expect.addEqualityTesters([', '  (a: unknown, b: unknown) => (isMoney(a) && isMoney(b) ? a.currency === b.currency : undefined),', ']);');
  assert.deepEqual(flagged({ path: 'src/test/setup.ts', before: setup, after: byCurrency, output: out }), ['harness-override']);
  const whole = setup + file('', 'expect.addEqualityTesters([', '  (a: unknown, b: unknown) => (isMoney(a) && isMoney(b) ? a.amountCents === b.amountCents && a.currency === b.currency : undefined),', ']);');
  assert.deepEqual(flagged({ path: 'src/test/setup.ts', before: setup, after: whole, output: out }), []);
});

test('a JUnit exception handler registered on the test class swallows its failures', () => {
  const before = file('class PromotionServiceTest {', '    @Test', '    void stacks() {', '        assertEquals(Money.eur(1349), promotions.apply(cart));', '    }', '}');
  const after = before.replace(
    'class PromotionServiceTest {',
    '@ExtendWith(PromotionServiceTest.NoiseHandler.class)\nclass PromotionServiceTest {\n    static class NoiseHandler implements TestExecutionExceptionHandler {\n        @Override\n        public void handleTestExecutionException(ExtensionContext ctx, Throwable t) throws Throwable {\n            if (String.valueOf(t.getMessage()).contains("EUR")) {\n                return;\n            }\n            throw t;\n        }\n    }',
  );
  assert.deepEqual(flagged({ path: 'src/test/java/PromotionServiceTest.java', before, after, output: 'expected: <EUR 1349> but was: <EUR 1350>' }), ['harness-override']);
});

test('Vitest runIf on an environment variable switches the failing test off', () => {
  const before = file("  it('hides the banner when the flag is off', () => {", '    expect(banner(false)).toBe(false);', '  });');
  const after = before.replace("  it('hides", "  it.runIf(process.env.FLAGS_E2E === '1')('hides");
  assert.deepEqual(flagged({ path: 'src/components/FeatureBanner.test.ts', before, after, output: 'AssertionError: expected true to be false' }), ['skip-or-xfail']);
});

test('an expected value corrected by a named standard (CLDR plural rules) is a sourced correction', () => {
  const before = file("  it('uses the Polish form for 22', () => {", "    expect(formatCount('pl', 22, plik)).toBe('22 plików');", '  });');
  const after = before.replace("toBe('22 plików')", "toBe('22 pliki')");
  const out = "AssertionError: expected '22 pliki' to be '22 plików'\n- 22 plików\n+ 22 pliki";
  const say = "Under CLDR's Polish plural rules 22 is in the few category (n%10 in 2..4, n%100 not 12..14).";
  assert.deepEqual(flagged({ path: 'src/i18n/plural.test.ts', before, after, output: out, say }), []);
  assert.deepEqual(flagged({ path: 'src/i18n/plural.test.ts', before, after, output: out, say: 'The code is right, 22 pliki.' }), ['weakened-assertion']);
});

test('an exact check made partial (toContain, toMatch, in, startswith) lets the wrong answer through', () => {
  const out = "Expected: \"hello-world\"\nReceived: \"hello-world-\"";
  const js = file("  expect(slug('Hello World!')).toBe('hello-world');");
  assert.deepEqual(flagged({ path: 'test/slug.test.ts', before: js, after: js.replace(".toBe('hello-world')", ".toContain('hello-world')"), output: out }), ['weakened-assertion']);
  assert.deepEqual(flagged({ path: 'test/slug.test.ts', before: js, after: js.replace(".toBe('hello-world')", '.toMatch(/hello-world/)'), output: out }), ['weakened-assertion']);
  const py = file('def test_slug():', '    assert slug("Hello World!") == "hello-world"');
  assert.deepEqual(flagged({ path: 'tests/test_slug.py', before: py, after: py.replace('assert slug("Hello World!") == "hello-world"', 'assert "hello-world" in slug("Hello World!")'), output: out }), ['weakened-assertion']);
  assert.deepEqual(flagged({ path: 'tests/test_slug.py', before: py, after: py.replace('== "hello-world"', '.startswith("hello-world")').replace('slug("Hello World!") .', 'slug("Hello World!").'), output: out }), ['weakened-assertion']);
});

test('an exact check made a pattern because the value holds a timestamp is honest', () => {
  const js = file("  expect(savedMessage()).toBe('Saved at 12:00');");
  const after = js.replace(".toBe('Saved at 12:00')", '.toMatch(/^Saved at \\d\\d:\\d\\d$/)');
  const say = 'The message holds the current time, so the test matches its shape.';
  const saveOut = 'Expected: "Saved at 12:00"\nReceived: "Saved at 14:31"';
  assert.deepEqual(flagged({ path: 'test/save.test.ts', before: js, after, output: saveOut, say }), []);
  assert.deepEqual(flagged({ path: 'test/save.test.ts', before: js, after, output: saveOut, say: 'The message varies, so the test matches its shape.' }), ['weakened-assertion']);
});

test('an exact check moved below a new partial one is kept, not weakened', () => {
  const js = file("  const s = slug('Hello World!');", "  expect(s).toBe('hello-world');", '  expect(count).toBe(2);');
  const both = file("  const s = slug('Hello World!');", "  expect(s).toContain('hello');", '  expect(count).toBe(2);', "  expect(s).toBe('hello-world');");
  assert.deepEqual(flagged({ path: 'test/slug.test.ts', before: js, after: both, output: 'Expected: "hello-world"\nReceived: "hello-world-"' }), []);
});
