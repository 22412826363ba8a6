/**
 * A consistent in-memory image of a SQLite database in WAL mode, built from
 * the bytes of `<db>` and `<db>-wal` without opening them with SQLite. The
 * WAL format is public (sqlite.org/walformat.html and fileformat2.html §4):
 * a 32-byte header, then frames of a 24-byte header and one page. A frame is
 * valid when its salts match the header and the running checksum matches;
 * only frames up to the last valid commit frame count. Reading this way
 * never takes a lock, never writes the -shm index and never creates a file
 * beside the database, so the owning app is never disturbed.
 *
 * `WalImage` keeps the image between updates and applies only the frames
 * appended since, so an update costs the bytes that changed.
 */

const WAL_HEADER = 32;
const FRAME_HEADER = 24;
const MAGIC_LE = 0x377f0682;
const MAGIC_BE = 0x377f0683;

export class NotADatabaseError extends Error {
  override name = 'NotADatabaseError';
}

function u32(b: Uint8Array, at: number): number {
  return ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
}

/** Page size from the database header (offset 16, big-endian; 1 means 65536). */
export function dbPageSize(db: Uint8Array): number {
  if (db.length === 0) return 0;
  if (db.length < 100) throw new NotADatabaseError('not a SQLite database (file shorter than its header)');
  if (new TextDecoder().decode(db.subarray(0, 15)) !== 'SQLite format 3') throw new NotADatabaseError('not a SQLite database (bad header)');
  const raw = (db[16] << 8) | db[17];
  return raw === 1 ? 65536 : raw;
}

/** SQLite's WAL checksum over `data` (length a multiple of 8), continuing from (s0, s1). */
function checksum(data: Uint8Array, bigEndian: boolean, s: [number, number]): [number, number] {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let [s0, s1] = s;
  for (let i = 0; i + 8 <= data.length; i += 8) {
    s0 = (s0 + view.getUint32(i, !bigEndian) + s1) >>> 0;
    s1 = (s1 + view.getUint32(i + 4, !bigEndian) + s0) >>> 0;
  }
  return [s0, s1];
}

interface WalCursor {
  salt: string;
  bigEndian: boolean;
  pageSize: number;
  /** Byte offset just after the last commit frame applied. */
  offset: number;
  sum: [number, number];
}

export interface WalApplied {
  /** Pages to overlay, latest frame wins. */
  pages: Map<number, Uint8Array>;
  /** Database size in pages after the last commit, or 0 when no commit was found. */
  dbPages: number;
  cursor?: WalCursor;
}

/** Reads the committed frames of `wal` after `from` (a cursor from an earlier read of the same WAL), or from its start. */
export function readWalFrames(wal: Uint8Array, from?: WalCursor): WalApplied {
  const pages = new Map<number, Uint8Array>();
  if (wal.length < WAL_HEADER) return { pages, dbPages: 0 };
  const magic = u32(wal, 0);
  if (magic !== MAGIC_LE && magic !== MAGIC_BE) return { pages, dbPages: 0 };
  const bigEndian = magic === MAGIC_BE;
  const pageSize = u32(wal, 8);
  const salt = `${u32(wal, 16)}:${u32(wal, 20)}`;
  let cursor: WalCursor;
  if (from && from.salt === salt && from.pageSize === pageSize && from.offset <= wal.length) cursor = { ...from };
  else {
    const sum = checksum(wal.subarray(0, 24), bigEndian, [0, 0]);
    if (sum[0] !== u32(wal, 24) || sum[1] !== u32(wal, 28)) return { pages, dbPages: 0 };
    cursor = { salt, bigEndian, pageSize, offset: WAL_HEADER, sum };
  }
  let at = cursor.offset;
  let sum = cursor.sum;
  let dbPages = 0;
  const pending = new Map<number, Uint8Array>();
  while (at + FRAME_HEADER + pageSize <= wal.length) {
    if (`${u32(wal, at + 8)}:${u32(wal, at + 12)}` !== salt) break;
    sum = checksum(wal.subarray(at, at + 8), bigEndian, sum);
    sum = checksum(wal.subarray(at + FRAME_HEADER, at + FRAME_HEADER + pageSize), bigEndian, sum);
    if (sum[0] !== u32(wal, at + 16) || sum[1] !== u32(wal, at + 20)) break;
    const pgno = u32(wal, at);
    pending.set(pgno, wal.subarray(at + FRAME_HEADER, at + FRAME_HEADER + pageSize));
    at += FRAME_HEADER + pageSize;
    const commit = u32(wal, at - FRAME_HEADER - pageSize + 4);
    if (commit > 0) {
      for (const [n, page] of pending) pages.set(n, page);
      pending.clear();
      dbPages = commit;
      cursor = { ...cursor, offset: at, sum };
    }
  }
  return { pages, dbPages, cursor };
}

