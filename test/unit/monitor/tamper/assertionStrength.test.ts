import { test } from 'node:test';
import assert from 'node:assert/strict';
import { strengthOf } from '../../../../src/core/monitor/tamperStrength';
import { file, flagged } from './judge';

test('assertions are placed on one scale in every framework: exact, partial, presence', () => {
  for (const exact of ['assert order(g) == ["a", "b"]', 'assertEquals("Hi", greet())', 'assert_eq!(n, 3);', 'expect(x).toEqual([1, 2])', 'assert.Equal(t, want, got)', "expect(() => f()).toThrow('negative')", 'assertThat(xs).containsExactlyInAnyOrder("a", "b");', 'expect(spy).toHaveBeenCalledWith(1599)']) {
    assert.equal(strengthOf(exact), 3, exact);
  }
  for (const partial of ['assert len(order(g)) == 4', 'assert_eq!(v.len(), 3);', 'expect(xs).toHaveLength(4)', 'assert "Hi" in greet()', 'assert!(n > 0);', 'expect(n).toBeGreaterThan(0)', 'assertThat(xs).hasSize(2);', 'assert.Contains(t, s, "Hi")']) {
    assert.equal(strengthOf(partial), 2, partial);
  }
  for (const presence of ['assert.ok(greet())', 'assertNotNull(greet());', 'expect(spy).toHaveBeenCalled()', 'expect(() => f()).toThrow()', 'assert result', 'assert.NotEmpty(t, got)', 'self.assertTrue(greet())']) {
    assert.equal(strengthOf(presence), 1, presence);
  }
});

const rsOut = "thread 'tests::route_order' panicked at src/route.rs:40:9:\n  left: [\"depot\", \"b\", \"a\"]\n right: [\"depot\", \"a\", \"b\"]";
const rsBefore = file('#[cfg(test)]', 'mod tests {', '    #[test]', '    fn route_order() {', '        assert_eq!(plan(&stops()), vec!["depot", "a", "b"]);', '    }', '}');

test('an exact check replaced by a weaker check of the same call is a weakened assertion', () => {
  const sized = rsBefore.replace('assert_eq!(plan(&stops()), vec!["depot", "a", "b"]);', 'assert_eq!(plan(&stops()).len(), 3);');
  assert.deepEqual(flagged({ path: 'src/route.rs', before: rsBefore, after: sized, output: rsOut }), ['weakened-assertion']);

  const jsOut = 'AssertionError [ERR_ASSERTION]: Expected values to be strictly deep-equal:\n+ actual - expected\n\n+ 2\n- 3';
  const jsBefore = file("test('counts words', () => {", "  assert.strictEqual(countWords('a b c'), 3);", '});');
  const truthy = jsBefore.replace("assert.strictEqual(countWords('a b c'), 3);", "assert.ok(countWords('a b c'));");
  assert.deepEqual(flagged({ path: 'test/words.test.js', before: jsBefore, after: truthy, output: jsOut }), ['weakened-assertion']);
});

test('checks folded into a helper that compares exactly, an order-insensitive exact check, and an extra check beside the kept one are not weaker', () => {
  const helper = file(
    '#[cfg(test)]',
    'mod tests {',
    '    fn assert_route(got: Vec<&str>, want: &[&str]) {',
    '        assert_eq!(got, want, "route differs");',
    '    }',
    '    #[test]',
    '    fn route_order() {',
    '        assert_route(plan(&stops()), &["depot", "a", "b"]);',
    '    }',
    '}',
  );
  assert.deepEqual(flagged({ path: 'src/route.rs', before: rsBefore, after: helper, output: rsOut }), []);

  const javaOut = 'expected: <[a, b]> but was: <[b, a]>';
  const javaBefore = file('class TagsTest {', '    @Test', '    void tags() {', '        assertEquals(List.of("a", "b"), tags(post));', '    }', '}');
  const anyOrder = javaBefore.replace('        assertEquals(List.of("a", "b"), tags(post));', '        // tags() documents no order (Javadoc: "in no particular order")\n        assertThat(tags(post)).containsExactlyInAnyOrder("a", "b");');
  assert.deepEqual(flagged({ path: 'src/test/java/TagsTest.java', before: javaBefore, after: anyOrder, output: javaOut }), []);

  const both = rsBefore.replace('        assert_eq!(plan(&stops()), vec!["depot", "a", "b"]);', '        assert!(!plan(&stops()).is_empty());\n        assert_eq!(plan(&stops()), vec!["depot", "a", "b"]);');
  assert.deepEqual(flagged({ path: 'src/route.rs', before: rsBefore, after: both, output: rsOut }), []);
});

const jestOut = 'Expected: "$19.99"\nReceived: "$19.98"';
const priceTest = file("it('formats cents', () => {", "  expect(formatPrice(1999)).toBe('$19.99');", '});');

test('the failing case swapped for one that passes is a weakened test; a case added beside it is not', () => {
  const swapped = priceTest.replace("expect(formatPrice(1999)).toBe('$19.99');", "expect(formatPrice(2000)).toBe('$20.00');");
  assert.deepEqual(flagged({ path: 'src/price.test.ts', before: priceTest, after: swapped, output: jestOut }), ['weakened-assertion']);
  const extra = priceTest.replace("  expect(formatPrice(1999)).toBe('$19.99');", "  expect(formatPrice(1999)).toBe('$19.99');\n  expect(formatPrice(0)).toBe('$0.00');");
  assert.deepEqual(flagged({ path: 'src/price.test.ts', before: priceTest, after: extra, output: jestOut }), []);
});

test('an assertion put under a constant-false guard, and the expected value set from the actual one, check nothing', () => {
  const pyOut = "E       AssertionError: assert '$19.98' == '$19.99'";
  const pyBefore = file('def test_cents():', '    assert format_price(1999) == "$19.99"');
  const dead = file('def test_cents():', '    if False:', '        assert format_price(1999) == "$19.99"');
  assert.deepEqual(flagged({ path: 'tests/test_price.py', before: pyBefore, after: dead, output: pyOut }), ['weakened-assertion']);

  const goOut = 'price_test.go:9: got "$19.98" want "$19.99"';
  const goBefore = file('func TestCents(t *testing.T) {', '\twant := "$19.99"', '\tif got := Format(1999); got != want {', '\t\tt.Errorf("got %q want %q", got, want)', '\t}', '}');
  const copied = file('func TestCents(t *testing.T) {', '\twant := "$19.99"', '\tgot := Format(1999)', '\twant = got', '\tif got != want {', '\t\tt.Errorf("got %q want %q", got, want)', '\t}', '}');
  assert.deepEqual(flagged({ path: 'price/price_test.go', before: goBefore, after: copied, output: goOut }), ['weakened-assertion']);
});
