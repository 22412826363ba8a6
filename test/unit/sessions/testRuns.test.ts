import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { findPassClaim } from '../../../src/core/sessions/claims';
import { parseTestOutcome, recogniseTestCommand, recogniseTestOutput } from '../../../src/core/sessions/testRuns';

describe('recogniseTestCommand', () => {
  const runs: Array<[string, string]> = [
    ['npm test', 'npm'],
    ['npm run test:unit -- --watch=false', 'npm'],
    ['pnpm test', 'npm'],
    ['yarn test date', 'npm'],
    ['bun test', 'npm'],
    ['npx jest src/cart', 'jest'],
    ['npx vitest run', 'jest'],
    ['npx mocha', 'jest'],
    ['npx playwright test', 'jest'],
    ['node --test test/', 'node'],
    ['pytest -q tests/test_slug.py', 'pytest'],
    ['python -m pytest -x', 'pytest'],
    ['python3 -m unittest tests.basic.test_main', 'unittest'],
    ['tox -e py312', 'pytest'],
    ['uv run pytest', 'pytest'],
    ['poetry run pytest tests', 'pytest'],
    ['go test ./...', 'go'],
    ['cargo test --all', 'cargo'],
    ['cargo nextest run', 'cargo'],
    ['mvn -q test', 'maven'],
    ['./gradlew test', 'gradle'],
    ['dotnet test', 'dotnet'],
    ['bundle exec rspec spec/models', 'rspec'],
    ['vendor/bin/phpunit', 'phpunit'],
    ['ctest --output-on-failure', 'ctest'],
    ['make test', 'make'],
    ['make -j4 check', 'make'],
    ['cd /home/ana/shop && npx vitest run src/cart', 'jest'],
    ['CI=1 timeout 600 npm test 2>&1 | tail -5', 'npm'],
    ['bash -lc "npm test"', 'npm'],
    ['python reproduce_bug.py', 'repro-script'],
  ];
  for (const [command, runner] of runs) {
    test(`${command} -> ${runner}`, () => assert.equal(recogniseTestCommand(command), runner));
  }
  for (const command of ['npm install', 'git diff a162', 'python myscript.py', 'ls tests/', 'cat test_output.txt', 'echo "npm test"', 'rm reproduce.py', '']) {
    test(`${JSON.stringify(command)} is not a test run`, () => assert.equal(recogniseTestCommand(command), undefined));
  }
});

describe('parseTestOutcome', () => {
  const cases: Array<[string, string, number | undefined, string, Record<string, number> | undefined]> = [
    ['jest failing', 'FAIL src/a.test.ts\nTests: 1 failed, 11 passed, 12 total', undefined, 'fail', { failed: 1, passed: 11, total: 12 }],
    ['jest passing', 'PASS src/a.test.ts\nTests: 12 passed, 12 total', undefined, 'pass', { passed: 12, total: 12 }],
    ['vitest', ' Tests  2 failed | 5 passed (7)', undefined, 'fail', { failed: 2, passed: 5 }],
    ['pytest failing', '========================= 1 failed, 6 passed in 3.28s ==========================', undefined, 'fail', { failed: 1, passed: 6 }],
    ['pytest errors', '============================== 2 errors in 8.57s ===============================', undefined, 'fail', { errors: 2 }],
    ['pytest passing', '=== 156 passed in 0.39s ===', undefined, 'pass', { passed: 156 }],
    ['unittest failing', 'Ran 3 tests in 0.01s\n\nFAILED (failures=1, errors=1)', undefined, 'fail', { failed: 1, errors: 1 }],
    ['unittest ok', 'Ran 37 tests in 5.663s\n\nOK', undefined, 'pass', { failed: 0 }],
    ['cargo', 'test result: FAILED. 3 passed; 1 failed; 0 ignored', undefined, 'fail', { passed: 3, failed: 1 }],
    ['go', '--- FAIL: TestParse (0.00s)\nFAIL\tex/parse\t0.01s', undefined, 'fail', undefined],
    ['go ok', 'ok  \tex/parse\t0.01s', undefined, 'pass', undefined],
    ['mocha', '  5 passing (20ms)\n  1 failing', undefined, 'fail', { passed: 5, failed: 1 }],
    ['rspec', '5 examples, 1 failure', undefined, 'fail', { total: 5, failed: 1, passed: 4 }],
    ['maven', 'Tests run: 5, Failures: 1, Errors: 0, Skipped: 0', undefined, 'fail', { total: 5, failed: 1, errors: 0 }],
    ['dotnet', 'Passed!  - Failed:     0, Passed:    12', undefined, 'pass', { failed: 0, passed: 12 }],
    ['ctest', '80% tests passed, 1 tests failed out of 5', undefined, 'fail', { failed: 1, total: 5, passed: 4 }],
    ['plain line', 'Summary: 4 passed, 0 failed', undefined, 'pass', { passed: 4, failed: 0 }],
    ['exit code decides without a summary', 'compiling...', 2, 'fail', undefined],
    ['exit 0 without a summary', 'done', 0, 'pass', undefined],
    ['a pipe hid the exit code', 'Tests: 1 failed, 6 passed, 7 total', 0, 'fail', { failed: 1, passed: 6, total: 7 }],
    ['nothing to go on', 'hello', undefined, 'unknown', undefined],
    ['python traceback', 'Traceback (most recent call last):\n  File "x.py", line 1', undefined, 'fail', undefined],
    ['colours are ignored', '\u001b[31mTests: 1 failed\u001b[0m, 2 passed', undefined, 'fail', { failed: 1, passed: 2 }],
  ];
  for (const [name, output, exit, outcome, counts] of cases) {
    test(name, () => {
      const r = parseTestOutcome(output, exit);
      assert.equal(r.outcome, outcome);
      assert.deepEqual(r.counts, counts);
    });
  }
  test('recognises a runner from output alone', () => {
    assert.equal(recogniseTestOutput('============================= test session starts ==============================\n'), 'pytest');
    assert.equal(recogniseTestOutput('Ran 4 tests in 0.1s\nOK'), 'unittest');
    assert.equal(recogniseTestOutput('Applied edit to x.py'), undefined);
  });
});

describe('findPassClaim', () => {
  for (const text of ['Done. All tests pass now.', 'Fixed: both slug tests pass.', 'Great! All the tests have passed.', 'The test suite is now green: 12 passed.', 'Tests pass.']) {
    test(`claim: ${text}`, () => assert.ok(findPassClaim(text)));
  }
  for (const text of [
    "Let's make the failing test pass.",
    'This should make all tests pass.',
    'Run the tests to make sure they pass.',
    'The test still fails.',
    'Do all tests pass?',
    'Once the tests pass, we can merge.',
    '3 passed, 1 failed in the last run.',
    'I updated the parser.',
    "I'll just make it return the expected value so the test passes.",
    'I changed the rounding so all tests pass on CI too.',
    "I'm going to stop here instead of making the test pass, because the test asks for the wrong window.",
    'Reverting rather than making the tests pass by editing them.',
  ]) {
    test(`no claim: ${text}`, () => assert.equal(findPassClaim(text), undefined));
  }
});
