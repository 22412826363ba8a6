/**
 * Codex CLI rollouts: $CODEX_HOME/sessions/YYYY/MM/DD/rollout-<ts>-<uuid>.jsonl,
 * lines {timestamp, type, payload}. Tool calls and their outputs pair by
 * call_id; the exit code is JSON metadata.exit_code (legacy `shell`) or the
 * text "Process exited with code N" (`exec_command`). event_msg lines repeat
 * the response items for the UI and are skipped.
 */
import type { LineAdapter } from '../adapter';
import { fileStem, normalisePath } from '../adapter';
import type { SessionBuilder } from '../builder';
import { arr, contentText, isObject, isoTime, num, obj, str, tryParseJson, type JsonObject } from '../text';
import { JsonlSessionParser } from './jsonlSession';
import { patchEdits } from './patches';

interface PendingCall {
  name: string;
  command?: string;
  patch?: string;
  line: number;
  timestamp?: string;
}

/** Text the CLI injects as user turns; not typed by the user. */
const INJECTED = /^\s*<(?:environment_context|user_instructions|permissions|INSTRUCTIONS)\b|^# AGENTS\.md instructions/;

export function commandText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  const parts = arr(value).map((p) => (typeof p === 'string' ? p : ''));
  if (parts.length === 0) return undefined;
  // ["bash", "-lc", "npm test"] runs its last element.
  if (parts.length === 3 && /(?:^|\/)(?:ba|z)?sh$/.test(parts[0]) && /^-\w*c$/.test(parts[1])) return parts[2];
  return parts.map((p) => (/\s/.test(p) ? JSON.stringify(p) : p)).join(' ');
}

/** RolloutItem kinds as of 2026 (openai/codex codex-rs/history/src/lib.rs) plus `item_completed`. */
const KNOWN_ITEMS = new Set([
  'session_meta',
  'response_item',
  'event_msg',
  'turn_context',
  'compacted',
  'world_state',
  'token_usage_record',
  'inter_agent_communication',
  'inter_agent_communication_metadata',
  'security_risk_score',
  'retained_context',
  'realtime_item',
  'item_completed',
]);

/** A rollout line: every kind carries its content in `payload`. */
type RolloutLine = JsonObject & { payload: JsonObject };

class CodexParser extends JsonlSessionParser<RolloutLine> {
  protected readonly accepts = (rec: JsonObject): rec is RolloutLine => isObject(rec.payload);
  /** Calls without output yet are still running: nothing to flush at the end of a read. */
  private calls = new Map<string, PendingCall>();

  private ensure(meta?: JsonObject, timestamp?: string): SessionBuilder {
    return this.openSession(() => ({
      id: str(meta?.id) ?? /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/.exec(fileStem(this.path))?.[1] ?? fileStem(this.path),
      assistant: 'codex',
      sourcePath: this.path,
      workspace: str(meta?.cwd),
      started: isoTime(meta?.timestamp) ?? timestamp,
    }));
  }

  protected record(rec: RolloutLine, lineNo: number): void {
    const timestamp = isoTime(rec.timestamp);
    const payload = rec.payload;
    if (rec.type === 'session_meta') {
      const b = this.ensure(payload, timestamp);
      if (!b.session.workspace && str(payload.cwd)) b.session.workspace = str(payload.cwd);
      return;
    }
    if (rec.type === 'turn_context') {
      const b = this.ensure(undefined, timestamp);
      if (!b.session.workspace && str(payload.cwd)) b.session.workspace = str(payload.cwd);
      return;
    }
    if (rec.type !== 'response_item') {
      // Newer RolloutItem kinds (world_state, compacted, item_completed ...) hold no new conversation; unknown ones are drift.
      if (typeof rec.type === 'string' && !KNOWN_ITEMS.has(rec.type)) this.ensure(undefined, timestamp).unknownRecord(rec.type);
      return;
    }
    const b = this.ensure(undefined, timestamp);
    const source = { path: this.path, line: lineNo };
    const id = `line-${lineNo}`;
    switch (payload.type) {
      case 'message': {
        const body = contentText(payload.content);
        if (payload.role === 'user') {
          if (!INJECTED.test(body)) b.user(id, body, source, timestamp);
        } else if (payload.role === 'assistant') {
          b.completion(id, body, source, timestamp);
        }
        return;
      }
      case 'function_call':
      case 'custom_tool_call':
      case 'local_shell_call': {
        const callId = str(payload.call_id) ?? str(payload.id);
        if (!callId) return;
        const name = str(payload.name) ?? (payload.type === 'local_shell_call' ? 'shell' : '');
        const args = payload.type === 'custom_tool_call' ? {} : obj(tryParseJson(str(payload.arguments) ?? '') ?? payload.arguments);
        const action = obj(payload.action);
        let command = commandText(args.command) ?? str(args.cmd) ?? commandText(action.command);
        let patch = name === 'apply_patch' ? str(payload.input) ?? str(args.input) ?? str(args.patch) : undefined;
        if (command && /^apply_patch\b/.test(command)) {
          const parts = arr(args.command);
          patch = typeof parts[1] === 'string' ? parts[1] : command.replace(/^apply_patch\s*/, '');
          command = undefined;
        }
        this.calls.set(callId, { name, command, patch, line: lineNo, timestamp });
        return;
      }
      case 'function_call_output':
      case 'custom_tool_call_output':
        return this.output(b, payload, lineNo, timestamp);
      default:
        return;
    }
  }

  private output(b: SessionBuilder, payload: JsonObject, lineNo: number, timestamp?: string): void {
    const callId = str(payload.call_id);
    const call = callId ? this.calls.get(callId) : undefined;
    if (!callId || !call) return;
    this.calls.delete(callId);
    const raw = typeof payload.output === 'string' ? payload.output : contentText(obj(payload.output).content) || JSON.stringify(payload.output ?? '');
    const parsed = obj(tryParseJson(raw));
    let output = str(parsed.output) ?? raw;
    let exitCode = num(obj(parsed.metadata).exit_code);
    const exited = /Process exited with code (-?\d+)/.exec(raw);
    if (exitCode === undefined && exited) {
      exitCode = Number(exited[1]);
      const body = raw.indexOf('\nOutput:\n');
      if (body >= 0) output = raw.slice(body + 9);
    }
    const source = { path: this.path, line: lineNo };
    if (call.patch !== undefined) {
      const applied = exitCode === undefined ? undefined : exitCode === 0;
      // An added file is a whole-file write; an update's hunks rebuild the file when the session knows it.
      patchEdits(call.patch).forEach((edit, i) =>
        b.fileEdit({
          id: `${callId}:${i}`,
          path: edit.path,
          oldText: edit.created ? undefined : edit.oldText,
          newText: edit.newText,
          operation: edit.created ? 'write' : 'patch',
          replacements: edit.created ? undefined : edit.replacements,
          applied,
          timestamp,
          source,
        }),
      );
    } else if (call.command !== undefined) {
      b.toolRun({ id: callId, command: call.command, output, exitCode, timestamp, source });
    }
  }
}

export const codexAdapter: LineAdapter = {
  assistant: 'codex',
  mode: 'lines',
  matchesPath: (path) => /\/sessions\/(?:\d{4}\/\d{2}\/\d{2}\/)?rollout-[^/]*\.jsonl$/.test(normalisePath(path)),
  sniff: (head) => {
    const rec = tryParseJson(head.split('\n', 1)[0]);
    return isObject(rec) && isObject(rec.payload) && (rec.type === 'session_meta' || rec.type === 'response_item' || rec.type === 'turn_context');
  },
  createParser: (path) => new CodexParser(path),
};
