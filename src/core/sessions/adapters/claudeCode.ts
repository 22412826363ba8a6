/**
 * Claude Code: ~/.claude/projects/<cwd slug>/<sessionId>.jsonl, one record per
 * line. One API response is written as several lines sharing message.id (one
 * content block each), so blocks are merged until another message starts.
 * Sidechain (subagent) records go to a session of their own.
 */
import type { LineAdapter, LineParser } from '../adapter';
import { fileStem, normalisePath } from '../adapter';
import { SessionBuilder } from '../builder';
import { arr, contentText, isObject, isoTime, num, obj, str, tryParseJson, type Json, type JsonObject } from '../text';

interface PendingTool {
  name: string;
  input: JsonObject;
  line: number;
  timestamp?: string;
}

interface PendingMessage {
  id: string;
  texts: string[];
  /** How many of `texts` were already emitted (a tail flushed mid-message). */
  emitted: number;
  parts: number;
  line: number;
  timestamp?: string;
  model?: string;
}

interface Track {
  builder: SessionBuilder;
  pending?: PendingMessage;
  tools: Map<string, PendingTool>;
}

const EDIT_TOOLS = new Set(['Edit', 'MultiEdit', 'Write', 'NotebookEdit', 'str_replace_based_edit_tool']);
const SHELL_TOOLS = new Set(['Bash', 'bash', 'PowerShell']);

/** Record types known to carry no conversation content (2026 additions included); any other unknown type is counted. */
const CONTENTLESS = new Set(['system', 'attachment', 'mode', 'permission-mode', 'progress', 'file-history-snapshot', 'queue-operation', 'stop_hook_summary', 'bridge-session', 'atis-latch', 'last-prompt', 'tag', 'agent-name', 'pr-link']);

class ClaudeCodeParser implements LineParser {
  orphanErrors = 0;
  private main?: Track;
  private side?: Track;
  private title?: string;
  private readonly isAgentFile: boolean;

  constructor(private readonly path: string) {
    this.isAgentFile = /(?:^|\/)agent-[^/]*\.jsonl$|\/subagents\//.test(normalisePath(path));
  }

  builders(): SessionBuilder[] {
    return [this.main, this.side].filter((t): t is Track => !!t).map((t) => t.builder);
  }

  private track(rec: JsonObject): Track {
    const sessionId = str(rec.sessionId) ?? fileStem(this.path);
    const sidechain = rec.isSidechain === true && !this.isAgentFile;
    const key = sidechain ? 'side' : 'main';
    let t = this[key];
    if (!t) {
      const started = isoTime(rec.timestamp);
      const workspace = str(rec.cwd);
      const id = this.isAgentFile ? str(rec.agentId) ? `agent-${str(rec.agentId)}` : fileStem(this.path) : sidechain ? `${sessionId}:sidechain` : sessionId;
      const builder = new SessionBuilder({
        id,
        assistant: 'claude-code',
        sourcePath: this.path,
        title: this.title,
        workspace,
        started,
        parentId: this.isAgentFile || sidechain ? sessionId : undefined,
      });
      for (let i = 0; i < this.orphanErrors; i++) builder.parseError();
      this.orphanErrors = 0;
      t = { builder, tools: new Map() };
      this[key] = t;
    }
    return t;
  }

  private countError(): void {
    const t = this.main ?? this.side;
    if (t) t.builder.parseError();
    else this.orphanErrors++;
  }

  line(text: string, lineNo: number): void {
    if (!text.trim()) return;
    const rec = tryParseJson(text);
    if (!isObject(rec)) {
      this.countError();
      return;
    }
    switch (rec.type) {
      case 'summary':
      case 'ai-title':
      case 'custom-title': {
        const title = str(rec.summary) ?? str(rec.title) ?? str(rec.aiTitle) ?? str(rec.customTitle);
        if (title) {
          this.title = title;
          for (const t of [this.main, this.side]) if (t) t.builder.session.title = title;
        }
        return;
      }
      case 'user':
        return this.userRecord(rec, lineNo);
      case 'assistant':
        return this.assistantRecord(rec, lineNo);
      default:
        // system, attachment, mode, progress ... carry no conversation content; other kinds are drift.
        if (typeof rec.type === 'string' && !CONTENTLESS.has(rec.type)) (this.main ?? this.side)?.builder.unknownRecord(rec.type);
        return;
    }
  }

  private finishMessage(t: Track): void {
    const p = t.pending;
    if (!p) return;
    const fresh = p.texts.slice(p.emitted);
    if (fresh.length) {
      const id = p.emitted === 0 ? p.id : `${p.id}:${p.emitted}`;
      t.builder.completion(id, fresh.join('\n\n'), { path: this.path, line: p.line }, p.timestamp, p.model);
      p.emitted = p.texts.length;
    }
  }

  private assistantRecord(rec: JsonObject, lineNo: number): void {
    const t = this.track(rec);
    const message = obj(rec.message);
    const id = str(message.id) ?? str(rec.uuid) ?? `line-${lineNo}`;
    if (t.pending && t.pending.id !== id) {
      this.finishMessage(t);
      t.pending = undefined;
    }
    const timestamp = isoTime(rec.timestamp);
    if (!t.pending) {
      t.pending = { id, texts: [], emitted: 0, parts: 0, line: lineNo, timestamp, model: str(message.model) };
    }
    const p = t.pending;
    const content = message.content;
    if (typeof content === 'string') {
      if (p.texts.length === p.emitted) p.line = lineNo;
      p.texts.push(content);
    }
    for (const block of arr(content)) {
      if (!isObject(block)) continue;
      if (block.type === 'text' && typeof block.text === 'string') {
        if (p.texts.length === p.emitted) p.line = lineNo;
        p.texts.push(block.text);
      } else if (block.type === 'tool_use') {
        const toolId = str(block.id);
        if (toolId) t.tools.set(toolId, { name: str(block.name) ?? '', input: obj(block.input), line: lineNo, timestamp });
      }
    }
    if (message.stop_reason !== null && message.stop_reason !== undefined) this.finishMessage(t);
  }

