/**
 * Cursor desktop chats (Composer / Agent panel) in the global
 * `User/globalStorage/state.vscdb` (sources: michaeldhood/chatrxiv
 * docs/cursor/storage-reference.md; jverre/agents-for-cursor TOOLS_SYSTEM.md).
 * `composerData:<id>` rows give each chat and its bubble order
 * (`fullConversationHeadersOnly`, or the older inline `conversation[]`);
 * `bubbleId:<composer>:<bubble>` rows are the messages: type 1 user, 2
 * assistant, with terminal runs in `toolFormerData`.
 *
 * PRIVACY: this database also holds auth tokens and keys. Only rows whose key
 * lies in the `composerData:` and `bubbleId:<composer>:` ranges are ever
 * selected (by key range, so no other key is read, logged or kept).
 */
import type { DocumentAdapter } from '../adapter';
import { normalisePath } from '../adapter';
import { SessionBuilder } from '../builder';
import type { Session } from '../model';
import { textOf, type Row } from '../sqlite/readOnlyDb';
import { openStore, requireSchema, storeInputs } from '../sqlite/store';
import { arr, isObject, isoTime, num, obj, str, tryParseJson, type JsonObject } from '../text';
import { cursorComposerFolders } from './cursorWorkspaces';

/** Bubbles larger than this (pasted files, huge tool results) are skipped and counted, not loaded. */
export const MAX_BUBBLE_BYTES = 8 * 1024 * 1024;

const TERMINAL_TOOLS = new Set(['run_terminal_cmd', 'run_terminal_command', 'run_terminal_command_v2']);
const EDIT_TOOLS = new Set(['edit_file', 'edit_file_v2', 'search_replace', 'write', 'apply_patch']);

/** Rows whose key starts with `prefix`, as a key range: exact, and served by the key's unique index. */
function keyRange(prefix: string): [string, string] {
  return [prefix, prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1)];
}

function parseJsonObject(value: Row[string] | undefined): JsonObject | undefined {
  const parsed = tryParseJson(textOf(value) ?? '');
  return isObject(parsed) ? parsed : undefined;
}

function jsonField(value: unknown): JsonObject {
  if (isObject(value)) return value;
  return obj(tryParseJson(str(value) ?? ''));
}

function readBubble(builder: SessionBuilder, bubble: JsonObject, id: string, line: number, path: string, model: string | undefined, streaming = false): void {
  const source = { path, line };
  const timestamp = isoTime(bubble.createdAt) ?? isoTime(num(obj(bubble.timingInfo).clientEndTime));
  const text = str(bubble.text) ?? '';
  if (bubble.type === 1) {
    builder.user(id, text, source, timestamp);
    return;
  }
  if (bubble.type !== 2) return;
  // The last bubble of a chat still generating grows in place: it is read once the chat settles.
  if (streaming) return;
  builder.completion(id, text, source, timestamp, model);
  const tool = obj(bubble.toolFormerData);
  const name = str(tool.name) ?? '';
  if (!name) return;
  const args = isObject(tool.params) ? tool.params : jsonField(tool.rawArgs);
  const result = jsonField(tool.result);
  const failed = tool.status === 'error' || obj(tool.additionalData).status === 'error';
  if (TERMINAL_TOOLS.has(name)) {
    builder.toolRun({
      id: `${id}#tool`,
      command: str(args.command) ?? '',
      output: str(result.output) ?? str(result.stdout) ?? str(tool.result) ?? '',
      exitCode: num(result.exitCode) ?? num(result.exit_code),
      failed,
      timestamp,
      source,
    });
  } else if (EDIT_TOOLS.has(name)) {
    builder.fileEdit({
      id: `${id}#tool`,
      path: str(args.target_file) ?? str(args.file_path) ?? str(args.relativeWorkspacePath) ?? str(args.path) ?? '',
      oldText: str(args.old_string),
      newText: str(args.new_string) ?? str(args.code_edit) ?? str(args.contents),
      applied: tool.status === 'error' ? false : undefined,
      timestamp,
      source,
    });
  }
}

