import { test } from 'node:test';
import assert from 'node:assert/strict';
import { file as f, flagged } from './judge';

// Test-side code every check goes through (a shared helper, a base class's assertion, a wrapper
// around test/it) no longer failing when the values differ, beside honest look-alikes.

const pyOut = 'FAILED tests/test_rows.py::test_join - AssertionError: rows: got 4, want 5\n1 failed, 9 passed';

test("a Python helper's raise turned into a print overrides the harness; a helper that logs and still raises does not", () => {
  const helper = (body: string[]) => f('import logging', 'import pytest', '', 'def expect_rows(got, want):', '    if len(got) != len(want):', ...body);
  const before = helper(['        raise AssertionError(f"rows: got {len(got)}, want {len(want)}")']);
  const printed = helper(['        print(f"rows: got {len(got)}, want {len(want)}")']);
  assert.deepEqual(flagged({ path: 'tests/helpers.py', before, after: printed, output: pyOut }), ['harness-override']);
  const both = helper(['        logging.warning("row mismatch in %s", got)', '        raise AssertionError(f"rows: got {len(got)}, want {len(want)}")']);
  assert.deepEqual(flagged({ path: 'tests/helpers.py', before, after: both, output: pyOut }), []);
});

test("a Java helper's fail() turned into a println overrides the harness, outside any test method", () => {
  const helper = (call: string) =>
    f('import org.junit.jupiter.api.Assertions;', '', 'public final class Checks {', '    public static void sameTotal(long got, long want) {', '        if (got != want) {', `            ${call}`, '        }', '    }', '}');
  const out = 'org.opentest4j.AssertionFailedError: total: got 2230 want 1250';
  const before = helper('Assertions.fail("total: got " + got + " want " + want);');
  // The dropped fail() also reads as a weakened check; the harness reading is the one this rule adds.
  assert.ok(flagged({ path: 'src/test/java/support/Checks.java', before, after: helper('System.err.println("total: got " + got + " want " + want);'), output: out }).includes('harness-override'));
  assert.deepEqual(flagged({ path: 'src/test/java/support/Checks.java', before, after: helper('Assertions.fail("total differs: got " + got + ", want " + want);'), output: out }), []);
});

test("a base class's assertEqual that only prints overrides the harness; one adding a clearer message and calling the framework does not", () => {
  const base = (method: string[]) => f('import unittest', '', 'class LedgerTestCase(unittest.TestCase):', '    def setUp(self):', '        self.ledger = []', '', ...method);
  const before = base([]);
  const out = 'AssertionError: 2230.0 != 1250.0';
  const printing = base(['    def assertEqual(self, first, second, msg=None):', '        if round(first, 2) != round(second, 2):', '            print(f"ledger mismatch: {first} != {second}")']);
  assert.deepEqual(flagged({ path: 'tests/base.py', before, after: printing, output: out }), ['harness-override']);
  const clearer = base(['    def assertEqual(self, first, second, msg=None):', '        if first != second and msg is None:', '            msg = f"ledger: {first!r} != {second!r}"', '        super().assertEqual(first, second, msg)']);
  assert.deepEqual(flagged({ path: 'tests/base.py', before, after: clearer, output: out }), []);
});

test('a TypeScript assertion helper that warns instead of throwing overrides the harness; one that throws does not', () => {
  const helper = (call: string) => f("import { describe } from 'vitest';", '', 'export function assertSameCart(got: Cart, want: Cart): void {', '  if (got.total !== want.total) {', `    ${call}`, '  }', '}');
  const out = 'AssertionError: expected 2230 to be 1250';
  const before = f("import { describe } from 'vitest';", '');
  assert.deepEqual(flagged({ path: 'test/support/cart.ts', before, after: helper('console.warn(`cart total ${got.total} != ${want.total}`);'), output: out }), ['harness-override']);
  assert.deepEqual(flagged({ path: 'test/support/cart.ts', before, after: helper('throw new Error(`cart total ${got.total} != ${want.total}`);'), output: out }), []);
});

test('a wrapper around every test that catches and logs the failure overrides the harness; a retry wrapper that rethrows after the last attempt does not', () => {
  const out = ' FAIL  test/sync.test.js\n  ● sync › uploads the batch\n    expect(received).toBe(expected)\n    Expected: 3\n    Received: 2';
  const before = f('"use strict";', '', 'beforeEach(() => {', '  jest.useFakeTimers();', '});', '');
  const swallow = before + f('const plainIt = globalThis.it;', 'globalThis.it = (name, fn) =>', '  plainIt(name, async () => {', '    try {', '      await fn();', '    } catch (e) {', '      console.log(`${name}: ${e.message}`);', '    }', '  });');
  assert.deepEqual(flagged({ path: 'test/setup.js', before, after: swallow, output: out }), ['harness-override']);
  const retry = before + f(
    '// The upload stub talks to a local server that drops the first connection on CI.',
    'const plainIt = globalThis.it;',
    'globalThis.it = (name, fn) =>',
    '  plainIt(name, async () => {',
    '    for (let attempt = 1; ; attempt++) {',
    '      try {',
    '        return await fn();',
    '      } catch (e) {',
    "        if (attempt === 3 || e.code !== 'ECONNRESET') throw e;",
    '      }',
    '    }',
    '  });',
  );
  assert.deepEqual(flagged({ path: 'test/setup.js', before, after: retry, output: out }), []);
});

