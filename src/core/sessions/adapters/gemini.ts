/**
 * Gemini CLI: ~/.gemini/tmp/<project>/chats/session-*.json (one document,
 * rewritten) and, since 2026, session-*.jsonl (append-only: a metadata line,
 * then message records; a message is re-appended with the same id when it
 * changes, {"$set": ...} lines update metadata or replace the messages, and
 * {"$rewindTo": id} drops what follows that message; subagent chats sit in
 * chats/<parentSessionId>/<id>.jsonl). <project> is a SHA-256
 * of the path or a slug with a .project_root file naming the folder.
 */
import type { DocumentAdapter, LineAdapter, LineParser, SourceIO } from '../adapter';
import { fileStem, normalisePath } from '../adapter';
import { SessionBuilder } from '../builder';
import type { SourcePointer } from '../model';
import { arr, contentText, isObject, isoTime, LineLocator, obj, str, tryParseJson, type JsonObject } from '../text';

const SHELL_TOOLS = new Set(['run_shell_command', 'shell']);
const EDIT_TOOLS = new Set(['replace', 'write_file', 'edit', 'smart_edit', 'write_new_file']);
const FINAL_STATUS = new Set(['success', 'error', 'cancelled', 'completed', 'failed']);

function messageText(content: unknown): string {
  return contentText(content, ['text']);
}

function toolOutput(call: JsonObject): string {
  const parts = arr(call.result);
  const texts: string[] = [];
  for (const part of parts) {
    const response = obj(obj(obj(part).functionResponse).response);
    const out = str(response.output) ?? str(response.error) ?? str(response.llmContent);
    if (out) texts.push(out);
  }
  if (texts.length) return texts.join('\n');
  return str(call.resultDisplay) ?? '';
}

/** Emits a Gemini message's events, each once; returns false while the message is still being produced. */
class GeminiProjector {
  private emitted = new Set<string>();
  constructor(readonly builder: SessionBuilder) {}

  project(msg: JsonObject, source: SourcePointer, final: boolean): void {
    const id = str(msg.id) ?? `line-${source.line}`;
    const timestamp = isoTime(msg.timestamp);
    const text = messageText(msg.content);
    if (msg.type === 'user') {
      if (text && !this.emitted.has(id)) {
        this.emitted.add(id);
        this.builder.user(id, text, source, timestamp);
      }
      return;
    }
    if (msg.type !== 'gemini' && msg.type !== 'model' && msg.type !== 'assistant') return;
    const calls = arr(msg.toolCalls).filter(isObject);
    const settled = calls.every((c) => FINAL_STATUS.has(String(c.status)) || arr(c.result).length > 0);
    if (text && (settled || final) && !this.emitted.has(id)) {
      this.emitted.add(id);
      this.builder.completion(id, text, source, timestamp, str(msg.model));
    }
    calls.forEach((call, i) => {
      const callId = str(call.id) ?? `${id}:tool-${i}`;
      if (this.emitted.has(callId)) return;
      const done = FINAL_STATUS.has(String(call.status)) && (arr(call.result).length > 0 || call.status !== 'success');
      if (!done && !final) return;
      if (!done && arr(call.result).length === 0 && !call.resultDisplay) return;
      this.emitted.add(callId);
      const name = str(call.name) ?? '';
      const args = obj(call.args);
      const when = isoTime(call.timestamp) ?? timestamp;
      if (SHELL_TOOLS.has(name)) {
        const raw = toolOutput(call);
        const exit = /^Exit Code: (-?\d+)/m.exec(raw);
        const body = /^Output: ([\s\S]*?)\n(?:Error: |Exit Code: |Signal: )/m.exec(raw);
        this.builder.toolRun({
          id: callId,
          command: str(args.command) ?? '',
          output: body ? body[1] : raw,
          exitCode: exit ? Number(exit[1]) : undefined,
          failed: call.status === 'error',
          timestamp: when,
          source,
        });
      } else if (name === 'read_file' && call.status === 'success') {
        // What the session saw of a file: later edits are judged against it. Gemini marks a cut read.
        const content = toolOutput(call);
        const partial = args.offset !== undefined || args.limit !== undefined || /^IMPORTANT: The file content has been truncated/.test(content);
        const path = str(args.absolute_path) ?? str(args.file_path) ?? str(args.path) ?? '';
        if (path) this.builder.fileRead({ id: callId, path, content, partial, timestamp: when, source });
      } else if (EDIT_TOOLS.has(name)) {
        this.builder.fileEdit({
          id: callId,
          path: str(args.file_path) ?? str(args.absolute_path) ?? str(args.path) ?? '',
          oldText: str(args.old_string),
          newText: str(args.new_string) ?? str(args.content),
          operation: str(args.old_string) !== undefined ? 'replace' : str(args.content) !== undefined ? 'write' : undefined,
          applied: call.status === 'success',
          timestamp: when,
          source,
        });
      }
    });
  }
}

