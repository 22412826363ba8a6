/**
 * Cursor Agent's older plain-text transcripts, written before the JSONL ones:
 * ~/.cursor/projects/<slug>/agent-transcripts/<id>.txt. A turn opens with a
 * line `user:` or `assistant:`; the user's words sit in <user_query> tags;
 * inside an assistant turn, `[Thinking] ...`, `[Tool call] Name` (arguments
 * on the indented lines below, `  key: value`) and `[Tool result] Name` (the
 * output on the lines below) mark what is not prose. The format has no ids,
 * no timestamps and no exit codes, so results are paired with the oldest
 * waiting call of the same tool, and the outcome comes from the output.
 *
 * How far a block reaches is our reading of the documented shape: thinking
 * ends at a blank line, a call's arguments at the first line that is not
 * indented, a result's output at the next marker. A line with a NUL byte is
 * not text and counts as a parse error.
 */
import type { LineAdapter, LineParser } from '../adapter';
import { fileStem, normalisePath } from '../adapter';
import { SessionBuilder } from '../builder';
import { EDIT_TOOLS, SHELL_TOOLS } from './cursorAgent';

const TURN = /^(user|assistant):\s*$/;
const THINKING = /^\[Thinking\]/;
const TOOL_CALL = /^\[Tool call\]\s*(.*)$/;
const TOOL_RESULT = /^\[Tool result\]\s*(.*)$/;
const ARGUMENT = /^ {2}([A-Za-z_][\w-]*):(?: (.*))?$/;
const EXIT = /\b(?:exit code|exited with code)[:\s]+(-?\d+)\b/i;

interface Call {
  name: string;
  line: number;
  args: Record<string, string>;
  lastKey?: string;
}

type Block =
  | { kind: 'none' }
  | { kind: 'text'; start: number; lines: string[] }
  | { kind: 'thinking' }
  | { kind: 'call'; call: Call }
  /** `done`: its run was handed out when the writer paused; lines until the next marker still belong to it. */
  | { kind: 'result'; start: number; name: string; lines: string[]; done?: boolean };

class CursorTextParser implements LineParser {
  orphanErrors = 0;
  private builder?: SessionBuilder;
  private role: 'user' | 'assistant' | undefined;
  private block: Block = { kind: 'none' };
  /** Calls waiting for their results, oldest first. */
  private waiting: Call[] = [];

  constructor(private readonly path: string) {}

  builders(): SessionBuilder[] {
    return this.builder ? [this.builder] : [];
  }

  private get session(): SessionBuilder {
    if (!this.builder) {
      this.builder = new SessionBuilder({ id: fileStem(this.path), assistant: 'cursor', sourcePath: this.path });
      for (let i = 0; i < this.orphanErrors; i++) this.builder.parseError();
      this.orphanErrors = 0;
    }
    return this.builder;
  }

  line(raw: string, lineNo: number): void {
    if (raw.includes('\u0000')) {
      if (this.builder) this.builder.parseError();
      else this.orphanErrors++;
      return;
    }
    const text = raw.replace(/\r$/, '');
    const turn = TURN.exec(text);
    if (turn) {
      this.close();
      this.role = turn[1] as 'user' | 'assistant';
      // The user speaking again means the waiting calls ended with no result written.
      if (this.role === 'user') this.endWaiting();
      return;
    }
    if (this.role === 'assistant' && this.marker(text, lineNo)) return;
    const block = this.block;
    if (block.kind === 'thinking') {
      if (text.trim()) return;
      this.block = { kind: 'none' };
      return;
    }
    if (block.kind === 'call') {
      if (this.argument(block.call, text)) return;
      this.close();
    }
    if (block.kind === 'result') {
      if (!block.done) block.lines.push(text);
      return;
    }
    if (this.block.kind === 'text') {
      this.block.lines.push(text);
      return;
    }
    if (!text.trim() || !this.role) return;
    this.block = { kind: 'text', start: lineNo, lines: [text] };
  }

