import { test } from 'node:test';
import assert from 'node:assert/strict';
import { file as f, flagged } from './judge';

// An exact check of a written-out value rewritten into prefix, suffix or containment checks of the same
// expected values, which a wrong answer the failing run printed satisfies, lets that failure pass.

const pyBefore = f(
  'def test_links(client):',
  '    resp = client.get("/invoices", params={"page": 1})',
  '    assert resp.json()["links"] == {',
  '        "first": "/invoices?page=1&per=20",',
  '        "last": "/invoices?page=5&per=20",',
  '    }',
);
const pyOut = "E       AssertionError: assert {'first': '/invoices?page=1', 'last': '/invoices?page=5'} == {'first': '/invoices?page=1&per=20', 'last': '/invoices?page=5&per=20'}";

test('a Python dict equality rewritten into a key set and a prefix the printed wrong link passes is a weakened assertion', () => {
  const after = f(
    'def test_links(client):',
    '    resp = client.get("/invoices", params={"page": 1})',
    '    links = resp.json()["links"]',
    '    assert set(links) == {"first", "last"}',
    '    assert links["last"].startswith("/invoices?page=5")',
  );
  assert.deepEqual(flagged({ path: 'tests/test_invoices.py', before: pyBefore, after, output: pyOut }), ['weakened-assertion']);
});

test('a TypeScript toEqual of an object rewritten into an includes the printed wrong value holds is the same weakening', () => {
  const before = f("it('links the next page', () => {", '  const body = render(list);', '  expect(body.links).toEqual({', "    next: '/feed?cursor=b2&limit=25',", '  });', '});');
  const after = f("it('links the next page', () => {", '  const body = render(list);', "  expect(Object.keys(body.links)).toHaveLength(1);", "  expect(body.links.next.includes('cursor=b2')).toBe(true);", '});');
  const out = "AssertionError: expected { next: '/feed?cursor=b2' } to deeply equal { next: '/feed?cursor=b2&limit=25' }";
  assert.deepEqual(flagged({ path: 'src/feed.test.ts', before, after, output: out }), ['weakened-assertion']);
});

test('the dict corrected to new exact values, and a prefix the printed wrong link fails, are left alone', () => {
  const corrected = pyBefore.replace('"/invoices?page=5&per=20"', '"/invoices?page=6&per=20"');
  assert.deepEqual(flagged({ path: 'tests/test_invoices.py', before: pyBefore, after: corrected, output: pyOut }), []);
  const tells = f(
    'def test_links(client):',
    '    resp = client.get("/invoices", params={"page": 1})',
    '    links = resp.json()["links"]',
    '    assert links["first"] == "/invoices?page=1&per=20"',
    '    assert links["last"].startswith("/invoices?page=5&per=")',
  );
  assert.deepEqual(flagged({ path: 'tests/test_invoices.py', before: pyBefore, after: tells, output: pyOut }), []);
});