/** Overlays WAL pages on a database image; the result reads as a rollback-journal database. */
export function applyFrames(db: Uint8Array, applied: WalApplied, pageSize: number): Uint8Array {
  let image = db;
  if (applied.dbPages > 0) {
    const size = applied.dbPages * pageSize;
    if (size !== db.length) {
      image = new Uint8Array(size);
      image.set(db.subarray(0, Math.min(size, db.length)));
    }
  }
  for (const [pgno, page] of applied.pages) {
    const at = (pgno - 1) * pageSize;
    if (at + pageSize <= image.length) image.set(page, at);
  }
  // Read and write versions 1: legacy mode, so the engine never looks for a WAL of its own.
  if (image.length >= 100) image[18] = image[19] = 1;
  return image;
}

export interface FileBytes {
  /** Whole file, or undefined when it does not exist. */
  read(path: string): Promise<Uint8Array | undefined>;
}

/** A database image kept up to date from its files. */
export class WalImage {
  private image?: Uint8Array;
  private cursor?: WalCursor;
  private pageSize = 0;

  constructor(
    readonly path: string,
    private readonly files: FileBytes,
  ) {}

  /**
   * Brings the image up to date; returns it, and whether it changed. A WAL
   * that was restarted (new salt) or a database without WAL is read whole.
   */
  async refresh(dbChanged: boolean): Promise<{ image: Uint8Array; changed: boolean }> {
    const wal = await this.files.read(`${this.path}-wal`);
    if (this.image && this.cursor && wal) {
      const next = readWalFrames(wal, this.cursor);
      if (next.cursor && next.cursor.salt === this.cursor.salt) {
        if (next.pages.size === 0) return { image: this.image, changed: false };
        this.image = applyFrames(this.image, next, this.pageSize);
        this.cursor = next.cursor;
        return { image: this.image, changed: true };
      }
    } else if (this.image && !dbChanged && (!wal || wal.length < WAL_HEADER)) {
      return { image: this.image, changed: false };
    }
    return { image: await this.readWhole(), changed: true };
  }

  /** Reads the database and WAL; retried when a checkpoint restarted the WAL in between. */
  private async readWhole(): Promise<Uint8Array> {
    for (let attempt = 0; ; attempt++) {
      const walBefore = await this.files.read(`${this.path}-wal`);
      const db = await this.files.read(this.path);
      if (!db) throw Object.assign(new Error('vanished (no such file)'), { code: 'ENOENT' });
      const wal = await this.files.read(`${this.path}-wal`);
      const saltOf = (w?: Uint8Array) => (w && w.length >= WAL_HEADER ? `${u32(w, 16)}:${u32(w, 20)}` : '');
      if (saltOf(walBefore) !== saltOf(wal) && attempt < 3) continue;
      let pageSize = dbPageSize(db);
      const applied: WalApplied = wal ? readWalFrames(wal) : { pages: new Map(), dbPages: 0 };
      if (!pageSize && applied.cursor) pageSize = applied.cursor.pageSize;
      this.pageSize = pageSize;
      this.cursor = applied.cursor;
      // A zero-byte file is an empty database to SQLite: the app created it and has not written yet.
      if (!pageSize) return (this.image = new Uint8Array());
      this.image = applyFrames(db.slice(), applied, pageSize);
      return this.image;
    }
  }
}
