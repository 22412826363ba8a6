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

interface Damaged {
  /** The JSON column whose records are damaged. */
  column: string;
  /** Keeps copies of a row distinct (new keys, or no id for an autoincrement). */
  rename(row: Record<string, unknown>, copy: number): void;
}

const suffixId = (row: Record<string, unknown>, copy: number) => {
  if (typeof row.id === 'string') row.id = `${row.id}~${copy}`;
};

/** Copies every table of `from` into SQL, passing the damaged tables' JSON column through `damage`, `copies` times. */
async function damagedCopy(from: string, tables: Record<string, Damaged>, damage: (text: string) => string, copies: number): Promise<string> {
  const db = new ReadOnlyDb(from);
  await db.refresh();
  const schema = db.all("SELECT sql FROM sqlite_master WHERE type IN ('table', 'index') AND sql IS NOT NULL AND name NOT LIKE 'sqlite_%'").map((r) => `${r.sql};`);
  const rows: string[] = [];
  for (const table of [...db.tables()].filter((t) => !t.startsWith('sqlite_'))) {
    const original = db.all(`SELECT * FROM ${table}`);
    const spec = tables[table];
    for (let copy = 0; copy < (spec ? copies : 1); copy++) {
      for (const row of original) {
        const out: Record<string, unknown> = { ...row };
        if (spec && copy > 0) spec.rename(out, copy);
        const value = spec ? out[spec.column] : undefined;
        const text = value instanceof Uint8Array ? new TextDecoder().decode(value) : value;
        if (spec && typeof text === 'string') out[spec.column] = damage(text);
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
      { message: { column: 'data', rename: suffixId }, part: { column: 'data', rename: suffixId } },
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

  /** Damages every record, reads the store, and checks nothing threw and the bad records were counted. */
  async function fuzzStore(name: string, from: string, to: string, tables: Record<string, Damaged>, perCopy: number, seed: number) {
    const rand = seeded(seed);
    let records = 0;
    let broken = 0;
    const sql = await damagedCopy(
      from,
      tables,
      (text) => {
        records++;
        const damaged = mutateLine(text, rand);
        if (!isJsonObject(damaged) && !Array.isArray(tryJson(damaged))) broken++;
        return damaged;
      },
      Math.ceil(RECORDS / perCopy),
    );
    runSql(to, sql);
    assert.ok(records >= RECORDS, `${name}: ${records} records`);
    const parsed = await parseSource(to, (await recogniseFile(to))!);
    assert.equal(parsed.error, undefined, name);
    for (const s of parsed.sessions) summarise(s);
    assert.ok(broken > RECORDS / 10 && parsed.parseErrors > 0, `${name}: ${parsed.parseErrors} errors counted for ${broken} broken records`);
    return parsed;
  }

  test(`Cursor state.vscdb: ${RECORDS}+ damaged composerData and bubble rows, no throw`, async () => {
    const copyKey = (row: Record<string, unknown>, copy: number) => {
      row.key = String(row.key).replace(/^(composerData:|bubbleId:)([^:]+)/, `$1$2~${copy}`);
    };
    const parsed = await fuzzStore('cursor', stores.cursor, join(root, 'fuzz-cursor', 'Cursor', 'User', 'globalStorage', 'state.vscdb'), { cursorDiskKV: { column: 'value', rename: copyKey } }, 15, 0xc0250);
    assert.ok(parsed.sessions.length > 100, `${parsed.sessions.length} composers read`);
  });

  test(`Goose sessions.db: ${RECORDS}+ damaged content_json records, no throw`, async () => {
    const dropId = (row: Record<string, unknown>) => void delete row.id;
    const parsed = await fuzzStore('goose', stores.goose, join(root, 'fuzz-goose', 'goose', 'sessions', 'sessions.db'), { messages: { column: 'content_json', rename: dropId } }, 6, 0x9005e);
    assert.equal(parsed.sessions.length, 1);
  });
});

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
