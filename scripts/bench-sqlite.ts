/**
 * Measures reading a live WAL-mode SQLite database while another process
 * writes it, for the engines the project could use:
 *   - ReadOnlyDb (sql.js + the project's WAL overlay): what the product uses;
 *   - node:sqlite, when this Node has it (Node >= 22.13);
 *   - node-sqlite3-wasm, when installed beside the project (it is not a dependency).
 * The writer is Debian's sqlite3 CLI, kept open so its WAL is never removed.
 * Prints open time, query time, update latency (row written -> row seen) and
 * any file the reader created beside the database.
 *
 *   node --import tsx scripts/bench-sqlite.ts [--mb 5] [--seconds 6] [--poll-ms 100]
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { scanRoot } from '../src/core/sessions/discovery';
import { ReadOnlyDb } from '../src/core/sessions/sqlite/readOnlyDb';
import { SessionWatcher } from '../src/core/sessions/watch';
import { makeSqliteFixtures } from './make-sqlite-fixtures';

const { values } = parseArgs({ options: { mb: { type: 'string' }, seconds: { type: 'string' }, 'poll-ms': { type: 'string' } } });
const MB = Number(values.mb ?? 5);
const SECONDS = Number(values.seconds ?? 6);
const POLL_MS = Number(values['poll-ms'] ?? 100);

const dir = mkdtempSync(join(tmpdir(), 'bench-sqlite-'));
const path = join(dir, 'store.db');
const NOW_MS = "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)";

// A few MB of OpenCode-like rows: JSON in a data column.
const rows = Math.round((MB * 1024 * 1024) / 1100);
const seed = spawnSync('sqlite3', [path], {
  input: `PRAGMA journal_mode=WAL;
CREATE TABLE part(id INTEGER PRIMARY KEY, ts INTEGER, data TEXT);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${rows})
INSERT INTO part(ts, data) SELECT 0, json_object('type', 'text', 'text', printf('%.1000c', 'x')) FROM n;`,
  encoding: 'utf8',
});
if (seed.status !== 0) throw new Error(`sqlite3 CLI failed: ${seed.stderr}`);

// The writer: one row every 50 ms, stamped with its wall-clock time in ms.
const writer = spawn('sqlite3', [path], { stdio: ['pipe', 'ignore', 'inherit'] });
writer.stdin.write('PRAGMA busy_timeout=5000;\n');
const writeTimer = setInterval(() => writer.stdin.write(`INSERT INTO part(ts, data) VALUES (${NOW_MS}, '{"type":"text","text":"new"}');\n`), 50);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const beside = () => readdirSync(dir).sort().join(' ');
const pct = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] : NaN);

interface Reader {
  open(): Promise<void>;
  /** Rows with id > after: [id, ts]. */
  newRows(after: number): Promise<Array<[number, number]>>;
  count(): number;
  close(): void;
}

async function measure(name: string, reader: Reader): Promise<void> {
  await sleep(300);
  const before = beside();
  let t = performance.now();
  try {
    await reader.open();
  } catch (err) {
    console.log(`${name}: cannot open: ${(err as Error).message}; files beside the db now: ${beside()}`);
    return;
  }
  const openMs = performance.now() - t;
  const during = beside();
  t = performance.now();
  const total = reader.count();
  const queryMs = performance.now() - t;
  let last = Math.max(...(await reader.newRows(0)).map(([id]) => id), 0);
  const latencies: number[] = [];
  const updateMs: number[] = [];
  const end = Date.now() + SECONDS * 1000;
  while (Date.now() < end) {
    await sleep(POLL_MS);
    const u = performance.now();
    const fresh = await reader.newRows(last);
    updateMs.push(performance.now() - u);
    const seen = Date.now();
    for (const [id, ts] of fresh) {
      if (ts > 0) latencies.push(seen - ts);
      last = Math.max(last, id);
    }
  }
  reader.close();
  const after = beside();
  const created = [...new Set([...during.split(' '), ...after.split(' ')])].filter((f) => !before.split(' ').includes(f)).join(' ');
  console.log(
    `${name}: open ${openMs.toFixed(1)} ms, count(*) of ${total} rows ${queryMs.toFixed(1)} ms, ` +
      `update p50 ${pct(updateMs, 0.5).toFixed(1)} ms max ${Math.max(...updateMs).toFixed(1)} ms, ` +
      `row latency p50 ${pct(latencies, 0.5)} ms p95 ${pct(latencies, 0.95)} ms max ${Math.max(...latencies)} ms over ${latencies.length} rows, ` +
      `files created beside the db: ${created || 'none'}`,
  );
}

