/**
 * Amp: one JSON document per thread, ~/.local/share/amp/threads/T-<uuid>.json,
 * rewritten as the thread grows (so it is re-read and diffed by message id).
 * {id, created, title?, messages: [{role, messageId, content: [text |
 * tool_use | tool_result | thinking], state, usage}]} (sources:
 * jonathan-kellerai/cross_agent_session_resumer src/providers/amp.rs;
 * noamsto/houston docs/AMP_AGENT_SUPPORT.md). A tool result carries either
 * Anthropic's {tool_use_id, content, is_error} or Amp's {toolUseID, run:
 * {status, result: {output, exitCode}}}.
 */
import type { DocumentAdapter } from '../adapter';
import { fileStem, normalisePath } from '../adapter';
import { SessionBuilder } from '../builder';
import { arr, contentText, isObject, isoTime, LineLocator, num, obj, str, tryParseJson } from '../text';

export const ampAdapter: DocumentAdapter = {
  assistant: 'amp',
  mode: 'document',
  matchesPath: (path) => /\/(?:amp\/threads|sourcegraph\.amp\/threads3?)\/T-[^/]+\.json$/.test(normalisePath(path)),
  sniff: (head, path) => /\/T-[^/]+\.json$/.test(path) && /"messages"\s*:/.test(head) && /"messageId"\s*:/.test(head),
  async load(path, io) {
    const text = await io.readText(path);
    const doc = tryParseJson(text);
    if (!isObject(doc)) return { sessions: [], parseErrors: 1, inputs: [path] };
    const locator = new LineLocator(text);
    const b = new SessionBuilder({
      id: str(doc.id) ?? fileStem(path),
      assistant: 'amp',
      sourcePath: path,
      title: str(doc.title),
      workspace: (str(obj(arr(obj(obj(doc.env).initial).trees)[0]).uri) ?? '').replace(/^file:\/\//, '') || undefined,
      started: isoTime(num(doc.created)),
    });
    const shell = new Map<string, string>();
    let parseErrors = 0;
    arr(doc.messages).forEach((raw, i) => {
      if (!isObject(raw)) {
        parseErrors++;
        b.parseError();
        return;
      }
      const id = str(raw.messageId) ?? String(num(raw.messageId) ?? i);
      const source = { path, line: locator.locate(id) };
      const content = arr(raw.content);
      const timestamp = isoTime(num(obj(raw.meta).sentAt));
      if (raw.role === 'user') b.user(`m${id}`, contentText(content), source, timestamp);
      else if (raw.role === 'assistant') b.completion(`m${id}`, contentText(content), source, timestamp);
      for (const block of content.filter(isObject)) {
        if (block.type === 'tool_use') {
          const input = obj(block.input);
          const command = str(input.cmd) ?? str(input.command);
          if (command && str(block.id)) shell.set(str(block.id)!, command);
        } else if (block.type === 'tool_result') {
          const callId = str(block.toolUseID) ?? str(block.tool_use_id);
          const command = callId ? shell.get(callId) : undefined;
          if (!callId || command === undefined) continue;
          shell.delete(callId);
          const run = obj(block.run);
          const result = obj(run.result);
          const output = str(result.output) ?? (typeof block.content === 'string' ? block.content : contentText(block.content));
          b.toolRun({ id: callId, command, output, exitCode: num(result.exitCode), failed: run.status === 'error' || block.is_error === true, timestamp, source });
        }
      }
    });
    return { sessions: [b.session], parseErrors, inputs: [path] };
  },
};
