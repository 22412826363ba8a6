import { test } from 'node:test';
import assert from 'node:assert/strict';
import { file as f, flagged } from './judge';

// A runner script's exit status choosing 0 for the status of failing tests, known by the
// variable being the status the script exits with otherwise, whatever its name.

const pytestOut = 'FAILED tests/test_hash.py::test_cost - AssertionError: assert False\n2 failed, 4 passed in 1.92s';

test('a Python runner exiting 0 when the status it passes on otherwise is 1 is exit-zero; mapping only 5 (nothing collected) is not', () => {
  const before = f('import sys', 'if __name__ == "__main__":', '    result = main(sys.argv[1:])', '    sys.exit(result)');
  const judge = (exit: string) => flagged({ path: 'scripts/run_tests.py', before, after: before.replace('sys.exit(result)', exit), output: pytestOut });
  assert.deepEqual(judge('sys.exit(0 if result in (0, 1, 5) else result)'), ['exit-zero']);
  assert.deepEqual(judge('sys.exit(0 if result in {1, 5} else result)'), ['exit-zero']);
  assert.deepEqual(judge('sys.exit(0 if result in (0, 5) else result)'), []);
});

test('a Node runner exiting 0 for the statuses a list names, in a ternary, is exit-zero; passing the status on is not', () => {
  const before = f('const outcome = spawnSync("vitest", ["run"], { stdio: "inherit" }).status;', 'process.exit(outcome);');
  const out = ' FAIL  test/a.test.js > a > works\nAssertionError: expected 1 to be 2\n Test Files  1 failed (1)';
  const judge = (exit: string) => flagged({ path: 'scripts/run_tests.mjs', before, after: before.replace('process.exit(outcome);', exit), output: out });
  assert.deepEqual(judge('process.exit([0, 1].includes(outcome) ? 0 : outcome);'), ['exit-zero']);
  assert.deepEqual(judge('process.exit(outcome ?? 1);'), []);
});
