/**
 * The monitor's warnings at their edges: when a warning is held back and when it
 * comes again, what its message says, and which edits count as gaming the tests.
 * Written against the mutants `npm run mutation` found surviving: each test pins
 * one rule a user relies on (a second loop gets its own warning, a duplicate
 * assertion deleted is a weakened test, ...).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SessionMonitor } from '../../../src/core/monitor/sessionMonitor';
import { DEFAULT_MONITOR_SETTINGS, type Alert, type Flag } from '../../../src/core/monitor/types';

/** One session told event by event; `minute` stamps the event (none: the transcript has no clock). */
class Story {
  readonly alerts: Alert[] = [];
  readonly flags: Flag[] = [];
  // The rule's edges at a threshold of 1.5, without the long-loop notice (tested on its own).
  private readonly monitor = new SessionMonitor('the session', { ...DEFAULT_MONITOR_SETTINGS, desperationThreshold: 1.5, longLoopRuns: 0 });
  private completion = 0;
  private line = 0;

  say(desperate: number, minute?: number): this {
    const index = this.completion++;
    const timestamp = stamp(minute);
    const source = this.source();
    this.take(this.monitor.observe({ kind: 'completion', id: `c${index}`, index, text: '', source, timestamp }, { completionIndex: index, completionId: `c${index}`, desperate, calm: 0, timestamp, readable: true }));
    return this;
  }

  run(outcome: 'pass' | 'fail', minute?: number, output = ''): this {
    this.take(this.monitor.observe({ kind: 'tool-run', id: `r${this.line}`, command: 'npm test', output, testRun: true, outcome, source: this.source(), timestamp: stamp(minute) }));
    return this;
  }

  fails(n: number, minute?: number): this {
    for (let i = 0; i < n; i++) this.run('fail', minute);
    return this;
  }

  edit(path: string, oldText: string, newText: string): this {
    const testFile = /test/.test(path);
    this.take(this.monitor.observe({ kind: 'file-edit', id: `e${this.line}`, path, testFile, operation: 'replace', oldText, newText, source: this.source() }));
    return this;
  }

  get warnings(): Array<Extract<Alert, { kind: 'desperation' }>> {
    return this.alerts.filter((a): a is Extract<Alert, { kind: 'desperation' }> => a.kind === 'desperation');
  }

  get tampering(): Array<{ kind: string; message: string }> {
    return this.alerts.flatMap((a) => (a.kind === 'tampering' ? [{ kind: a.evidence.kind, message: a.message }] : []));
  }

  private take(update: { alerts: Alert[]; flags: Flag[] }): void {
    this.alerts.push(...update.alerts);
    this.flags.push(...update.flags);
  }

  private source() {
    return { path: 'session.jsonl', line: ++this.line };
  }
}

function stamp(minute: number | undefined): string | undefined {
  return minute === undefined ? undefined : new Date(Date.UTC(2026, 0, 1) + minute * 60_000).toISOString();
}

/** A young session (baseline: neutral text) already three failing runs into a loop. */
const inLoop = () => new Story().fails(3);

test('a rise of exactly the threshold warns: "warning at 1.5 above" includes 1.5', () => {
  const story = inLoop().say(1.5);
  assert.equal(story.warnings.length, 1);
  assert.equal(story.warnings[0].evidence.level - story.warnings[0].evidence.baseline, 1.5);
});

test('the trend rule at its edges: a rise of three quarters of the threshold, climbing a third of it a completion, warns', () => {
  // +1.0 then +1.5: level 1.25 (below 1.5), climbing exactly 0.5 a completion.
  assert.equal(inLoop().say(1).say(1.5).warnings.length, 1);
  // +0.5 then +1.75: level exactly 1.125 (0.75 x 1.5), climbing 1.25 a completion.
  assert.equal(inLoop().say(0.5).say(1.75).warnings.length, 1);
  // Just under both edges: no warning.
  assert.equal(inLoop().say(1).say(1.49).warnings.length, 0);
  assert.equal(inLoop().say(0.5).say(1.74).warnings.length, 0);
});

