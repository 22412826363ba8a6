/**
 * OpenCode before v1.2: ~/.local/share/opencode/storage/ with one JSON file per
 * session (session/<projectID>/<ses>.json), per message (message/<ses>/<msg>.json)
 * and per message part (part/<msg>/<prt>.json). A session is read from all of
 * them; the session file is its handle. (v1.2+ keeps the same data in SQLite.)
 */
import type { DocumentAdapter } from '../adapter';
import { normalisePath } from '../adapter';
import { SessionBuilder } from '../builder';
import { isObject, isoTime, num, obj, str, tryParseJson, type JsonObject } from '../text';
import { recordToolPart } from './opencodeTools';

async function readJsonDir(dir: string, io: Parameters<DocumentAdapter['load']>[1]): Promise<{ items: Array<{ path: string; value: JsonObject }>; errors: number }> {
  const names = (await io.list(dir)).filter((n) => n.endsWith('.json')).sort();
  const items: Array<{ path: string; value: JsonObject }> = [];
  let errors = 0;
  for (const name of names) {
    const path = `${dir}/${name}`;
    try {
      const value = tryParseJson(await io.readText(path));
      if (isObject(value)) items.push({ path, value });
      else errors++;
    } catch {
      errors++;
    }
  }
  return { items, errors };
}

export const opencodeAdapter: DocumentAdapter = {
  assistant: 'opencode',
  mode: 'document',
  matchesPath: (path) => /\/storage\/session\/[^/]+\/ses_[^/]+\.json$/.test(normalisePath(path)),
  sniff: (head) => /"id"\s*:\s*"ses_/.test(head) && /"projectID"\s*:/.test(head),
  async load(path, io) {
    const p = normalisePath(path);
    const storage = p.replace(/\/session\/[^/]+\/[^/]+$/, '');
    const info = tryParseJson(await io.readText(path));
    if (!isObject(info)) return { sessions: [], parseErrors: 1, inputs: [path] };
    const sessionId = str(info.id) ?? '';
    const time = obj(info.time);
    const builder = new SessionBuilder({
      id: sessionId,
      assistant: 'opencode',
      sourcePath: path,
      title: str(info.title),
      workspace: str(info.directory),
      started: isoTime(time.created),
      parentId: str(info.parentID),
    });
    const messageDir = `${storage}/message/${sessionId}`;
    const inputs = [path, messageDir];
    const messages = await readJsonDir(messageDir, io);
    inputs.push(...messages.items.map((m) => m.path));
    let parseErrors = messages.errors;
    const ordered = messages.items.sort((a, b) => (num(obj(a.value.time).created) ?? 0) - (num(obj(b.value.time).created) ?? 0) || String(a.value.id).localeCompare(String(b.value.id)));
    for (const { path: messagePath, value: message } of ordered) {
      const messageId = str(message.id) ?? messagePath;
      const partDir = `${storage}/part/${messageId}`;
      inputs.push(partDir);
      const parts = await readJsonDir(partDir, io);
      // Parts are rewritten in place as a tool runs, which leaves the folder's mtime alone: watch each file.
      inputs.push(...parts.items.map((item) => item.path));
      parseErrors += parts.errors;
      const timestamp = isoTime(obj(message.time).created);
      let prose: string[] = [];
      let proseSource = { path: messagePath, line: 1 };
      let segment = 0;
      const closeProse = () => {
        const text = prose.join('\n');
        if (text.trim()) {
          builder.completion(segment === 0 ? messageId : `${messageId}:${segment}`, text, proseSource, timestamp, str(message.modelID));
          segment++;
        }
        prose = [];
      };
      for (const { path: partPath, value: part } of parts.items) {
        const source = { path: partPath, line: 1 };
        if (part.type === 'text' && part.synthetic !== true) {
          const text = str(part.text) ?? '';
          if (message.role === 'user') builder.user(str(part.id) ?? partPath, text, source, timestamp);
          else {
            if (!prose.length) proseSource = source;
            prose.push(text);
          }
          continue;
        }
        if (part.type !== 'tool') continue;
        closeProse();
        const state = obj(part.state);
        if (state.status !== 'completed' && state.status !== 'error') continue;
        const callId = str(part.callID) ?? str(part.id) ?? partPath;
        recordToolPart(builder, str(part.tool) ?? '', state, { id: callId, timestamp: isoTime(obj(state.time).end) ?? timestamp, source });
      }
      closeProse();
    }
    for (let i = 0; i < parseErrors; i++) builder.parseError();
    return { sessions: [builder.session], parseErrors, inputs };
  },
};
