/**
 * pi coding agent (~/.pi/agent/sessions/<any depth>/<ts>_<uuid>.jsonl) and OpenClaw,
 * which writes the same session format (~/.openclaw/agents/<agentId>/sessions/*.jsonl).
 * Line 1 {type: "session", version, id, timestamp, cwd}; then `message`
 * entries {message: {role: user | assistant | toolResult, content: [text |
 * toolCall | thinking]}}, `model_change`, `compaction` ... (source: pi.dev
 * session-format docs; jazzyalex/agent-sessions PiSessionDiscovery.swift and
 * fixtures pi/, openclaw/).
 */
import type { LineAdapter } from '../adapter';
import { fileStem, normalisePath } from '../adapter';
import type { SessionBuilder } from '../builder';
import type { AssistantId } from '../model';
import { arr, contentText, isObject, isoTime, obj, str, tryParseJson } from '../text';
import { JsonlSessionParser, keyedBy, type Keyed } from './jsonlSession';
import { ShellCalls } from './shellCalls';

const KNOWN = new Set(['session', 'message', 'model_change', 'thinking_level_change', 'compaction', 'branch_summary', 'custom', 'label']);

class PiParser extends JsonlSessionParser<Keyed<'type'>> {
  protected readonly accepts = keyedBy('type');
  private readonly shell = new ShellCalls();

  constructor(
    path: string,
    private readonly assistant: AssistantId,
  ) {
    super(path);
  }

  private ensure(header?: { id?: string; cwd?: string; timestamp?: string }): SessionBuilder {
    return this.openSession(() => ({
      id: header?.id ?? /([0-9a-f]{8}-[0-9a-f-]{27})/.exec(fileStem(this.path))?.[1] ?? fileStem(this.path),
      assistant: this.assistant,
      sourcePath: this.path,
      workspace: header?.cwd,
      started: header?.timestamp,
    }));
  }

  protected record(rec: Keyed<'type'>, lineNo: number): void {
    const timestamp = isoTime(rec.timestamp);
    if (rec.type === 'session') {
      this.ensure({ id: str(rec.id), cwd: str(rec.cwd), timestamp });
      return;
    }
    const b = this.ensure();
    if (rec.type !== 'message') {
      if (!KNOWN.has(rec.type)) b.unknownRecord(rec.type);
      return;
    }
    const message = obj(rec.message);
    const content = arr(message.content);
    const id = str(rec.id) ?? `line-${lineNo}`;
    const source = { path: this.path, line: lineNo };
    if (message.role === 'user') b.user(id, contentText(content), source, timestamp);
    else if (message.role === 'assistant') {
      b.completion(id, contentText(content), source, timestamp, str(message.model));
      for (const block of content.filter(isObject)) if (block.type === 'toolCall') this.shell.call(str(block.id), str(obj(block.arguments).command));
    } else if (message.role === 'toolResult') {
      this.shell.result(b, str(message.toolCallId), contentText(content), message.isError === true, source, timestamp);
    }
  }
}

const sniffPi = (head: string) => {
  const rec = tryParseJson(head.split('\n', 1)[0]);
  return isObject(rec) && rec.type === 'session' && typeof rec.version === 'number' && typeof rec.id === 'string';
};

export const piAdapter: LineAdapter = {
  assistant: 'pi',
  mode: 'lines',
  matchesPath: (path) => /\/\.pi\/agent\/sessions\/.+\.jsonl$/.test(normalisePath(path)),
  sniff: sniffPi,
  createParser: (path) => new PiParser(path, 'pi'),
};

export const openClawAdapter: LineAdapter = {
  assistant: 'openclaw',
  mode: 'lines',
  // Its trajectory exports are not sessions; lock files are not either.
  matchesPath: (path) => /\/\.(?:openclaw|clawdbot)\/agents\/[^/]+\/sessions\/[^/]+\.jsonl$/.test(normalisePath(path)) && !/\.trajectory\.jsonl$/.test(path),
  sniff: () => false,
  createParser: (path) => new PiParser(path, 'openclaw'),
};
