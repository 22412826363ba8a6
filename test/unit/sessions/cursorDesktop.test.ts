/**
 * Cursor desktop's global state.vscdb, built by scripts/make-sqlite-fixtures.ts.
 * Also the privacy promise: the fake token planted in other keys of that
 * database appears in nothing the project prints, exports or hands out.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { CURSOR_SCHEMA, FAKE_SECRET } from '../../../scripts/sqlite-fixtures/cursor';
import { insert, runSql } from '../../../scripts/sqlite-fixtures/sql';
import { command, type SessionsReport } from '../../../src/cli/commands/sessions';
import type { AssistantCompletion, ClaimedPass, FileEdit, ToolRun } from '../../../src/core/sessions/model';
import { SessionFileReader } from '../../../src/core/sessions/reader';
import { recogniseFile } from '../../../src/core/sessions/registry';
import { SessionWatcher } from '../../../src/core/sessions/watch';
import { scanRoot } from '../../../src/core/sessions/discovery';
import { repoRoot } from './helpers';
import { freshSqliteFixtures } from './sqliteHelpers';

const fixtures = freshSqliteFixtures('el-cursor-');

async function sessionsCommand(args: string[]) {
  let out = '';
  const code = await command.run(args, { stdout: (t) => (out += t), stderr: (t) => (out += t), stdin: new PassThrough() });
  return { code, out };
}

async function readAll(path: string) {
  const reader = new SessionFileReader(path, (await recogniseFile(path))!);
  const update = await reader.update(true);
  return { reader, update, sessions: reader.sessions() };
}

describe('Cursor desktop (state.vscdb)', () => {
  test('composers become sessions with their folder, title, model, runs, edits and sub-composers', async () => {
    const { sessions } = await readAll(fixtures.stores.cursor);
    assert.deepEqual(sessions.map((s) => [s.id, s.title, s.workspace, s.parentId]).sort(), [
      ['c-legacy-1', 'Old chat', undefined, undefined],
      ['c-modern-1', 'Slugify dashes', '/home/ana/slug', undefined],
      ['c-sub-1', 'Find slug callers', '/home/ana/slug', 'c-modern-1'],
    ]);
    const main = sessions.find((s) => s.id === 'c-modern-1')!;
    assert.equal(main.started, '2026-04-05T09:00:00.000Z');
    assert.deepEqual(main.events.map((e) => e.kind), ['user', 'completion', 'tool-run', 'completion', 'file-edit', 'tool-run', 'completion', 'claimed-pass']);
    const completions = main.events.filter((e): e is AssistantCompletion => e.kind === 'completion');
    assert.deepEqual(completions.map((c) => [c.id, c.model, c.timestamp]), [
      ['b2', 'claude-4.5-sonnet', '2026-04-05T09:00:05.000Z'],
      ['b4', 'claude-4.5-sonnet', '2026-04-05T09:00:20.000Z'],
      ['b7', 'claude-4.5-sonnet', '2026-04-05T09:00:30.000Z'],
    ]);
    const runs = main.events.filter((e): e is ToolRun => e.kind === 'tool-run');
    assert.deepEqual(runs.map((r) => [r.command, r.exitCode, r.outcome, r.counts?.failed]), Array(2).fill(['npx jest slugify', 1, 'fail', 1]));
    const edit = main.events.find((e): e is FileEdit => e.kind === 'file-edit')!;
    assert.deepEqual([edit.path, edit.testFile], ['src/slugify.test.ts', true]);
    assert.equal(main.events.find((e): e is ClaimedPass => e.kind === 'claimed-pass')?.reason, 'last-run-failed');
    const legacy = sessions.find((s) => s.id === 'c-legacy-1')!;
    assert.deepEqual(legacy.events.map((e) => [e.kind, e.id]), [['user', 'l1'], ['completion', 'l2']]);
  });

  test('sessions --root lists each composer as Cursor with its figures', async () => {
    const { code, out } = await sessionsCommand(['--root', join(fixtures.root, 'cursor'), '--json']);
    assert.equal(code, 0);
    const report = JSON.parse(out) as SessionsReport;
    const figures = report.sessions.map((s) => [s.assistant, s.id, s.completions, s.testRuns, s.failedRuns, s.longestFailingStreak]).sort();
    assert.deepEqual(figures, [
      ['cursor', 'c-legacy-1', 1, 0, 0, 0],
      ['cursor', 'c-modern-1', 3, 2, 2, 2],
      ['cursor', 'c-sub-1', 1, 0, 0, 0],
    ]);
    assert.deepEqual(report.sources.map((s) => [s.assistant, s.error, s.parseErrors]), [['cursor', undefined, 0]]);
  });
});

// An oversized bubble (skipped and counted, the rest of the chat read) is tested once, at the
// issue's 50 MB, in sqliteBadInputEdges.test.ts.

test('the last bubble of a chat still generating waits until the chat settles', async () => {
  const path = join(fixtures.root, 'streaming', 'Cursor', 'User', 'globalStorage', 'state.vscdb');
  const composer = (status: string) => ({ composerId: 'live', name: 'Live', createdAt: 1, lastUpdatedAt: status === 'generating' ? 2 : 3, status, fullConversationHeadersOnly: [{ bubbleId: 'u', type: 1 }, { bubbleId: 'a', type: 2 }] });
  runSql(path, [CURSOR_SCHEMA, insert('cursorDiskKV', { key: 'composerData:live', value: composer('generating') }), insert('cursorDiskKV', { key: 'bubbleId:live:u', value: { type: 1, text: 'why?' } }), insert('cursorDiskKV', { key: 'bubbleId:live:a', value: { type: 2, text: 'Because the' } })].join('\n'));
  const reader = new SessionFileReader(path, (await recogniseFile(path))!);
  assert.deepEqual((await reader.update(false)).events.map((e) => e.event.kind), ['user']);
  runSql(path, [insert('cursorDiskKV', { key: 'composerData:live', value: composer('completed') }), insert('cursorDiskKV', { key: 'bubbleId:live:a', value: { type: 2, text: 'Because the cache is cold.' } })].join('\n'));
  const done = (await reader.update(false)).events.map((e) => (e.event.kind === 'completion' ? e.event.text : e.event.kind));
  assert.deepEqual(done, ['Because the cache is cold.']);
});

describe('Cursor privacy: only composerData: and bubbleId: rows are read', () => {
  test('the planted token is in no session, event, table, JSON report or live event', async () => {
    const { sessions, update } = await readAll(fixtures.stores.cursor);
    const everything = [JSON.stringify(sessions), JSON.stringify(update.events.map((e) => e.event))];
    everything.push((await sessionsCommand(['--root', fixtures.root, '--json'])).out, (await sessionsCommand(['--root', fixtures.root])).out);
    const live: string[] = [];
    const watcher = await SessionWatcher.start({ roots: [scanRoot(join(fixtures.root, 'cursor'))], onEvents: (events) => live.push(JSON.stringify(events.map((e) => e.event))), onError: (_p, m) => live.push(m) });
    watcher.close();
    assert.ok(live.length > 0, 'the watcher handed out the history');
    everything.push(...live);
    for (const text of everything) assert.ok(!text.includes(FAKE_SECRET), 'the token leaked');
    assert.ok(everything.some((t) => t.includes('Running the slugify tests first.')), 'the chats themselves are there');
  });

  test('the built CLI exports (scan --json and --csv) never carry the token', () => {
    for (const format of ['--json', '--csv']) {
      const r = spawnSync(process.execPath, [join(repoRoot, 'dist', 'cli.js'), 'scan', fixtures.stores.cursor, format], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      assert.ok(r.stdout.includes('c-modern-1'), `${format} lists the chat`);
      assert.ok(!r.stdout.includes(FAKE_SECRET) && !r.stderr.includes(FAKE_SECRET), `${format} leaked the token`);
    }
  });
});
