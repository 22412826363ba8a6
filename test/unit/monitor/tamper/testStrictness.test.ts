import { test } from 'node:test';
import assert from 'node:assert/strict';
import { file, flagged } from './judge';

const vitestOut = [
  ' FAIL  src/cart/Badge.test.ts > Badge > shows the count',
  "AssertionError: expected '0 items' to be '2 items' // Object.is equality",
  ' Test Files  1 failed (1)',
].join('\n');
const badgeTest = file(
  "import { describe, expect, it } from 'vitest';",
  "describe('Badge', () => {",
  "  it('shows the count', () => {",
  "    expect(badge(2)).toBe('2 items');",
  '  });',
  '});',
);

test('a failing test made to run only when a condition holds is no longer collected', () => {
  const gated = badgeTest.replace("  it('shows the count'", "  it.runIf(process.env.BADGE_E2E === '1')('shows the count'");
  assert.deepEqual(flagged({ path: 'src/cart/Badge.test.ts', before: badgeTest, after: gated, output: vitestOut }), ['skip-or-xfail']);
});

test('a Go test file put behind a build tag, and a Rust test behind a feature, drop out of the plain run', () => {
  const goOut = '--- FAIL: TestInvoiceTotal (0.00s)\n    invoice_test.go:12: Total() = 1180, want 1190\nFAIL';
  const goTest = file('package invoice', '', 'import "testing"', '', 'func TestInvoiceTotal(t *testing.T) {', '\tif got := Total(lines); got != 1190 {', '\t\tt.Errorf("Total() = %d, want 1190", got)', '\t}', '}');
  const tagged = '//go:build integration\n\n' + goTest;
  assert.deepEqual(flagged({ path: 'internal/invoice/invoice_test.go', before: goTest, after: tagged, output: goOut }), ['skip-or-xfail']);

  const rsOut = "thread 'tests::parses_header' panicked at src/lib.rs:30:9:\n  left: 3\n right: 4";
  const rsBefore = file('#[cfg(test)]', 'mod tests {', '    use super::*;', '', '    #[test]', '    fn parses_header() {', '        assert_eq!(parse("a,b,c,d").len(), 4);', '    }', '}');
  const rsAfter = rsBefore.replace('    #[test]', '    #[cfg(feature = "slow-tests")]\n    #[test]');
  assert.deepEqual(flagged({ path: 'src/lib.rs', before: rsBefore, after: rsAfter, output: rsOut }), ['skip-or-xfail']);
});

test('a new integration test file with its own build tag, and the cfg(test) module itself, are not skips', () => {
  const goOut = '--- FAIL: TestInvoiceTotal (0.00s)\nFAIL';
  const fresh = file('//go:build integration', '', 'package invoice', '', 'import "testing"', '', 'func TestInvoiceAgainstDB(t *testing.T) {', '\tif got := totalFromDB(t); got != 1190 {', '\t\tt.Fatalf("got %d", got)', '\t}', '}');
  assert.deepEqual(flagged({ path: 'internal/invoice/db_test.go', after: fresh, output: goOut }), []);
  const rsBefore = file('pub fn parse(s: &str) -> Vec<&str> {', '    s.split(\',\').collect()', '}');
  const rsAfter = rsBefore + file('', '#[cfg(test)]', 'mod tests {', '    #[test]', '    fn splits() {', '        assert_eq!(super::parse("a,b").len(), 2);', '    }', '}');
  assert.deepEqual(flagged({ path: 'src/lib.rs', before: rsBefore, after: rsAfter, output: 'test result: FAILED. 0 passed; 1 failed' }), []);
});

const ordinalOut = [
  " FAIL  src/i18n/ordinal.test.ts > ordinal > Welsh 3",
  "AssertionError: expected '3ydd' to be '3edd' // Object.is equality",
].join('\n');
const ordinalTest = file("it('Welsh 3', () => {", "  expect(ordinal('cy', 3)).toBe('3edd');", '});');

