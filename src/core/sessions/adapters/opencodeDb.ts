/**
 * OpenCode >= 1.2 (`opencode.db`, `opencode-<channel>.db`, `OPENCODE_DB`) and
 * Kilo Code / Kilo CLI (`kilo.db`), which share one SQLite schema (sources:
 * anomalyco/opencode packages/opencode/src/session/session.sql.ts and
 * message-v2.ts): tables `session`, `message` and `part`, JSON in `data`.
 * One assistant message is one completion (its text parts joined); `tool`
 * parts running `bash` with `state.output` are tool runs.
 *
 * An update re-reads only the sessions whose rows changed: it tracks the
 * latest `time_updated` seen in `message` and `part`, and each session's own.
 */
import type { DocumentAdapter } from '../adapter';
import { normalisePath } from '../adapter';
import { SessionBuilder } from '../builder';
import type { AssistantId, Session } from '../model';
import { textOf, type Row } from '../sqlite/readOnlyDb';
import { openStore, requireSchema, storeInputs, type StoreEntry } from '../sqlite/store';
import { isObject, isoTime, num, obj, str, tryParseJson, type JsonObject } from '../text';
import { recordToolPart } from './opencodeTools';

const SCHEMA = {
  session: ['id', 'directory', 'title', 'time_created', 'time_updated'],
  message: ['id', 'session_id', 'time_created', 'time_updated', 'data'],
  part: ['id', 'message_id', 'session_id', 'time_updated', 'data'],
};

function json(row: Row, column = 'data'): JsonObject | undefined {
  const value = tryParseJson(textOf(row[column]) ?? '');
  return isObject(value) ? value : undefined;
}

function buildSession(entry: StoreEntry, assistant: AssistantId, path: string, info: Row): { session: Session; parseErrors: number } {
  const { db } = entry;
  const sessionId = String(info.id);
  const builder = new SessionBuilder({
    id: sessionId,
    assistant,
    sourcePath: path,
    title: textOf(info.title),
    workspace: textOf(info.directory),
    started: isoTime(num(info.time_created)),
    parentId: textOf(info.parent_id) || undefined,
  });
  let parseErrors = 0;
  const parts = new Map<string, Row[]>();
  for (const part of db.all('SELECT rowid AS rowid, id, message_id, data FROM part WHERE session_id = ? ORDER BY message_id, id', [sessionId])) {
    const list = parts.get(String(part.message_id)) ?? [];
    list.push(part);
    parts.set(String(part.message_id), list);
  }
  for (const row of db.all('SELECT rowid AS rowid, id, time_created, data FROM message WHERE session_id = ? ORDER BY time_created, id', [sessionId])) {
    const message = json(row);
    if (!message) {
      parseErrors++;
      continue;
    }
    const messageId = String(row.id);
    const timestamp = isoTime(num(obj(message.time).created) ?? num(row.time_created));
    const model = str(message.modelID) ?? str(obj(message.model).modelID);
    // While OpenCode streams a reply its text parts grow in place; an event is handed out once, so prose
    // waits until the message is finished (completed, failed or aborted).
    const finished = message.role !== 'assistant' || num(obj(message.time).completed) !== undefined || message.error !== undefined || str(message.finish) !== undefined;
    let prose: string[] = [];
    let proseSource = { path, line: Number(row.rowid) };
    let segment = 0;
    const closeProse = () => {
      const text = prose.join('\n');
      if (text.trim() && finished) builder.completion(segment++ === 0 ? messageId : `${messageId}:${segment - 1}`, text, proseSource, timestamp, model);
      prose = [];
    };
    for (const partRow of parts.get(messageId) ?? []) {
      const part = json(partRow);
      if (!part) {
        parseErrors++;
        continue;
      }
      const source = { path, line: Number(partRow.rowid) };
      if (part.type === 'text' && part.synthetic !== true) {
        const text = str(part.text) ?? '';
        if (message.role === 'user') builder.user(String(partRow.id), text, source, timestamp);
        else {
          if (!prose.length) proseSource = source;
          prose.push(text);
        }
        continue;
      }
      if (part.type !== 'tool') continue;
      const state = obj(part.state);
      if (state.status !== 'completed' && state.status !== 'error') continue;
      closeProse();
      const callId = str(part.callID) ?? String(partRow.id);
      recordToolPart(builder, str(part.tool) ?? '', state, { id: callId, timestamp: isoTime(num(obj(state.time).end)) ?? timestamp, source });
    }
    closeProse();
  }
  for (let i = 0; i < parseErrors; i++) builder.parseError();
  return { session: builder.session, parseErrors };
}

/** Sessions whose messages or parts changed since the last update, by the tables' `time_updated`. */
function touchedSessions(entry: StoreEntry): Set<string> {
  const touched = new Set<string>();
  for (const table of ['message', 'part'] as const) {
    const since = entry.marks.get(table) ?? -Infinity;
    const latest = Number(entry.db.all(`SELECT max(time_updated) AS t FROM ${table}`)[0]?.t ?? 0);
    if (latest === since) continue;
    const where = Number.isFinite(since) ? 'WHERE time_updated >= ?' : '';
    for (const row of entry.db.all(`SELECT DISTINCT session_id FROM ${table} ${where}`, Number.isFinite(since) ? [since] : [])) touched.add(String(row.session_id));
    entry.marks.set(table, latest);
  }
  return touched;
}

export function opencodeDbAdapter(assistant: AssistantId, file: RegExp, what: string): DocumentAdapter {
  return {
    assistant,
    mode: 'document',
    matchesPath: (path) => file.test(normalisePath(path)),
    sniff: () => false,
    async load(path) {
      const entry = await openStore(path);
      if (!requireSchema(entry.db, what, SCHEMA)) return { sessions: [], parseErrors: 0, inputs: storeInputs(path) };
      const touched = touchedSessions(entry);
      const sessions: Session[] = [];
      let parseErrors = 0;
      const alive = new Set<string>();
      for (const info of entry.db.all('SELECT * FROM session ORDER BY time_created, id')) {
        const id = String(info.id);
        alive.add(id);
        const stamp = String(info.time_updated);
        let built = entry.built.get(id);
        if (!built || built.stamp !== stamp || touched.has(id)) {
          built = { stamp, ...buildSession(entry, assistant, path, info) };
          entry.built.set(id, built);
        }
        sessions.push(built.session);
        parseErrors += built.parseErrors;
      }
      for (const id of entry.built.keys()) if (!alive.has(id)) entry.built.delete(id);
      return { sessions, parseErrors, inputs: storeInputs(path) };
    },
  };
}

export const opencodeSqliteAdapter = opencodeDbAdapter('opencode', /\/opencode(?:-[\w.-]+)?\.db$/, 'OpenCode');
export const kiloSqliteAdapter = opencodeDbAdapter('kilo-code', /\/kilo(?:-[\w.-]+)?\.db$/, 'Kilo');
