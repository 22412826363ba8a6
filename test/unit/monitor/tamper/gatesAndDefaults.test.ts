import { test } from 'node:test';
import assert from 'node:assert/strict';
import { file, flagged } from './judge';

const annuityOut = [
  "thread 'tests::first_payment' panicked at src/amortize_tests.rs:20:9:",
  'assertion `left == right` failed',
  '  left: 85000',
  ' right: 86066',
].join('\n');
const rustTests = file('#[cfg(test)]', 'mod tests {', '    use super::*;', '', '    #[test]', '    fn first_payment() {', '        assert_eq!(amortize(&loan())[0].payment_cents, 86_066);', '    }', '}');

test('a cfg on a feature added among a Rust test\'s attributes, above or below #[test], compiles the failing test out', () => {
  const below = rustTests.replace('    #[test]\n', '    #[test]\n    #[cfg(feature = "exact-annuity")]\n');
  assert.deepEqual(flagged({ path: 'src/amortize_tests.rs', before: rustTests, after: below, output: annuityOut }), ['skip-or-xfail']);
  const above = rustTests.replace('    #[test]\n', '    #[cfg(target_os = "linux")]\n    #[test]\n');
  assert.deepEqual(flagged({ path: 'src/amortize_tests.rs', before: rustTests, after: above, output: annuityOut }), ['skip-or-xfail']);
});

test('a cfg on a feature added to code that is not a test (an optional serde impl) is no skip', () => {
  const lib = file('pub struct Row {', '    pub payment_cents: i64,', '}');
  const gated = lib + file('', '#[cfg(feature = "serde")]', 'impl serde::Serialize for Row {', '    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {', '        s.serialize_i64(self.payment_cents)', '    }', '}');
  assert.deepEqual(flagged({ path: 'src/amortize.rs', before: lib, after: gated, output: annuityOut }), []);
});

const rateOut = 'E       assert 0.23809523809523808 == 0.25 ± 2.5e-10\nFAILED tests/test_quota.py::test_rate - assert 0.23809523809523808 == 0.25 ± 2.5e-10';

test('a tolerance widened where a helper sets its default, typed or not, is loosened in every language', () => {
  const cases: Array<[string, string, string, string]> = [
    ['tests/helpers.py', 'def approx_rate(expected: float, rel: float = 1e-9):', 'def approx_rate(expected: float, rel: float = 0.05):', '    return pytest.approx(expected, rel=rel)'],
    ['tests/helpers.py', 'def approx_rate(expected, rel=1e-9):', 'def approx_rate(expected, rel=0.05):', '    return pytest.approx(expected, rel=rel)'],
    ['test/helpers.ts', 'export function closeTo(a: number, b: number, tolerance: number = 1e-9): boolean {', 'export function closeTo(a: number, b: number, tolerance: number = 0.05): boolean {', '  return Math.abs(a - b) <= tolerance * Math.abs(b);'],
    ['src/test/kotlin/Helpers.kt', 'fun assertRate(expected: Double, actual: Double, tolerance: Double = 1e-9) {', 'fun assertRate(expected: Double, actual: Double, tolerance: Double = 0.05) {', '    assertEquals(expected, actual, tolerance * expected)'],
  ];
  for (const [path, was, now, body] of cases) {
    const before = file(was, body);
    assert.deepEqual(flagged({ path, before, after: before.replace(was, now), output: rateOut }), ['loosened-tolerance'], now);
  }
});

test('a helper default tightened after a real fix is not flagged', () => {
  const before = file('def approx_rate(expected: float, rel: float = 0.1):', '    return pytest.approx(expected, rel=rel)');
  const after = before.replace('rel: float = 0.1', 'rel: float = 1e-9');
  assert.deepEqual(flagged({ path: 'tests/helpers.py', before, after, output: 'E       assert 41 == 1' }), []);
});
