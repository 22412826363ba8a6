/**
 * The SQLite stores (OpenCode >= 1.2, Kilo), built by scripts/make-sqlite-fixtures.ts
 * with the real sqlite3 CLI, read as `sessions --json` and a live reader see them.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { insert, LiveWriter } from '../../../scripts/sqlite-fixtures/sql';
import { command, type SessionsReport } from '../../../src/cli/commands/sessions';
import type { AssistantCompletion, ClaimedPass, FileEdit, ToolRun } from '../../../src/core/sessions/model';
import { SessionFileReader } from '../../../src/core/sessions/reader';
import { recogniseFile } from '../../../src/core/sessions/registry';
import { freshSqliteFixtures, listing } from './sqliteHelpers';
import { PassThrough } from 'node:stream';

const fixtures = freshSqliteFixtures('el-sqlite-');

async function sessionsJson(dir: string): Promise<SessionsReport> {
  let stdout = '';
  const code = await command.run(['--root', dir, '--json'], { stdout: (t) => (stdout += t), stderr: () => undefined, stdin: new PassThrough() });
  assert.equal(code, 0);
  return JSON.parse(stdout) as SessionsReport;
}

describe('OpenCode, Kilo and Goose SQLite fixtures.stores', () => {
  test('sessions --root finds each store with assistant, ids, completions, test runs and streaks', async () => {
    const report = await sessionsJson(fixtures.root);
    const figures = report.sessions
      .filter((s) => s.assistant !== 'cursor')
      .map((s) => [s.assistant, s.id, s.completions, s.testRuns, s.failedRuns, s.longestFailingStreak, s.parentId ?? null])
      .sort((a, b) => String(a[1]).localeCompare(String(b[1])));
    assert.deepEqual(figures, [
      ['goose', '20260407_1', 3, 2, 2, 2, null],
      ['opencode', 'ses_dates01', 4, 3, 3, 3, null],
      ['opencode', 'ses_dates02', 1, 0, 0, 0, 'ses_dates01'],
      ['kilo-code', 'ses_retry01', 2, 2, 1, 1, null],
    ]);
    assert.ok(report.sources.every((s) => !s.error && s.parseErrors === 0));
  });

  test('one completion per assistant message, bash parts are runs, the closing claim is unbacked', async () => {
    const adapter = await recogniseFile(fixtures.stores.opencode);
    assert.equal(adapter?.assistant, 'opencode');
    const reader = new SessionFileReader(fixtures.stores.opencode, adapter!);
    await reader.update(true);
    const session = reader.sessions().find((s) => s.id === 'ses_dates01')!;
    assert.equal(session.title, 'Date parser offsets');
    assert.equal(session.workspace, '/home/ana/dates');
    const completions = session.events.filter((e): e is AssistantCompletion => e.kind === 'completion');
    assert.deepEqual(completions.map((c) => [c.id, c.text, c.model]).slice(0, 2), [
      ['msg_ses_dates01_a0', 'Running the date tests.', 'claude-sonnet-4'],
      ['msg_ses_dates01_a1', 'The parser drops the offset.', 'claude-sonnet-4'],
    ]);
    const runs = session.events.filter((e): e is ToolRun => e.kind === 'tool-run');
    assert.deepEqual(runs.map((r) => [r.command, r.exitCode, r.outcome, r.testRun]), Array(3).fill(['bun test', 1, 'fail', true]));
    const claim = session.events.find((e): e is ClaimedPass => e.kind === 'claimed-pass');
    assert.equal(claim?.reason, 'last-run-failed');
    // An edit part is a search/replace edit, as in OpenCode's JSON storage: the tamper evidence needs to know.
    const edits = session.events.filter((e): e is FileEdit => e.kind === 'file-edit');
    assert.deepEqual(edits.map((e) => [e.path, e.operation, e.oldText, e.newText]), [['/home/ana/dates/src/date.ts', 'replace', 'slice(0, 19)', 'slice(0, 25)']]);
  });
});

test('Goose: toolRequest and toolResponse pair by id into runs; title and folder from the sessions row', async () => {
  const reader = new SessionFileReader(fixtures.stores.goose, (await recogniseFile(fixtures.stores.goose))!);
  await reader.update(true);
  const [s] = reader.sessions();
  assert.deepEqual([s.assistant, s.title, s.workspace, s.started], ['goose', 'Fix the parser test', '/home/ana/toml', '2026-04-07T14:00:00.000Z']);
  const runs = s.events.filter((e): e is ToolRun => e.kind === 'tool-run');
  assert.deepEqual(runs.map((r) => [r.id, r.command, r.outcome, r.counts?.failed]), [
    ['c1', 'cargo test', 'fail', 1],
    ['c2', 'cargo test', 'fail', 1],
  ]);
  assert.equal(s.events.filter((e) => e.kind === 'completion').length, 3, 'thinking is not prose');
});

test('--root recognises a store by its tables when its path says nothing', async () => {
  const { copyFileSync, mkdirSync } = await import('node:fs');
  const dir = join(fixtures.root, 'renamed');
  mkdirSync(dir, { recursive: true });
  for (const [name, from] of [['backup-oc.db', fixtures.stores.opencode], ['old-goose.sqlite', fixtures.stores.goose], ['cursor-copy.vscdb', fixtures.stores.cursor], ['kilo-2026.db', fixtures.stores.kilo]] as const) copyFileSync(from, join(dir, name));
  const report = await sessionsJson(dir);
  assert.deepEqual(report.sources.map((s) => [s.path.split('/').pop(), s.assistant, s.error]).sort(), [
    ['backup-oc.db', 'opencode', undefined],
    ['cursor-copy.vscdb', 'cursor', undefined],
    ['kilo-2026.db', 'kilo-code', undefined],
    ['old-goose.sqlite', 'goose', undefined],
  ]);
});

describe('live SQLite reading', () => {
  test('rows the owner commits become events within 2 s; nothing is written beside the database', async () => {
    const path = fixtures.stores.opencode;
    const writer = new LiveWriter(path);
    try {
      await writer.exec('SELECT 1;');
      const reader = new SessionFileReader(path, (await recogniseFile(path))!);
      await reader.update(false);
      const before = listing(path);
      const t = Date.now() + 10_000;
      const ts = Date.now();
      await writer.exec(
        [
          insert('message', { id: 'msg_live', session_id: 'ses_dates02', time_created: ts, time_updated: ts, data: { role: 'assistant', time: { created: ts, completed: ts }, modelID: 'm' } }),
          insert('part', { id: 'prt_live', message_id: 'msg_live', session_id: 'ses_dates02', time_created: ts, time_updated: ts, data: { type: 'text', text: 'A new finding.' } }),
          `UPDATE session SET time_updated = ${ts} WHERE id = 'ses_dates02';`,
        ].join('\n'),
      );
      const written = Date.now();
      const update = await reader.update(false);
      const seenMs = Date.now() - written;
      assert.deepEqual(update.events.map((e) => [e.session.id, e.event.kind, e.event.id]), [['ses_dates02', 'completion', 'msg_live']]);
      assert.ok(seenMs < 2000, `seen after ${seenMs} ms`);
      assert.ok(Date.now() < t);
      assert.deepEqual(listing(path), before, 'the reader created or changed no file');
      assert.deepEqual((await reader.update(false)).events, [], 'nothing new, nothing handed out twice');
    } finally {
      await writer.close();
    }
  });

  test('a reply OpenCode is still streaming is handed out once, with its final text', async () => {
    const path = fixtures.stores.opencode;
    const writer = new LiveWriter(path);
    try {
      const reader = new SessionFileReader(path, (await recogniseFile(path))!);
      await reader.update(false);
      const ts = Date.now();
      const message = (completed: boolean) => ({ role: 'assistant', time: completed ? { created: ts, completed: ts + 5 } : { created: ts }, modelID: 'm' });
      await writer.exec(
        [
          insert('message', { id: 'msg_stream', session_id: 'ses_dates02', time_created: ts, time_updated: ts, data: message(false) }),
          insert('part', { id: 'prt_stream', message_id: 'msg_stream', session_id: 'ses_dates02', time_created: ts, time_updated: ts, data: { type: 'text', text: 'The offsets are' } }),
        ].join('\n'),
      );
      assert.deepEqual((await reader.update(false)).events, [], 'nothing while it streams');
      await writer.exec(
        [
          `UPDATE part SET data = '{"type":"text","text":"The offsets are parsed twice."}', time_updated = ${ts + 5} WHERE id = 'prt_stream';`,
          `UPDATE message SET data = '${JSON.stringify(message(true))}', time_updated = ${ts + 5} WHERE id = 'msg_stream';`,
        ].join('\n'),
      );
      const done = (await reader.update(false)).events.map((e) => [e.event.id, e.event.kind === 'completion' ? e.event.text : '']);
      assert.deepEqual(done, [['msg_stream', 'The offsets are parsed twice.']]);
    } finally {
      await writer.close();
    }
  });
});
