/**
 * Cursor Agent transcripts (the `cursor-agent` CLI and the 2026 agent window):
 * ~/.cursor/projects/<slug>/agent-transcripts/<id>/<id>.jsonl (or <id>.jsonl),
 * subagents under <parentId>/subagents/<uuid>.jsonl. Lines are
 * {role, message: {content: [text | tool_use | tool_result | thinking]}} and a
 * roleless {type: "turn_ended"} (sources: jazzyalex/agent-sessions
 * CursorSessionParser.swift and its fixtures). Lines carry no timestamps and no
 * model. Tool results may be absent: a shell call whose result never comes is
 * still a run, of unknown outcome, once its turn ends.
 */
import type { LineAdapter } from '../adapter';
import { fileStem, normalisePath } from '../adapter';
import type { SessionBuilder } from '../builder';
import { arr, contentText, isObject, obj, str, tryParseJson, type JsonObject } from '../text';
import { anyObject, JsonlSessionParser } from './jsonlSession';

export const SHELL_TOOLS = /^(?:shell|bash|run_terminal_cmd|run_terminal_command(?:_v2)?|terminal)$/i;
export const EDIT_TOOLS = /^(?:edit|write|strreplace|str_replace|search_replace|edit_file|multiedit)$/i;

interface Call {
  command: string;
  line: number;
}

class CursorAgentParser extends JsonlSessionParser<JsonObject> {
  protected readonly accepts = anyObject;
  private readonly calls = new Map<string, Call>();

  /** The session starts with its first readable line. */
  private get session(): SessionBuilder {
    return this.openSession(() => ({
      id: fileStem(this.path),
      assistant: 'cursor',
      sourcePath: this.path,
      parentId: /\/agent-transcripts\/([^/]+)\/subagents\/[^/]+\.jsonl$/.exec(normalisePath(this.path))?.[1],
    }));
  }

  protected record(rec: JsonObject, lineNo: number): void {
    if (rec.type === 'turn_ended') {
      this.endTurn(lineNo);
      return;
    }
    const content = arr(obj(rec.message).content);
    const source = { path: this.path, line: lineNo };
    if (rec.role === 'user') {
      const typed = contentText(content).replace(/<\/?user_query>/g, '').trim();
      this.session.user(`line-${lineNo}`, typed, source);
    } else if (rec.role === 'assistant') {
      this.session.completion(`line-${lineNo}`, contentText(content), source);
    } else return;
    content.filter(isObject).forEach((block, k) => this.block(block, `line-${lineNo}:${k}`, lineNo));
  }

  private block(block: JsonObject, fallbackId: string, lineNo: number): void {
    const source = { path: this.path, line: lineNo };
    if (block.type === 'tool_use') {
      const name = str(block.name) ?? '';
      const input = obj(block.input);
      const id = str(block.id) ?? fallbackId;
      if (SHELL_TOOLS.test(name) && str(input.command)) this.calls.set(id, { command: str(input.command)!, line: lineNo });
      else if (EDIT_TOOLS.test(name)) {
        this.session.fileEdit({
          id,
          path: str(input.path) ?? str(input.file_path) ?? str(input.target_file) ?? '',
          oldText: str(input.old_string) ?? str(input.old_str),
          newText: str(input.new_string) ?? str(input.new_str) ?? str(input.contents) ?? str(input.code_edit),
          source,
        });
      }
    } else if (block.type === 'tool_result') {
      const id = str(block.tool_use_id);
      const call = id ? this.calls.get(id) : undefined;
      if (!id || !call) return;
      this.calls.delete(id);
      const output = typeof block.content === 'string' ? block.content : contentText(block.content);
      const exit = /exit(?:ed with)? code:? (-?\d+)/i.exec(output);
      this.session.toolRun({ id, command: call.command, output, exitCode: exit ? Number(exit[1]) : undefined, failed: block.is_error === true, source });
    }
  }

  /** Shell calls whose result never came are runs of unknown outcome. */
  private endTurn(lineNo: number): void {
    for (const [id, call] of this.calls) this.session.toolRun({ id, command: call.command, output: '', source: { path: this.path, line: call.line || lineNo } });
    this.calls.clear();
  }

  override flush(final: boolean): void {
    if (final && this.calls.size) this.endTurn(0);
  }
}

export const cursorAgentAdapter: LineAdapter = {
  assistant: 'cursor',
  mode: 'lines',
  matchesPath: (path) => /\/agent-transcripts\/(?:[^/]+\/)?(?:subagents\/)?[^/]+\.jsonl$/.test(normalisePath(path)),
  sniff: (head) => {
    const rec = tryParseJson(head.split('\n', 1)[0]);
    return isObject(rec) && (rec.role === 'user' || rec.role === 'assistant') && isObject(rec.message) && Array.isArray(rec.message.content) && !('type' in rec) && !('uuid' in rec);
  },
  createParser: (path) => new CursorAgentParser(path),
};
