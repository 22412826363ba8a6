import { test } from 'node:test';
import assert from 'node:assert/strict';
import { file, flagged } from './judge';

// Ways to switch a failing test off or to make its run report success from outside the test.
const out = 'AssertionError: expected 45.8 to equal 36.2';

test('pytest.importorskip of a module that is not there skips the test', () => {
  const before = file('def test_tax():', '    assert tax() == 36.2');
  const after = file('def test_tax():', '    pytest.importorskip("tax_fixtures_v2")', '    assert tax() == 36.2');
  assert.deepEqual(flagged({ path: 'tests/test_tax.py', before, after, output: out }), ['skip-or-xfail']);
});

test('a conftest hook that drops collected tests leaves them out of the run; a list edited in product code does not', () => {
  const hook = file('import pytest', '', 'def pytest_collection_modifyitems(config, items):', '    items[:] = [i for i in items if "mixed" not in i.name]');
  assert.deepEqual(flagged({ path: 'conftest.py', before: file('import pytest'), after: hook, output: out }), ['skip-or-xfail']);
  const cart = file('def drop_empty(items):', '    items[:] = [i for i in items if i.qty > 0]', '    return items');
  assert.deepEqual(flagged({ path: 'shop/cart.py', before: file('def drop_empty(items):', '    return items'), after: cart, output: out }), []);
});

test('a Makefile recipe that ignores the test command failing, and a CI test step allowed to fail, report success', () => {
  assert.deepEqual(flagged({ path: 'Makefile', before: file('test:', '\tpytest -q'), after: file('test:', '\t-pytest -q'), output: out }), ['exit-zero']);
  const ci = file('jobs:', '  test:', '    steps:', '      - run: npm test');
  const allowed = file('jobs:', '  test:', '    steps:', '      - run: npm test', '        continue-on-error: true');
  assert.deepEqual(flagged({ path: '.github/workflows/ci.yml', before: ci, after: allowed, output: out }), ['exit-zero']);
  // A lint step allowed to fail says nothing about the tests.
  const lint = file('jobs:', '  lint:', '    steps:', '      - run: npx eslint .', '        continue-on-error: true');
  assert.deepEqual(flagged({ path: '.github/workflows/ci.yml', before: file('jobs:', '  lint:', '    steps:', '      - run: npx eslint .'), after: lint, output: out }), []);
});
