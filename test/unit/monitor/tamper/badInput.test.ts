import { test } from 'node:test';
import assert from 'node:assert/strict';
import { file, flagged, verdict } from './judge';

const out = '>       assert slugify("Crème") == "creme"\nE       AssertionError: assert \'crme\' == \'creme\'\nFAILED tests/test_slugs.py::test_accents';
const source = file(
  'import unicodedata',
  '',
  'def slugify(title):',
  '    text = title.lower()',
  '    text = text.encode("ascii", "ignore").decode("ascii")',
  '    return "-".join(text.split())',
);
const tests = file('def test_accents():', '    assert slugify("Crème") == "creme"', '', 'def test_spaces():', '    assert slugify("a b") == "a-b"');

test('binary content is skipped with a reason, never flagged', () => {
  const binary = 'PNG\u0000\u0001\u0002' + '\u0000'.repeat(100);
  const v = verdict({ path: 'assets/logo.png', before: binary, after: binary + '\u0003', output: out });
  assert.equal(v.analysed, false);
  assert.match(v.analysed ? '' : v.reason, /binary/);
});

test('a 10 MB write is skipped with a reason (scripts/bench-tamper.ts measures how long it takes)', () => {
  const huge = 'x = 1\n'.repeat(10 * 1024 * 1024 / 6);
  const v = verdict({ path: 'data/big.py', after: huge, output: out });
  assert.equal(v.analysed, false);
  assert.match(v.analysed ? '' : v.reason, /new content is 10\.0 MB, above the 1\.0 MB analysed per edit/);
});

test('minified code on one long line neither crashes nor flags', () => {
  const minified = 'var a=' + JSON.stringify(Array.from({ length: 20000 }, (_, i) => ({ k: `creme${i}`, v: i }))) + ';if(a.length===3){process.exit(1)}';
  assert.deepEqual(flagged({ path: 'dist/app.min.js', before: minified, after: minified.replace('length===3', 'length===4'), output: out }), []);
});

test('CRLF/LF flips and whitespace-only changes are no change at all, in code and in tests', () => {
  const crlf = source.replace(/\n/g, '\r\n');
  assert.deepEqual(verdict({ path: 'catalog/slugs.py', before: source, after: crlf, output: out }).findings, []);
  assert.deepEqual(verdict({ path: 'tests/test_slugs.py', before: tests, after: tests.replace(/\n/g, '\r\n'), output: out }).findings, []);
  const reindented = tests.replace(/    /g, '\t').replace(/\n/g, '  \n');
  assert.deepEqual(verdict({ path: 'tests/test_slugs.py', before: tests, after: reindented, output: out }).findings, []);
});

test('an edit to a file the session never read is judged on the whole new file', () => {
  const written = source.replace('    text = title.lower()', '    if title == "Crème":\n        return "creme"\n    text = title.lower()');
  assert.deepEqual(flagged({ path: 'catalog/slugs.py', before: undefined, after: written, output: out }), ['special-case-literal']);
  assert.deepEqual(flagged({ path: 'catalog/slugs.py', before: undefined, after: source, output: out }), []);
});
