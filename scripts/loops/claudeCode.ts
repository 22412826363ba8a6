/** Claude Code: ~/.claude/projects/<cwd with / as ->/<session uuid>.jsonl, one JSON record a line. */
import { absolute, LoopSpec, SpecAction, SpecClock, stableUuid } from './spec';

export function renderClaudeCode(spec: LoopSpec): Record<string, string> {
  const sessionId = stableUuid(spec.id);
  const clock = new SpecClock(spec.id);
  const cwd = spec.workspace;
  const lines: object[] = [];
  let parent: string | null = null;
  let n = 0;
  const push = (type: 'user' | 'assistant', extra: object, seconds: number) => {
    const uuid = stableUuid(`${spec.id}:${++n}`);
    lines.push({ parentUuid: parent, isSidechain: false, userType: 'external', cwd, sessionId, version: '2.0.31', gitBranch: 'main', type, uuid, timestamp: clock.iso(seconds), ...extra });
    parent = uuid;
  };
  let response = 0;
  for (const turn of spec.turns) {
    if (turn.role === 'user') {
      push('user', { message: { role: 'user', content: turn.text } }, 40);
      continue;
    }
    const messageId = `msg_${sessionId.slice(0, 8)}${String(++response).padStart(4, '0')}`;
    const requestId = `req_${sessionId.slice(0, 8)}${String(response).padStart(4, '0')}`;
    const actions = turn.actions ?? [];
    const assistant = (content: object[], stop: string | null) =>
      push('assistant', { requestId, message: { id: messageId, type: 'message', role: 'assistant', model: 'claude-sonnet-4-5', content, stop_reason: stop, usage: { input_tokens: 1200, output_tokens: 90 } } }, 6);
    assistant([{ type: 'text', text: turn.text }], actions.length ? null : 'end_turn');
    actions.forEach((action, i) => {
      const toolId = `toolu_${messageId.slice(4)}_${i}`;
      const { name, input } = toolCall(action, cwd);
      assistant([{ type: 'tool_use', id: toolId, name, input }], 'tool_use');
      const result = toolResult(action, cwd);
      push('user', { message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: toolId, is_error: result.isError, content: result.content }] }, toolUseResult: result.toolUseResult }, action.type === 'run' ? 12 : 2);
    });
  }
  const folder = cwd.replace(/[/.]/g, '-');
  return { [`.claude/projects/${folder}/${sessionId}.jsonl`]: lines.map((l) => JSON.stringify(l)).join('\n') + '\n' };
}

function toolCall(action: SpecAction, cwd: string): { name: string; input: object } {
  switch (action.type) {
    case 'run':
      return { name: 'Bash', input: { command: action.command, description: 'Run command' } };
    case 'read':
      return { name: 'Read', input: { file_path: absolute(cwd, action.path) } };
    case 'edit':
      return { name: 'Edit', input: { file_path: absolute(cwd, action.path), old_string: action.old, new_string: action.new } };
    case 'write':
      return { name: 'Write', input: { file_path: absolute(cwd, action.path), content: action.content } };
  }
}

function toolResult(action: SpecAction, cwd: string): { content: string; isError: boolean; toolUseResult: unknown } {
  switch (action.type) {
    case 'run': {
      const failed = action.exitCode !== 0;
      const content = failed ? `Exit code ${action.exitCode}\n${action.output}` : action.output;
      return { content, isError: failed, toolUseResult: failed ? `Error: ${content}` : { stdout: action.output, stderr: '', interrupted: false, isImage: false } };
    }
    case 'read': {
      const lines = action.content.split('\n');
      const numbered = lines.map((l, i) => `${String(i + 1).padStart(6)}→${l}`).join('\n');
      return { content: numbered, isError: false, toolUseResult: { type: 'text', file: { filePath: absolute(cwd, action.path), content: action.content, numLines: lines.length, startLine: 1, totalLines: lines.length } } };
    }
    case 'edit':
      return { content: `The file ${absolute(cwd, action.path)} has been updated.`, isError: false, toolUseResult: { filePath: absolute(cwd, action.path), oldString: action.old, newString: action.new } };
    case 'write':
      return { content: `File created successfully at: ${absolute(cwd, action.path)}`, isError: false, toolUseResult: { type: 'create', filePath: absolute(cwd, action.path), content: action.content } };
  }
}
