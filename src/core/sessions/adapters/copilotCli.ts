/**
 * GitHub Copilot CLI: ~/.copilot/session-state/<id>/events.jsonl (since 1.0.11;
 * before that a flat <id>.jsonl), one event per line {type, data, id,
 * timestamp, parentId} (source: jazzyalex/agent-sessions fixtures
 * copilot/*.jsonl and its support matrix). `assistant.message` carries the
 * prose and `toolRequests`; `tool.execution_complete` the result, paired by
 * toolCallId. Shell output ends with "<exited with exit code N>".
 */
import type { LineAdapter } from '../adapter';
import { fileStem, normalisePath } from '../adapter';
import type { SessionBuilder } from '../builder';
import { arr, isObject, isoTime, num, obj, str, tryParseJson, type JsonObject } from '../text';
import { JsonlSessionParser, keyedBy, type Keyed } from './jsonlSession';

interface Call {
  name: string;
  args: JsonObject;
}

const EDIT_TOOLS = new Set(['edit', 'create', 'str_replace_editor', 'str_replace', 'write']);
const EXITED = /<exited with exit code (-?\d+)>/;
/** Events that carry no conversation content (2026 additions included); others are counted as drift. */
const KNOWN_EVENTS = new Set([
  'session.model_change',
  'session.info',
  'session.shutdown',
  'session.auto_mode_resolved',
  'session.usage_checkpoint',
  'session.error',
  'assistant.turn_start',
  'assistant.turn_end',
  'assistant.reasoning',
  'tool.execution_partial_result',
]);

class CopilotCliParser extends JsonlSessionParser<Keyed<'type'>> {
  protected readonly accepts = keyedBy('type');
  /** A tool still running has no result yet: nothing to flush at the end of a read. */
  private readonly calls = new Map<string, Call>();
  /** Chunks of one long assistant message, joined when the last arrives. */
  private chunks: string[] = [];

  private ensure(start?: JsonObject, timestamp?: string): SessionBuilder {
    return this.openSession(() => {
      const folderId = /\/session-state\/([^/]+)\/events\.jsonl$/.exec(normalisePath(this.path))?.[1];
      return {
        id: str(start?.sessionId) ?? folderId ?? fileStem(this.path),
        assistant: 'copilot-cli',
        sourcePath: this.path,
        workspace: str(obj(start?.context).cwd) ?? str(start?.cwd),
        started: isoTime(start?.startTime) ?? timestamp,
      };
    });
  }

  protected record(rec: Keyed<'type'>, lineNo: number): void {
    const data = obj(rec.data);
    const timestamp = isoTime(rec.timestamp);
    const source = { path: this.path, line: lineNo };
    const id = str(rec.id) ?? `line-${lineNo}`;
    if (rec.type === 'session.start') {
      this.ensure(data, timestamp);
      return;
    }
    const b = this.ensure(undefined, timestamp);
    switch (rec.type) {
      case 'user.message':
        b.user(id, str(data.content) ?? '', source, timestamp);
        return;
      case 'assistant.message': {
        for (const request of arr(data.toolRequests).filter(isObject)) {
          const callId = str(request.toolCallId);
          if (callId) this.calls.set(callId, { name: str(request.name) ?? '', args: obj(request.arguments) });
        }
        const count = num(data.chunkCount);
        const index = num(data.chunkIndex);
        if (count !== undefined && index !== undefined && count > 1) {
          this.chunks.push(str(data.content) ?? '');
          if (index + 1 < count) return;
          b.completion(str(data.messageId) ?? id, this.chunks.join(''), source, timestamp);
          this.chunks = [];
          return;
        }
        b.completion(id, str(data.content) ?? '', source, timestamp);
        return;
      }
      case 'tool.execution_start': {
        const callId = str(data.toolCallId);
        if (callId && !this.calls.has(callId)) this.calls.set(callId, { name: str(data.toolName) ?? '', args: obj(data.arguments) });
        return;
      }
      case 'tool.execution_complete':
        return this.complete(b, data, source, timestamp);
      default:
        if (!KNOWN_EVENTS.has(rec.type) && !rec.type.startsWith('hook.')) b.unknownRecord(rec.type);
        return;
    }
  }

  private complete(b: SessionBuilder, data: JsonObject, source: { path: string; line: number }, timestamp?: string): void {
    const callId = str(data.toolCallId);
    const call = callId ? this.calls.get(callId) : undefined;
    if (!callId || !call) return;
    this.calls.delete(callId);
    const result = obj(data.result);
    const output = str(result.content) ?? str(result.detailedContent) ?? str(obj(data.error).message) ?? '';
    const exited = EXITED.exec(output);
    const command = str(call.args.command);
    if (command !== undefined) {
      b.toolRun({ id: callId, command, output, exitCode: exited ? Number(exited[1]) : undefined, failed: data.success === false, timestamp, source });
    } else if (EDIT_TOOLS.has(call.name)) {
      b.fileEdit({
        id: callId,
        path: str(call.args.path) ?? str(call.args.file_path) ?? '',
        oldText: str(call.args.old_str),
        newText: str(call.args.new_str) ?? str(call.args.file_text),
        applied: data.success === false ? false : undefined,
        timestamp,
        source,
      });
    }
  }
}

export const copilotCliAdapter: LineAdapter = {
  assistant: 'copilot-cli',
  mode: 'lines',
  matchesPath: (path) => /\/\.copilot\/session-state\/(?:[^/]+\/events|[^/]+)\.jsonl$/.test(normalisePath(path)),
  sniff: (head) => {
    const rec = tryParseJson(head.split('\n', 1)[0]);
    return isObject(rec) && rec.type === 'session.start' && isObject(rec.data) && (str(rec.data.producer) === 'copilot-agent' || 'copilotVersion' in rec.data);
  },
  createParser: (path) => new CopilotCliParser(path),
};
