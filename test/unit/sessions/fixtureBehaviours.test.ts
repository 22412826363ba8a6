/**
 * Behaviours first seen in real published transcripts, pinned on the project's
 * own small fixtures so the suite needs nothing outside the repository.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ClaimedPass, FileEdit, ToolRun } from '../../../src/core/sessions/model';
import { parseFixture, totals } from './helpers';

const claims = (events: Array<{ kind: string }>) => events.filter((e): e is ClaimedPass => e.kind === 'claimed-pass');

test('Aider: a history that starts mid-session keeps the fragment as a session without a start time', async () => {
  const { parsed } = await parseFixture('aider/ledger/.aider.chat.history.md');
  assert.equal(parsed.parseErrors, 0);
  assert.deepEqual(parsed.sessions.map((s) => s.started), [undefined, '2026-04-03T10:00:00', '2026-04-03T11:00:00']);
  assert.equal(parsed.sessions[0].events.filter((e) => e.kind === 'file-edit').length, 1);
});

test('Aider: failing pytest lines pasted by the user stay the user\'s text and count as failing runs reported in the conversation', async () => {
  const { parsed } = await parseFixture('aider/ledger/.aider.chat.history.md');
  const pasted = parsed.sessions[1].events;
  assert.equal(pasted.filter((e) => e.kind === 'user' && e.text.includes('FAILED tests/')).length, 2);
  const runs = pasted.filter((e): e is ToolRun => e.kind === 'tool-run');
  assert.deepEqual(runs.map((r) => [r.recognisedBy, r.command, r.outcome]), [
    ['conversation', 'reported in the conversation', 'fail'],
    ['conversation', 'reported in the conversation', 'fail'],
  ]);
});

test('Aider: three failing /test runs make a streak of 3 and the closing claim is unbacked', async () => {
  const { summaries, events } = await parseFixture('aider/ledger/.aider.chat.history.md');
  // Two more failing runs are the ones pasted in session 2 (see above).
  assert.deepEqual(totals(summaries), { sessions: 3, completions: 5, testRuns: 5, failedRuns: 5, longestFailingStreak: 3 });
  assert.deepEqual(events.filter((e): e is ToolRun => e.kind === 'tool-run' && e.recognisedBy === 'command').map((r) => r.counts?.failed), [1, 1, 1]);
  assert.deepEqual(claims(events).map((c) => [c.claim, c.reason]), [['All tests pass now.', 'last-run-failed']]);
});

test('SWE-agent: a claim before any run is flagged as no-run; three refused edits in a row are counted', async () => {
  const { summaries, events } = await parseFixture('swe-agent/trajectories/ana/clock__clock-3.traj');
  assert.equal(summaries[0].testRuns, 0);
  assert.deepEqual(claims(events).map((c) => [c.completionId, c.reason]), [['step-1', 'no-run']]);
  assert.deepEqual(events.filter((e): e is FileEdit => e.kind === 'file-edit').map((e) => e.applied), [false, false, false, true]);
  assert.equal(summaries[0].rejectedEdits, 3);
});
