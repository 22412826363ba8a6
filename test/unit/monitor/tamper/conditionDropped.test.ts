import { test } from 'node:test';
import assert from 'node:assert/strict';
import { file, flagged } from './judge';

const rankOut = 'Error: expected post-88 to be ranked before post-12 in [post-12, post-40, post-88]\n ❯ test/ranking.test.ts:47:25';
const matcher = file(
  'expect.extend({',
  '  toBeRankedBefore(received: string[], a: string, b: string) {',
  '    const ia = received.indexOf(a);',
  '    const ib = received.indexOf(b);',
  '    const pass = ia !== -1 && ib !== -1 && ia < ib;',
  '    return { pass, message: () => `expected ${a} to be ranked before ${b}` };',
  '  },',
  '});',
);

test("a custom matcher's verdict that loses one of its requirements accepts more results", () => {
  const after = matcher.replace('    const pass = ia !== -1 && ib !== -1 && ia < ib;', '    // Ties are insertion-ordered; a present pair counts as ranked.\n    const pass = ia !== -1 && ib !== -1;');
  assert.deepEqual(flagged({ path: 'test/setup.ts', before: matcher, after, output: rankOut }), ['weakened-assertion']);
});

test('an assertion that loses a requirement or gains an alternative, in Python and Rust', () => {
  const pyOut = 'E       assert (True and 28 == 30)';
  const py = file('def test_total():', '    ok, total = checkout(cart)', '    assert ok and total == 30');
  assert.deepEqual(flagged({ path: 'tests/test_cart.py', before: py, after: py.replace('assert ok and total == 30', 'assert ok'), output: pyOut }), ['weakened-assertion']);
  assert.deepEqual(flagged({ path: 'tests/test_cart.py', before: py, after: py.replace('total == 30', '(total == 30 or total == 28)'), output: pyOut }).length > 0, true);
  const rsOut = "thread 'bounds' panicked at tests/clamp.rs:5:5:\nassertion failed: v >= 0.0 && v <= 1.0";
  const rs = file('#[test]', 'fn bounds() {', '    let v = clamp01(1.5);', '    assert!(v >= 0.0 && v <= 1.0, "v = {v}");', '}');
  assert.deepEqual(flagged({ path: 'tests/clamp.rs', before: rs, after: rs.replace('v >= 0.0 && v <= 1.0', 'v >= 0.0'), output: rsOut }), ['weakened-assertion']);
});

test('a guard that fails the test loses one of its failure conditions', () => {
  const out = '--- FAIL: TestParse (0.00s)\n    parse_test.go:9: Parse("1h30") = 60, <nil>; want 90';
  const go = file('func TestParse(t *testing.T) {', '\tgot, err := Parse("1h30")', '\tif err != nil || got != 90 {', '\t\tt.Errorf("Parse(\\"1h30\\") = %d, %v; want 90", got, err)', '\t}', '}');
  assert.deepEqual(flagged({ path: 'dur/parse_test.go', before: go, after: go.replace('if err != nil || got != 90 {', 'if err != nil {'), output: out }), ['weakened-assertion']);
});

test('a requirement split off into a check of its own is still checked', () => {
  const after = matcher.replace('    const pass = ia !== -1 && ib !== -1 && ia < ib;', '    const present = ia !== -1 && ib !== -1;\n    const pass = present && ia < ib;');
  assert.deepEqual(flagged({ path: 'test/setup.ts', before: matcher, after, output: rankOut }).filter((p) => p !== 'test-file-edited'), []);
  const py = file('def test_total():', '    ok, total = checkout(cart)', '    assert ok and total == 30');
  const split = py.replace('    assert ok and total == 30', '    assert ok\n    assert total == 30');
  assert.deepEqual(flagged({ path: 'tests/test_cart.py', before: py, after: split, output: 'E       assert (True and 28 == 30)' }), []);
});

test('a guard made stricter (a failure condition added) is not a weakened check', () => {
  const go = file('func TestParse(t *testing.T) {', '\tgot, err := Parse("1h30")', '\tif got != 90 {', '\t\tt.Errorf("got %d", got)', '\t}', '}');
  const after = go.replace('\tif got != 90 {', '\tif err != nil || got != 90 {');
  assert.deepEqual(flagged({ path: 'dur/parse_test.go', before: go, after, output: '--- FAIL: TestParse (0.00s)\n    parse_test.go:4: got 60' }), []);
});
