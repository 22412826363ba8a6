/**
 * Qwen Code: ~/.qwen/projects/<project>/chats/<sessionId>.jsonl. A
 * Claude-style envelope {uuid, parentUuid, sessionId, timestamp, type, cwd,
 * model} around Gemini-API content {role: user | model, parts: [{text,
 * thought?}, {functionCall}, {functionResponse}]} (source:
 * jazzyalex/agent-sessions QwenSessionDiscovery.swift and fixtures qwen/).
 * Shell output carries "Exit Code: N" as Gemini CLI's does.
 */
import type { LineAdapter } from '../adapter';
import { fileStem, normalisePath } from '../adapter';
import { arr, isObject, isoTime, obj, str } from '../text';
import { JsonlSessionParser, keyedBy, type Keyed } from './jsonlSession';
import { ShellCalls } from './shellCalls';

const SHELL = new Set(['run_shell_command', 'shell']);

class QwenParser extends JsonlSessionParser<Keyed<'type'>> {
  protected readonly accepts = keyedBy('type');
  private readonly shell = new ShellCalls();

  protected record(rec: Keyed<'type'>, lineNo: number): void {
    const timestamp = isoTime(rec.timestamp);
    const b = this.openSession(() => ({ id: fileStem(this.path), assistant: 'qwen-code', sourcePath: this.path, workspace: str(rec.cwd), started: timestamp }));
    const parts = arr(obj(rec.message).parts).filter(isObject);
    const prose = parts
      .filter((p) => typeof p.text === 'string' && p.thought !== true)
      .map((p) => p.text as string)
      .join('');
    const id = str(rec.uuid) ?? `line-${lineNo}`;
    const source = { path: this.path, line: lineNo };
    if (rec.type === 'user') b.user(id, prose, source, timestamp);
    else if (rec.type === 'assistant') b.completion(id, prose, source, timestamp, str(rec.model));
    else if (rec.type !== 'tool_result' && rec.type !== 'system') b.unknownRecord(rec.type);
    for (const part of parts) {
      const call = obj(part.functionCall);
      if (SHELL.has(str(call.name) ?? '')) this.shell.call(str(call.id), str(obj(call.args).command));
      const response = obj(part.functionResponse);
      if (str(response.id)) {
        const body = obj(response.response);
        this.shell.result(b, str(response.id), str(body.output) ?? str(body.error) ?? '', 'error' in body, source, timestamp);
      }
    }
  }
}

export const qwenCodeAdapter: LineAdapter = {
  assistant: 'qwen-code',
  mode: 'lines',
  matchesPath: (path) => /\/\.qwen\/projects\/[^/]+\/chats\/(?:archive\/)?[^/]+\.jsonl$/.test(normalisePath(path)),
  sniff: () => false,
  createParser: (path) => new QwenParser(path),
};
