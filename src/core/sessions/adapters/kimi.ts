/**
 * Kimi CLI (MoonshotAI/kimi-cli): ~/.kimi/sessions/<work-dir-hash>/<session-id>/context.jsonl,
 * OpenAI-style chat lines {role: user | assistant | tool, content, tool_calls,
 * tool_call_id} plus bookkeeping rows with roles `_checkpoint` and `_usage`
 * (source: MoonshotAI/kimi-cli wiki/context-management.md, "Data Locations").
 */
import type { LineAdapter, LineParser } from '../adapter';
import { normalisePath } from '../adapter';
import { SessionBuilder } from '../builder';
import { arr, contentText, isObject, obj, str, tryParseJson } from '../text';
import { ShellCalls } from './shellCalls';

const SHELL = /^(?:shell|bash|run_shell_command)$/i;

class KimiParser implements LineParser {
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
    if (!isObject(rec) || typeof rec.role !== 'string') {
      if (this.builder) this.builder.parseError();
      else this.orphanErrors++;
      return;
    }
    if (!this.builder) {
      const id = /\/sessions\/[^/]+\/([^/]+)\/context\.jsonl$/.exec(normalisePath(this.path))?.[1] ?? 'context';
      this.builder = new SessionBuilder({ id, assistant: 'kimi', sourcePath: this.path });
      for (let i = 0; i < this.orphanErrors; i++) this.builder.parseError();
      this.orphanErrors = 0;
    }
    const b = this.builder;
    const source = { path: this.path, line: lineNo };
    const body = typeof rec.content === 'string' ? rec.content : contentText(rec.content);
    switch (rec.role) {
      case 'user':
        return b.user(`line-${lineNo}`, body, source);
      case 'assistant':
        b.completion(`line-${lineNo}`, body, source);
        for (const call of arr(rec.tool_calls).filter(isObject)) {
          const fn = obj(call.function);
          if (SHELL.test(str(fn.name) ?? '')) this.shell.call(str(call.id), str(obj(tryParseJson(str(fn.arguments) ?? '') ?? fn.arguments).command));
        }
        return;
      case 'tool':
        return this.shell.result(b, str(rec.tool_call_id), body, /<system>ERROR/i.test(body), source);
      case '_checkpoint':
      case '_usage':
      case 'system':
        return;
      default:
        b.unknownRecord(rec.role);
    }
  }

  flush(): void {
    // Each line is complete.
  }
}

export const kimiAdapter: LineAdapter = {
  assistant: 'kimi',
  mode: 'lines',
  matchesPath: (path) => /\/\.kimi\/sessions\/[^/]+\/[^/]+\/context\.jsonl$/.test(normalisePath(path)),
  sniff: () => false,
  createParser: (path) => new KimiParser(path),
};