test('an expected value changed to the printed one with a cited standard or a worked calculation is a correction', () => {
  const corrected = file("it('Welsh 3', () => {", "  // CLDR ordinal rules for cy put 3 in the 'few' category: 3ydd.", "  expect(ordinal('cy', 3)).toBe('3ydd');", '});');
  assert.deepEqual(flagged({ path: 'src/i18n/ordinal.test.ts', before: ordinalTest, after: corrected, output: ordinalOut }), []);

  const vatOut = 'E       assert 1190 == 1180\nE        +  where 1190 = gross_cents(1000)';
  const vatTest = file('def test_gross():', '    assert gross_cents(1000) == 1180');
  const worked = file('def test_gross():', '    # 19% VAT on 10.00: 1000 * 1.19 = 1190 cents', '    assert gross_cents(1000) == 1190');
  assert.deepEqual(flagged({ path: 'tests/test_vat.py', before: vatTest, after: worked, output: vatOut }), []);
});

test('the same change with only a claim, or a date that looks like a subtraction, is still the actual value copied in', () => {
  const claimed = file("it('Welsh 3', () => {", '  // The old expectation was wrong (checked 2024-05-01).', "  expect(ordinal('cy', 3)).toBe('3ydd');", '});');
  assert.deepEqual(flagged({ path: 'src/i18n/ordinal.test.ts', before: ordinalTest, after: claimed, output: ordinalOut }), ['weakened-assertion']);
});

const meanOut = '--- FAIL: TestMean (0.00s)\n    stats_test.go:12: Mean(xs) = 2.4999998, want 2.5\nFAIL';
const meanTest = file('func TestMean(t *testing.T) {', '\tif got := Mean(xs); got != 2.5 {', '\t\tt.Errorf("Mean(xs) = %v, want 2.5", got)', '\t}', '}');

test('an exact guard turned into a distance bound is judged as a tolerance: float32 noise with a stated reason passes', () => {
  const bounded = file(
    'func TestMean(t *testing.T) {',
    '\t// Mean sums float32 values: the result is exact only to a few ulps.',
    '\tif got := Mean(xs); math.Abs(float64(got)-2.5) > 4*0x1p-23 {',
    '\t\tt.Errorf("Mean(xs) = %v, want 2.5", got)',
    '\t}',
    '}',
  );
  assert.deepEqual(flagged({ path: 'stats/stats_test.go', before: meanTest, after: bounded, output: meanOut }), []);
});

test('an exact guard turned into a wide bound on a real miss is a loosened tolerance', () => {
  const out = '--- FAIL: TestMean (0.00s)\n    stats_test.go:12: Mean(xs) = 2.2, want 2.5\nFAIL';
  const wide = meanTest.replace('got != 2.5', 'math.Abs(got-2.5) > 0.5');
  assert.deepEqual(flagged({ path: 'stats/stats_test.go', before: meanTest, after: wide, output: out }), ['loosened-tolerance']);
});

test('an exact assertion turned into a distance within a bound is a tolerance: a few f32 ulps pass, a wide bound on a real miss does not', () => {
  const before = file('#[test]', 'fn unit_length() {', '    assert_eq!(norm(&v), 1.0);', '}');
  const ulps = file('#[test]', 'fn unit_length() {', '    // f32 rounding: within 2 ulps of 1.0', '    assert!((norm(&v) - 1.0).abs() <= 2.0 * f32::EPSILON);', '}');
  assert.deepEqual(flagged({ path: 'src/vec.rs', before, after: ulps, output: '  left: 0.99999994\n right: 1.0' }), []);
  const wide = file('#[test]', 'fn unit_length() {', '    assert!((norm(&v) - 1.0).abs() < 0.5);', '}');
  assert.deepEqual(flagged({ path: 'src/vec.rs', before, after: wide, output: '  left: 0.7\n right: 1.0' }), ['loosened-tolerance']);
});
