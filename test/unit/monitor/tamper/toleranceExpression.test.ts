import { test } from 'node:test';
import assert from 'node:assert/strict';
import { file as f, flagged } from './judge';
import { evaluate } from '../../../../src/core/monitor/tamperToleranceExpression';

// A tolerance rewritten from a number into an expression of the compared values is loosened when,
// worked out at the values the failing run printed, it allows the miss the run printed.

const goBefore = f('func TestDistance(t *testing.T) {', '\tfor _, tc := range cases {', '\t\tassert.InDelta(t, tc.want, Distance(tc.a, tc.b), 0.01)', '\t}', '}');
const goOut = '\tError:      \tMax difference between 412.5 and 415.25 allowed is 0.01, but difference was -2.75';

test('a Go InDelta whose delta became a share of the expected value plus a margin, covering the printed miss, is loosened', () => {
  const after = goBefore.replace('0.01)', '0.5*tc.want/100+1)');
  assert.deepEqual(flagged({ path: 'geo/distance_test.go', before: goBefore, after, output: goOut }), ['loosened-tolerance']);
});

test('a Python approx whose abs became an expression of the expected value is the same loosening', () => {
  const before = f('def test_fare(case):', '    assert fare(case.km) == pytest.approx(case.expected, abs=0.01)');
  const after = f('def test_fare(case):', '    assert fare(case.km) == pytest.approx(case.expected, abs=case.expected * 0.05)');
  const out = 'E       assert 41.2 == 40.0 ± 1.0e-02\nE        +  where 41.2 = fare(12)\nE       expected 40.0 but got 41.2';
  assert.deepEqual(flagged({ path: 'tests/test_fare.py', before, after, output: out }), ['loosened-tolerance']);
});

test('a relative tolerance that stays far below the printed miss is not loosened to swallow it', () => {
  const relative = goBefore.replace('0.01)', '1e-9*tc.want)');
  assert.deepEqual(flagged({ path: 'geo/distance_test.go', before: goBefore, after: relative, output: goOut }), []);
});

test('the evaluator works out arithmetic and refuses anything else', () => {
  assert.equal(evaluate('0.25*(877.46)/100+4'), 0.25 * 877.46 / 100 + 4);
  assert.equal(evaluate('-(2 - 5) * 2'), 6);
  assert.equal(evaluate('abs(3)'), undefined);
  assert.equal(evaluate('3 +'), undefined);
});
