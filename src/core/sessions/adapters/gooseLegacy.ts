/**
 * Goose before its SQLite store: sessions/<id>.jsonl in the same folder (and
 * ~/.goose/sessions/ before that). Line 1 is the session's metadata
 * {working_dir, description, ...}; every later line is one Message {role,
 * created, content: [...]} with the same tagged contents as the database
 * (source: block/goose crates/goose/src/session/legacy.rs).
 */
import type { LineAdapter } from '../adapter';
import { fileStem, normalisePath } from '../adapter';
import type { SessionBuilder } from '../builder';
import { arr, isObject, isoTime, num, obj, str, type JsonObject } from '../text';
import { resultText, SHELL, unwrap } from './gooseDb';
import { anyObject, JsonlSessionParser } from './jsonlSession';

class GooseLegacyParser extends JsonlSessionParser<JsonObject> {
  protected readonly accepts = anyObject;
  private readonly calls = new Map<string, string>();

  private ensure(meta?: JsonObject): SessionBuilder {
    return this.openSession(() => ({ id: fileStem(this.path), assistant: 'goose', sourcePath: this.path, title: str(meta?.description) || undefined, workspace: str(meta?.working_dir) }));
  }

  protected record(rec: JsonObject, lineNo: number): void {
    if (!('role' in rec)) {
      this.ensure(rec);
      return;
    }
    const b = this.ensure();
    const items = arr(rec.content).filter(isObject);
    const timestamp = isoTime((num(rec.created) ?? 0) * 1000 || undefined);
    if (!b.session.started && timestamp) b.session.started = timestamp;
    const source = { path: this.path, line: lineNo };
    const prose = items.filter((c) => c.type === 'text').map((c) => str(c.text) ?? '').join('\n');
    if (rec.role === 'user') b.user(`line-${lineNo}`, prose, source, timestamp);
    else if (rec.role === 'assistant') b.completion(`line-${lineNo}`, prose, source, timestamp);
    for (const item of items) {
      const id = str(item.id);
      if (!id) continue;
      if (item.type === 'toolRequest') {
        const call = unwrap(item.toolCall);
        const command = str(obj(call.arguments).command);
        if (SHELL.test(str(call.name) ?? '') && command) this.calls.set(id, command);
      } else if (item.type === 'toolResponse' && this.calls.has(id)) {
        const { text: output, failed } = resultText(item.toolResult);
        b.toolRun({ id, command: this.calls.get(id)!, output, failed, timestamp, source });
        this.calls.delete(id);
      }
    }
  }
}

export const gooseLegacyAdapter: LineAdapter = {
  assistant: 'goose',
  mode: 'lines',
  matchesPath: (path) => /\/(?:goose\/sessions|\.goose\/sessions)\/[^/]+\.jsonl$/i.test(normalisePath(path)),
  sniff: () => false,
  createParser: (path) => new GooseLegacyParser(path),
};
