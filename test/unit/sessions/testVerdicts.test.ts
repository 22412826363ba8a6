/**
 * Every verdict rule with output as its runner prints it (written for this
 * project), and text that looks alike but shows no verdict.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readVerdict } from '../../../src/core/sessions/testVerdicts';

const PY_ASSERT = `Traceback (most recent call last):
  File "/work/solution_test.py", line 12, in <module>
    assert slugify("Café") == "cafe", slugify("Café")
           ^^^^^^^^^^^^^^^^^^^^^^^^^^
AssertionError: café`;

const PYTEST_DETAIL = `    def test_round():
>       assert round_half(2.5) == 3
E       assert 2 == 3
E        +  where 2 = round_half(2.5)

tests/test_round.py:4: AssertionError`;

const JEST_DIFF = `  ● cart › totals with discount

    expect(received).toBe(expected) // Object.is equality

    Expected: 90
    Received: 100`;

const JUNIT = `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="jest tests" tests="5" failures="1" errors="0" time="0.91">
  <testsuite name="cart" tests="5" failures="1">`;

describe('verdicts runners print', () => {
  const cases: Array<[string, string, 'pass' | 'fail', string, Record<string, number>?]> = [
    ['traceback ending in AssertionError', PY_ASSERT, 'fail', 'a traceback ending in AssertionError'],
    ['pytest summary', '============ 2 failed, 3 passed in 0.1s ============', 'fail', 'a pytest summary', { failed: 2, passed: 3 }],
    ['pytest -q summary', '3 passed in 0.12s', 'pass', 'a pytest summary', { passed: 3 }],
    ['pytest failure detail', PYTEST_DETAIL, 'fail', 'a pytest failure'],
    ['pytest error line of a failing test', '>       raise ValueError(msg)\nE       ValueError: C:\\tmp is not in the subpath of C:\\Users', 'fail', 'a pytest failure'],
    ['pytest short summary line', 'FAILED tests/test_main.py::test_empty_dir - TypeError: main() got an unexpected keyword', 'fail', 'a pytest failure'],
    ['unittest failures', 'Ran 4 tests in 0.002s\n\nFAILED (failures=2)', 'fail', 'a unittest summary', { total: 4, failed: 2 }],
    ['unittest ok', '....\nRan 4 tests in 0.002s\n\nOK', 'pass', 'a unittest summary', { total: 4, failed: 0 }],
    ['unittest FAILED line alone', 'FAILED (failures=1, errors=1)', 'fail', 'a unittest summary', { failed: 1, errors: 1 }],
    ['plain counts', 'Summary: 4 passed, 1 failed', 'fail', 'a pass/fail count', { passed: 4, failed: 1 }],
    ['plain counts, failures first', '2 failed, 7 passed', 'fail', 'a pass/fail count', { passed: 7, failed: 2 }],
    ['go --- FAIL', '=== RUN   TestParse\n--- FAIL: TestParse (0.00s)\n    parse_test.go:9: got 1, want 2\nFAIL\nFAIL\texample.com/parse\t0.004s', 'fail', 'a go test failure'],
    ['go ok', 'ok  \texample.com/parse\t0.004s', 'pass', 'a go test summary'],
    ['go FAIL package', 'FAIL\texample.com/parse\t0.010s', 'fail', 'a go test failure'],
    ['rust', 'test result: FAILED. 1 passed; 2 failed; 0 ignored; 0 measured', 'fail', 'a cargo test summary', { passed: 1, failed: 2 }],
    ['rust ok', 'test result: ok. 6 passed; 0 failed; 0 ignored', 'pass', 'a cargo test summary', { passed: 6, failed: 0 }],
    ['rust assertion panic', "thread 'tests::adds' panicked at src/lib.rs:10:9:\nassertion `left == right` failed\n  left: 4\n right: 5", 'fail', 'a failed Rust assertion'],
    ['jest', 'Tests:       1 failed, 11 passed, 12 total', 'fail', 'a Jest/Vitest summary', { failed: 1, passed: 11, total: 12 }],
    ['vitest', ' Test Files  1 failed (1)\n      Tests  2 failed | 5 passed (7)', 'fail', 'a Jest/Vitest summary', { failed: 2, passed: 5 }],
    ['mocha', '  5 passing (20ms)\n  1 failing\n\n  1) cart totals:', 'fail', 'a Mocha summary', { passed: 5, failed: 1 }],
    ['mocha passing', '  12 passing (1s)', 'pass', 'a Mocha summary', { passed: 12, failed: 0 }],
    ['expected/received', JEST_DIFF, 'fail', 'an expected/received mismatch'],
    ['TAP not ok', 'TAP version 13\nok 1 - adds\nnot ok 2 - subtracts\n1..2', 'fail', 'a TAP "not ok"'],
    ['TAP all ok', 'TAP version 13\nok 1 - adds\nok 2 - subtracts\n1..2', 'pass', 'a TAP plan with every test ok'],
    ['node:test summary', 'ℹ tests 3\nℹ pass 2\nℹ fail 1', 'fail', 'a TAP summary', { passed: 2, failed: 1 }],
    ['JUnit XML', JUNIT, 'fail', 'a JUnit XML report', { total: 5, failed: 1, errors: 0, passed: 4 }],
    ['Maven Surefire', '[ERROR] Tests run: 5, Failures: 1, Errors: 0, Skipped: 0', 'fail', 'a Maven Surefire summary', { total: 5, failed: 1, errors: 0 }],
    ['Java AssertionError', 'Exception in thread "main" java.lang.AssertionError: expected 3\n\tat Main.main(Main.java:5)', 'fail', 'a failed JUnit assertion'],
    ['node assert', 'node:assert:124\n  throw new AssertionError(obj);\n  ^\n\nAssertionError [ERR_ASSERTION]: Expected values to be strictly equal:', 'fail', 'an AssertionError'],
    ['rspec', '5 examples, 1 failure', 'fail', 'an RSpec summary', { total: 5, failed: 1, passed: 4 }],
    ['phpunit ok', 'OK (5 tests, 10 assertions)', 'pass', 'a PHPUnit summary', { passed: 5, failed: 0 }],
    ['dotnet', 'Failed!  - Failed:     1, Passed:    11, Skipped: 0', 'fail', 'a dotnet test summary', { failed: 1, passed: 11 }],
    ['ctest', '80% tests passed, 1 tests failed out of 5', 'fail', 'a CTest summary', { failed: 1, total: 5, passed: 4 }],
    ['Pester', 'Tests completed in 1.2s\nTests Passed: 4, Failed: 1, Skipped: 0 NotRun: 0', 'fail', 'a Pester summary', { passed: 4, failed: 1 }],
    ['GoogleTest', '[==========] 5 tests from 1 test suite ran. (0 ms total)\n[  PASSED  ] 4 tests.\n[  FAILED  ] 1 test, listed below:\n[  FAILED  ] Vat.Rounds', 'fail', 'a GoogleTest summary', { passed: 4, failed: 1 }],
    ['Catch2', 'test cases: 5 | 4 passed | 1 failed\nassertions: 9 | 8 passed | 1 failed', 'fail', 'a Catch2 summary', { total: 5, passed: 4, failed: 1 }],
    ['Catch2 passing', 'All tests passed (12 assertions in 3 test cases)', 'pass', 'a Catch2 summary', { passed: 3, failed: 0 }],
    ['colours and CRLF', '\u001b[31m=== 1 failed in 0.2s ===\u001b[0m\r\n', 'fail', 'a pytest summary', { failed: 1 }],
  ];
  for (const [name, output, outcome, shows, counts] of cases) {
    test(name, () => {
      const v = readVerdict(output);
      assert.ok(v, 'a verdict');
      assert.equal(v.outcome, outcome);
      assert.equal(v.shows, shows);
      assert.equal(v.loose, undefined);
      if (counts) assert.deepEqual(v.counts, counts);
    });
  }
  test('one failure among two runs fails the output', () => {
    assert.equal(readVerdict('=== 3 passed in 0.1s ===\n...\n=== 1 failed, 2 passed in 0.1s ===')?.outcome, 'fail');
    assert.equal(readVerdict(`${PY_ASSERT}\n=== 3 passed in 0.1s ===`)?.outcome, 'fail');
  });
  test('looser signs are marked loose', () => {
    assert.deepEqual(readVerdict('All tests passed!'), { outcome: 'pass', shows: '"all tests passed"', summary: false, loose: true });
    assert.equal(readVerdict('3 tests failed')?.outcome, 'fail');
    assert.equal(readVerdict('expected 5, got 6')?.loose, true);
    assert.equal(readVerdict('FAIL: expected [1, 2] but was [1]')?.outcome, 'fail');
  });
});

describe('text that shows no verdict', () => {
  const texts: Array<[string, string]> = [
    ['a crash traceback', 'Traceback (most recent call last):\n  File "app.py", line 3, in <module>\n    main()\nValueError: something bad happened'],
    ['an assert statement in code', 'def test_x():\n    assert add(1, 2) == 3\n    raise AssertionError("never")'],
    ['grep output', 'tests/test_a.py:12:    assert x == 1\nsrc/check.py:4:        raise AssertionError(msg)'],
    ['a build with errors', 'src/a.ts(3,5): error TS2322: Type number is not assignable to type string.\nFound 1 error.'],
    ['a lone "0 failed"', '0 failed'],
    ['prose about tests', 'Please add tests for the parser. The tests should pass on CI, and make sure all tests pass.'],
    ['pip installing pytest', 'Collecting pytest\nSuccessfully installed pytest-8.3.2 pluggy-1.5.0'],
    ['a git log', 'commit 1a2b3c\n    Fix test: 3 tests were failing on windows'],
    ['nothing ran', '===== 4 deselected in 0.02s ====='],
    ['an xfail line', 'tests/test_a.py::test_b XFAIL'],
    ['an ok with no plan', 'ok 1 - adds'],
    ['a usage error', 'usage: tool [-h] -x X\ntool: error: argument -x: expected one argument'],
    ['a log line about an expectation', 'INFO server: expected 3 workers, got 2 (scaling up)'],
    ['a diff of a test file', '-    assert total == 90\n+    assert total == 100'],
  ];
  for (const [name, text] of texts) {
    test(name, () => assert.equal(readVerdict(text), undefined));
  }
});