  /** The assistant's markers; true when the line was one. */
  private marker(text: string, lineNo: number): boolean {
    if (THINKING.test(text)) {
      this.close();
      this.block = { kind: 'thinking' };
      return true;
    }
    const call = TOOL_CALL.exec(text);
    if (call) {
      this.close();
      this.block = { kind: 'call', call: { name: call[1].trim(), line: lineNo, args: {} } };
      return true;
    }
    const result = TOOL_RESULT.exec(text);
    if (result) {
      this.close();
      this.block = { kind: 'result', start: lineNo, name: result[1].trim(), lines: [] };
      return true;
    }
    return false;
  }

  /** An argument line of a tool call, or the continuation of a multi-line value; false ends the call. */
  private argument(call: Call, text: string): boolean {
    const arg = ARGUMENT.exec(text);
    if (arg) {
      call.args[arg[1]] = arg[2] ?? '';
      call.lastKey = arg[1];
      return true;
    }
    if (call.lastKey && /^ {4}/.test(text)) {
      const previous = call.args[call.lastKey];
      call.args[call.lastKey] = previous ? `${previous}\n${text.slice(4)}` : text.slice(4);
      return true;
    }
    return false;
  }

  /** Ends the open block, handing what it held to the session. */
  private close(): void {
    const block = this.block;
    this.block = { kind: 'none' };
    if (block.kind === 'text') {
      const body = block.lines.join('\n').trim();
      const source = { path: this.path, line: block.start };
      if (!body) return;
      if (this.role === 'user') this.session.user(`line-${block.start}`, body.replace(/<\/?user_query>/g, '').trim(), source);
      else this.session.completion(`line-${block.start}`, body, source);
    } else if (block.kind === 'call') {
      this.called(block.call);
    } else if (block.kind === 'result' && !block.done) {
      this.resulted(block.name, block.lines.join('\n').trim(), block.start);
    }
  }

  private called(call: Call): void {
    const { args } = call;
    if (SHELL_TOOLS.test(call.name) && args.command) {
      this.waiting.push(call);
      return;
    }
    if (!EDIT_TOOLS.test(call.name)) return;
    this.session.fileEdit({
      id: `line-${call.line}`,
      path: args.path ?? args.file_path ?? args.target_file ?? '',
      oldText: args.old_string ?? args.old_str,
      newText: args.new_string ?? args.new_str ?? args.contents ?? args.code_edit,
      source: { path: this.path, line: call.line },
    });
  }

  private resulted(name: string, output: string, lineNo: number): void {
    const at = this.waiting.findIndex((c) => c.name === name);
    if (at === -1) return;
    const [call] = this.waiting.splice(at, 1);
    this.run(call, output, lineNo);
  }

  private run(call: Call, output: string, lineNo: number): void {
    const exit = EXIT.exec(output);
    this.session.toolRun({ id: `line-${call.line}`, command: call.args.command, output, exitCode: exit ? Number(exit[1]) : undefined, source: { path: this.path, line: lineNo } });
  }

  flush(final: boolean): void {
    const block = this.block;
    if (!final && block.kind === 'call') return; // its arguments may go on; a call is no event until its result
    // Cursor writes a turn's blocks whole, so an open block is complete once the writer pauses.
    this.close();
    if (!final && block.kind === 'result') this.block = { ...block, done: true };
    if (final) this.endWaiting();
  }

  /** Calls whose result never came are runs of unknown outcome. */
  private endWaiting(): void {
    for (const call of this.waiting) this.run(call, '', call.line);
    this.waiting = [];
  }
}

export const cursorAgentTextAdapter: LineAdapter = {
  assistant: 'cursor',
  mode: 'lines',
  matchesPath: (path) => /\/agent-transcripts\/[^/]+\.txt$/.test(normalisePath(path)),
  sniff: (head, path) => /\.txt$/i.test(path) && /^(?:user|assistant):\s*$/m.test(head) && /<user_query>|^\[Tool (?:call|result)\] /m.test(head),
  createParser: (path) => new CursorTextParser(path),
};
