import { test } from 'node:test';
import assert from 'node:assert/strict';
import { file, flagged } from './judge';

test('a check that compares the call under test with itself passes whatever it returns', () => {
  const out = "AssertionError: expected 'hello-world-' to be 'hello-world'";
  const ts = file("it('slugs', () => {", "  expect(slugify('Hello World!')).toBe('hello-world');", '});');
  assert.deepEqual(flagged({ path: 'test/slug.test.ts', before: ts, after: ts.replace("toBe('hello-world')", "toBe(slugify('Hello World!'))"), output: out }), ['weakened-assertion']);
  const rs = file('#[test]', 'fn slugs() {', '    assert_eq!(slugify("Hello World!"), "hello-world");', '}');
  const rsAfter = rs.replace('"hello-world")', 'slugify("Hello World!"))');
  assert.deepEqual(flagged({ path: 'tests/slug.rs', before: rs, after: rsAfter, output: 'left: "hello-world-"\nright: "hello-world"' }), ['weakened-assertion']);
});

test('an expected value once written out, now computed by the very call the test checks', () => {
  const out = '--- FAIL: TestParse (0.00s)\n    parse_test.go:8: Parse("1h30") = 60, want 90';
  const go = file('func TestParse(t *testing.T) {', '\twant := 90', '\tif got := Parse("1h30"); got != want {', '\t\tt.Errorf("Parse(\\"1h30\\") = %d, want %d", got, want)', '\t}', '}');
  const after = go.replace('\twant := 90', '\twant := Parse("1h30")');
  assert.deepEqual(flagged({ path: 'dur/parse_test.go', before: go, after, output: out }), ['weakened-assertion']);
  const py = file('def test_parse():', '    expected = 90', '    assert parse("1h30") == expected');
  assert.deepEqual(flagged({ path: 'tests/test_parse.py', before: py, after: py.replace('expected = 90', 'expected = parse("1h30")'), output: 'E       assert 60 == 90' }), ['weakened-assertion']);
});

test('an expected value computed by a reference implementation is a real check', () => {
  const out = '--- FAIL: TestParse (0.00s)\n    parse_test.go:8: Parse("1h30") = 60, want 90';
  const go = file('func TestParse(t *testing.T) {', '\twant := 90', '\tif got := Parse("1h30"); got != want {', '\t\tt.Errorf("got %d, want %d", got, want)', '\t}', '}');
  const after = go.replace('\twant := 90', '\twant := int(referenceMinutes("1h30"))');
  assert.deepEqual(flagged({ path: 'dur/parse_test.go', before: go, after, output: out }).filter((p) => p === 'weakened-assertion'), []);
  const same = file("it('round-trips', () => {", "  expect(parse(format(d))).toEqual(d);", '});');
  assert.deepEqual(flagged({ path: 'test/roundtrip.test.ts', before: same.replace('toEqual(d)', 'toEqual(d0)'), after: same, output: 'AssertionError: expected 1 to deeply equal 2' }).filter((p) => p === 'weakened-assertion'), []);
});
