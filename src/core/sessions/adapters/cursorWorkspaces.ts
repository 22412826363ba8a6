/**
 * Which folder each Cursor composer belongs to: every workspace database
 * (`User/workspaceStorage/<hash>/state.vscdb`) lists its composers under the
 * ItemTable key `composer.composerData`, and `workspace.json` beside it names
 * the folder. Only that one key is ever read from those databases. Each
 * workspace is re-read only when its files change.
 */
import { promises as fsp } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ReadOnlyDb, textOf } from '../sqlite/readOnlyDb';
import { arr, isObject, obj, str, tryParseJson } from '../text';

interface WorkspaceEntry {
  stamp: string;
  folder?: string;
  composers: string[];
}

const cache = new Map<string, WorkspaceEntry>();

function folderOf(workspaceJson: string): string | undefined {
  const info = obj(tryParseJson(workspaceJson));
  const uri = str(info.folder) ?? str(info.workspace);
  if (!uri) return undefined;
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : decodeURIComponent(uri.replace(/^[a-z-]+:\/\/[^/]*/i, ''));
  } catch {
    return uri;
  }
}

async function readWorkspace(dir: string): Promise<WorkspaceEntry | undefined> {
  const dbPath = join(dir, 'state.vscdb');
  let stamp: string;
  try {
    const s = await fsp.stat(dbPath);
    const w = await fsp.stat(`${dbPath}-wal`).catch(() => undefined);
    stamp = `${s.ino}:${s.size}:${s.mtimeMs}:${w?.size ?? '-'}:${w?.mtimeMs ?? '-'}`;
  } catch {
    return undefined;
  }
  const cached = cache.get(dir);
  if (cached?.stamp === stamp) return cached;
  const entry: WorkspaceEntry = { stamp, composers: [] };
  try {
    entry.folder = folderOf(await fsp.readFile(join(dir, 'workspace.json'), 'utf8'));
  } catch {
    // no workspace.json: composers stay without a folder
  }
  const db = new ReadOnlyDb(dbPath);
  try {
    await db.refresh();
    if (db.tables().has('ItemTable')) {
      const row = db.all("SELECT value FROM ItemTable WHERE key = 'composer.composerData'")[0];
      const data = tryParseJson(textOf(row?.value) ?? '');
      for (const c of arr(obj(data).allComposers)) if (isObject(c) && str(c.composerId)) entry.composers.push(str(c.composerId)!);
    }
  } catch {
    // an unreadable workspace index only loses the folder names
  } finally {
    db.close();
  }
  cache.set(dir, entry);
  return entry;
}

/** composerId -> workspace folder, for the Cursor user folder that holds `globalDb`. */
export async function cursorComposerFolders(globalDb: string): Promise<Map<string, string>> {
  const storage = join(dirname(dirname(globalDb)), 'workspaceStorage');
  const out = new Map<string, string>();
  let names: string[];
  try {
    names = await fsp.readdir(storage);
  } catch {
    return out;
  }
  for (const name of names) {
    const entry = await readWorkspace(join(storage, name));
    if (!entry?.folder) continue;
    for (const id of entry.composers) out.set(id, entry.folder);
  }
  return out;
}
