/**
 * Recognises a SQLite store by its tables, for databases found under `--root`
 * whose path does not give their format away (a renamed or copied file).
 * Only files that start with the SQLite header and are small enough to open
 * cheaply are looked into.
 */
import { promises as fsp } from 'node:fs';
import type { AssistantId } from '../model';
import { ReadOnlyDb } from './readOnlyDb';

/** Larger unknown databases are not opened just to guess their format. */
const MAX_SNIFF_BYTES = 64 * 1024 * 1024;

export const SQLITE_FILE = /\.(?:db|sqlite3?|vscdb)$/i;

export async function sniffSqliteStore(path: string): Promise<AssistantId | undefined> {
  try {
    const handle = await fsp.open(path, 'r');
    const head = Buffer.alloc(16);
    try {
      await handle.read(head, 0, 16, 0);
    } finally {
      await handle.close();
    }
    if (head.toString('latin1') !== 'SQLite format 3\u0000') return undefined;
    const db = new ReadOnlyDb(path, MAX_SNIFF_BYTES);
    try {
      await db.refresh();
      const tables = db.tables();
      // Cursor's workspace databases have the table too, empty: only a global one holds chats (found by key range alone).
      if (tables.has('cursorDiskKV')) return db.all("SELECT 1 FROM cursorDiskKV WHERE key >= 'composerData:' AND key < 'composerData;' LIMIT 1").length ? 'cursor' : undefined;
      if (tables.has('session') && tables.has('message') && tables.has('part')) return /kilo/i.test(path) ? 'kilo-code' : 'opencode';
      if (tables.has('sessions') && tables.has('messages') && db.columns('messages').has('content_json')) return 'goose';
      return undefined;
    } finally {
      db.close();
    }
  } catch {
    return undefined;
  }
}
