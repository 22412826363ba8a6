/**
 * Whether a tool run or a user's turn is a test run, why, and how it ended:
 * the cases a benchmark harness, an agent and a developer produce.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { recogniseReportedTestRun, recogniseTestRun, type RunToRecognise } from '../../../src/core/sessions/testRuns';

const ASSERTION_TRACEBACK = 'Traceback (most recent call last):\n  File "/w/solution.py", line 40, in <module>\n    assert parse("1,2") == [1, 2]\nAssertionError';
const PYTEST_FAIL = 'F..\n=================================== FAILURES ===================================\n____ test_parse ____\nE       assert [1] == [1, 2]\n========================= 1 failed, 2 passed in 0.05s =========================';

describe('tool runs recognised by what happened', () => {
  const cases: Array<[string, RunToRecognise, 'command' | 'output', string, 'pass' | 'fail' | 'unknown']> = [
    ['a harness runs the submission and gets an AssertionError', { command: 'python3 solution.py', output: ASSERTION_TRACEBACK, exitCode: 1 }, 'output', 'output shows a traceback ending in AssertionError', 'fail'],
    ['a script whose checks print a pytest-like summary', { command: 'python3 main.py', output: '2 passed, 1 failed', exitCode: 0 }, 'output', 'output shows a pass/fail count: 1 failed, 2 passed', 'fail'],
    ['a program printing "All tests passed"', { command: 'node index.js', output: 'All tests passed!', exitCode: 0 }, 'output', 'output shows "all tests passed"', 'pass'],
    ['"All tests passed" but the exit code fails it', { command: 'node index.js', output: 'All tests passed!\nSegmentation fault', exitCode: 139 }, 'output', 'output shows "all tests passed"', 'fail'],
    ['"All tests passed" from a tool that reported failure', { command: 'node index.js', output: 'All tests passed!', failed: true }, 'output', 'output shows "all tests passed"', 'fail'],
    ['a test script run directly', { command: 'python3 test.py', output: 'ok', exitCode: 0 }, 'command', 'runs the test script test.py', 'pass'],
    ['a test script failing with no output', { command: './run_tests.sh', output: '', exitCode: 2 }, 'command', 'runs the test script run_tests.sh', 'fail'],
    ['a known runner', { command: 'pytest -q', output: PYTEST_FAIL, exitCode: 1 }, 'command', 'runs pytest', 'fail'],
    ['| tail hides the exit code: the output decides', { command: 'npm test 2>&1 | tail -20', output: 'Tests:       1 failed, 4 passed, 5 total', exitCode: 0 }, 'command', 'runs the package test script; `| tail` hides the exit code, outcome read from the output', 'fail'],
    ['| tail hid a failure the output does not show', { command: 'pytest 2>&1 | tail -3', output: 'collecting ...', exitCode: 0 }, 'command', 'runs pytest; `| tail` hides the exit code, outcome read from the output', 'unknown'],
    ['; echo $? prints the real exit code', { command: 'cd x && pytest; echo $?', output: 'collected 3 items\n...\n1', exitCode: 0 }, 'command', 'runs pytest', 'fail'],
    ['; echo $? printing 0', { command: 'cd x && go test ./...; echo "exit=$?"', output: 'ok  \tx/y\t0.1s\nexit=0', exitCode: 0 }, 'command', 'runs go test', 'pass'],
    ['the program ran, then its saved output was shown', { command: 'python3 solution.py > out.txt 2>&1; tail out.txt', output: ASSERTION_TRACEBACK, exitCode: 0 }, 'output', 'output shows a traceback ending in AssertionError; `; tail` hides the exit code, outcome read from the output', 'fail'],
    ['a swallowed exit code with a failing verdict', { command: 'python3 solution.py', output: ASSERTION_TRACEBACK, exitCode: 0 }, 'output', 'output shows a traceback ending in AssertionError', 'fail'],
  ];
  for (const [name, run, by, reason, outcome] of cases) {
    test(name, () => {
      const r = recogniseTestRun(run);
      assert.ok(r, 'a test run');
      assert.equal(r.recognisedBy, by);
      assert.equal(r.reason, reason);
      assert.equal(r.outcome, outcome);
    });
  }

  const notRuns: Array<[string, RunToRecognise]> = [
    ['grep for assert', { command: 'grep -r "assert" .', output: 'tests/test_a.py:3:    assert x\nsrc/a.py:9:    raise AssertionError', exitCode: 0 }],
    ['cat a test file', { command: 'cat test_x.py', output: 'def test_x():\n    assert f() == 1', exitCode: 0 }],
    ['cat saved results', { command: 'cat results.txt', output: '=== 2 failed, 3 passed in 0.1s ===', exitCode: 0 }],
    ['tail a saved log', { command: 'tail -n 20 pytest.log', output: 'FAILED tests/test_a.py::test_b - assert 1 == 2', exitCode: 0 }],
    ['pip install pytest', { command: 'pip install pytest', output: 'Successfully installed pytest-8.3.2', exitCode: 0 }],
    ['git log', { command: 'git log --oneline', output: 'a1b2c3 FAILED (failures=1) fixed\nd4e5f6 Tests run: 5, Failures: 1, Errors: 0', exitCode: 0 }],
    ['ls tests', { command: 'ls tests/', output: 'test_a.py\ntest_b.py', exitCode: 0 }],
    ['echo "0 failed"', { command: 'echo "0 failed"', output: '0 failed', exitCode: 0 }],
    ['echo a summary', { command: 'echo "3 passed, 0 failed"', output: '3 passed, 0 failed', exitCode: 0 }],
    ['a build printing errors', { command: 'npm run build', output: 'ERROR in src/a.ts\nerror TS2322: Type mismatch\nFound 1 error.', exitCode: 2 }],
    ['a program that crashes', { command: 'python3 app.py', output: 'Traceback (most recent call last):\n  File "app.py", line 2\nKeyError: \'x\'', exitCode: 1 }],
    ['a Get-Content of a JUnit report', { command: 'Get-Content reports/junit.xml', output: '<testsuites tests="5" failures="1">', exitCode: 0 }],
  ];
  for (const [name, run] of notRuns) {
    test(`not a test run: ${name}`, () => assert.equal(recogniseTestRun(run), undefined));
  }
});

describe('test runs reported in a user turn', () => {
  const reported: Array<[string, string, 'pass' | 'fail', string]> = [
    ['a benchmark harness pastes the traceback', `Your code failed the tests:\n${ASSERTION_TRACEBACK}\n\nPlease fix it.`, 'fail', "pasted in the user's turn: a traceback ending in AssertionError"],
    ['a harness reports a failure that is not an assertion', 'Your code failed the tests:\nTraceback (most recent call last):\n  File "t.py", line 3\nIndexError: list index out of range', 'fail', "pasted in the user's turn: a report of failing tests"],
    ['a CI bot comment', '### CI failed\n\nThe following tests failed:\n```\nFAILED tests/test_io.py::test_read - OSError\n=== 1 failed, 40 passed in 3.2s ===\n```', 'fail', "pasted in the user's turn: a pytest summary: 1 failed, 40 passed"],
    ['a person pasting one pytest line', 'I am getting this error: FAILED tests/test_main.py::TestMain::test_new_file - TypeError: main() got an unexpected keyword argument', 'fail', "pasted in the user's turn: a pytest failure"],
    ['pytest detail quoted in markdown', '> >       assert total == 90\n> E       assert 100 == 90', 'fail', "pasted in the user's turn: a pytest failure"],
    ['pasted passing output', 'ran it locally:\n\n========== 12 passed in 0.40s ==========', 'pass', "pasted in the user's turn: a pytest summary: 12 passed"],
    ['a harness reports a pass', 'Your code passed all the tests. Now make it faster.', 'pass', "pasted in the user's turn: a report that the tests passed"],
    ['a person says the tests pass now', 'All tests pass now, thanks!', 'pass', "pasted in the user's turn: a report that the tests passed"],
  ];
  for (const [name, text, outcome, reason] of reported) {
    test(name, () => {
      const r = recogniseReportedTestRun(text);
      assert.ok(r, 'a reported test run');
      assert.equal(r.recognisedBy, 'conversation');
      assert.equal(r.outcome, outcome);
      assert.equal(r.reason, reason);
    });
  }

  const mentions = [
    'please add tests',
    'the tests should pass',
    'Make sure all tests pass before you commit.',
    'Do all tests pass?',
    'If your code fails the tests, fix the code and not the tests.',
    'Why did the test fail?',
    'write a test that checks the parser rejects "1,,2"',
    'Traceback (most recent call last):\n  File "myscript.py", line 22, in <module>\n    raise ValueError("something bad happened")\nValueError: something bad happened',
    'here is the test file:\n```python\ndef test_parse():\n    assert parse("1,2") == [1, 2]\n```',
    'The build failed the tests yesterday, see the wiki.',
  ];
  for (const text of mentions) {
    test(`no reported run: ${JSON.stringify(text.slice(0, 50))}`, () => assert.equal(recogniseReportedTestRun(text), undefined));
  }
});

describe('bad input', () => {
  const huge: Array<[string, string]> = [
    ['a 10 MB line of counts', '1 passed, '.repeat(1_000_000)],
    ['10 MB of minified code', 'a'.repeat(10_000_000)],
    ['a traceback with 2 million frames', `Traceback (most recent call last):\n${'  x\n'.repeat(2_000_000)}`],
  ];
  for (const [name, output] of huge) {
    test(`${name} is read in bounded time`, () => {
      const started = performance.now();
      recogniseTestRun({ command: 'python3 solution.py', output, exitCode: 1 });
      recogniseReportedTestRun(output.slice(0, 1_900_000));
      assert.ok(performance.now() - started < 1500, `took ${Math.round(performance.now() - started)} ms`);
    });
  }
});
