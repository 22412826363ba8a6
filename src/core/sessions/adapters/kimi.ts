/**
 * Kimi CLI (MoonshotAI/kimi-cli): ~/.kimi/sessions/<work-dir-hash>/<session-id>/context.jsonl,
 * OpenAI-style chat lines {role: user | assistant | tool, content, tool_calls,
 * tool_call_id} plus bookkeeping rows with roles `_checkpoint` and `_usage`
 * (source: MoonshotAI/kimi-cli wiki/context-management.md, "Data Locations").
 */
import type { LineAdapter } from '../adapter';
import { normalisePath } from '../adapter';
import { arr, contentText, isObject, obj, str, tryParseJson } from '../text';
import { JsonlSessionParser, keyedBy, type Keyed } from './jsonlSession';
import { ShellCalls } from './shellCalls';

/** Kimi's shell tools, shared with Kimi Code. */
export const KIMI_SHELL = /^(?:shell|bash|run_shell_command)$/i;

class KimiParser extends JsonlSessionParser<Keyed<'role'>> {
  protected readonly accepts = keyedBy('role');
  private readonly shell = new ShellCalls();

  protected record(rec: Keyed<'role'>, lineNo: number): void {
    const b = this.openSession(() => ({
      id: /\/sessions\/[^/]+\/([^/]+)\/context\.jsonl$/.exec(normalisePath(this.path))?.[1] ?? 'context',
      assistant: 'kimi',
      sourcePath: this.path,
    }));
    const source = { path: this.path, line: lineNo };
    const body = typeof rec.content === 'string' ? rec.content : contentText(rec.content);
    switch (rec.role) {
      case 'user':
        return b.user(`line-${lineNo}`, body, source);
      case 'assistant':
        b.completion(`line-${lineNo}`, body, source);
        for (const call of arr(rec.tool_calls).filter(isObject)) {
          const fn = obj(call.function);
          if (KIMI_SHELL.test(str(fn.name) ?? '')) this.shell.call(str(call.id), str(obj(tryParseJson(str(fn.arguments) ?? '') ?? fn.arguments).command));
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
}

export const kimiAdapter: LineAdapter = {
  assistant: 'kimi',
  mode: 'lines',
  matchesPath: (path) => /\/\.kimi\/sessions\/[^/]+\/[^/]+\/context\.jsonl$/.test(normalisePath(path)),
  sniff: () => false,
  createParser: (path) => new KimiParser(path),
};
