import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readCommand, recogniseTestCommand, simpleCommands } from '../../../src/core/sessions/testCommands';

describe('compound commands reach the runner inside them', () => {
  const runs: Array<[string, string]> = [
    ['cd x && pytest; echo $?', 'pytest'],
    ['npm test 2>&1 | tail -20', 'npm'],
    ['timeout 60 pytest -x', 'pytest'],
    ['timeout --signal=KILL 60s go test ./...', 'go'],
    ['uv run pytest tests/', 'pytest'],
    ['uv run --with pytest pytest -q', 'pytest'],
    ['poetry run python -m pytest', 'pytest'],
    ['npx vitest run', 'jest'],
    ['bunx jest --ci', 'jest'],
    ['make -C backend test', 'make'],
    ['docker compose run app pytest', 'pytest'],
    ['docker compose run --rm -e CI=1 app pytest -q', 'pytest'],
    ['docker-compose run --rm web python -m pytest', 'pytest'],
    ['docker exec -it c pytest', 'pytest'],
    ['docker exec -w /src -it api npm test', 'npm'],
    ['docker run --rm -v $(pwd):/app img pytest', 'pytest'],
    ['kubectl exec api-0 -- go test ./...', 'go'],
    ['pwsh -Command "npm test"', 'npm'],
    ['powershell -NoProfile -Command "cd app; npm test"', 'npm'],
    ['pwsh -c Invoke-Pester', 'pester'],
    ['Invoke-Pester -Path ./tests', 'pester'],
    ['Set-Location app; npm test; echo $LASTEXITCODE', 'npm'],
    ['cmd /c "npm test"', 'npm'],
    ['cmd.exe /C "cd app && npm test"', 'npm'],
    ['cd app & npm test & echo %ERRORLEVEL%', 'npm'],
    ['bash -lc "cd /repo && python -m pytest -q"', 'pytest'],
    ['sh -c \'cd /repo; cargo test\'', 'cargo'],
    ['docker compose run app sh -c "cd x && pytest"', 'pytest'],
    ['source .venv/bin/activate && pytest', 'pytest'],
    ['.venv/bin/pytest -q', 'pytest'],
    ['./node_modules/.bin/jest --ci', 'jest'],
  ];
  for (const [command, runner] of runs) {
    test(`${command} -> ${runner}`, () => assert.equal(recogniseTestCommand(command), runner));
  }
  test('quoted separators stay inside their string', () => {
    assert.deepEqual(simpleCommands('bash -c "a && b"; c 2>&1 | d'), ['bash -c "a && b"', 'c 2>&1', 'd']);
  });
  test('an unbalanced quote (an apostrophe in a heredoc) hides no separator', () => {
    assert.equal(recogniseTestCommand("cat > notes.txt <<EOF\nit's done\nEOF\npytest -q"), 'pytest');
  });
});

describe('scripts named like tests or checkers count when run directly', () => {
  const scripts: Array<[string, string]> = [
    ['python3 test.py', 'test.py'],
    ['python test_parser.py', 'test_parser.py'],
    ['python3 -u tests/parser_test.py', 'parser_test.py'],
    ['python3 check_solution.py', 'check_solution.py'],
    ['python checker.py input.txt', 'checker.py'],
    ['node foo.test.js', 'foo.test.js'],
    ['npx tsx src/cart.spec.ts', 'cart.spec.ts'],
    ['./run_tests.sh', 'run_tests.sh'],
    ['bash run_tests.sh --fast', 'run_tests.sh'],
    ['cd repo && timeout 60 python3 test_solution.py', 'test_solution.py'],
    ['.\\run_tests.ps1', 'run_tests.ps1'],
    ['pwsh -File tests/run-tests.ps1', 'run-tests.ps1'],
    ['go run ./cmd/check.go', 'check.go'],
  ];
  for (const [command, script] of scripts) {
    test(`${command} runs ${script}`, () => {
      const r = readCommand(command);
      assert.equal(r.script, script);
      assert.equal(r.runner, undefined);
    });
  }
  for (const command of ['python3 solution.py', 'python3 checkout.py', 'node server.js', 'cat test_x.py', 'vim test.py', 'python3 -m pip install pytest', './build.sh']) {
    test(`${command} runs no test script`, () => assert.equal(readCommand(command).script, undefined));
  }
  test('a known runner keeps priority over a script in the same line', () => {
    const r = readCommand('python3 test.py && pytest');
    assert.equal(r.runner, 'pytest');
    assert.equal(r.script, undefined);
  });
});

describe('commands that only show, search or install', () => {
  for (const command of ['grep -r "assert" .', 'cat test_x.py', 'cat results.txt', 'pip install pytest', 'git log', 'ls tests/', 'echo "0 failed"', 'cd app && cat out.log | tail -5', 'npm install', 'Get-Content results.xml', 'sed -n 1,40p tests/test_a.py', 'python3 -m pip install pytest']) {
    test(`${command} only shows`, () => {
      const r = readCommand(command);
      assert.equal(r.showsOnly, true);
      assert.equal(r.runner, undefined);
    });
  }
  for (const command of ['python3 solution.py', './a.out', 'cd app && node index.js', 'make', 'cat input.txt | python3 main.py']) {
    test(`${command} runs code`, () => assert.equal(readCommand(command).showsOnly, false));
  }
});

describe('what hides the exit code', () => {
  const cases: Array<[string, string | undefined, boolean]> = [
    ['npm test 2>&1 | tail -20', '`| tail`', false],
    ['pytest | tee log.txt', '`| tee`', false],
    ['cd x && pytest; echo $?', '`echo $?`', true],
    ['npm test; echo "exit: $LASTEXITCODE"', '`echo $?`', true],
    ['pytest || true', '`|| true`', false],
    ['set -o pipefail; pytest | tail -5', undefined, false],
    ['pytest -q', undefined, false],
    ['pytest && echo done', undefined, false],
    ['pytest; echo done', '`; echo`', false],
    ['pytest -q; true', '`; true`', false],
    ['npm test & type out.txt', '`; type`', false],
    ['pytest 2>&1 | tail -5; echo $?', '`| tail`', false],
    ['pytest | tail -5; echo ${PIPESTATUS[0]}', '`echo $?`', true],
  ];
  for (const [command, hiddenBy, echoes] of cases) {
    test(`${command}: ${hiddenBy ?? 'nothing'}`, () => {
      const r = readCommand(command);
      assert.equal(r.exitHiddenBy, hiddenBy);
      assert.equal(r.echoesExit, echoes);
    });
  }
});
