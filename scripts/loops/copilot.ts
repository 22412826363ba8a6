/**
 * Copilot Chat: <user data>/workspaceStorage/<hash>/chatSessions/<uuid>.json. A user turn opens a
 * request; the assistant turns after it are that request's response parts.
 */
import { createHash } from 'node:crypto';
import { absolute, applyEdit, LoopSpec, SpecClock, stableUuid } from './spec';

export function renderCopilot(spec: LoopSpec): Record<string, string> {
  const sessionId = stableUuid(spec.id);
  const clock = new SpecClock(spec.id);
  const requests: Array<{ requestId: string; timestamp: number; modelId: string; message: object; response: object[]; result: object }> = [];
  const known = new Map<string, string>();
  let tool = 0;
  for (const turn of spec.turns) {
    if (turn.role === 'user' || requests.length === 0) {
      const text = turn.role === 'user' ? turn.text : 'Continue.';
      requests.push({ requestId: `request_${stableUuid(`${spec.id}:r${requests.length}`)}`, timestamp: clock.tick(40).getTime(), modelId: 'copilot/gpt-5', message: { text, parts: [] }, response: [], result: { timings: { totalElapsed: 30000 } } });
      if (turn.role === 'user') continue;
    }
    const response = requests[requests.length - 1].response;
    clock.tick(8);
    response.push({ kind: 'markdownContent', content: { value: turn.text + '\n\n' } });
    for (const action of turn.actions ?? []) {
      const toolCallId = `tool_${++tool}`;
      if (action.type === 'run') {
        response.push({ kind: 'toolInvocationSerialized', toolId: 'run_in_terminal', toolCallId, isComplete: true, toolSpecificData: { kind: 'terminal', commandLine: { original: action.command }, terminalCommandState: { exitCode: action.exitCode }, terminalCommandOutput: { text: action.output } } });
      } else if (action.type === 'read') {
        known.set(action.path, action.content);
        response.push({ kind: 'toolInvocationSerialized', toolId: 'copilot_readFile', toolCallId, isComplete: true, invocationMessage: { value: `Reading ${action.path}` }, pastTenseMessage: { value: `Read ${action.path}` } });
      } else {
        const before = known.get(action.path);
        const after = action.type === 'write' ? action.content : applyEdit(before, action);
        if (after !== undefined) known.set(action.path, after);
        // Copilot records an edit as the new text of the range it replaced.
        const text = action.type === 'write' ? action.content : action.new;
        response.push({ kind: 'textEditGroup', uri: { fsPath: absolute(spec.workspace, action.path), scheme: 'file' }, edits: [[{ text, range: { startLineNumber: 1, startColumn: 1, endLineNumber: 1, endColumn: 1 } }]], done: true });
      }
      clock.tick(action.type === 'run' ? 10 : 2);
    }
  }
  const doc = { version: 3, sessionId, creationDate: requests[0]?.timestamp ?? 0, customTitle: spec.title, requesterUsername: 'dev', responderUsername: 'GitHub Copilot', requests };
  const hash = createHash('md5').update(spec.workspace).digest('hex');
  return {
    [`Code/User/workspaceStorage/${hash}/workspace.json`]: JSON.stringify({ folder: `file://${spec.workspace}` }) + '\n',
    [`Code/User/workspaceStorage/${hash}/chatSessions/${sessionId}.json`]: JSON.stringify(doc, null, 2) + '\n',
  };
}
