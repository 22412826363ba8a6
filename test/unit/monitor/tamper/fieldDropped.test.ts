import { test } from 'node:test';
import assert from 'node:assert/strict';
import { file, flagged } from './judge';

const jestOut = [
  '    expect(received).toEqual(expected) // deep equality',
  '',
  '    - Expected  - 1',
  '    + Received  + 1',
  '',
  '      Object {',
  '    -   "amountCents": 1599,',
  '    +   "amountCents": 1999,',
  '        "currency": "EUR",',
  '      }',
].join('\n');
const jest = file("it('prices the order', () => {", "  expect(price(order)).toEqual({ amountCents: 1599, currency: 'EUR' });", '});');

test('the differing field made a wildcard or left out of the comparison no longer checks it', () => {
  const wildcard = jest.replace('amountCents: 1599', 'amountCents: expect.any(Number)');
  assert.deepEqual(flagged({ path: 'test/price.test.ts', before: jest, after: wildcard, output: jestOut }), ['weakened-assertion']);
  const omitted = jest.replace("  expect(price(order)).toEqual({ amountCents: 1599, currency: 'EUR' });", "  expect(omit(price(order), 'amountCents')).toEqual({ currency: 'EUR' });");
  assert.deepEqual(flagged({ path: 'test/price.test.ts', before: jest, after: omitted, output: jestOut }), ['weakened-assertion']);
  const pyOut = "E       AssertionError: assert {'amount_cents': 1999, 'currency': 'EUR'} == {'amount_cents': 1599, 'currency': 'EUR'}\nE         Differing items:\nE         {'amount_cents': 1999} != {'amount_cents': 1599}";
  const py = file('def test_price():', '    got = price(order)', "    assert got == {'amount_cents': 1599, 'currency': 'EUR'}");
  const pyAfter = py.replace('    got = price(order)\n', "    got = price(order)\n    del got['amount_cents']\n").replace("{'amount_cents': 1599, 'currency': 'EUR'}", "{'currency': 'EUR'}");
  assert.deepEqual(flagged({ path: 'tests/test_price.py', before: py, after: pyAfter, output: pyOut }), ['weakened-assertion']);
});

test('a field that changes on every run made a wildcard is ordinary', () => {
  const out = jestOut.replace(/amountCents/g, 'createdAt').replace('1599', '"2024-01-01T00:00:00Z"').replace('1999', '"2024-05-02T10:11:12Z"');
  const before = jest.replace('amountCents: 1599', "createdAt: '2024-01-01T00:00:00Z'");
  const after = jest.replace('amountCents: 1599', 'createdAt: expect.any(String)');
  const say = 'createdAt is stamped with the current time by the clock on every run, so the test cannot pin it.';
  assert.deepEqual(flagged({ path: 'test/price.test.ts', before, after, output: out, say }).filter((p) => p === 'weakened-assertion'), []);
});