export const cursorDesktopAdapter: DocumentAdapter = {
  assistant: 'cursor',
  mode: 'document',
  matchesPath: (path) => /\/Cursor[^/]*\/User\/globalStorage\/state\.vscdb$/i.test(normalisePath(path)),
  sniff: () => false,
  async load(path) {
    const inputs = storeInputs(path);
    const entry = await openStore(path);
    if (!requireSchema(entry.db, 'Cursor', { cursorDiskKV: ['key', 'value'] })) return { sessions: [], parseErrors: 0, inputs };
    const { db } = entry;
    const folders = await cursorComposerFolders(path);
    const composers = db.all('SELECT key, CASE WHEN length(value) > ? THEN NULL ELSE value END AS value FROM cursorDiskKV WHERE key >= ? AND key < ? ORDER BY key', [
      MAX_BUBBLE_BYTES,
      ...keyRange('composerData:'),
    ]);
    const parents = new Map<string, string>();
    const infos: Array<{ id: string; info?: JsonObject }> = [];
    for (const row of composers) {
      const id = String(row.key).slice('composerData:'.length);
      const info = parseJsonObject(row.value);
      infos.push({ id, info });
      for (const child of arr(info?.subComposerIds)) if (typeof child === 'string') parents.set(child, id);
    }
    const sessions: Session[] = [];
    let parseErrors = 0;
    const alive = new Set<string>();
    for (const { id, info } of infos) {
      alive.add(id);
      if (!info) {
        parseErrors++;
        continue;
      }
      const stamp = `${num(info.lastUpdatedAt) ?? ''}:${str(info.status) ?? ''}:${arr(info.fullConversationHeadersOnly).length}:${folders.get(id) ?? ''}:${parents.get(id) ?? ''}`;
      let built = entry.built.get(id);
      if (!built || built.stamp !== stamp) {
        const builder = new SessionBuilder({
          id,
          assistant: 'cursor',
          sourcePath: path,
          title: str(info.name),
          workspace: folders.get(id),
          started: isoTime(num(info.createdAt)),
          parentId: parents.get(id),
        });
        const model = str(obj(info.modelConfig).modelName);
        let errors = 0;
        const headers = arr(info.fullConversationHeadersOnly).filter(isObject);
        if (headers.length) {
          const bubbles = new Map<string, Row[string]>();
          for (const row of db.all('SELECT key, CASE WHEN length(value) > ? THEN NULL ELSE value END AS value FROM cursorDiskKV WHERE key >= ? AND key < ?', [MAX_BUBBLE_BYTES, ...keyRange(`bubbleId:${id}:`)])) {
            bubbles.set(String(row.key).slice(`bubbleId:${id}:`.length), row.value);
          }
          headers.forEach((header, i) => {
            const bubbleId = str(header.bubbleId) ?? '';
            const bubble = parseJsonObject(bubbles.get(bubbleId));
            if (bubble) readBubble(builder, bubble, bubbleId, i + 1, path, model, info.status === 'generating' && i === headers.length - 1);
            else if (bubbles.has(bubbleId)) errors++;
          });
        } else {
          arr(info.conversation).forEach((bubble, i) => {
            if (isObject(bubble)) readBubble(builder, bubble, str(bubble.bubbleId) ?? `${i}`, i + 1, path, model);
            else errors++;
          });
        }
        for (let i = 0; i < errors; i++) builder.parseError();
        built = { stamp, session: builder.session, parseErrors: errors };
        entry.built.set(id, built);
      }
      sessions.push(built.session);
      parseErrors += built.parseErrors;
    }
    for (const id of entry.built.keys()) if (!alive.has(id)) entry.built.delete(id);
    return { sessions, parseErrors, inputs };
  },
};
