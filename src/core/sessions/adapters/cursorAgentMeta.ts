/**
 * Cursor Agent transcripts carry no timestamps, title or model. Each chat's
 * `~/.cursor/chats/<md5 of the project path>/<agentId>/store.db` has a `meta`
 * row (key '0') holding hex-encoded JSON {agentId, name, createdAt,
 * lastUsedModel ...}; its name and creation time become the session's (sources: jazzyalex/agent-sessions CursorChatMetaReader.swift;
 * iksnae/cursor-session docs/TDD.md). The project hash cannot be undone, so
 * the chat is found by its agent id among the hashed folders.
 */
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { normalisePath } from '../adapter';
import { ReadOnlyDb, textOf } from '../sqlite/readOnlyDb';
import { isObject, isoTime, num, str, tryParseJson } from '../text';

export interface CursorAgentMeta {
  title?: string;
  started?: string;
}

/** Small: the store holds the meta row and content-addressed blobs. */
const MAX_STORE_BYTES = 64 * 1024 * 1024;

export async function cursorAgentMeta(transcript: string): Promise<CursorAgentMeta | undefined> {
  // <id>/<id>.jsonl (and its subagents) or the older flat <id>.txt: the chat's agent id either way.
  const m = /^(.*\/\.cursor)\/projects\/[^/]+\/agent-transcripts\/(?:([^/]+)\/|([^/]+)\.txt$)/.exec(normalisePath(transcript));
  if (!m) return undefined;
  const [, cursorDir, folderId, textId] = m;
  const agentId = folderId ?? textId;
  let hashes: string[];
  try {
    hashes = await fsp.readdir(join(cursorDir, 'chats'));
  } catch {
    return undefined;
  }
  for (const hash of hashes) {
    const store = join(cursorDir, 'chats', hash, agentId, 'store.db');
    try {
      await fsp.access(store);
    } catch {
      continue;
    }
    const db = new ReadOnlyDb(store, MAX_STORE_BYTES);
    try {
      await db.refresh();
      const hex = textOf(db.all("SELECT value FROM meta WHERE key = '0'")[0]?.value);
      const meta = tryParseJson(Buffer.from(hex ?? '', 'hex').toString('utf8'));
      if (!isObject(meta)) return undefined;
      return { title: str(meta.name), started: isoTime(num(meta.createdAt)) };
    } catch {
      return undefined;
    } finally {
      db.close();
    }
  }
  return undefined;
}
