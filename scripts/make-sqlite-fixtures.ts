/**
 * Builds the SQLite fixture stores under a folder, in each app's on-disk
 * layout under a fake home, so `--root` recognition is exercised too. Tests
 * call makeSqliteFixtures() on a temporary folder; run it by hand to look:
 *   node --import tsx scripts/make-sqlite-fixtures.ts /tmp/stores
 * Schemas and their public sources: test/fixtures/sessions/README.md.
 */
import { join, resolve } from 'node:path';
import { writeFileSync } from 'node:fs';
import { cursorGlobalSql, cursorWorkspaceSql } from './sqlite-fixtures/cursor';
import { gooseSql } from './sqlite-fixtures/goose';
import { kiloSql, opencodeSql } from './sqlite-fixtures/opencode';
import { runSql } from './sqlite-fixtures/sql';

export interface SqliteFixtures {
  opencode: string;
  kilo: string;
  cursor: string;
  cursorWorkspace: string;
  goose: string;
}

export function makeSqliteFixtures(root: string): SqliteFixtures {
  const paths: SqliteFixtures = {
    opencode: join(root, 'opencode-db', '.local', 'share', 'opencode', 'opencode.db'),
    kilo: join(root, 'kilo', '.local', 'share', 'kilo', 'kilo.db'),
    cursor: join(root, 'cursor', 'Cursor', 'User', 'globalStorage', 'state.vscdb'),
    cursorWorkspace: join(root, 'cursor', 'Cursor', 'User', 'workspaceStorage', '5f4dcc3b5aa765d61d8327deb882cf99', 'state.vscdb'),
    goose: join(root, 'goose', '.local', 'share', 'goose', 'sessions', 'sessions.db'),
  };
  runSql(paths.opencode, opencodeSql());
  runSql(paths.kilo, kiloSql());
  runSql(paths.goose, gooseSql());
  runSql(paths.cursor, cursorGlobalSql());
  runSql(paths.cursorWorkspace, cursorWorkspaceSql(['c-modern-1', 'c-sub-1']));
  writeFileSync(join(paths.cursorWorkspace, '..', 'workspace.json'), JSON.stringify({ folder: 'file:///home/ana/slug' }));
  return paths;
}

if (require.main === module) {
  const out = resolve(process.argv[2] ?? 'sqlite-fixtures');
  console.log(JSON.stringify(makeSqliteFixtures(out), null, 2));
}
