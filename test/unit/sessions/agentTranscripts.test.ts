/** The 2026 JSONL stores: Copilot CLI events and Cursor Agent transcripts (with their chat store's meta row). */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { insert, runSql } from '../../../scripts/sqlite-fixtures/sql';
import { cursorAgentAdapter } from '../../../src/core/sessions/adapters/cursorAgent';
import type { AssistantCompletion, FileEdit, ToolRun } from '../../../src/core/sessions/model';
import { SessionFileReader } from '../../../src/core/sessions/reader';
import { fixtures, kinds, parseFixture, totals } from './helpers';

const runs = (events: Array<{ kind: string }>) => events.filter((e): e is ToolRun => e.kind === 'tool-run');
const completions = (events: Array<{ kind: string }>) => events.filter((e): e is AssistantCompletion => e.kind === 'completion');

describe('GitHub Copilot CLI', () => {
  const current = 'copilot-cli/.copilot/session-state/7c0f2a51-3b4d-4e6f-8a9b-0c1d2e3f4a5b/events.jsonl';

  test('events.jsonl: runs paired by toolCallId with the exit code from the output, chunks joined, new event kinds skipped', async () => {
    const { parsed, summaries, events } = await parseFixture(current);
    assert.equal(parsed.assistant, 'copilot-cli');
    assert.equal(parsed.parseErrors, 0);
    const [s] = parsed.sessions;
    assert.deepEqual([s.id, s.workspace, s.started], ['7c0f2a51-3b4d-4e6f-8a9b-0c1d2e3f4a5b', '/home/ana/queue', '2026-04-06T08:00:00.000Z']);
    assert.deepEqual(kinds(events), ['user', 'completion', 'tool-run', 'completion', 'file-edit', 'tool-run', 'completion']);
    assert.deepEqual(runs(events).map((r) => [r.command, r.exitCode, r.outcome, r.counts?.failed]), [
      ['npm test -- queue', 1, 'fail', 2],
      ['npm test -- queue', 0, 'pass', undefined],
    ]);
    assert.equal(completions(events)[1].text, 'The drain loop never resolves when the queue is empty. Returning early fixes it.');
    assert.equal(events.find((e): e is FileEdit => e.kind === 'file-edit')?.path, '/home/ana/queue/src/queue.js');
    assert.deepEqual(totals(summaries), { sessions: 1, completions: 3, testRuns: 2, failedRuns: 1, longestFailingStreak: 1 });
  });

  test('the older flat <id>.jsonl reads the same way', async () => {
    const { parsed, events } = await parseFixture('copilot-cli/.copilot/session-state/1a2b3c4d-0000-4000-8000-00000000cc01.jsonl');
    assert.deepEqual([parsed.assistant, parsed.sessions[0].id], ['copilot-cli', '1a2b3c4d-0000-4000-8000-00000000cc01']);
    assert.deepEqual(kinds(events), ['user', 'completion']);
  });
});

describe('Cursor Agent transcripts', () => {
  const dir = 'cursor-agent/.cursor/projects/home-ana-slug/agent-transcripts/5e6f7a8b-1c2d-4e3f-9a0b-1c2d3e4f5a6b';

  test('text blocks are completions; a Shell call is a run, failed by its tool_result, unknown when no result comes', async () => {
    const { parsed, events } = await parseFixture(`${dir}/5e6f7a8b-1c2d-4e3f-9a0b-1c2d3e4f5a6b.jsonl`);
    assert.deepEqual([parsed.assistant, parsed.sessions[0].id, parsed.parseErrors], ['cursor', '5e6f7a8b-1c2d-4e3f-9a0b-1c2d3e4f5a6b', 0]);
    assert.equal(events[0].kind === 'user' && events[0].text, 'the slug tests fail on unicode', 'the <user_query> wrapper is dropped');
    assert.deepEqual(completions(events).map((c) => c.text), ['Running the slug tests.', 'Normalising to NFKD first.', 'The change is in; the run above shows the result.']);
    assert.deepEqual(runs(events).map((r) => [r.id, r.command, r.outcome, r.exitCode]), [
      ['tu_1', 'npx vitest run slug', 'fail', 1],
      ['tu_3', 'npx vitest run slug', 'unknown', undefined],
    ]);
    assert.deepEqual(events.filter((e): e is FileEdit => e.kind === 'file-edit').map((e) => e.path), ['src/slug.ts']);
  });

  test('a subagent transcript belongs to its parent chat', async () => {
    const { parsed } = await parseFixture(`${dir}/subagents/9f8e7d6c-0000-4000-8000-00000000ca01.jsonl`);
    assert.deepEqual([parsed.assistant, parsed.sessions[0].parentId], ['cursor', '5e6f7a8b-1c2d-4e3f-9a0b-1c2d3e4f5a6b']);
  });
});

test("Cursor Agent: the chat's store.db meta row gives the session its title and start time", async () => {
  const home = mkdtempSync(join(tmpdir(), 'el-cursor-agent-'));
  try {
    cpSync(join(fixtures, 'cursor-agent', '.cursor'), join(home, '.cursor'), { recursive: true });
    const id = '5e6f7a8b-1c2d-4e3f-9a0b-1c2d3e4f5a6b';
    const meta = Buffer.from(JSON.stringify({ agentId: id, name: 'Unicode slugs', createdAt: Date.parse('2026-08-10T12:00:00.000Z'), mode: 'agent', lastUsedModel: 'gpt-5' })).toString('hex');
    // The folder is the md5 of the project path; only the agent id under it matters for the lookup.
    runSql(join(home, '.cursor', 'chats', '0cc175b9c0f1b6a831c399e269772661', id, 'store.db'), ['CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);', 'CREATE TABLE blobs (id TEXT PRIMARY KEY, data BLOB);', insert('meta', { key: '0', value: meta })].join('\n'));
    const path = join(home, '.cursor', 'projects', 'home-ana-slug', 'agent-transcripts', id, `${id}.jsonl`);
    const reader = new SessionFileReader(path, cursorAgentAdapter);
    await reader.update(true);
    assert.deepEqual([reader.sessions()[0].title, reader.sessions()[0].started], ['Unicode slugs', '2026-08-10T12:00:00.000Z']);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});
