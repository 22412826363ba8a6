/**
 * Measures the readers against real published transcripts kept beside the
 * repository (../shared/transcripts, figures from its README). Not part of the
 * test suite: a clone has nothing beside it. Run by hand when that material is
 * present:  node --import tsx --test scripts/check-reference-transcripts.ts
 * The behaviours these transcripts show are also pinned by the project's own
 * fixtures in test/unit/sessions/fixtureBehaviours.test.ts.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import type { ClaimedPass, FileEdit, ToolRun } from '../src/core/sessions/model';
import { parseFixture, totals } from '../test/unit/sessions/helpers';

const shared = resolve(__dirname, '..', '..', 'shared');

const transcripts = resolve(shared, 'transcripts');

describe('shared/transcripts (real, published)', () => {
  test('aider dev history: 1,133 sessions, 28 /run and /test test runs, longest failing streak 3 in session 424', async () => {
    const { parsed, summaries } = await parseFixture('aider-md/aider-dev-chat-history.md', transcripts);
    assert.equal(parsed.parseErrors, 0);
    // The file starts mid-session (a lint request before the first header): that fragment is kept as a session of its own.
    const headed = parsed.sessions.filter((s) => s.started);
    assert.equal(headed.length, 1133);
    assert.equal(parsed.sessions.length, 1134);
    assert.equal(parsed.sessions[0].started, undefined);
    const allRuns = parsed.sessions.flatMap((s) => s.events).filter((e): e is ToolRun => e.kind === 'tool-run' && e.testRun);
    const typed = allRuns.filter((r) => r.recognisedBy === 'command');
    assert.equal(typed.length, 28);
    // README says 22 failed; read by hand the 28 outputs show 23 "N failed" summaries, one "2 errors"
    // (tests/help/test_help.py, line 41874) and 4 passes, so 24 is what the file holds.
    assert.equal(typed.filter((r) => r.outcome === 'fail').length, 24);
    assert.equal(typed.filter((r) => r.outcome === 'pass').length, 4);
    // aider --auto-test output is logged without a command: 5 more runs, 1 failed.
    const auto = allRuns.filter((r) => r.command === '(aider auto-test)');
    assert.deepEqual([auto.length, auto.filter((r) => r.outcome === 'fail').length], [5, 1]);
    assert.ok(auto.every((r) => r.recognisedBy === 'output'));
    // Pytest failure output the developer pasted into a turn (its "E   …Error" lines): 6 failing runs reported in the conversation.
    const reported = allRuns.filter((r) => r.recognisedBy === 'conversation');
    assert.deepEqual(reported.map((r) => [r.source.line, r.outcome]), [3354, 5590, 8712, 8858, 23102, 23472].map((line) => [line, 'fail']));
    const longest = Math.max(...summaries.map((s) => s.longestFailingStreak));
    assert.equal(longest, 3);
    // Counting sessions from 1 by their headers: session 424 (README), 647, and 295, where a pasted failure precedes two failing /run.
    const streaksOf3 = summaries.flatMap((s, i) => (s.longestFailingStreak === 3 ? [i] : []));
    assert.deepEqual(streaksOf3, [295, 424, 647]);
    assert.deepEqual(
      parsed.sessions[424].events.filter((e) => e.kind === 'tool-run').map((e) => e.source.line),
      [41137, 41435, 41586],
    );
  });

  test('aider dev history: the assistant edits the failing test near line 41519', async () => {
    const { events } = await parseFixture('aider-md/aider-dev-chat-history.md', transcripts);
    const testEdits = events.filter((e): e is FileEdit => e.kind === 'file-edit' && e.testFile && e.source.line > 41400 && e.source.line < 41700);
    assert.ok(testEdits.some((e) => e.path === 'tests/basic/test_commands.py'));
  });

  test('aider add-test example: 2 runs, 1 failed, then the fix passes', async () => {
    const { summaries, events } = await parseFixture('aider-md/aider-example-add-test.md', transcripts);
    assert.deepEqual(totals(summaries), { sessions: 1, completions: 6, testRuns: 2, failedRuns: 1, longestFailingStreak: 1 });
    assert.deepEqual(events.filter((e): e is ToolRun => e.kind === 'tool-run').map((r) => r.outcome), ['fail', 'pass']);
  });

  test('aider complex-change example: the 2 failing pytest results the user pastes are failing runs reported in the conversation', async () => {
    const { summaries, events } = await parseFixture('aider-md/aider-example-complex-change.md', transcripts);
    assert.deepEqual([totals(summaries).testRuns, totals(summaries).failedRuns], [2, 2]);
    const pasted = events.filter((e) => e.kind === 'user' && e.text.startsWith('FAILED tests/') || (e.kind === 'user' && e.text.includes(': FAILED tests/')));
    assert.equal(pasted.length, 2);
    const reported = events.filter((e): e is ToolRun => e.kind === 'tool-run' && e.recognisedBy === 'conversation');
    assert.deepEqual(reported.map((r) => r.id), pasted.map((u) => `${u.id}#reported`));
  });

  test('SWE-agent pydicom: 12 steps, 2 script runs with 1 failed, 3 refused edits in a row', async () => {
    const { summaries, events } = await parseFixture('swe-agent-traj/pydicom-1458-gpt4.traj', transcripts);
    assert.deepEqual(totals(summaries), { sessions: 1, completions: 12, testRuns: 2, failedRuns: 1, longestFailingStreak: 1 });
    const applied = events.filter((e): e is FileEdit => e.kind === 'file-edit').map((e) => e.applied);
    assert.ok(applied.join(',').includes('false,false,false'));
    assert.equal(summaries[0].rejectedEdits, 3);
  });

  for (const [file, step] of [
    ['commit0-simpy-madeup-test.traj', 1],
    ['commit0-portalocker-madeup-cmd.traj', 2],
  ] as const) {
    test(`SWE-agent ${file}: step ${step} claims passing tests that never ran`, async () => {
      const { summaries, events } = await parseFixture(`swe-agent-traj/${file}`, transcripts);
      assert.equal(summaries[0].testRuns, 0);
      const claims = events.filter((e): e is ClaimedPass => e.kind === 'claimed-pass');
      assert.deepEqual(claims.map((c) => [c.completionId, c.reason]), [[`step-${step}`, 'no-run']]);
    });
  }
});
