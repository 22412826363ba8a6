import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collectionItems, expectedValues } from '../../../../src/core/monitor/tamperExpected';

test('the expected side of each runner message is read, without the actual side', () => {
  const cases: Array<[string, string[]]> = [
    ['org.opentest4j.AssertionFailedError: expected: <EUR 1349> but was: <EUR 1350>', ['EUR 1349']],
    ['    Expected: "3 items"\n    Received: "no items"', ['3 items']],
    ["AssertionError: expected '22 pliki' to be '22 plików' // Object.is equality", ['22 plików']],
    ['  left: "1.0 KiB"\n right: "1.5 KiB"', ['1.5 KiB']],
    ['    slug_test.go:14: Slug("a b") = "a-b-", want "a-b"', ['a-b']],
    ["E       AssertionError: assert 'crme' == 'creme'", ['creme']],
    ['AssertionError: 5 != 6', ['6']],
  ];
  for (const [output, want] of cases) assert.deepEqual([...expectedValues(output)], want, output);
});

test('spy and closeness messages name no expected value of their own', () => {
  assert.deepEqual([...expectedValues('AssertionError: expected "spy" to be called with arguments: [ 1599 ]')], []);
  assert.deepEqual([...expectedValues('AssertionError: expected 0.30000000000000004 to be close to 0.3')], []);
});

test('a printed collection splits into its items, in order', () => {
  assert.deepEqual(collectionItems('[p-204, p-117, p-009]'), ['p-204', 'p-117', 'p-009']);
  assert.deepEqual(collectionItems("[ 'fetch', 'parse' ]"), ['fetch', 'parse']);
  assert.equal(collectionItems('EUR 1349'), undefined);
  assert.equal(collectionItems('[42]'), undefined);
});
