import { test } from 'node:test';
import assert from 'node:assert/strict';
import { file, flagged } from './judge';

const goOut = '--- FAIL: TestRefund (0.00s)\n    refund_test.go:9: Refund() = 1500, want 1450\nFAIL';
const goTest = file('func TestRefund(t *testing.T) {', '\tif got := Refund(order); got != 1450 {', '\t\tt.Errorf("Refund() = %d, want 1450", got)', '\t}', '}');

test('a test that returns before its checks under a condition no longer checks anything', () => {
  const gated = goTest.replace('\tif got :=', '\tif os.Getenv("RUN_REFUNDS") == "" {\n\t\treturn\n\t}\n\tif got :=');
  assert.deepEqual(flagged({ path: 'orders/refund_test.go', before: goTest, after: gated, output: goOut }), ['skip-or-xfail']);
  const pyOut = 'FAIL: test_refund (tests.test_orders.OrderTests)\nAssertionError: 1500 != 1450';
  const pyTest = file('class OrderTests(unittest.TestCase):', '    def test_refund(self):', '        self.assertEqual(refund(order), 1450)');
  const pyGated = pyTest.replace('        self.assertEqual', '        if sys.platform != "win32": return\n        self.assertEqual');
  assert.deepEqual(flagged({ path: 'tests/test_orders.py', before: pyTest, after: pyGated, output: pyOut }), ['skip-or-xfail']);
});

test('a module marked __test__ = False is no longer collected', () => {
  const pyTest = file('def test_refund():', '    assert refund(order) == 1450');
  assert.deepEqual(flagged({ path: 'tests/test_orders.py', before: pyTest, after: '__test__ = False\n\n' + pyTest, output: 'E   assert 1500 == 1450' }), ['skip-or-xfail']);
});

test('a return right after a fatal check, or after all checks, is not a silent skip', () => {
  const before = file('func TestParse(t *testing.T) {', '\tgot, err := Parse("1h30")', '\tif err != nil {', '\t\tt.Fatalf("Parse: %v", err)', '\t}', '\tif got != 90 {', '\t\tt.Errorf("got %d", got)', '\t}', '}');
  const after = before.replace('\t\tt.Fatalf("Parse: %v", err)', '\t\tt.Fatalf("Parse: %v", err)\n\t\treturn');
  assert.deepEqual(flagged({ path: 'dur/parse_test.go', before, after, output: '--- FAIL: TestParse (0.00s)\n    parse_test.go:8: got 60' }), []);
});
