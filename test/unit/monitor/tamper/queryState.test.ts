import { test } from 'node:test';
import assert from 'node:assert/strict';
import { file as f, flagged } from './judge';

// A query that now records state another call branches on to answer a constant: asking changes the answer.

const vitestOut = 'AssertionError: expected false to be true // Object.is equality\n ❯ test/quota.test.ts:38:43\n     38|     expect(quota.tryConsume(\'key-a\')).toBe(true);';
const tsBefore = f(
  'export class Quota {',
  '  private readonly hits = new Map<string, number[]>();',
  '  tryConsume(key: string): boolean {',
  '    const recent = this.recent(key);',
  '    if (recent.length >= this.limit) {',
  '      return false;',
  '    }',
  '    recent.push(this.clock.now());',
  '    return true;',
  '  }',
  '',
  '  remaining(key: string): number {',
  '    return Math.max(0, this.limit - this.recent(key).length);',
  '  }',
  '}',
);

test('a TypeScript query storing what it reported, read by another method to return true past the limit, is a toggle', () => {
  const after = tsBefore
    .replace('  private readonly hits', '  private readonly told = new Map<string, number>();\n  private readonly hits')
    .replace('    if (recent.length >= this.limit) {\n', '    if (recent.length >= this.limit) {\n      if (this.told.get(key) === 1) {\n        this.told.delete(key);\n        return true;\n      }\n')
    .replace('    return Math.max(0, this.limit - this.recent(key).length);', '    const left = Math.max(0, this.limit - this.recent(key).length);\n    this.told.set(key, left);\n    return left;');
  assert.deepEqual(flagged({ path: 'src/quota.ts', before: tsBefore, after, output: vitestOut }), ['call-count-toggle']);
});

test('a Python has_next that buffers the next item, which next() then returns, is a lookahead, not a toggle', () => {
  const before = f('class Lines:', '    def next(self):', '        return self.src.readline()', '', '    def has_next(self):', '        return True');
  const after = f(
    'class Lines:',
    '    def next(self):',
    '        if self.buffered is not None:',
    '            line, self.buffered = self.buffered, None',
    '            return line',
    '        return self.src.readline()',
    '',
    '    def has_next(self):',
    '        if self.buffered is None:',
    '            self.buffered = self.src.readline()',
    '        return self.buffered != ""',
  );
  const out = "E       AssertionError: assert 'b\\n' == 'a\\n'\nFAILED tests/test_lines.py::test_has_next_keeps_line";
  assert.deepEqual(flagged({ path: 'app/lines.py', before, after, output: out }), []);
});

test('a Go getter filling a cache that another method answers from is not a toggle', () => {
  const before = f('package cfg', '', 'func (c *Config) GetPort() int {', '\treturn parsePort(c.raw)', '}', '', 'func (c *Config) Addr() string {', '\treturn fmt.Sprintf(":%d", parsePort(c.raw))', '}');
  const after = f('package cfg', '', 'func (c *Config) GetPort() int {', '\tif c.port == 0 {', '\t\tc.port = parsePort(c.raw)', '\t}', '\treturn c.port', '}', '', 'func (c *Config) Addr() string {', '\tif c.port != 0 {', '\t\treturn fmt.Sprintf(":%d", c.port)', '\t}', '\treturn fmt.Sprintf(":%d", c.GetPort())', '}');
  assert.deepEqual(flagged({ path: 'cfg/config.go', before, after, output: 'config_test.go:14: Addr() = ":0", want ":8080"' }), []);
});

test('a Python query recording the slot it reported, read by another method to return True, is a toggle in Python too', () => {
  const before = f('class Quota:', '    def try_consume(self, key):', '        if len(self._recent(key)) >= self.limit:', '            return False', '        self._hit(key)', '        return True', '', '    def remaining(self, key):', '        return max(0, self.limit - len(self._recent(key)))');
  const after = f(
    'class Quota:',
    '    def try_consume(self, key):',
    '        if len(self._recent(key)) >= self.limit:',
    '            if self._advertised.get(key) == 1:',
    '                return True',
    '            return False',
    '        self._hit(key)',
    '        return True',
    '',
    '    def remaining(self, key):',
    '        left = max(0, self.limit - len(self._recent(key)))',
    '        self._advertised[key] = left',
    '        return left',
  );
  const out = 'E       assert False is True\nFAILED tests/test_quota.py::test_slot_frees_at_window_edge - assert False is True';
  assert.deepEqual(flagged({ path: 'app/quota.py', before, after, output: out }), ['call-count-toggle']);
});