  private userRecord(rec: JsonObject, lineNo: number): void {
    const t = this.track(rec);
    this.finishMessage(t);
    t.pending = undefined;
    const message = obj(rec.message);
    const timestamp = isoTime(rec.timestamp);
    const content = message.content;
    const source = { path: this.path, line: lineNo };
    if (rec.isMeta === true) return;
    if (typeof content === 'string') {
      t.builder.user(str(rec.uuid) ?? `line-${lineNo}`, content, source, timestamp);
      return;
    }
    const text = contentText(arr(content).filter((b) => isObject(b) && b.type === 'text'));
    if (text) t.builder.user(str(rec.uuid) ?? `line-${lineNo}`, text, source, timestamp);
    for (const block of arr(content)) {
      if (isObject(block) && block.type === 'tool_result') this.toolResult(t, block, rec.toolUseResult, lineNo, timestamp);
    }
  }

  private toolResult(t: Track, block: JsonObject, toolUseResult: Json | undefined, lineNo: number, timestamp?: string): void {
    const toolId = str(block.tool_use_id);
    const tool = toolId ? t.tools.get(toolId) : undefined;
    if (!toolId || !tool) return;
    t.tools.delete(toolId);
    const isError = block.is_error === true;
    const source = { path: this.path, line: lineNo };
    if (SHELL_TOOLS.has(tool.name)) {
      const command = str(tool.input.command) ?? '';
      let output = contentText(block.content);
      const structured = obj(toolUseResult);
      if (!isError && (typeof structured.stdout === 'string' || typeof structured.stderr === 'string')) {
        output = [str(structured.stdout), str(structured.stderr)].filter(Boolean).join('\n');
      }
      const exit = /^(?:Error: )?Exit code (\d+)/.exec(output);
      let exitCode = exit ? Number(exit[1]) : undefined;
      if (exitCode === undefined && !isError && structured.interrupted === false) exitCode = num(structured.exitCode) ?? 0;
      t.builder.toolRun({ id: toolId, command, output, exitCode, failed: isError, timestamp, source });
    } else if (EDIT_TOOLS.has(tool.name)) {
      const input = tool.input;
      const path = str(input.file_path) ?? str(input.notebook_path) ?? str(input.path) ?? '';
      let oldText = str(input.old_string) ?? str(input.old_str);
      let newText = str(input.new_string) ?? str(input.new_str) ?? str(input.content) ?? str(input.new_source) ?? str(input.file_text);
      let replacements: Array<{ oldText: string; newText: string }> | undefined;
      if (tool.name === 'MultiEdit') {
        const edits = arr(input.edits).filter(isObject);
        oldText = edits.map((e) => str(e.old_string) ?? '').join('\n…\n');
        newText = edits.map((e) => str(e.new_string) ?? '').join('\n…\n');
        // Applied in order to the file the session knows, they give the whole file after.
        replacements = edits.map((e) => ({ oldText: str(e.old_string) ?? '', newText: str(e.new_string) ?? '' }));
      }
      const operation = tool.name === 'MultiEdit' ? 'patch' : tool.name === 'Write' || input.command === 'create' ? 'write' : oldText !== undefined ? 'replace' : undefined;
      const fileBefore = str(obj(toolUseResult).originalFile);
      t.builder.fileEdit({ id: toolId, path, oldText, newText, operation, fileBefore, replacements, applied: !isError, timestamp, source });
    } else if (tool.name === 'Read' && !isError) {
      // What the session saw of a file: later whole-file writes are diffed against it.
      const file = obj(obj(toolUseResult).file);
      const content = str(file.content) ?? contentText(block.content);
      const path = str(file.filePath) ?? str(tool.input.file_path) ?? '';
      const partial = num(tool.input.offset) !== undefined || num(tool.input.limit) !== undefined;
      if (path) t.builder.fileRead({ id: toolId, path, content, partial, timestamp, source });
    }
  }

  flush(): void {
    for (const t of [this.main, this.side]) if (t) this.finishMessage(t);
  }
}

export const claudeCodeAdapter: LineAdapter = {
  assistant: 'claude-code',
  mode: 'lines',
  matchesPath: (path) => {
    const p = normalisePath(path);
    return /\/projects\/[^/]+\/(?:[^/]+\/subagents\/)?[^/]+\.jsonl$/.test(p) && /\/\.?(?:claude)[^/]*\//.test(p);
  },
  sniff: (head) => {
    for (const line of head.split('\n', 8)) {
      const rec = tryParseJson(line);
      if (isObject(rec) && typeof rec.type === 'string' && (typeof rec.sessionId === 'string' || typeof rec.leafUuid === 'string') && ('uuid' in rec || 'leafUuid' in rec)) return true;
    }
    return false;
  },
  createParser: (path) => new ClaudeCodeParser(path),
};
