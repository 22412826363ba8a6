/**
 * Broken SQLite stores: each gives a clear error for its own source, the
 * other sources are read as usual, and nothing is ever written.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { makeSqliteFixtures, type SqliteFixtures } from '../../../scripts/make-sqlite-fixtures';
import { OPENCODE_SCHEMA } from '../../../scripts/sqlite-fixtures/opencode';
import { insert, LiveWriter, runSql } from '../../../scripts/sqlite-fixtures/sql';
import { collectSessions } from '../../../src/cli/commands/sessions';
import { scanRoot } from '../../../src/core/sessions/discovery';
import { SessionFileReader } from '../../../src/core/sessions/reader';
import { recogniseFile } from '../../../src/core/sessions/registry';
import { ReadOnlyDb } from '../../../src/core/sessions/sqlite/readOnlyDb';
import { listing, snapshot } from './sqliteHelpers';
import { repoRoot } from './helpers';

let root: string;
let stores: SqliteFixtures;
const broken = (name: string) => join(root, name, '.local', 'share', 'opencode', 'opencode.db');

before(() => {
  root = mkdtempSync(join(tmpdir(), 'el-sqlite-bad-'));
  stores = makeSqliteFixtures(root);
  const put = (path: string, bytes: Uint8Array) => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, bytes);
  };
  // Random bytes: what an encrypted or foreign file looks like.
  put(broken('random'), Uint8Array.from({ length: 8192 }, (_, i) => (i * 7919 + 13) % 251));
  const whole = readFileSync(stores.opencode);
  put(broken('truncated'), whole.subarray(0, Math.floor(whole.length / 2)));
  // A later version that moved `part.session_id` elsewhere.
  runSql(broken('newer'), OPENCODE_SCHEMA.replace('session_id TEXT NOT NULL,\n  time_created', 'owner TEXT NOT NULL,\n  time_created').replace('CREATE INDEX part_session_idx ON part (session_id);', ''));
  put(broken('empty'), new Uint8Array());
});
after(() => rmSync(root, { recursive: true, force: true }));

describe('broken SQLite stores', () => {
  test('each broken store reports a clear error; the good stores are read; nothing is written', async () => {
    const before = snapshot(root);
    const report = await collectSessions([scanRoot(root)]);
    assert.deepEqual(snapshot(root), before, 'no file created or changed');
    const errorOf = (name: string) => report.sources.find((s) => s.path === broken(name))?.error;
    assert.match(errorOf('random') ?? '', /not a SQLite database/);
    assert.match(errorOf('truncated') ?? '', /malformed|unreadable|not a database/i);
    assert.match(errorOf('newer') ?? '', /unsupported OpenCode schema: table "part" lacks session_id/);
    assert.equal(errorOf('empty'), undefined, 'a zero-byte file is an empty database: no sessions yet, no error');
    const good = report.sessions.filter((s) => s.assistant === 'opencode' || s.assistant === 'kilo-code').map((s) => s.id).sort();
    assert.deepEqual(good, ['ses_dates01', 'ses_dates02', 'ses_retry01']);
  });

  test('a store with no WAL or SHM file is read without creating them', async () => {
    assert.deepEqual(listing(stores.kilo), ['kilo.db']);
    const db = new ReadOnlyDb(stores.kilo);
    await db.refresh();
    assert.equal(db.all('SELECT count(*) AS n FROM session')[0].n, 1);
    db.close();
    assert.deepEqual(listing(stores.kilo), ['kilo.db']);
  });

  test('a store deleted between two reads ends its sessions without an error', async () => {
    const copy = join(root, 'gone', '.local', 'share', 'opencode', 'opencode.db');
    mkdirSync(dirname(copy), { recursive: true });
    copyFileSync(stores.opencode, copy);
    const reader = new SessionFileReader(copy, (await recogniseFile(copy))!);
    assert.equal((await reader.update(false)).events.length > 0, true);
    unlinkSync(copy);
    const update = await reader.update(false);
    assert.deepEqual([update.ended, update.error], [true, undefined]);
  });

  test("the owner's open write transaction neither blocks the reader nor shows half-written rows", async () => {
    const writer = new LiveWriter(stores.kilo);
    try {
      await writer.exec(`BEGIN IMMEDIATE; ${insert('session', { id: 'ses_uncommitted', project_id: 'proj_1', slug: 's', directory: '/x', title: 't', version: '1', time_created: 1, time_updated: 1 })}`);
      const db = new ReadOnlyDb(stores.kilo);
      await db.refresh();
      assert.deepEqual(db.all('SELECT id FROM session').map((r) => r.id), ['ses_retry01']);
      await writer.exec('COMMIT;');
      assert.equal(await db.refresh(), true);
      assert.deepEqual(db.all('SELECT id FROM session ORDER BY id').map((r) => r.id), ['ses_retry01', 'ses_uncommitted']);
      db.close();
    } finally {
      await writer.close();
    }
  });

  test('a WAL cut mid-frame (a crash while writing) reads up to its last whole commit', async () => {
    const dir = join(root, 'torn');
    mkdirSync(dir, { recursive: true });
    const path = join(dir, 'kilo.db');
    copyFileSync(stores.kilo, path);
    const writer = new LiveWriter(path);
    try {
      for (let i = 0; i < 3; i++) await writer.exec(insert('project', { id: `p${i}`, worktree: '/w', time_created: i, time_updated: i }));
      const torn = join(dir, 'copy.db');
      copyFileSync(path, torn);
      copyFileSync(`${path}-wal`, `${torn}-wal`);
      truncateSync(`${torn}-wal`, readFileSync(`${torn}-wal`).length - 100);
      const db = new ReadOnlyDb(torn);
      await db.refresh();
      assert.deepEqual(db.all("SELECT id FROM project WHERE id GLOB 'p[0-9]' ORDER BY id").map((r) => r.id), ['p0', 'p1']);
      db.close();
    } finally {
      await writer.close();
    }
  });

  test('a store the user may not read is reported as permission denied by the built CLI', async () => {
    const home = mkdtempSync(join(tmpdir(), 'el-sqlite-perm-'));
    try {
      const path = join(home, '.local', 'share', 'kilo', 'kilo.db');
      mkdirSync(dirname(path), { recursive: true });
      copyFileSync(stores.kilo, path);
      chmodSync(path, 0o000);
      for (let folder = dirname(path); folder.startsWith(home); folder = dirname(folder)) chmodSync(folder, 0o755);
      // The CLI and its WebAssembly SQLite, where an unprivileged user can read them.
      for (const name of ['cli.js', 'sql-wasm.wasm']) copyFileSync(join(repoRoot, 'dist', name), join(home, name));
      const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
      const child = spawnSync(process.execPath, [join(home, 'cli.js'), 'sessions', '--root', join(home, '.local'), '--json'], { cwd: home, encoding: 'utf8', ...asNobody });
      assert.equal(child.status, 0, child.stderr);
      const report = JSON.parse(child.stdout) as { sessions: unknown[]; sources: Array<{ path: string; error?: string }> };
      assert.deepEqual(report.sources.map((s) => [s.path, s.error]), [[path, 'permission denied']]);
      assert.deepEqual(report.sessions, []);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
