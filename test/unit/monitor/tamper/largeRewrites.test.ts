import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judged } from './judge';

// Rewritten test files of thousands of look-alike checks: every removed check has thousands of
// look-alikes, and the one that now expects the printed value must still be found (and named).
const out = '--- FAIL: TestParse_400 (0.00s)\n    parse_test.go:12: got 17, want 400\nFAIL';

const goFile = (check: (i: number) => string) =>
  'package parse\n\nimport "testing"\n\n' + Array.from({ length: 1_500 }, (_, i) => `func TestParse_${i}(t *testing.T) {\n\tgot := Parse("in${i}")\n${check(i)}\n}\n`).join('\n');

test('one Go check among 1,500 rewritten look-alikes now expects the printed value', () => {
  const errorf = (i: number, want: number) => `\tif got != ${want} {\n\t\tt.Errorf("Parse(%q) = %d, want %d", "in${i}", got, ${want})\n\t}`;
  const before = goFile((i) => errorf(i, i));
  const after = goFile((i) => errorf(i, i === 400 ? 17 : i + 100_000));
  const { flagged, details } = judged({ path: 'parse_test.go', before, after, output: out });
  assert.deepEqual(flagged, ['weakened-assertion']);
  assert.match(details[0], /changed to 17, a value the failing run printed: t\.Errorf\("Parse\(%q\) = %d, want %d", "in400", got, 17\)$/);
});

test('one Go guard among 1,500 rewritten guards no longer compares with the expected value', () => {
  const before = goFile((i) => `\tif want := ${i}; got != want {\n\t\tt.Fatalf("got %d", got)\n\t}`);
  const after = goFile((i) => (i === 900 ? '\tif got == 0 {\n\t\tt.Fatalf("got %d", got)\n\t}' : `\tif want := ${i + 100_000}; got != want {\n\t\tt.Fatalf("got %d", got)\n\t}`));
  const { flagged, details } = judged({ path: 'parse_test.go', before, after, output: out });
  assert.deepEqual(flagged, ['weakened-assertion']);
  assert.match(details[0], /became the weaker if got == 0 \{/);
});
