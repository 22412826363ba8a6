/**
 * A SQLite store followed live, as the extension does: the owner (the sqlite3
 * CLI, holding the database open) commits rows, and the watcher hands them out
 * as events, with fs.watch and with the default 2 s polling. How fast is a
 * benchmark's question (scripts/bench-sqlite.ts prints the latency against the
 * 2 s target); here the ceiling is only there so a lost row fails rather than hangs.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname } from 'node:path';
import { insert, LiveWriter } from '../../../scripts/sqlite-fixtures/sql';
import { scanRoot } from '../../../src/core/sessions/discovery';
import type { NewEvent } from '../../../src/core/sessions/reader';
import { SessionWatcher } from '../../../src/core/sessions/watch';
import { freshSqliteFixtures, listing } from './sqliteHelpers';

const fixtures = freshSqliteFixtures('el-sqlite-live-');

async function waitFor(check: () => boolean, ms: number): Promise<number> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error(`nothing after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return Date.now() - start;
}

for (const mode of ['fs.watch', 'polling'] as const) {
  describe(`a live Kilo store (${mode})`, () => {
    test('a committed assistant message becomes exactly one event; nothing else is written', async () => {
      const writer = new LiveWriter(fixtures.stores.kilo);
      await writer.exec('SELECT 1;');
      const seen: NewEvent[] = [];
      const watcher = await SessionWatcher.start({ roots: [scanRoot(dirname(fixtures.stores.kilo))], onEvents: (events) => seen.push(...events), forcePolling: mode === 'polling' });
      try {
        const history = seen.length;
        assert.ok(history > 0, 'the history was read first');
        const files = listing(fixtures.stores.kilo);
        const ts = Date.now();
        const id = `msg_live_${mode.replace('.', '')}`;
        await writer.exec(
          [
            insert('message', { id, session_id: 'ses_retry01', time_created: ts, time_updated: ts, data: { role: 'assistant', time: { created: ts, completed: ts }, modelID: 'kilo/auto' } }),
            insert('part', { id: `prt_${id}`, message_id: id, session_id: 'ses_retry01', time_created: ts, time_updated: ts, data: { type: 'text', text: 'Retry works for 503 too.' } }),
          ].join('\n'),
        );
        const ms = await waitFor(() => seen.length > history, 15_000);
        assert.deepEqual(seen.slice(history).map((e) => [e.session.id, e.event.kind, e.event.id]), [['ses_retry01', 'completion', id]], `after ${ms} ms`);
        assert.deepEqual(listing(fixtures.stores.kilo), files, 'the reader created no file');
      } finally {
        watcher.close();
        await writer.close();
      }
    });
  });
}
