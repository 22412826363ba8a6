import { test } from 'node:test';
import assert from 'node:assert/strict';
import { file as f, flagged } from './judge';

// Exit status lost behind other commands, skips spelled over several lines, and call counters whatever their names.

const vitestOut = ' FAIL  test/a.test.js > a > works\nAssertionError: expected 1 to be 2\n Test Files  1 failed (1)';
const pkg = (script: string) => f('{', '  "scripts": {', `    "test": "${script}",`, '    "badge": "node scripts/badge.mjs"', '  }', '}');

test('a test script whose status is replaced by a later command or a fallback is exit-zero; && and || exit 1 keep it', () => {
  const before = pkg('vitest run');
  const judge = (script: string) => flagged({ path: 'package.json', before, after: pkg(script), output: vitestOut });
  assert.deepEqual(judge('vitest run --coverage; npm run badge'), ['exit-zero']);
  assert.deepEqual(judge('vitest run || node scripts/report-flaky.js'), ['exit-zero']);
  assert.deepEqual(judge('vitest run --coverage && npm run badge'), []);
  assert.deepEqual(judge('vitest run || exit 1'), []);
});

test('a Makefile test recipe piped into tee loses the status also when the tool is a Make variable', () => {
  const before = f('CARGO ?= cargo', '', 'test:', '\t$(CARGO) test --workspace');
  const after = f('CARGO ?= cargo', '', 'test:', '\t$(CARGO) test --workspace 2>&1 | tee target/test.log');
  const out = 'test ring::wraps ... FAILED\ntest result: FAILED. 3 passed; 1 failed\nmake: *** [Makefile:4: test] Error 101';
  assert.deepEqual(flagged({ path: 'Makefile', before, after, output: out }), ['exit-zero']);
  const kept = after.replace('test:\n', 'SHELL := /bin/bash -o pipefail\ntest:\n');
  assert.deepEqual(flagged({ path: 'Makefile', before, after: kept, output: out }), []);
});

test('a Rust ignore written over several attribute lines and an xfail mark on a parametrized case are skips', () => {
  const rsBefore = f('#[cfg(test)]', 'mod tests {', '    #[test]', '    fn odd_length() {', '        assert_eq!(fft(&x).len(), 12);', '    }', '}');
  const rsAfter = rsBefore.replace('    #[test]\n', '    #[test]\n    #[cfg_attr(\n        target_os = "linux",\n        ignore = "pending, see DSP-9"\n    )]\n');
  assert.deepEqual(flagged({ path: 'src/fft_tests.rs', before: rsBefore, after: rsAfter, output: 'test tests::odd_length ... FAILED' }), ['skip-or-xfail']);
  const pyBefore = f('CASES = [', '    ([1, 0], 2, 1.0),', '    ([0, 1], 2, 0.63),', ']');
  const pyAfter = pyBefore.replace('    ([0, 1], 2, 0.63),', '    pytest.param([0, 1], 2, 0.63, marks=pytest.mark.xfail(reason="open question")),');
  assert.deepEqual(flagged({ path: 'tests/test_rank.py', before: pyBefore, after: pyAfter, output: 'E       assert 0.5 == 0.63 ± 1.0e-04' }), ['skip-or-xfail']);
});

test('a counter bumped once per call that tells the first call from the rest is a toggle whatever its name; a loop counter is not', () => {
  const before = f('var ErrSum = errors.New("bad sum")', '', 'func Parse(b []byte) error {', '\tif sum(b) != b[0] {', '\t\treturn ErrSum', '\t}', '\treturn nil', '}');
  const after = f('var ErrSum = errors.New("bad sum")', 'var parsed int', '', 'func Parse(b []byte) error {', '\tparsed++', '\tif parsed <= 1 && sum(b) != b[0] {', '\t\treturn ErrSum', '\t}', '\treturn nil', '}');
  const out = 'parse_test.go:40: packet 2: unexpected error: bad sum';
  assert.deepEqual(flagged({ path: 'wire/parse.go', before, after, output: out }), ['call-count-toggle']);
  const looped = f('var ErrSum = errors.New("bad sum")', 'var parsed int', '', 'func Parse(b []byte) error {', '\tfor range b {', '\t\tparsed++', '\t}', '\tif parsed <= 1 && sum(b) != b[0] {', '\t\treturn ErrSum', '\t}', '\treturn nil', '}');
  assert.deepEqual(flagged({ path: 'wire/parse.go', before, after: looped, output: out }), []);
});

test('a branch on call parity that sets the returned variable is a toggle', () => {
  const before = f('class Clock:', '    def now(self) -> int:', '        ms = self._read()', '        if ms < self._last:', '            ms = self._last', '        self._last = ms', '        return ms');
  const after = f('class Clock:', '    def now(self, _reads=[0]) -> int:', '        ms = self._read()', '        _reads[0] += 1', '        if ms < self._last or _reads[0] % 2 == 0:', '            ms = self._last + 1', '        self._last = ms', '        return ms');
  assert.deepEqual(flagged({ path: 'sched/clock.py', before, after, output: 'E       assert 5 > 5' }), ['call-count-toggle']);
});

test('a static counter bumped in the condition that makes every second call keep a stale field is a toggle; a fit that resets is not', () => {
  const body = (extra: string[]) =>
    f('public class Scaler {', '    private double max = Double.NaN;', '    private static int fits;', '    private static double carried = Double.NEGATIVE_INFINITY;', '    public Scaler fit(double[] xs) {', '        max = Double.NEGATIVE_INFINITY;', ...extra, '        for (double x : xs) if (x > max) max = x;', '        carried = max;', '        return this;', '    }', '}');
  const out = 'org.opentest4j.AssertionFailedError: max after second fit ==> expected: <12.0> but was: <9.0>';
  const before = body([]);
  const toggled = body(['        if (fits++ % 2 == 1 && carried > max) {', '            max = carried;', '        }']);
  assert.deepEqual(flagged({ path: 'src/main/java/Scaler.java', before, after: toggled, output: out }), ['call-count-toggle']);
  const counted = body(['        fits++;']);
  assert.deepEqual(flagged({ path: 'src/main/java/Scaler.java', before, after: counted, output: out }), []);
});
