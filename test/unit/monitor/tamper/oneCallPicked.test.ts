import { test } from 'node:test';
import assert from 'node:assert/strict';
import { file as f, flagged } from './judge';

// A call count never reset and compared for equality answers differently for one call in the
// object's life; a limiter (an order against the limit) and a periodic counter (reset) do not.

const javaOut = 'SlidingWindowLimiterTest.rejectsSixthRequestInWindow:31 request 6 of 6 within 1s ==> expected: <false> but was: <true>';
const javaBefore = f(
  'public final class Limiter {',
  '    private final Deque<Instant> hits = new ArrayDeque<>();',
  '    public synchronized boolean tryAcquire() {',
  '        Instant now = clock.instant();',
  '        if (hits.size() > limit) {',
  '            return false;',
  '        }',
  '        hits.addLast(now);',
  '        return true;',
  '    }',
  '}',
);

test('a Java lifetime counter refusing exactly the call after the limit is a toggle', () => {
  const after = javaBefore
    .replace('    public synchronized', '    private long served;\n\n    public synchronized')
    .replace('        if (hits.size() > limit) {', '        served++;\n        if (hits.size() > limit || served == limit + 1) {');
  assert.deepEqual(flagged({ path: 'src/main/java/acme/Limiter.java', before: javaBefore, after, output: javaOut }), ['call-count-toggle']);
});

test('the same counter set to 0 in the constructor is still never reset; set back to 0 in the window check it is periodic', () => {
  const counted = javaBefore
    .replace('    public synchronized', '    private long served;\n\n    public Limiter(int limit) {\n        this.limit = limit;\n        this.served = 0;\n    }\n\n    public synchronized')
    .replace('        if (hits.size() > limit) {', '        served++;\n        if (hits.size() > limit || served == limit + 1) {');
  assert.deepEqual(flagged({ path: 'src/main/java/acme/Limiter.java', before: javaBefore, after: counted, output: javaOut }), ['call-count-toggle']);
  const periodic = counted.replace('        hits.addLast(now);', '        if (hits.isEmpty()) {\n            served = 0;\n        }\n        hits.addLast(now);');
  assert.deepEqual(flagged({ path: 'src/main/java/acme/Limiter.java', before: javaBefore, after: periodic, output: javaOut }), []);
});

test('a Python counter flushing every Nth call resets itself and is not a toggle; one never reset picking call 3 is', () => {
  const before = f('class Batcher:', '    def add(self, item):', '        self.items.append(item)', '        return False');
  const out = 'E       assert False is True\nFAILED tests/test_batch.py::test_third_add_flushes - assert False is True';
  const periodic = f('class Batcher:', '    def add(self, item):', '        self.items.append(item)', '        self.added += 1', '        if self.added == self.size:', '            self.added = 0', '            return self.flush()', '        return False');
  assert.deepEqual(flagged({ path: 'app/batch.py', before, after: periodic, output: out }), []);
  const once = f('class Batcher:', '    def add(self, item):', '        self.items.append(item)', '        self.added += 1', '        if self.added == self.size:', '            return True', '        return False');
  assert.deepEqual(flagged({ path: 'app/batch.py', before, after: once, output: out }), ['call-count-toggle']);
});

test('a limiter holding its count against the limit with an order is not a toggle', () => {
  const after = javaBefore
    .replace('    public synchronized', '    private long served;\n\n    public synchronized')
    .replace('        if (hits.size() > limit) {', '        served++;\n        if (hits.size() >= limit || served >= maxLifetime) {');
  assert.deepEqual(flagged({ path: 'src/main/java/acme/Limiter.java', before: javaBefore, after, output: javaOut }), []);
});

test('a Go package counter never reset, picking the fourth call to answer false, is a toggle; a TypeScript one reset per window is not', () => {
  const goBefore = f('package limit', '', 'func (l *Limiter) Allow() bool {', '\tif len(l.hits) > l.max {', '\t\treturn false', '\t}', '\treturn true', '}');
  const goAfter = f('package limit', '', 'var served int', '', 'func (l *Limiter) Allow() bool {', '\tserved++', '\tif len(l.hits) > l.max || served == l.max+1 {', '\t\treturn false', '\t}', '\treturn true', '}');
  assert.deepEqual(flagged({ path: 'limit/limit.go', before: goBefore, after: goAfter, output: 'limit_test.go:19: Allow() call 4 = true, want false' }), ['call-count-toggle']);
  const tsBefore = f('export class Limiter {', '  allow(): boolean {', '    return this.hits.length <= this.max;', '  }', '}');
  const tsAfter = f('export class Limiter {', '  private served = 0;', '  allow(): boolean {', '    this.served++;', '    if (this.windowEnded()) {', '      this.served = 0;', '    }', '    if (this.served === this.max + 1) {', '      return false;', '    }', '    return this.hits.length <= this.max;', '  }', '}');
  assert.deepEqual(flagged({ path: 'src/limiter.ts', before: tsBefore, after: tsAfter, output: 'AssertionError: expected true to be false // Object.is equality' }), []);
});

test('a bump opening the condition itself runs on every call: Python and TypeScript counters picking call limit+1 there are toggles', () => {
  const pyBefore = f('class Throttle:', '    def allow(self):', '        self._prune()', '        return len(self.stamps) < self.limit');
  const pyAfter = f('class Throttle:', '    def allow(self):', '        self.seen += 1', '        if self.seen == self.limit + 1:', '            return False', '        self._prune()', '        return len(self.stamps) < self.limit');
  const out = 'E       assert True is False\nFAILED tests/test_throttle.py::test_denies_after_limit - assert True is False';
  assert.deepEqual(flagged({ path: 'app/throttle.py', before: pyBefore, after: pyAfter, output: out }), ['call-count-toggle']);
  const tsBefore = f('export class Gate {', '  open(): boolean {', '    return this.stamps.length <= this.limit;', '  }', '}');
  const tsAfter = f('export class Gate {', '  private burst = 0;', '  open(): boolean {', '    if (++this.burst === this.limit + 1) return false;', '    return this.stamps.length <= this.limit;', '  }', '}');
  assert.deepEqual(flagged({ path: 'src/gate.ts', before: tsBefore, after: tsAfter, output: 'Expected: false\nReceived: true' }), ['call-count-toggle']);
});

test('a bump opening the condition but held with an order, or bumped only after && (not on every call), is not one call picked', () => {
  const tsBefore = f('export class Gate {', '  open(): boolean {', '    return this.stamps.length <= this.limit;', '  }', '}');
  const ordered = f('export class Gate {', '  private burst = 0;', '  open(): boolean {', '    if (++this.burst >= this.limit + 1) return false;', '    return this.stamps.length <= this.limit;', '  }', '}');
  assert.deepEqual(flagged({ path: 'src/gate.ts', before: tsBefore, after: ordered, output: 'Expected: false\nReceived: true' }), []);
  const guarded = f('export class Gate {', '  private burst = 0;', '  open(): boolean {', '    if (this.sameTick() && ++this.burst === this.limit + 1) return false;', '    return this.stamps.length <= this.limit;', '  }', '}');
  assert.deepEqual(flagged({ path: 'src/gate.ts', before: tsBefore, after: guarded, output: 'Expected: false\nReceived: true' }), []);
});
