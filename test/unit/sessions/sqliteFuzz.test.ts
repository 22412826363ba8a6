/**
 * Seeded fuzzing of the SQLite stores: the JSON records of the fixture stores
 * are damaged (bytes and types) and written back 10,000+ times into real
 * databases. Reading must not throw, and every record that is not a JSON
 * object is counted as a parse error.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeSqliteFixtures, type SqliteFixtures } from '../../../scripts/make-sqlite-fixtures';
import { insert, runSql } from '../../../scripts/sqlite-fixtures/sql';
import { parseSource } from '../../../src/core/sessions/reader';
import { recogniseFile } from '../../../src/core/sessions/registry';
import { ReadOnlyDb } from '../../../src/core/sessions/sqlite/readOnlyDb';
import { summarise } from '../../../src/core/sessions/summary';
import { mutateLine } from '../../support/mutate';
import { seeded } from '../../support/seeded';

const RECORDS = 10_000;
let root: string;
let stores: SqliteFixtures;

before(() => {
  root = mkdtempSync(join(tmpdir(), 'el-sqlite-fuzz-'));
  stores = makeSqliteFixtures(join(root, 'originals'));
});
after(() => rmSync(root, { recursive: true, force: true }));

function isJsonObject(text: string): boolean {
  try {
    const v = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  } catch {
    return false;
  }
}

/** Copies every table of `from` into SQL, passing each JSON column through `damage`. */
async function damagedCopy(from: string, jsonColumns: Record<string, string>, damage: (text: string, table: string) => string, copies: number): Promise<string> {
  const db = new ReadOnlyDb(from);
  await db.refresh();
  const schema = db.all("SELECT sql FROM sqlite_master WHERE type IN ('table', 'index') AND sql IS NOT NULL").map((r) => `${r.sql};`);
  const rows: string[] = [];
  for (const table of db.tables()) {
    const original = db.all(`SELECT * FROM ${table}`);
    for (let copy = 0; copy < (jsonColumns[table] ? copies : 1); copy++) {
      for (const row of original) {
        const out: Record<string, unknown> = { ...row };
        if (copy > 0 && typeof out.id === 'string') out.id = `${out.id}~${copy}`;
        const column = jsonColumns[table];
        if (column && typeof out[column] === 'string') out[column] = damage(out[column] as string, table);
        rows.push(insert(table, out));
      }
    }
  }
  db.close();
  return [...schema, 'BEGIN;', ...rows, 'COMMIT;'].join('\n');
}

describe('fuzz: SQLite stores', () => {
  test(`opencode.db: ${RECORDS}+ damaged message and part records, no throw, bad records counted`, async () => {
    const rand = seeded(0x5e1);
    let records = 0;
    let broken = 0;
    const sql = await damagedCopy(
      stores.opencode,
      { message: 'data', part: 'data' },
      (text) => {
        records++;
        const damaged = mutateLine(text, rand);
        if (!isJsonObject(damaged)) broken++;
        return damaged;
      },
      Math.ceil(RECORDS / 25),
    );
    const path = join(root, 'fuzz', '.local', 'share', 'opencode', 'opencode.db');
    runSql(path, sql);
    assert.ok(records >= RECORDS, `${records} records`);
    const parsed = await parseSource(path, (await recogniseFile(path))!);
    assert.equal(parsed.error, undefined);
    assert.equal(parsed.sessions.length, 2);
    for (const s of parsed.sessions) summarise(s);
    // A damaged message drops its parts with it, so at least the broken records are counted.
    assert.ok(parsed.parseErrors > 0 && parsed.parseErrors <= broken, `${parsed.parseErrors} errors for ${broken} broken records`);
  });
});
