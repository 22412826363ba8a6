/**
 * Factory Droid: ~/.factory/sessions/<encoded-cwd>/<uuid>.jsonl (+ <uuid>.settings.json).
 * Line 1 {type: "session_start", id, title, cwd}, then {type: "message", id,
 * parentId, timestamp, message: {role, content: [text | tool_use | tool_result]}}
 * (source: jazzyalex/agent-sessions DroidSessionParser.swift and its fixtures).
 */
import type { LineAdapter } from '../adapter';
import { fileStem, normalisePath } from '../adapter';
import type { SessionBuilder } from '../builder';
import { arr, contentText, isObject, isoTime, obj, str, tryParseJson } from '../text';
import { JsonlSessionParser, keyedBy, type Keyed } from './jsonlSession';
import { ShellCalls } from './shellCalls';

/** Reminders the CLI prepends to the user's words. */
const REMINDER = /<system-reminder>[\s\S]*?<\/system-reminder>\s*/g;

class DroidParser extends JsonlSessionParser<Keyed<'type'>> {
  protected readonly accepts = keyedBy('type');
  private readonly shell = new ShellCalls();

  private ensure(start?: { id?: string; title?: string; cwd?: string }, timestamp?: string): SessionBuilder {
    return this.openSession(() => ({ id: start?.id ?? fileStem(this.path), assistant: 'factory-droid', sourcePath: this.path, title: start?.title, workspace: start?.cwd, started: timestamp }));
  }

  protected record(rec: Keyed<'type'>, lineNo: number): void {
    if (rec.type === 'session_start') {
      this.ensure({ id: str(rec.id), title: str(rec.title), cwd: str(rec.cwd) });
      return;
    }
    const timestamp = isoTime(rec.timestamp);
    const b = this.ensure(undefined, timestamp);
    if (!b.session.started && timestamp) b.session.started = timestamp;
    if (rec.type !== 'message') return b.unknownRecord(rec.type);
    const message = obj(rec.message);
    const content = arr(message.content);
    const id = str(rec.id) ?? `line-${lineNo}`;
    const source = { path: this.path, line: lineNo };
    if (message.role === 'user') b.user(id, contentText(content).replace(REMINDER, ''), source, timestamp);
    else if (message.role === 'assistant') b.completion(id, contentText(content), source, timestamp, str(message.model));
    for (const block of content.filter(isObject)) {
      if (block.type === 'tool_use') this.shell.call(str(block.id), str(obj(block.input).command));
      else if (block.type === 'tool_result') {
        const output = typeof block.content === 'string' ? block.content : contentText(block.content);
        this.shell.result(b, str(block.tool_use_id), output, block.is_error === true, source, timestamp);
      }
    }
  }
}

export const factoryDroidAdapter: LineAdapter = {
  assistant: 'factory-droid',
  mode: 'lines',
  matchesPath: (path) => /\/\.factory\/sessions\/(?:[^/]+\/)?[^/]+\.jsonl$/.test(normalisePath(path)),
  sniff: (head) => {
    const rec = tryParseJson(head.split('\n', 1)[0]);
    return isObject(rec) && rec.type === 'session_start' && typeof rec.id === 'string' && 'cwd' in rec;
  },
  createParser: (path) => new DroidParser(path),
};
