/**
 * Read-only access to another app's SQLite database (OpenCode, Kilo, Goose,
 * Cursor). The files are only ever read with plain file reads: a WalImage
 * overlays the committed WAL frames on the database bytes, and sql.js (SQLite
 * compiled to WebAssembly, no native build) queries that image in memory. So
 * nothing is written beside the database, no lock is taken that could block
 * the owner, and the same code runs in the CLI on Node 20 and in any VS Code
 * extension host. The cost is memory: databases over `maxBytes` are refused
 * with a clear error instead of being loaded. See scripts/bench-sqlite.ts.
 */
import { promises as fsp } from 'node:fs';
import type { Database, SqlJsStatic, SqlValue } from 'sql.js';
import { FileTooLargeError } from '../fsRead';
import { NotADatabaseError, WalImage, type FileBytes } from './walImage';

/** Larger databases are refused (the image lives in memory twice while a query runs). */
export const MAX_SQLITE_BYTES = 512 * 1024 * 1024;

export type Row = Record<string, SqlValue>;

let engine: Promise<SqlJsStatic> | undefined;

function loadEngine(): Promise<SqlJsStatic> {
  // sql-wasm.js finds sql-wasm.wasm beside itself: node_modules in development, dist/ when bundled.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  engine ??= (require('sql.js') as (config?: object) => Promise<SqlJsStatic>)();
  return engine;
}

function boundedFiles(maxBytes: number): FileBytes {
  return {
    async read(path) {
      let handle: fsp.FileHandle;
      try {
        handle = await fsp.open(path, 'r');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw err;
      }
      try {
        const { size } = await handle.stat();
        if (size > maxBytes) throw new FileTooLargeError(`${path} is ${size} bytes, over the ${maxBytes}-byte limit for SQLite stores`);
        const buffer = new Uint8Array(size);
        let read = 0;
        while (read < size) {
          const { bytesRead } = await handle.read(buffer, read, size - read, read);
          if (bytesRead === 0) break;
          read += bytesRead;
        }
        return buffer.subarray(0, read);
      } finally {
        await handle.close();
      }
    },
  };
}

export class ReadOnlyDb {
  private db?: Database;
  private readonly image: WalImage;
  private dbStamp = '';
  /** Size of the image in memory, for bounding what the open stores hold together. */
  bytes = 0;

  constructor(
    readonly path: string,
    maxBytes = MAX_SQLITE_BYTES,
  ) {
    this.image = new WalImage(path, boundedFiles(maxBytes));
  }

  /** Brings the view up to date with the files; true when anything changed since the last call. */
  async refresh(): Promise<boolean> {
    const stat = await fsp.stat(this.path);
    const stamp = `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
    const dbChanged = stamp !== this.dbStamp;
    this.dbStamp = stamp;
    const { image, changed } = await this.image.refresh(dbChanged);
    this.bytes = image.length;
    if (!changed && this.db) return false;
    const SQL = await loadEngine();
    this.db?.close();
    this.db = undefined;
    const db = image.length ? new SQL.Database(image) : new SQL.Database();
    try {
      db.exec('PRAGMA query_only = 1');
      // A page the WAL overlay left inconsistent shows up here rather than mid-read.
      db.exec('SELECT count(*) FROM sqlite_master');
    } catch (err) {
      db.close();
      throw new NotADatabaseError(`unreadable database: ${(err as Error).message}`);
    }
    this.db = db;
    return true;
  }

  /** Rows of one query; `refresh` must have run once. */
  all(sql: string, params: SqlValue[] = []): Row[] {
    if (!this.db) throw new Error('ReadOnlyDb.refresh() was not called');
    const statement = this.db.prepare(sql);
    try {
      statement.bind(params);
      const rows: Row[] = [];
      while (statement.step()) rows.push(statement.getAsObject() as Row);
      return rows;
    } finally {
      statement.free();
    }
  }

  /** Names of the tables, to check a schema before reading it. */
  tables(): Set<string> {
    return new Set(this.all("SELECT name FROM sqlite_master WHERE type = 'table'").map((r) => String(r.name)));
  }

  /** Column names of a table. */
  columns(table: string): Set<string> {
    return new Set(this.all(`SELECT name FROM pragma_table_info(?)`, [table]).map((r) => String(r.name)));
  }

  close(): void {
    this.db?.close();
    this.db = undefined;
  }
}

/** A text column that may be stored as TEXT or as a BLOB of UTF-8. */
export function textOf(value: SqlValue | undefined): string | undefined {
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return new TextDecoder().decode(value);
  return undefined;
}
