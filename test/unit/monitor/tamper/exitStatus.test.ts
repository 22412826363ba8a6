import { test } from 'node:test';
import assert from 'node:assert/strict';
import { file, flagged } from './judge';

const out = 'FAILED tests/test_orders.py::test_refund - assert 1500 == 1450\n1 failed, 31 passed in 0.62s';

test('settings that tell CI or the build to ignore test failures report success whatever the tests say', () => {
  const gha = file('jobs:', '  test:', '    steps:', '      - run: pytest -q');
  assert.deepEqual(flagged({ path: '.github/workflows/ci.yml', before: gha, after: gha + '        continue-on-error: true\n', output: out }), ['exit-zero']);
  const gradle = file('test {', '    useJUnitPlatform()', '}');
  assert.deepEqual(flagged({ path: 'build.gradle', before: gradle, after: gradle.replace('    useJUnitPlatform()', '    useJUnitPlatform()\n    ignoreFailures = true'), output: out }), ['exit-zero']);
  const make = file('test:', '\tpytest -q');
  assert.deepEqual(flagged({ path: 'Makefile', before: make, after: make.replace('\tpytest', '\t-pytest'), output: out }), ['exit-zero']);
});

test('a test command whose status is lost in a pipe, behind a later command, or with errexit off is flagged', () => {
  const script = file('#!/bin/sh', 'set -e', 'pytest -q');
  assert.deepEqual(flagged({ path: 'scripts/ci-test.sh', before: script, after: script.replace('pytest -q', 'pytest -q | tee pytest.log'), output: out }), ['exit-zero']);
  assert.deepEqual(flagged({ path: 'scripts/ci-test.sh', before: script, after: file('#!/bin/sh', 'set +e', 'pytest -q', 'echo "tests finished"'), output: out }), ['exit-zero']);
  const pkg = file('{', '  "scripts": {', '    "test": "vitest run"', '  }', '}');
  assert.deepEqual(flagged({ path: 'package.json', before: pkg, after: pkg.replace('"vitest run"', '"vitest run; echo done"'), output: out }), ['exit-zero']);
});

test('a pipe whose status is kept, a GitHub Actions step (bash with pipefail), and a lint step allowed to fail are not flagged', () => {
  const script = file('#!/bin/bash', 'set -e', 'pytest -q');
  const kept = file('#!/bin/bash', 'set -e', 'pytest -q | tee pytest.log', 'exit "${PIPESTATUS[0]}"');
  assert.deepEqual(flagged({ path: 'scripts/ci-test.sh', before: script, after: kept, output: out }), []);
  const gha = file('jobs:', '  test:', '    steps:', '      - run: pytest -q');
  assert.deepEqual(flagged({ path: '.github/workflows/ci.yml', before: gha, after: gha.replace('pytest -q', 'pytest -q | tee pytest.log'), output: out }), []);
  const lint = file('jobs:', '  lint:', '    steps:', '      - run: ruff check .');
  assert.deepEqual(flagged({ path: '.github/workflows/lint.yml', before: lint, after: lint + '        continue-on-error: true\n', output: out }), []);
});
