/**
 * Open SQLite stores, kept between updates of the same source so that an
 * update applies only the WAL frames written since, and adapters can keep
 * what they built for sessions whose rows did not change.
 */
import type { Session } from '../model';
import { ReadOnlyDb } from './readOnlyDb';

export interface StoreEntry {
  db: ReadOnlyDb;
  /** Sessions built on an earlier update, by session id, with the stamp of the rows they came from. */
  built: Map<string, { stamp: string; session: Session; parseErrors: number }>;
  /** Per-adapter high-water marks (for example the latest `time_updated` seen per table). */
  marks: Map<string, number>;
}

/** Few stores are open at once; the least recently used is closed past this count or total size. */
const MAX_OPEN = 8;
const MAX_OPEN_BYTES = 1024 * 1024 * 1024;
const open = new Map<string, StoreEntry>();

/** The store for `path`, brought up to date with its files. Throws what ReadOnlyDb throws. */
export async function openStore(path: string): Promise<StoreEntry> {
  let entry = open.get(path);
  if (entry) open.delete(path);
  else entry = { db: new ReadOnlyDb(path), built: new Map(), marks: new Map() };
  try {
    await entry.db.refresh();
  } catch (err) {
    entry.db.close();
    throw err;
  }
  open.set(path, entry);
  const total = () => [...open.values()].reduce((n, e) => n + e.db.bytes, 0);
  while (open.size > MAX_OPEN || (open.size > 1 && total() > MAX_OPEN_BYTES)) {
    const [oldest, stale] = open.entries().next().value as [string, StoreEntry];
    stale.db.close();
    open.delete(oldest);
  }
  return entry;
}

/** Files whose change means the store must be read again: the database and its WAL. */
export function storeInputs(path: string): string[] {
  return [path, `${path}-wal`];
}

/** Forgets a store (deleted, or its reader stopped). */
export function closeStore(path: string): void {
  open.get(path)?.db.close();
  open.delete(path);
}

export class UnsupportedSchemaError extends Error {
  override name = 'UnsupportedSchemaError';
}

/**
 * Checks that the tables and columns an adapter reads exist, naming what is
 * missing. False for a database with no tables yet (created, not written).
 */
export function requireSchema(db: ReadOnlyDb, what: string, tables: Record<string, string[]>): boolean {
  const present = db.tables();
  if (present.size === 0) return false;
  for (const [table, columns] of Object.entries(tables)) {
    if (!present.has(table)) throw new UnsupportedSchemaError(`unsupported ${what} schema: no table "${table}" (a newer or older version?)`);
    const have = db.columns(table);
    const missing = columns.filter((c) => !have.has(c));
    if (missing.length) throw new UnsupportedSchemaError(`unsupported ${what} schema: table "${table}" lacks ${missing.join(', ')}`);
  }
  return true;
}
