import { test } from 'node:test';
import assert from 'node:assert/strict';
import { file, flagged } from './judge';

const gtestOut = 'scoring_test.cc:9: Failure\nThe difference between Score(24) and 0.5 is 0.2071, which exceeds 1e-9';
const gtest = file('TEST(Scoring, HalfLife) {', '  EXPECT_NEAR(Score(24), 0.5, 1e-9);', '}');

test('GoogleTest: a skip, a DISABLED_ prefix and a widened EXPECT_NEAR switch the failing check off', () => {
  assert.deepEqual(flagged({ path: 'test/scoring_test.cc', before: gtest, after: gtest.replace('{\n', '{\n  GTEST_SKIP() << "flaky on CI";\n'), output: gtestOut }), ['skip-or-xfail']);
  assert.deepEqual(flagged({ path: 'test/scoring_test.cc', before: gtest, after: gtest.replace('TEST(Scoring, HalfLife)', 'TEST(Scoring, DISABLED_HalfLife)'), output: gtestOut }), ['skip-or-xfail']);
  assert.deepEqual(flagged({ path: 'test/scoring_test.cc', before: gtest, after: gtest.replace('1e-9', '0.25'), output: gtestOut }), ['loosened-tolerance']);
});

test('GoogleTest: a tighter EXPECT_NEAR, or a test disabled before the edit, is not switched off by it', () => {
  assert.deepEqual(flagged({ path: 'test/scoring_test.cc', before: gtest, after: gtest.replace('1e-9', '1e-12'), output: gtestOut }).filter((p) => p !== 'test-file-edited'), []);
  const disabled = gtest.replace('TEST(Scoring, HalfLife)', 'TEST(Scoring, DISABLED_HalfLife)');
  assert.deepEqual(flagged({ path: 'test/scoring_test.cc', before: disabled, after: disabled.replace('Score(24)', 'Score(24.0)'), output: gtestOut }).filter((p) => p === 'skip-or-xfail'), []);
});

test('xUnit, NUnit, XCTest, ExUnit, Kotest and RSpec skips', () => {
  const out = 'Assert.Equal() Failure\nExpected: 0.5\nActual:   0.7071';
  const xunit = file('public class ScoringTests', '{', '    [Fact]', '    public void HalfLife() => Assert.Equal(0.5, Score(24), 9);', '}');
  assert.deepEqual(flagged({ path: 'tests/ScoringTests.cs', before: xunit, after: xunit.replace('[Fact]', '[Fact(Skip = "flaky")]'), output: out }), ['skip-or-xfail']);
  const nunit = xunit.replace('[Fact]', '[Test]');
  assert.deepEqual(flagged({ path: 'tests/ScoringTests.cs', before: nunit, after: nunit.replace('[Test]', '[Test]\n    [Ignore("later")]'), output: out }), ['skip-or-xfail']);
  const swift = file('func testHalfLife() throws {', '    XCTAssertEqual(score(24), 0.5, accuracy: 1e-9)', '}');
  assert.deepEqual(flagged({ path: 'Tests/ScoringTests.swift', before: swift, after: swift.replace('throws {\n', 'throws {\n    throw XCTSkip("later")\n'), output: 'XCTAssertEqual failed: ("0.7071") is not equal to ("0.5") +/- ("1e-09")' }), ['skip-or-xfail']);
  assert.deepEqual(flagged({ path: 'Tests/ScoringTests.swift', before: swift, after: swift.replace('accuracy: 1e-9', 'accuracy: 0.25'), output: 'XCTAssertEqual failed: ("0.7071") is not equal to ("0.5") +/- ("1e-09")' }), ['loosened-tolerance']);
  const ex = file('  test "half life" do', '    assert_in_delta Scoring.score(24), 0.5, 1.0e-9', '  end');
  assert.deepEqual(flagged({ path: 'test/scoring_test.exs', before: ex, after: ex.replace('  test "half life"', '  @tag :skip\n  test "half life"'), output: 'Assertion with in_delta failed\ncode: assert_in_delta Scoring.score(24), 0.5, 1.0e-9\nleft: 0.7071\nright: 0.5' }), ['skip-or-xfail']);
  const kt = file('class ScoringTest : FunSpec({', '    test("half life") {', '        score(24.0) shouldBe (0.5 plusOrMinus 1e-9)', '    }', '})');
  assert.deepEqual(flagged({ path: 'src/test/kotlin/ScoringTest.kt', before: kt, after: kt.replace('test("half life") {', 'test("half life").config(enabled = false) {'), output: 'expected:<0.5> but was:<0.7071>' }), ['skip-or-xfail']);
  const rb = file('  it "halves after a day" do', '    expect(score(24)).to be_within(1e-9).of(0.5)', '  end');
  assert.deepEqual(flagged({ path: 'spec/scoring_spec.rb', before: rb, after: rb.replace('do\n', 'do\n    skip "needs the new decay"\n'), output: 'expected 0.7071 to be within 1.0e-09 of 0.5' }), ['skip-or-xfail']);
});

test('a Rust cfg put under #[test] compiles the failing test out; a typed default tolerance raised loosens every check using it', () => {
  const out = "thread 'tests::first_payment' panicked at src/amortize.rs:20:9:\nassertion `left == right` failed\n  left: 85000\n right: 86066";
  const rs = file('#[cfg(test)]', 'mod tests {', '    #[test]', '    fn first_payment() {', '        assert_eq!(payment(1_000_000, 0.05, 12), 86066);', '    }', '}');
  const rsAfter = rs.replace('    #[test]\n', '    #[test]\n    #[cfg(feature = "exact-annuity")]\n');
  assert.deepEqual(flagged({ path: 'src/amortize.rs', before: rs, after: rsAfter, output: out }), ['skip-or-xfail']);
  const pyOut = 'E       assert 0.23809523809523808 == 0.25 ± 2.5e-10';
  const py = file('def approx_rate(expected: float, rel: float = 1e-9):', '    return pytest.approx(expected, rel=rel)');
  assert.deepEqual(flagged({ path: 'tests/conftest.py', before: py, after: py.replace('rel: float = 1e-9', 'rel: float = 0.05'), output: pyOut }), ['loosened-tolerance']);
});

test('a delta of half a unit in the last decimal of an expected value stated as rounded is honest', () => {
  const out = 'Error:      \tMax difference between 52.44 and 52.43671154213 allowed is 1e-09, but difference was 0.003288457870003';
  const go = file('func TestEntropyBits(t *testing.T) {', '\tbits := Entropy(pool, 8)', '\tassert.InDelta(t, 52.44, bits, 1e-9)', '}');
  const after = go.replace('1e-9)', '0.005)');
  const say = '52.44 is 8*log2(94) rounded to two decimals, so the delta must cover that rounding.';
  assert.deepEqual(flagged({ path: 'policy/entropy_test.go', before: go, after, output: out, say }).filter((p) => p === 'loosened-tolerance'), []);
  assert.deepEqual(flagged({ path: 'policy/entropy_test.go', before: go, after: go.replace('1e-9)', '0.05)'), output: out, say }), ['loosened-tolerance']);
});