test('in one long loop, a level that falls back below half the threshold re-arms the warning', () => {
  // No passing run in between: only the level falling back to +0.6 (< 0.75) re-arms it.
  const story = inLoop().say(2, 0).say(0.6, 1).say(0.6, 2).fails(1, 20).say(2, 21).say(2, 22);
  assert.deepEqual(story.warnings.map((w) => w.completionIndex), [0, 4]);
});

test('a level that stays above half the threshold is the same episode: no second warning', () => {
  const story = inLoop().say(2, 0).say(1, 1).say(1, 2).fails(1, 20).say(2, 21).say(2, 22);
  assert.deepEqual(story.warnings.map((w) => w.completionIndex), [0]);
});

test('without clocks, a second loop is held back for four completions after a warning and warns on the fifth', () => {
  const story = new Story().say(0).say(0).say(0).fails(3).say(2).say(2);
  assert.deepEqual(story.warnings.map((w) => w.completionIndex), [4], 'the first loop warns once');
  story.run('pass').fails(3);
  for (let i = 0; i < 8; i++) story.say(2);
  // Completion 4 warned; 5..8 are within the cooldown; 9 is the fifth completion after it.
  assert.deepEqual(story.warnings.map((w) => w.completionIndex), [4, 9]);
});

test('the default cooldown is ten minutes: a second loop at 9.5 minutes is held back, at 10.5 it warns', () => {
  const secondLoopAt = (minute: number) => inLoop().say(2, 0).run('pass', 1).fails(3, minute).say(2, minute).warnings.length;
  assert.equal(secondLoopAt(9.5), 1);
  assert.equal(secondLoopAt(10.5), 2);
});

test('the warning says "climbing" exactly when the trend is a third of the threshold or more', () => {
  // Level 1.3 with a trend of +0.6 a completion: warned on the trend rule, and said so.
  const climbing = inLoop().say(1).say(1.6).warnings;
  assert.equal(climbing.length, 1);
  // Below the threshold the message names the rule that fired, not a threshold the level never reached.
  assert.match(climbing[0].message, /1\.3 above .*and climbing 0\.6 a completion \(warning at 1\.1 above while climbing 0\.5 or more a completion\)$/);
  assert.ok(!climbing[0].message.includes('(warning at 1.5 above)'), climbing[0].message);
  // Level 1.6 with a trend of +0.4: warned on the rise alone, no climbing claimed.
  const steady = inLoop().say(1.4).say(1.8).warnings;
  assert.equal(steady.length, 1);
  assert.ok(!steady[0].message.includes('climbing'), steady[0].message);
});

test('the trend in a warning is fitted over the last four readable completions', () => {
  const [warning] = inLoop().say(1).say(0.2).say(0.2).say(2.8).warnings;
  assert.ok(warning, 'the jump to +2.8 warns');
  // Least squares over (1, 0.2, 0.2, 2.8): 2.7 / 5.
  assert.ok(Math.abs(warning.evidence.trend - 0.54) < 1e-9, `trend ${warning.evidence.trend}`);
});

test('deleting assertions from a test is a weakened test, and says how many fewer', () => {
  const two = inLoop().say(0).edit('tests/test_total.py', 'assert a == 1\nassert b == 2\nassert c == 3', 'assert a == 1');
  assert.match(two.tampering[0].message, /2 fewer assertions after the edit \(gone: assert b == 2\)$/);
});

test('a test edit that keeps every assertion is reported as a test-file edit, not a weakened test', () => {
  const added = inLoop().say(0).edit('tests/test_total.py', 'assert total() == 3', 'assert total() == 3\nprint(total())');
  assert.deepEqual(added.tampering.map((t) => t.kind), ['test-file-edited']);
  const commentRemoved = inLoop().say(0).edit('tests/test_total.py', '# the sum of the cart\nassert total() == 3', 'assert total() == 3');
  assert.deepEqual(commentRemoved.tampering.map((t) => t.kind), ['test-file-edited']);
});

test('a second skip marker, on a line identical to an existing one, is still an added skip', () => {
  const story = inLoop().say(0).edit('tests/test_cart.py', '@pytest.mark.skip\ndef test_a():', '@pytest.mark.skip\ndef test_a():\n@pytest.mark.skip\ndef test_b():');
  assert.deepEqual(story.tampering.map((t) => t.kind), ['skip-marker-added']);
});