const sqljs = (): Reader => {
  const db = new ReadOnlyDb(path);
  return {
    open: async () => void (await db.refresh()),
    async newRows(after) {
      await db.refresh();
      return db.all('SELECT id, ts FROM part WHERE id > ? AND ts > 0', [after]).map((r) => [Number(r.id), Number(r.ts)]);
    },
    count: () => Number(db.all('SELECT count(*) AS n FROM part')[0].n),
    close: () => db.close(),
  };
};

const requireHere = createRequire(__filename);

const nodeSqlite = (): Reader | undefined => {
  const mod = (process as unknown as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule?.('node:sqlite') as
    | { DatabaseSync: new (p: string, o: object) => { exec(s: string): void; prepare(s: string): { all(...a: unknown[]): Array<Record<string, number>> }; close(): void } }
    | undefined;
  if (!mod) return undefined;
  let db: InstanceType<typeof mod.DatabaseSync>;
  return {
    async open() {
      db = new mod.DatabaseSync(path, { readOnly: true });
      db.exec('PRAGMA query_only = 1; PRAGMA busy_timeout = 2000');
    },
    newRows: async (after) => db.prepare('SELECT id, ts FROM part WHERE id > ? AND ts > 0').all(after).map((r) => [r.id, r.ts]),
    count: () => db.prepare('SELECT count(*) AS n FROM part').all()[0].n,
    close: () => db.close(),
  };
};

const sqlite3Wasm = (exclusive: boolean): Reader | undefined => {
  let mod: { Database: new (p: string, o: object) => { exec(s: string): void; all(s: string, v?: unknown[]): Array<Record<string, number>>; close(): void } };
  try {
    mod = requireHere('node-sqlite3-wasm');
  } catch {
    return undefined;
  }
  let db: InstanceType<typeof mod.Database>;
  return {
    async open() {
      db = new mod.Database(path, { readOnly: true });
      // Its VFS has no shared memory: a WAL database opens only in exclusive locking mode.
      if (exclusive) db.exec('PRAGMA locking_mode = EXCLUSIVE');
      db.all('SELECT 1 FROM part LIMIT 1');
    },
    newRows: async (after) => db.all('SELECT id, ts FROM part WHERE id > ? AND ts > 0', [after]).map((r) => [r.id, r.ts]),
    count: () => db.all('SELECT count(*) AS n FROM part')[0].n,
    close: () => db.close(),
  };
};

/** CPU spent by a watcher following every fixture store while nothing changes. */
async function idle(seconds: number, forcePolling: boolean): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'bench-idle-'));
  makeSqliteFixtures(root);
  const watcher = await SessionWatcher.start({ roots: [scanRoot(root)], onEvents: () => undefined, forcePolling });
  const before = process.cpuUsage();
  await sleep(seconds * 1000);
  const used = process.cpuUsage(before);
  watcher.close();
  rmSync(root, { recursive: true, force: true });
  console.log(`idle (${forcePolling ? 'polling every 1 s' : 'fs.watch'}): ${watcher.sources().length} sources followed, ${((used.user + used.system) / 1000).toFixed(1)} ms CPU in ${seconds} s`);
}

async function main(): Promise<void> {
  console.log(`Node ${process.version}; database ${(statSync(path).size / 1048576).toFixed(1)} MB (${rows} rows) in WAL mode, writer inserting a row every 50 ms, reader polling every ${POLL_MS} ms for ${SECONDS} s`);
  await measure('sql.js + WAL overlay (ReadOnlyDb)', sqljs());
  const native = nodeSqlite();
  if (native) await measure('node:sqlite readOnly', native);
  else console.log('node:sqlite: not in this Node');
  const wasm = sqlite3Wasm(false);
  if (wasm) {
    await measure('node-sqlite3-wasm readOnly', wasm);
    await measure('node-sqlite3-wasm readOnly + locking_mode=EXCLUSIVE', sqlite3Wasm(true)!);
  } else console.log('node-sqlite3-wasm: not installed (NODE_PATH=... to include it)');
  clearInterval(writeTimer);
  await idle(10, false);
  await idle(10, true);
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => {
    clearInterval(writeTimer);
    writer.stdin.end('.quit\n');
    writer.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  });
