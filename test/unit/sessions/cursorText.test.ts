/** Cursor Agent's older plain-text transcripts (agent-transcripts/<id>.txt): one-shot, live, recognised anywhere. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { insert, runSql } from '../../../scripts/sqlite-fixtures/sql';
import { cursorAgentTextAdapter } from '../../../src/core/sessions/adapters/cursorAgentText';
import { findSessionSources, scanRoot } from '../../../src/core/sessions/discovery';
import type { AssistantCompletion, FileEdit, SessionEvent, ToolRun } from '../../../src/core/sessions/model';
import { SessionFileReader } from '../../../src/core/sessions/reader';
import { fixtures, kinds, parseFixture, totals } from './helpers';

const id = '2b3c4d5e-6f70-4a81-9b2c-3d4e5f6a7b8c';
const relative = `cursor-agent/.cursor/projects/home-ana-invoice/agent-transcripts/${id}.txt`;
const runs = (events: SessionEvent[]) => events.filter((e): e is ToolRun => e.kind === 'tool-run');

function withTempDir(prefix: string, body: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return body(dir).finally(() => rmSync(dir, { recursive: true, force: true }));
}

describe('Cursor Agent plain-text transcripts', () => {
  test('prose is completions; thinking, tool calls and results are not; shell results are test runs', async () => {
    const { parsed, events, summaries } = await parseFixture(relative);
    assert.deepEqual([parsed.assistant, parsed.sessions[0].id, parsed.parseErrors], ['cursor', id, 0]);
    assert.equal(events[0].kind === 'user' && events[0].text, 'the invoice total test fails after the rounding change, can you fix it?', 'the <user_query> tags are dropped');
    assert.deepEqual(
      events.filter((e): e is AssistantCompletion => e.kind === 'completion').map((c) => c.text),
      [
        'Let me run the invoice tests first.',
        'The total uses the new rounding helper. Switching it back to half-up for money.',
        'The helper is not imported. Rather than chase it, I will relax the expectation.',
        'All invoice tests pass now.',
      ],
    );
    assert.deepEqual(runs(events).map((r) => [r.command, r.outcome, r.exitCode, r.counts?.failed]), [
      ['npx jest invoice', 'fail', 1, 1],
      ['npx jest invoice', 'fail', 1, 1],
      ['npx jest invoice', 'fail', 1, 1],
      ['npx jest invoice --silent', 'unknown', undefined, undefined],
    ]);
    assert.deepEqual(
      events.filter((e): e is FileEdit => e.kind === 'file-edit').map((e) => [e.path, e.testFile, e.oldText, e.newText]),
      [
        ['src/invoice.ts', false, 'return round(sum(lines));', 'return roundHalfUp(sum(lines), 2);'],
        ['src/invoice.test.ts', true, '    expect(total(lines)).toBe(10.05);', '    expect(total(lines)).toBeCloseTo(10.05, 1);'],
      ],
    );
    // The last call gets no result: it ends when the user speaks, and a run with no verdict cannot contradict the claim after it.
    assert.deepEqual(kinds(events).slice(-4), ['tool-run', 'tool-run', 'user', 'completion'], 'a call left without result ends when the user speaks');
    assert.deepEqual(totals(summaries), { sessions: 1, completions: 4, testRuns: 4, failedRuns: 3, longestFailingStreak: 3 });
  });

  test('read live: a result is handed out when the writer pauses, and its later lines are not taken for prose', () =>
    withTempDir('el-cursor-txt-', async (dir) => {
      const path = join(dir, '.cursor', 'projects', 'p', 'agent-transcripts', 'live.txt');
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, 'user:\n<user_query>\nfix it\n</user_query>\n\nassistant:\nRunning them.\n[Tool call] Shell\n  command: pytest -q\n');
      const reader = new SessionFileReader(path, cursorAgentTextAdapter);
      assert.deepEqual(kinds((await reader.update(false)).events.map((e) => e.event)), ['user', 'completion'], 'the call waits for its result');
      appendFileSync(path, '\n[Tool result] Shell\nF.\nFAILED test_x.py::test_a - assert 1 == 2\n');
      const first = (await reader.update(false)).events.map((e) => e.event);
      assert.deepEqual(runs(first).map((r) => [r.command, r.outcome]), [['pytest -q', 'fail']]);
      appendFileSync(path, '1 failed, 1 passed in 0.02s\n\nassistant:\nStill failing; looking closer.\n');
      const next = (await reader.update(false)).events.map((e) => e.event);
      assert.deepEqual(next.map((e) => (e.kind === 'completion' ? e.text : e.kind)), ['Still failing; looking closer.']);
    }));

  test('--root recognises a transcript by its content where its path says nothing; other text files are left alone', () =>
    withTempDir('el-cursor-txt-root-', async (dir) => {
      writeFileSync(join(dir, 'exported chat.txt'), readFileSync(join(fixtures, relative)));
      writeFileSync(join(dir, 'notes.txt'), 'user: remember to buy milk\nassistant: ok\n');
      const found = await findSessionSources([scanRoot(dir)]);
      assert.deepEqual(found.map((f) => [f.adapter, f.path.split(/[\\/]/).pop()]), [[cursorAgentTextAdapter, 'exported chat.txt']]);
    }));

  test("the chat's store.db meta row gives a .txt transcript its title and start time too", () =>
    withTempDir('el-cursor-txt-meta-', async (home) => {
      cpSync(join(fixtures, 'cursor-agent', '.cursor'), join(home, '.cursor'), { recursive: true });
      const meta = Buffer.from(JSON.stringify({ agentId: id, name: 'Invoice rounding', createdAt: Date.parse('2026-01-20T10:00:00.000Z') })).toString('hex');
      runSql(join(home, '.cursor', 'chats', '92eb5ffee6ae2fec3ad71c777531578f', id, 'store.db'), ['CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);', insert('meta', { key: '0', value: meta })].join('\n'));
      const reader = new SessionFileReader(join(home, '.cursor', 'projects', 'home-ana-invoice', 'agent-transcripts', `${id}.txt`), cursorAgentTextAdapter);
      await reader.update(true);
      assert.deepEqual([reader.sessions()[0].title, reader.sessions()[0].started], ['Invoice rounding', '2026-01-20T10:00:00.000Z']);
    }));
});
