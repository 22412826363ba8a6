/**
 * Kimi Code (MoonshotAI/kimi-code, 2026): ~/.kimi-code/sessions/wd_<slug>_<hash>/
 * session_<uuid>/agents/main/wire.jsonl, an op journal. Line 1 is
 * {type: "metadata", protocol_version, created_at}; then flat ops
 * {type, ..., time (ms)}. The user's turns are `context.append_message`
 * (role user); the assistant's steps are `context.append_loop_event` with
 * event.type `step.begin`, `content.part` {part: text | think}, `tool.call`
 * {toolCallId, name, args}, `tool.result` {toolCallId, result: {output,
 * isError}} and `step.end`. Older journals put whole assistant and tool
 * messages in `context.append_message` instead; both are read. The working
 * folder and title are in state.json beside agents/ (sidecars.ts). Sources:
 * jazzyalex/agent-sessions KimiSessionParser.swift, KimiSessionDiscovery.swift;
 * public readers of the journal's record union.
 */
import type { LineAdapter } from '../adapter';
import { normalisePath } from '../adapter';
import type { SessionBuilder } from '../builder';
import { arr, contentText, isObject, isoTime, obj, str, tryParseJson, type JsonObject } from '../text';
import { JsonlSessionParser, keyedBy, type Keyed } from './jsonlSession';
import { KIMI_SHELL } from './kimi';
import { ShellCalls } from './shellCalls';

const EDIT_TOOLS = /^(?:StrReplaceFile|WriteFile|Edit|Write|MultiEdit)$/i;
/** Ops that carry no conversation content; any other op is counted as drift. */
const KNOWN_OPS = new Set([
  'metadata',
  'forked',
  'config.update',
  'profile.bind',
  'usage.record',
  'llm.request',
  'llm.tools_snapshot',
  'mcp.tools_discovered',
  'context.clear',
  'context.undo',
  'context.apply_compaction',
  'micro_compaction.apply',
]);
/** Families of bookkeeping ops (turn.prompt, plan_mode.enter, goal.update ...). */
const KNOWN_FAMILIES = /^(?:turn|plan_mode|swarm_mode|tools|goal|full_compaction|cron|permission|file_history)\./;
const KNOWN_LOOP_EVENTS = new Set(['step.begin', 'step.end']);

class KimiCodeParser extends JsonlSessionParser<Keyed<'type'>> {
  protected readonly accepts = keyedBy('type');
  private readonly shell = new ShellCalls();
  /** The open step's text parts, handed out as one completion when the step ends or calls a tool. */
  private step?: { id: string; line: number; texts: string[]; timestamp?: string };

  private session(started?: string): SessionBuilder {
    return this.openSession(() => {
      // agents/main is the session; any other agent folder holds a subagent of it.
      const [, session = 'wire', agent = 'main'] = /\/(session_[^/]+)\/agents\/([^/]+)\/wire\.jsonl$/.exec(normalisePath(this.path)) ?? [];
      const sub = agent !== 'main';
      return { id: sub ? `${session}/${agent}` : session, assistant: 'kimi-code', sourcePath: this.path, started, parentId: sub ? session : undefined };
    });
  }

  protected record(rec: Keyed<'type'>, lineNo: number): void {
    const timestamp = isoTime(rec.time);
    if (rec.type === 'metadata') {
      this.session(isoTime(rec.created_at) ?? timestamp);
      return;
    }
    const b = this.session(timestamp);
    if (rec.type === 'context.append_message') this.message(b, obj(rec.message), lineNo, timestamp);
    else if (rec.type === 'context.append_loop_event') this.loopEvent(b, obj(rec.event), lineNo, timestamp);
    else if (!KNOWN_OPS.has(rec.type) && !KNOWN_FAMILIES.test(rec.type)) b.unknownRecord(rec.type);
  }

