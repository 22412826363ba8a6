/**
 * Writes SQLite fixture databases with Debian's sqlite3 CLI: real files made
 * by real SQLite, in WAL mode like the apps that own them. Only tests and
 * scripts use this; the product never writes a database.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** A SQL literal for a string, number, null or JSON value. */
export function lit(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') return String(value);
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  // NUL and lone surrogates cannot travel in SQL text: send those as UTF-8 bytes.
  if (/[\u0000\ud800-\udfff]/.test(text)) return `CAST(X'${Buffer.from(text, 'utf8').toString('hex')}' AS TEXT)`;
  return `'${text.replace(/'/g, "''")}'`;
}

export function insert(table: string, row: Record<string, unknown>): string {
  const keys = Object.keys(row);
  return `INSERT INTO ${table} (${keys.join(', ')}) VALUES (${keys.map((k) => lit(row[k])).join(', ')});`;
}

/** Runs SQL against a new or existing database file; throws with sqlite3's message on failure. */
export function runSql(path: string, sql: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const result = spawnSync('sqlite3', ['-bail', path], { input: `PRAGMA journal_mode=WAL;\n${sql}\n`, encoding: 'utf8' });
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`the sqlite3 CLI is needed to write SQLite fixtures (npm run test:deps installs it): ${result.error.message}`);
  if (result.error || result.status !== 0) throw new Error(`sqlite3 ${path}: ${result.error?.message ?? ''} ${result.stderr}`);
}

/**
 * A sqlite3 process that keeps the database open, like the owning app: its
 * WAL stays in place (the CLI checkpoints and removes it only on exit).
 */
export class LiveWriter {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly pending = new Map<number, () => void>();
  private out = '';
  private marker = 0;

  /** `exclusive`: the owner takes SQLite's exclusive locking mode before its first read, so its WAL index stays in its memory and no -shm file exists. */
  constructor(path: string, options: { exclusive?: boolean } = {}) {
    this.child = spawn('sqlite3', [path]);
    if (options.exclusive) this.child.stdin.write('PRAGMA locking_mode=EXCLUSIVE;\n');
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (chunk: string) => {
      this.out += chunk;
      for (const [n, resolve] of this.pending) {
        if (!this.out.includes(`done-${n}\n`)) continue;
        this.pending.delete(n);
        resolve();
      }
    });
    this.child.stdin.write('PRAGMA journal_mode=WAL;\nPRAGMA wal_autocheckpoint=0;\nPRAGMA busy_timeout=5000;\n');
  }

  /** Runs SQL and resolves once sqlite3 has committed it. */
  exec(sql: string): Promise<void> {
    const n = ++this.marker;
    return new Promise((resolve) => {
      this.pending.set(n, resolve);
      this.child.stdin.write(`${sql}\nSELECT 'done-${n}';\n`);
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.child.on('exit', () => resolve());
      this.child.stdin.end('.quit\n');
    });
  }
}
