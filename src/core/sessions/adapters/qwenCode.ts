/**
 * Qwen Code: ~/.qwen/projects/<project>/chats/<sessionId>.jsonl. A
 * Claude-style envelope {uuid, parentUuid, sessionId, timestamp, type, cwd,
 * model} around Gemini-API content {role: user | model, parts: [{text,
 * thought?}, {functionCall}, {functionResponse}]} (source:
 * jazzyalex/agent-sessions QwenSessionDiscovery.swift and fixtures qwen/).
 * Shell output carries "Exit Code: N" as Gemini CLI's does.
 */
import type { LineAdapter, LineParser } from '../adapter';
import { fileStem, normalisePath } from '../adapter';
import { SessionBuilder } from '../builder';
import { arr, isObject, isoTime, obj, str, tryParseJson } from '../text';
import { ShellCalls } from './shellCalls';

const SHELL = new Set(['run_shell_command', 'shell']);

class QwenParser implements LineParser {
  orphanErrors = 0;
  private builder?: SessionBuilder;
  private readonly shell = new ShellCalls();

  constructor(private readonly path: string) {}

  builders(): SessionBuilder[] {
    return this.builder ? [this.builder] : [];
  }

  line(text: string, lineNo: number): void {
    if (!text.trim()) return;
    const rec = tryParseJson(text);
    if (!isObject(rec) || typeof rec.type !== 'string') {
      if (this.builder) this.builder.parseError();
      else this.orphanErrors++;
      return;
    }
    const timestamp = isoTime(rec.timestamp);
    if (!this.builder) {
      this.builder = new SessionBuilder({ id: fileStem(this.path), assistant: 'qwen-code', sourcePath: this.path, workspace: str(rec.cwd), started: timestamp });
      for (let i = 0; i < this.orphanErrors; i++) this.builder.parseError();
      this.orphanErrors = 0;
    }
    const b = this.builder;
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

  flush(): void {
    // Each record is complete on its line.
  }
}

export const qwenCodeAdapter: LineAdapter = {
  assistant: 'qwen-code',
  mode: 'lines',
  matchesPath: (path) => /\/\.qwen\/projects\/[^/]+\/chats\/(?:archive\/)?[^/]+\.jsonl$/.test(normalisePath(path)),
  sniff: () => false,
  createParser: (path) => new QwenParser(path),
};