  private message(b: SessionBuilder, message: JsonObject, lineNo: number, timestamp?: string): void {
    const source = { path: this.path, line: lineNo };
    const text = contentText(message.content);
    if (message.role === 'user') {
      // Reminders the tool injects carry an origin other than the user's.
      const origin = str(obj(message.origin).kind);
      if (origin && origin !== 'user') return;
      this.endStep();
      b.user(`line-${lineNo}`, text, source, timestamp);
    } else if (message.role === 'assistant') {
      this.endStep();
      b.completion(`line-${lineNo}`, text, source, timestamp);
      for (const call of arr(message.toolCalls).filter(isObject)) {
        this.call(b, str(call.id), str(call.name) ?? '', obj(tryParseJson(str(call.arguments) ?? '') ?? call.arguments), lineNo, timestamp);
      }
    } else if (message.role === 'tool') {
      this.shell.result(b, str(message.toolCallId), text, message.isError === true, source, timestamp);
    }
  }

  private loopEvent(b: SessionBuilder, event: JsonObject, lineNo: number, timestamp?: string): void {
    const type = str(event.type) ?? '';
    if (type === 'content.part') {
      const part = obj(event.part);
      if (part.type !== 'text' || !str(part.text)) return; // `think` parts are reasoning, not prose
      const id = str(event.stepUuid) ?? str(event.uuid) ?? `line-${lineNo}`;
      if (this.step && this.step.id !== id) this.endStep();
      this.step ??= { id, line: lineNo, texts: [], timestamp };
      this.step.texts.push(str(part.text)!);
    } else if (type === 'tool.call') {
      this.endStep();
      this.call(b, str(event.toolCallId), str(event.name) ?? '', obj(event.args), lineNo, timestamp);
    } else if (type === 'tool.result') {
      const result = isObject(event.result) ? event.result : { output: event.result };
      const output = [str(result.output) ?? contentText(result.output), str(result.note)].filter(Boolean).join('\n');
      this.shell.result(b, str(event.toolCallId), output, result.isError === true, { path: this.path, line: lineNo }, timestamp);
    } else if (type === 'step.end') {
      this.endStep();
    } else if (!KNOWN_LOOP_EVENTS.has(type)) {
      b.unknownRecord(`loop:${type}`);
    }
  }

  private call(b: SessionBuilder, id: string | undefined, name: string, args: JsonObject, lineNo: number, timestamp?: string): void {
    if (KIMI_SHELL.test(name)) {
      this.shell.call(id, str(args.command));
      return;
    }
    if (!EDIT_TOOLS.test(name)) return;
    const edit = obj(args.edit);
    b.fileEdit({
      id: id ?? `line-${lineNo}`,
      path: str(args.path) ?? str(args.file_path) ?? '',
      oldText: str(edit.old) ?? str(args.old_string),
      newText: str(edit.new) ?? str(args.new_string) ?? str(args.content),
      timestamp,
      source: { path: this.path, line: lineNo },
    });
  }

  private endStep(): void {
    const step = this.step;
    this.step = undefined;
    if (step && this.builder) this.builder.completion(`step-${step.id}`, step.texts.join('\n'), { path: this.path, line: step.line }, step.timestamp);
  }

  override flush(final: boolean): void {
    // A step still streaming may have more parts; at the end of a one-shot read it is all there is.
    if (final) this.endStep();
  }
}

export const kimiCodeAdapter: LineAdapter = {
  assistant: 'kimi-code',
  mode: 'lines',
  // session_<uuid>/agents/<agent>/wire.jsonl is Kimi Code's own layout, wherever KIMI_CODE_HOME puts it.
  matchesPath: (path) => /\/session_[^/]+\/agents\/[^/]+\/wire\.jsonl$/.test(normalisePath(path)),
  sniff: (head) => {
    const rec = tryParseJson(head.split('\n', 1)[0]);
    return isObject(rec) && rec.type === 'metadata' && typeof rec.protocol_version === 'string' && /"type":\s*"context\.append_/.test(head);
  },
  createParser: (path) => new KimiCodeParser(path),
};
