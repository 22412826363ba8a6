/**
 * Goose (block/goose): `sessions/sessions.db` in its data folder, tables
 * `sessions` and `messages` with `content_json`, a JSON array of tagged
 * message contents (source: crates/goose/src/session/session_manager.rs,
 * conversation/message.rs). Assistant `text` items are the prose;
 * `toolRequest` (assistant) and `toolResponse` (user) pair by id, and shell
 * commands among them are runs. The {status, value} wrappers around tool
 * calls and results are read defensively (their exact shape is unverified).
 */
import type { DocumentAdapter } from '../adapter';
import { normalisePath } from '../adapter';
import { SessionBuilder } from '../builder';
import type { Session } from '../model';
import { textOf, type Row } from '../sqlite/readOnlyDb';
import { openStore, requireSchema, storeInputs, type StoreEntry } from '../sqlite/store';
import { arr, contentText, isObject, isoTime, num, obj, str, tryParseJson, type JsonObject } from '../text';

export const SHELL = /(?:^|__)(?:shell|bash|run_command)$/;

/** `{status: "success", value: X}` or X itself. */
export function unwrap(v: unknown): JsonObject {
  const o = obj(v);
  return 'value' in o && 'status' in o ? obj(o.value) : o;
}

export function resultText(v: unknown): { text: string; failed: boolean } {
  const o = obj(v);
  const failed = o.status === 'error' || obj(o.value).isError === true;
  const value = 'value' in o ? o.value : v;
  const items = Array.isArray(value) ? value : arr(obj(value).content);
  return { text: contentText(items) || str(o.error) || '', failed };
}

function gooseTime(value: Row[string]): string | undefined {
  const text = textOf(value);
  // SQLite CURRENT_TIMESTAMP: "YYYY-MM-DD HH:MM:SS" in UTC.
  return text && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(text) ? `${text.replace(' ', 'T')}.000Z` : isoTime(text);
}

function buildSession(entry: StoreEntry, path: string, info: Row): { session: Session; parseErrors: number } {
  const id = String(info.id);
  const b = new SessionBuilder({ id, assistant: 'goose', sourcePath: path, title: textOf(info.name) || undefined, workspace: textOf(info.working_dir), started: gooseTime(info.created_at) });
  const calls = new Map<string, { command: string; line: number }>();
  let parseErrors = 0;
  for (const row of entry.db.all('SELECT id, role, content_json, created_timestamp FROM messages WHERE session_id = ? ORDER BY id', [id])) {
    const items = tryParseJson(textOf(row.content_json) ?? '');
    if (!Array.isArray(items)) {
      parseErrors++;
      continue;
    }
    const source = { path, line: Number(row.id) };
    const timestamp = isoTime((num(row.created_timestamp) ?? 0) * 1000 || undefined);
    const prose = items.filter((c): c is JsonObject => isObject(c) && c.type === 'text').map((c) => str(c.text) ?? '').join('\n');
    if (row.role === 'user') b.user(`m${row.id}`, prose, source, timestamp);
    else if (row.role === 'assistant') b.completion(`m${row.id}`, prose, source, timestamp);
    for (const item of items.filter(isObject)) {
      const callId = str(item.id);
      if (!callId) continue;
      if (item.type === 'toolRequest') {
        const toolCall = unwrap(item.toolCall);
        const command = str(obj(toolCall.arguments).command);
        if (SHELL.test(str(toolCall.name) ?? '') && command) calls.set(callId, { command, line: Number(row.id) });
      } else if (item.type === 'toolResponse' && calls.has(callId)) {
        const call = calls.get(callId)!;
        calls.delete(callId);
        const { text, failed } = resultText(item.toolResult);
        b.toolRun({ id: callId, command: call.command, output: text, failed, timestamp, source });
      }
    }
  }
  for (let i = 0; i < parseErrors; i++) b.parseError();
  return { session: b.session, parseErrors };
}

export const gooseDbAdapter: DocumentAdapter = {
  assistant: 'goose',
  mode: 'document',
  matchesPath: (path) => /\/goose\/sessions\/sessions\.db$/i.test(normalisePath(path)),
  sniff: () => false,
  async load(path) {
    const inputs = storeInputs(path);
    const entry = await openStore(path);
    if (!requireSchema(entry.db, 'Goose', { sessions: ['id', 'working_dir', 'updated_at'], messages: ['id', 'session_id', 'role', 'content_json'] })) return { sessions: [], parseErrors: 0, inputs };
    const sessions: Session[] = [];
    let parseErrors = 0;
    const counts = new Map(entry.db.all('SELECT session_id, max(id) AS last FROM messages GROUP BY session_id').map((r) => [String(r.session_id), String(r.last)]));
    for (const info of entry.db.all('SELECT * FROM sessions ORDER BY created_at, id')) {
      const id = String(info.id);
      const stamp = `${textOf(info.updated_at)}:${counts.get(id) ?? ''}`;
      let built = entry.built.get(id);
      if (!built || built.stamp !== stamp) entry.built.set(id, (built = { stamp, ...buildSession(entry, path, info) }));
      sessions.push(built.session);
      parseErrors += built.parseErrors;
    }
    return { sessions, parseErrors, inputs };
  },
};
