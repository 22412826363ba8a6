import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RunTrack } from '../../../src/core/chartData/runTrack';
import { SessionMonitor } from '../../../src/core/monitor/sessionMonitor';
import { DEFAULT_MONITOR_SETTINGS } from '../../../src/core/monitor/types';
import { FailingStreak } from '../../../src/core/sessions/failingStreak';
import type { Session, ToolRun } from '../../../src/core/sessions/model';
import { summarise } from '../../../src/core/sessions/summary';

const outcomes: Array<ToolRun['outcome'] | 'not a test'> = ['fail', 'fail', 'unknown', 'fail', 'not a test', 'fail', 'pass', 'fail', 'fail', 'pass', 'pass', 'fail'];
const runs: ToolRun[] = outcomes.map((o, i) => ({
  kind: 'tool-run',
  id: `r${i}`,
  command: o === 'not a test' ? 'ls' : 'npm test',
  output: '',
  testRun: o !== 'not a test',
  outcome: o === 'not a test' ? 'fail' : o,
  source: { path: '/t/s.jsonl', line: i + 1 },
}));

test('the rule: a failing test run extends the streak, a pass resets it, unknown outcomes and other commands do neither', () => {
  const streak = new FailingStreak();
  const steps = runs.map((r) => [streak.observe(r), streak.length]);
  assert.deepEqual(steps.slice(0, 7), [['extended', 1], ['extended', 2], ['unchanged', 2], ['extended', 3], ['unchanged', 3], ['extended', 4], ['reset', 0]]);
  assert.equal(streak.longest, 4);
});

test('the summary, the monitor and the chart read the same streaks from the same runs', () => {
  const session: Session = { id: 's', assistant: 'claude-code', sourcePath: '/t/s.jsonl', events: runs, parseErrors: 0 };
  const monitor = new SessionMonitor('s', DEFAULT_MONITOR_SETTINGS);
  const track = new RunTrack(3);
  for (const r of runs) {
    monitor.observe(r);
    if (r.testRun) track.run(r);
  }
  assert.equal(summarise(session).longestFailingStreak, 4);
  assert.equal(monitor.state().longestFailingStreak, 4);
  assert.equal(monitor.state().failingStreak, 1);
  assert.equal(track.failingStreak, 1);
  assert.deepEqual(track.loops().map((l) => l.runs), [4], 'one streak reaches three runs');
});

test('the chart reads minFailingRuns on every ask, so its loops follow the setting', () => {
  let min = 3;
  const track = new RunTrack(() => min);
  for (const r of runs) if (r.testRun) track.run(r);
  assert.deepEqual(track.loops().map((l) => l.runs), [4]);
  min = 2;
  assert.deepEqual(track.loops().map((l) => l.runs), [4, 2]);
  min = 5;
  assert.deepEqual(track.loops(), []);
});

test('a pass of tests selected by name that the failing runs never mention does not end the streak; a pass of the failing test does', () => {
  const failure = '[ERROR]   OrderPagerTest.tiedTimestampsAreNotSkipped:46 expected: <eyJ0cyI6MTcwMDAwMDAwMH0=> but was: <eyJ0cyI6MTcwMDAwMDAwMCwiaWQiOjJ9>';
  const run = (command: string, outcome: ToolRun['outcome']): ToolRun => ({ kind: 'tool-run', id: command, command, output: outcome === 'fail' ? failure : '', testRun: true, outcome, source: { path: '/t/s.jsonl', line: 1 } });
  const after = (pass: string) => {
    const streak = new FailingStreak();
    for (let i = 0; i < 3; i++) streak.observe(run('mvn -q test -Dtest=OrderPagerTest', 'fail'));
    return [streak.observe(run(pass, 'pass')), streak.length];
  };
  assert.deepEqual(after('mvn -q test -Dtest=OrderPagerTest#pagesInCreationOrder+lastPageHasNoCursor'), ['unchanged', 3]);
  assert.deepEqual(after('mvn -q test -Dtest=OrderPagerTest#tiedTimestampsAreNotSkipped'), ['reset', 0]);
  assert.deepEqual(after('mvn -q test -Dtest=OrderPagerTest'), ['reset', 0]);
  assert.deepEqual(after('mvn -q test'), ['reset', 0]);
  assert.deepEqual(after('pytest tests/test_pager.py::test_pages_in_order'), ['unchanged', 3]);
});
