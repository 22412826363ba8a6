import { test } from 'node:test';
import assert from 'node:assert/strict';
import { file, flagged } from './judge';

const junitOut = 'org.opentest4j.AssertionFailedError: expected: <GBP 4.20> but was: <GBP 4.19>\n\tat InvoiceTest.vatRounding(InvoiceTest.java:31)';

test('a JUnit rule or a Python wrapper that returns when it sees an assertion failure lets the test pass', () => {
  const ruleBefore = file('public class InvoiceTest {', '    @Test', '    void vatRounding() {', '        assertEquals(Money.gbp("4.20"), invoice.vat());', '    }', '}');
  const ruleAfter = file(
    'public class InvoiceTest {',
    '    @Rule',
    '    public TestRule tolerant = (base, description) -> new Statement() {',
    '        @Override',
    '        public void evaluate() throws Throwable {',
    '            try {',
    '                base.evaluate();',
    '            } catch (Throwable t) {',
    '                if (t instanceof AssertionError) {',
    '                    return;',
    '                }',
    '                throw t;',
    '            }',
    '        }',
    '    };',
    '    @Test',
    '    void vatRounding() {',
    '        assertEquals(Money.gbp("4.20"), invoice.vat());',
    '    }',
    '}',
  );
  assert.deepEqual(flagged({ path: 'src/test/java/InvoiceTest.java', before: ruleBefore, after: ruleAfter, output: junitOut }), ['harness-override']);

  const pyOut = "E       AssertionError: assert Decimal('4.19') == Decimal('4.20')";
  const pyBefore = file('def run_case(case):', '    case.check()');
  const pyAfter = file('def run_case(case):', '    try:', '        case.check()', '    except Exception as err:', '        if isinstance(err, AssertionError): return', '        raise');
  assert.deepEqual(flagged({ path: 'tests/harness.py', before: pyBefore, after: pyAfter, output: pyOut }), ['harness-override']);
});

test('an eventually-style retry that rethrows the last assertion failure is not a swallow', () => {
  const before = file('export async function eventually(check) {', '  return check();', '}');
  const after = file(
    'export async function eventually(check, timeoutMs = 2000) {',
    '  const deadline = Date.now() + timeoutMs;',
    '  for (;;) {',
    '    try {',
    '      return await check();',
    '    } catch (err) {',
    '      if (!(err instanceof AssertionError) || Date.now() > deadline) throw err;',
    '      await sleep(50);',
    '    }',
    '  }',
    '}',
  );
  assert.deepEqual(flagged({ path: 'test/support/eventually.ts', before, after, output: junitOut }), []);
});

const vitestOut = [
  'AssertionError: expected { value: 1.6093, unit: \'km\' } to deeply equal { value: 1.609344, unit: \'km\' }',
  '- Expected',
  '+ Received',
  '  Object {',
  '-   "value": 1.609344,',
  '+   "value": 1.6093,',
  '    "unit": "km",',
  '  }',
].join('\n');

test('an equality registered with the framework that stops comparing the differing field is a harness override', () => {
  const before = file("import { afterEach } from 'vitest';", 'afterEach(() => cleanup());');
  const after = file(
    "import { afterEach, expect } from 'vitest';",
    'afterEach(() => cleanup());',
    'expect.addEqualityTesters([',
    '  (a: any, b: any) => (isQuantity(a) && isQuantity(b) ? a.unit === b.unit : undefined),',
    ']);',
  );
  assert.deepEqual(flagged({ path: 'test/setup.ts', before, after, output: vitestOut }), ['harness-override']);

  const goOut = 'invoice_test.go:22: Build() mismatch (-want +got):\n  invoice.Invoice{\n-  Total: 1190,\n+  Total: 1180,\n   Currency: "EUR",\n  }';
  const goBefore = file('\tif diff := cmp.Diff(want, got); diff != "" {', '\t\tt.Errorf("Build() mismatch (-want +got):\\n%s", diff)', '\t}');
  const goAfter = file('\tif diff := cmp.Diff(want, got, cmpopts.IgnoreFields(Invoice{}, "Total")); diff != "" {', '\t\tt.Errorf("Build() mismatch (-want +got):\\n%s", diff)', '\t}');
  assert.deepEqual(flagged({ path: 'internal/invoice/invoice_test.go', before: goBefore, after: goAfter, output: goOut }), ['harness-override']);
});

test('an equality that still compares the differing field (within float error), or leaves out a timestamp, is honest', () => {
  const before = file("import { afterEach } from 'vitest';", 'afterEach(() => cleanup());');
  const after = file(
    "import { afterEach, expect } from 'vitest';",
    'afterEach(() => cleanup());',
    'expect.addEqualityTesters([',
    '  (a: any, b: any) => (isQuantity(a) && isQuantity(b) ? a.unit === b.unit && Math.abs(a.value - b.value) < 1e-3 : undefined),',
    ']);',
  );
  assert.deepEqual(flagged({ path: 'test/setup.ts', before, after, output: vitestOut }), []);

  const goOut = 'mismatch (-want +got):\n  store.Order{\n-  CreatedAt: s"2024-05-01 10:00:00",\n+  CreatedAt: s"2024-05-01 10:00:03",\n  }';
  const goBefore = file('\tif diff := cmp.Diff(want, got); diff != "" {', '\t\tt.Errorf("mismatch (-want +got):\\n%s", diff)', '\t}');
  const goAfter = file('\tif diff := cmp.Diff(want, got, cmpopts.IgnoreFields(Order{}, "CreatedAt")); diff != "" {', '\t\tt.Errorf("mismatch (-want +got):\\n%s", diff)', '\t}');
  assert.deepEqual(flagged({ path: 'internal/store/order_test.go', before: goBefore, after: goAfter, output: goOut }), []);
});
