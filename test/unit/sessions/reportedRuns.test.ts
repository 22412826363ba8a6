/**
 * Test runs recognised end to end, from session files written for this project
 * (test/fixtures/testRuns): a benchmark-style loop in Claude Code's format and
 * failures a developer pastes into aider. The monitor counts what is recognised.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import type { ClaimedPass, SessionEvent, ToolRun } from '../../../src/core/sessions/model';
import { SessionMonitor } from '../../../src/core/monitor/sessionMonitor';
import { DEFAULT_MONITOR_SETTINGS } from '../../../src/core/monitor/types';
import { SessionBuilder } from '../../../src/core/sessions/builder';
import { parseFixture, repoRoot } from './helpers';

const testRunFixtures = resolve(repoRoot, 'test', 'fixtures', 'testRuns');
const testRuns = (events: SessionEvent[]) => events.filter((e): e is ToolRun => e.kind === 'tool-run' && e.testRun);
const row = (r: ToolRun) => [r.command, r.recognisedBy, r.outcome, r.reason];

function longestFailingStreak(events: SessionEvent[]): number {
  const monitor = new SessionMonitor('fixture', DEFAULT_MONITOR_SETTINGS);
  let index = 0;
  for (const e of events) {
    if (e.kind === 'completion') monitor.observe(e, { completionIndex: index++, completionId: e.id, desperate: 0, calm: 0, readable: true });
    else monitor.observe(e);
  }
  return monitor.state().longestFailingStreak;
}

describe('a benchmark-style loop (Claude Code format)', () => {
  test('runs count by command, by output and from the harness feedback; shows and mentions do not', async () => {
    const { events } = await parseFixture('harness-loop.jsonl', testRunFixtures);
    assert.deepEqual(testRuns(events).map(row), [
      ['python3 solution.py', 'output', 'fail', 'output shows a traceback ending in AssertionError'],
      ['python3 test.py', 'command', 'fail', 'runs the test script test.py'],
      ['npm test 2>&1 | tail -5', 'command', 'fail', 'runs the package test script; `| tail` hides the exit code, outcome read from the output'],
      ['reported in the conversation', 'conversation', 'fail', "pasted in the user's turn: a traceback ending in AssertionError"],
      ['python3 test.py', 'command', 'pass', 'runs the test script test.py'],
    ]);
    const all = events.filter((e): e is ToolRun => e.kind === 'tool-run');
    assert.equal(all.find((r) => r.command === 'cat results.txt')?.testRun, false, 'a saved result shown with cat is not a run');
    assert.equal(all.find((r) => r.command.startsWith('grep'))?.testRun, false);
  });

  test('the reported run belongs to the user turn that pasted it', async () => {
    const { events } = await parseFixture('harness-loop.jsonl', testRunFixtures);
    const at = events.findIndex((e) => e.kind === 'tool-run' && e.recognisedBy === 'conversation');
    const turn = events[at - 1];
    assert.equal(turn.kind, 'user');
    assert.equal(events[at].id, `${turn.id}#reported`);
    assert.deepEqual(events[at].source, turn.source);
    assert.equal(events[at].timestamp, turn.timestamp);
  });

  test('the monitor sees a failing streak of 4, and the claim after it is unbacked', async () => {
    const { events } = await parseFixture('harness-loop.jsonl', testRunFixtures);
    assert.equal(longestFailingStreak(events), 4);
    const claim = events.find((e): e is ClaimedPass => e.kind === 'claimed-pass');
    assert.equal(claim?.reason, 'last-run-failed');
  });
});

describe('failures a developer pastes into aider', () => {
  test('pasted pytest lines are failing runs, pasted summaries passing ones, requests are neither', async () => {
    const { events } = await parseFixture('pasted.aider.chat.history.md', testRunFixtures);
    assert.deepEqual(testRuns(events).map(row), [
      ['reported in the conversation', 'conversation', 'fail', "pasted in the user's turn: a pytest failure"],
      ['reported in the conversation', 'conversation', 'fail', "pasted in the user's turn: a pytest failure"],
      ['reported in the conversation', 'conversation', 'pass', "pasted in the user's turn: a pytest summary: 6 passed"],
    ]);
    assert.equal(longestFailingStreak(events), 2);
  });
});

test('the builder adds no run for a user turn without test output', () => {
  const b = new SessionBuilder({ id: 's', assistant: 'aider', sourcePath: 'x.md' });
  b.user('u1', 'Please add tests; all tests should pass.', { path: 'x.md', line: 1 });
  b.user('u2', 'Your code failed the tests:\nFAILED (failures=2)', { path: 'x.md', line: 2 });
  assert.deepEqual(b.session.events.map((e) => e.id), ['u1', 'u2', 'u2#reported']);
});
