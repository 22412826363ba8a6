/** Gemini CLI: ~/.gemini/tmp/<project hash>/chats/session-<time>-<id8>.json, one JSON document. */
import { createHash } from 'node:crypto';
import { absolute, LoopSpec, SpecAction, SpecClock, stableUuid } from './spec';

export function renderGemini(spec: LoopSpec): Record<string, string> {
  const sessionId = stableUuid(spec.id);
  const clock = new SpecClock(spec.id);
  const projectHash = createHash('sha256').update(spec.workspace).digest('hex');
  const startTime = clock.iso(0);
  const messages: object[] = [];
  let n = 0;
  for (const turn of spec.turns) {
    const id = stableUuid(`${spec.id}:m${++n}`);
    if (turn.role === 'user') {
      messages.push({ id, timestamp: clock.iso(40), type: 'user', content: turn.text });
      continue;
    }
    const timestamp = clock.iso(8);
    const toolCalls = (turn.actions ?? []).map((action, i) => {
      clock.tick(action.type === 'run' ? 10 : 2);
      const { name, args, output } = call(action, spec.workspace);
      const callId = `${name}-${n}-${i}`;
      return { id: callId, name, args, status: 'success', timestamp, result: [{ functionResponse: { id: callId, name, response: { output } } }] };
    });
    messages.push({ id, timestamp, type: 'gemini', content: turn.text, model: 'gemini-2.5-pro', ...(toolCalls.length ? { toolCalls } : {}) });
  }
  const doc = { sessionId, projectHash, startTime, lastUpdated: clock.iso(1), messages };
  const stamp = startTime.slice(0, 16).replace(/:/g, '-');
  return { [`.gemini/tmp/${projectHash}/chats/session-${stamp}-${sessionId.slice(0, 8)}.json`]: JSON.stringify(doc, null, 2) + '\n' };
}

function call(action: SpecAction, cwd: string): { name: string; args: object; output: string } {
  switch (action.type) {
    case 'run':
      return {
        name: 'run_shell_command',
        args: { command: action.command },
        output: `Command: ${action.command}\nDirectory: (root)\nOutput: ${action.output}\nError: (none)\nExit Code: ${action.exitCode}\nSignal: (none)`,
      };
    case 'read':
      return { name: 'read_file', args: { absolute_path: absolute(cwd, action.path) }, output: action.content };
    case 'edit':
      return { name: 'replace', args: { file_path: absolute(cwd, action.path), old_string: action.old, new_string: action.new }, output: `Successfully modified file: ${absolute(cwd, action.path)} (1 replacements).` };
    case 'write':
      return { name: 'write_file', args: { file_path: absolute(cwd, action.path), content: action.content }, output: `Successfully overwrote file: ${absolute(cwd, action.path)}.` };
  }
}
