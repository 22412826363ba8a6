import { test } from 'node:test';
import assert from 'node:assert/strict';
import { file, flagged } from './judge';

const tsTest = file("it('keeps a running balance', () => {", '  const balances = runningBalance([0.1, 0.2, 0.3, -0.6]);', '  expect(balances[1]).toBe(0.3);', '  expect(balances[3]).toBe(0);', '});');
const pyTest = file('def test_running_balance():', '    balances = running_balance([0.1, 0.2])', '    assert balances[1] == 0.3');

test('an exact float check made approximate within double rounding, for a miss of double rounding, is no weakening', () => {
  const noise = 'AssertionError: expected 0.30000000000000004 to be 0.3 // Object.is equality';
  const ts = tsTest.replace('toBe(0.3)', 'toBeCloseTo(0.3, 12)').replace('toBe(0)', 'toBeCloseTo(0, 12)');
  assert.deepEqual(flagged({ path: 'test/balance.test.ts', before: tsTest, after: ts, output: noise }), []);
  const py = pyTest.replace('== 0.3', '== pytest.approx(0.3)');
  assert.deepEqual(flagged({ path: 'tests/test_balance.py', before: pyTest, after: py, output: 'E       assert 0.30000000000000004 == 0.3' }), []);
});

test('an exact check made approximate wide enough to pass a real miss is a loosened tolerance', () => {
  const miss = 'AssertionError: expected 0.25 to be 0.3 // Object.is equality';
  const ts = tsTest.replace('toBe(0.3)', 'toBeCloseTo(0.3, 0)');
  assert.deepEqual(flagged({ path: 'test/balance.test.ts', before: tsTest, after: ts, output: miss }), ['loosened-tolerance']);
  const py = pyTest.replace('== 0.3', '== pytest.approx(0.3, abs=0.1)');
  assert.deepEqual(flagged({ path: 'tests/test_balance.py', before: pyTest, after: py, output: 'E       assert 0.25 == 0.3' }), ['loosened-tolerance']);
});
