/** What sits in a folder, to check that reading a store writes nothing; and the stores themselves, per test file. */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before } from 'node:test';
import { makeSqliteFixtures, type SqliteFixtures } from '../../../scripts/make-sqlite-fixtures';

/** Names of the files beside `path`. */
export function listing(path: string): string[] {
  return readdirSync(dirname(path)).sort();
}

/** Every file under `dir` with its size and modification time. */
export function snapshot(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, e.name);
      if (e.isDirectory()) walk(full);
      else {
        const s = statSync(full);
        out.push(`${full}:${s.size}:${s.mtimeMs}`);
      }
    }
  };
  walk(dir);
  return out.sort();
}

/**
 * The project's SQLite stores, written afresh in a temporary folder before a test file's
 * tests and removed after them. Read `root` and `stores` inside the tests, once the hook ran.
 */
export function freshSqliteFixtures(prefix: string): { root: string; stores: SqliteFixtures } {
  const fixtures = { root: '', stores: undefined as unknown as SqliteFixtures };
  before(() => {
    fixtures.root = mkdtempSync(join(tmpdir(), prefix));
    fixtures.stores = makeSqliteFixtures(fixtures.root);
  });
  after(() => rmSync(fixtures.root, { recursive: true, force: true }));
  return fixtures;
}
