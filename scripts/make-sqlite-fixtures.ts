/**
 * Builds the SQLite fixture stores under a folder, in each app's on-disk
 * layout under a fake home, so `--root` recognition is exercised too. Tests
 * call makeSqliteFixtures() on a temporary folder; run it by hand to look:
 *   node --import tsx scripts/make-sqlite-fixtures.ts /tmp/stores
 * Schemas and their public sources: test/fixtures/sessions/README.md.
 */
import { join, resolve } from 'node:path';
import { kiloSql, opencodeSql } from './sqlite-fixtures/opencode';
import { runSql } from './sqlite-fixtures/sql';

export interface SqliteFixtures {
  opencode: string;
  kilo: string;
}

export function makeSqliteFixtures(root: string): SqliteFixtures {
  const paths: SqliteFixtures = {
    opencode: join(root, 'opencode-db', '.local', 'share', 'opencode', 'opencode.db'),
    kilo: join(root, 'kilo', '.local', 'share', 'kilo', 'kilo.db'),
  };
  runSql(paths.opencode, opencodeSql());
  runSql(paths.kilo, kiloSql());
  return paths;
}

if (require.main === module) {
  const out = resolve(process.argv[2] ?? 'sqlite-fixtures');
  console.log(JSON.stringify(makeSqliteFixtures(out), null, 2));
}
