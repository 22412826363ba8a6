/**
 * The "bad input" list beyond sqliteBadInput.test.ts: an owner holding
 * an exclusive lock (WAL present, no SHM), a page corrupted in the middle of a
 * store, newer schemas of the Goose and Cursor stores, and a 50 MB Cursor
 * bubble. Each is one source's clear error (or a skipped, counted record);
 * the other sources are read; nothing is written.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, openSync, writeSync, closeSync, statSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CURSOR_SCHEMA } from '../../../scripts/sqlite-fixtures/cursor';
import { insert, LiveWriter, runSql } from '../../../scripts/sqlite-fixtures/sql';
import { collectSessions } from '../../../src/cli/commands/sessions';
import { scanRoot } from '../../../src/core/sessions/discovery';
import { parseSource } from '../../../src/core/sessions/reader';
import { recogniseFile } from '../../../src/core/sessions/registry';
import { freshSqliteFixtures, listing, snapshot } from './sqliteHelpers';

const fixtures = freshSqliteFixtures('el-sqlite-edges-');

async function readStore(path: string) {
  const adapter = await recogniseFile(path);
  assert.ok(adapter, `${path} is recognised`);
  return parseSource(path, adapter);
}

describe('SQLite stores, harder cases', () => {
  test('an owner holding an exclusive lock: its committed rows are read from the WAL, and no SHM or other file appears', async () => {
    const path = join(fixtures.root, 'exclusive', '.local', 'share', 'kilo', 'kilo.db');
    mkdirSync(dirname(path), { recursive: true });
    copyFileSync(fixtures.stores.kilo, path);
    // Exclusive locking mode keeps the WAL index in the owner's memory: there is no -shm file to read.
    const writer = new LiveWriter(path, { exclusive: true });
    try {
      await writer.exec(insert('session', { id: 'ses_locked', project_id: 'proj_1', slug: 's', directory: '/home/ana/locked', title: 'Locked', version: '1', time_created: 5, time_updated: 5 }));
      assert.deepEqual(listing(path), ['kilo.db', 'kilo.db-wal']);
      const before = snapshot(dirname(path));
      const parsed = await readStore(path);
      assert.equal(parsed.error, undefined);
      assert.ok(parsed.sessions.some((s) => s.id === 'ses_locked'), 'the row only the WAL holds is seen');
      assert.deepEqual(snapshot(dirname(path)), before, 'nothing created or changed');
    } finally {
      await writer.close();
    }
  });

  test('a page corrupted in the middle of a store is that store\'s error; the others are read', async () => {
    const root = join(fixtures.root, 'corrupt-root');
    const path = join(root, 'a', '.local', 'share', 'opencode', 'opencode.db');
    mkdirSync(dirname(path), { recursive: true });
    copyFileSync(fixtures.stores.opencode, path);
    const good = join(root, 'b', '.local', 'share', 'kilo', 'kilo.db');
    mkdirSync(dirname(good), { recursive: true });
    copyFileSync(fixtures.stores.kilo, good);
    // Garbage over every page after the first: the header still says SQLite, the b-trees do not hold.
    const size = statSync(path).size;
    const fd = openSync(path, 'r+');
    for (let at = 4096; at < size; at += 4096) writeSync(fd, Buffer.alloc(512, 0xa5), 0, 512, at);
    closeSync(fd);
    const before = snapshot(root);
    const report = await collectSessions([scanRoot(root)]);
    assert.deepEqual(snapshot(root), before);
    const bad = report.sources.find((s) => s.path === path);
    assert.match(bad?.error ?? '', /^database disk image is malformed \(SQLITE_CORRUPT\)$/, 'in words, not only a code');
    assert.deepEqual(report.sessions.filter((s) => s.assistant === 'kilo-code').map((s) => s.id), ['ses_retry01']);
  });

  test('a Goose store of a newer schema that renamed its messages table is a clear error', async () => {
    const path = join(fixtures.root, 'goose-newer', '.local', 'share', 'goose', 'sessions', 'sessions.db');
    copyFileSync(fixtures.stores.goose, (mkdirSync(dirname(path), { recursive: true }), path));
    runSql(path, 'ALTER TABLE messages RENAME TO conversation_messages; INSERT INTO schema_version (version) VALUES (9);');
    const parsed = await readStore(path);
    assert.deepEqual(parsed.sessions, []);
    assert.match(parsed.error ?? '', /unsupported Goose schema: no table "messages"/);
  });

  test('a Cursor database without cursorDiskKV (a newer layout) is a clear error, not a crash', async () => {
    const path = join(fixtures.root, 'cursor-newer', 'Cursor', 'User', 'globalStorage', 'state.vscdb');
    runSql(path, 'CREATE TABLE ItemTable (key TEXT UNIQUE ON CONFLICT REPLACE, value BLOB); CREATE TABLE composerHeaders (id TEXT PRIMARY KEY, data TEXT);');
    const parsed = await readStore(path);
    assert.deepEqual(parsed.sessions, []);
    assert.match(parsed.error ?? '', /unsupported Cursor schema: no table "cursorDiskKV"/);
  });

  test('a 50 MB bubble is skipped and counted; the rest of its chat is read', async () => {
    const path = join(fixtures.root, 'cursor-50mb', 'Cursor', 'User', 'globalStorage', 'state.vscdb');
    const headers = [{ bubbleId: 'u', type: 1 }, { bubbleId: 'huge', type: 2 }, { bubbleId: 'a', type: 2 }];
    runSql(
      path,
      [
        CURSOR_SCHEMA,
        insert('cursorDiskKV', { key: 'composerData:big', value: { composerId: 'big', name: 'Huge paste', createdAt: 1, lastUpdatedAt: 2, fullConversationHeadersOnly: headers } }),
        insert('cursorDiskKV', { key: 'bubbleId:big:u', value: { type: 1, text: 'here is the build log' } }),
        `INSERT INTO cursorDiskKV (key, value) VALUES ('bubbleId:big:huge', '{"type":2,"text":"' || hex(zeroblob(25 * 1024 * 1024)) || '"}');`,
        insert('cursorDiskKV', { key: 'bubbleId:big:a', value: { type: 2, text: 'The failure is on the last line of the log.' } }),
      ].join('\n'),
    );
    assert.ok(statSync(path).size + (existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0) > 50 * 1024 * 1024);
    const parsed = await readStore(path);
    assert.equal(parsed.error, undefined);
    assert.deepEqual(parsed.sessions[0].events.map((e) => `${e.kind}:${e.id}`), ['user:u', 'completion:a']);
    assert.equal(parsed.sessions[0].parseErrors, 1);
  });
});