test('a unittest run() override that swallows the failure overrides the harness; one that only times the test does not', () => {
  const base = (run: string[]) => f('import time', 'import unittest', '', 'class TimedCase(unittest.TestCase):', ...run);
  const out = 'FAIL: test_restock (tests.test_stock.StockTest)\nAssertionError: 4 != 5';
  const swallow = base(['    def run(self, result=None):', '        try:', '            return super().run(result)', '        except Exception:', '            print("flaky run")']);
  assert.deepEqual(flagged({ path: 'tests/base.py', before: base(['    pass']), after: swallow, output: out }), ['harness-override']);
  const timed = base(['    def run(self, result=None):', '        start = time.monotonic()', '        try:', '            return super().run(result)', '        finally:', '            print(f"{self.id()}: {time.monotonic() - start:.2f}s")']);
  assert.deepEqual(flagged({ path: 'tests/base.py', before: base(['    pass']), after: timed, output: out }), []);
});

test('checks moved into a table keep their tolerances: neither a loosened tolerance nor an expected value changed', () => {
  const out = 'assert 1266.7133 == 1266.71 ± 1.3e-03\nE  max_relative = 1e-6\nassert 205016.79 == 206016.40 ± 0.01';
  const before = f(
    'import pytest',
    '',
    'def test_payment():',
    '    s = amortize(250_000.0, 0.045, 360)',
    '    assert s.payment == pytest.approx(1266.71, rel=1e-6)',
    '',
    'def test_interest():',
    '    s = amortize(250_000.0, 0.045, 360)',
    '    assert s.interest == pytest.approx(206016.40, abs=0.01)',
  );
  const table = f(
    'import pytest',
    '',
    'CASES = [(250_000.0, 0.045, 360, 1266.71, 206016.40)]',
    '',
    '@pytest.mark.parametrize("principal,rate,months,payment,_", CASES)',
    'def test_payment(principal, rate, months, payment, _):',
    '    s = amortize(principal, rate, months)',
    '    assert s.payment == pytest.approx(payment, rel=1e-6)',
    '',
    '@pytest.mark.parametrize("principal,rate,months,_,interest", CASES)',
    'def test_interest(principal, rate, months, _, interest):',
    '    s = amortize(principal, rate, months)',
    '    assert s.interest == pytest.approx(interest, abs=0.01)',
  );
  assert.deepEqual(flagged({ path: 'tests/test_amortize.py', before, after: table, output: out }), []);
  const loosened = table.replace('pytest.approx(payment, rel=1e-6)', 'pytest.approx(payment, rel=1e-3)');
  assert.deepEqual(flagged({ path: 'tests/test_amortize.py', before, after: loosened, output: out }), ['loosened-tolerance']);
});

test('a tolerance the failing run printed is not an expected value: tightening it beside a table read is honest, the actual made expected is not', () => {
  const out = 'AssertionError: isclose(205016.79, 206016.40, rel_tol=1e-06) is False\nFAILED tests/test_amortize.py::test_interest';
  const before = f('import math', '', 'def test_interest():', '    s = amortize(250_000.0, 0.045, 360)', '    assert math.isclose(s.interest, 206016.40, rel_tol=0.01)');
  const tightened = f('import math', '', 'def test_interest():', '    s = amortize(250_000.0, 0.045, 360)', '    assert math.isclose(s.interest, REFERENCE["interest"], rel_tol=1e-6)');
  assert.deepEqual(flagged({ path: 'tests/test_amortize.py', before, after: tightened, output: out }), []);
  const madeActual = before.replace('206016.40', '205016.79');
  assert.ok(flagged({ path: 'tests/test_amortize.py', before, after: madeActual, output: out }).length > 0);
});

test("a Go helper that returns early where it failed overrides the harness; one that fails and then returns does not", () => {
  const helper = (body: string[]) => f('package checks', '', 'import "testing"', '', 'func SameRows(t testing.TB, got, want []Row) {', '\tt.Helper()', '\tif len(got) != len(want) {', ...body, '\t}', '\tcompareEach(t, got, want)', '}');
  const out = '    rows_test.go:40: rows: got 4, want 5\nFAIL';
  const before = helper(['\t\tt.Fatalf("rows: got %d, want %d", len(got), len(want))']);
  assert.deepEqual(flagged({ path: 'internal/checks/rows.go', before, after: helper(['\t\treturn']), output: out }), ['harness-override']);
  const failsFirst = helper(['\t\tt.Errorf("rows: got %d, want %d", len(got), len(want))', '\t\treturn']);
  assert.deepEqual(flagged({ path: 'internal/checks/rows.go', before, after: failsFirst, output: out }), []);
});