async function projectRoot(path: string, io: SourceIO): Promise<string | undefined> {
  const dir = normalisePath(path).replace(/\/chats\/(?:[^/]+\/)?[^/]+$/, '');
  try {
    const root = (await io.readText(`${dir}/.project_root`)).trim();
    return root || undefined;
  } catch {
    return undefined;
  }
}

function newBuilder(meta: JsonObject, path: string): SessionBuilder {
  return new SessionBuilder({
    id: str(meta.sessionId) ?? fileStem(path),
    assistant: 'gemini-cli',
    sourcePath: path,
    title: str(meta.summary) ?? str(meta.title),
    started: isoTime(meta.startTime),
  });
}

export const geminiJsonAdapter: DocumentAdapter = {
  assistant: 'gemini-cli',
  mode: 'document',
  matchesPath: (path) => /\/chats\/session-[^/]*\.json$/.test(normalisePath(path)),
  sniff: (head) => /"sessionId"\s*:/.test(head) && /"(?:projectHash|messages)"\s*:/.test(head) && !/"history"\s*:/.test(head),
  async load(path, io) {
    const text = await io.readText(path);
    const doc = tryParseJson(text);
    if (!isObject(doc)) return { sessions: [], parseErrors: 1, inputs: [path] };
    const builder = newBuilder(doc, path);
    const workspace = await projectRoot(path, io);
    if (workspace) builder.session.workspace = workspace;
    const locator = new LineLocator(text);
    const projector = new GeminiProjector(builder);
    let parseErrors = 0;
    for (const msg of arr(doc.messages)) {
      if (!isObject(msg)) {
        parseErrors++;
        builder.parseError();
        continue;
      }
      projector.project(msg, { path, line: locator.locate(str(msg.id)) }, true);
    }
    return { sessions: [builder.session], parseErrors, inputs: [path] };
  },
};

class GeminiLogParser implements LineParser {
  orphanErrors = 0;
  private projector?: GeminiProjector;
  /** Latest version of each message not yet fully emitted, with the line it was last written on. */
  private open = new Map<string, { msg: JsonObject; line: number }>();

  constructor(private readonly path: string) {}

  builders(): SessionBuilder[] {
    return this.projector ? [this.projector.builder] : [];
  }

  private ensure(meta: JsonObject): GeminiProjector {
    if (!this.projector) {
      this.projector = new GeminiProjector(newBuilder(meta, this.path));
      const parent = /\/chats\/([^/]+)\/[^/]+\.jsonl$/.exec(normalisePath(this.path))?.[1];
      if (parent) this.projector.builder.session.parentId = parent;
      for (let i = 0; i < this.orphanErrors; i++) this.projector.builder.parseError();
      this.orphanErrors = 0;
    }
    return this.projector;
  }

  line(text: string, lineNo: number): void {
    if (!text.trim()) return;
    const rec = tryParseJson(text);
    if (!isObject(rec)) {
      if (this.projector) this.projector.builder.parseError();
      else this.orphanErrors++;
      return;
    }
    if (isObject(rec.$set)) {
      const p = this.ensure({});
      const title = str(rec.$set.summary);
      if (title) p.builder.session.title = title;
      // A $set may carry the whole message list: each message is read as if re-appended.
      for (const msg of arr(rec.$set.messages).filter(isObject)) {
        this.open.set(str(msg.id) ?? `line-${lineNo}`, { msg, line: lineNo });
        p.project(msg, { path: this.path, line: lineNo }, false);
      }
      return;
    }
    if (typeof rec.$rewindTo === 'string') {
      // The user rewound: messages after that one are gone. Events already handed out stay (they happened);
      // messages still being produced after the point are dropped.
      const ids = [...this.open.keys()];
      const at = ids.indexOf(rec.$rewindTo);
      for (const id of at >= 0 ? ids.slice(at + 1) : []) this.open.delete(id);
      return;
    }
    if (typeof rec.sessionId === 'string' && rec.type === undefined) {
      this.ensure(rec);
      return;
    }
    if (typeof rec.type !== 'string') return;
    const p = this.ensure({});
    const id = str(rec.id) ?? `line-${lineNo}`;
    this.open.set(id, { msg: rec, line: lineNo });
    p.project(rec, { path: this.path, line: lineNo }, false);
  }

  flush(final: boolean): void {
    if (!this.projector || !final) return;
    for (const { msg, line } of this.open.values()) this.projector.project(msg, { path: this.path, line }, true);
    this.open.clear();
  }
}

export const geminiLogAdapter: LineAdapter = {
  assistant: 'gemini-cli',
  mode: 'lines',
  matchesPath: (path) => /\/chats\/session-[^/]*\.jsonl$/.test(normalisePath(path)) || /\/\.gemini[^/]*\/.*\/chats\/[^/]+\/[^/]+\.jsonl$/.test(normalisePath(path)),
  sniff: (head) => {
    const rec = tryParseJson(head.split('\n', 1)[0]);
    return isObject(rec) && typeof rec.sessionId === 'string' && ('projectHash' in rec || 'startTime' in rec) && !('uuid' in rec);
  },
  createParser: (path) => new GeminiLogParser(path),
};

export { projectRoot as geminiProjectRoot };
