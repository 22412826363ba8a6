/**
 * Cline: <user data>/globalStorage/saoudrizwan.claude-dev/tasks/<ms>/api_conversation_history.json.
 * One tool call per assistant message, written as XML in its text; the result comes back as the
 * next user message.
 */
import { LoopSpec, SpecAction, SpecClock } from './spec';

interface Message {
  role: 'user' | 'assistant';
  content: Array<{ type: 'text'; text: string }>;
  ts: number;
}

export function renderCline(spec: LoopSpec): Record<string, string> {
  const clock = new SpecClock(spec.id);
  const taskId = String(clock.tick(0).getTime());
  const history: Message[] = [];
  const say = (role: Message['role'], texts: string[], seconds: number) =>
    history.push({ role, content: texts.map((text) => ({ type: 'text', text })), ts: clock.tick(seconds).getTime() });
  const env = `<environment_details>\n# Current Working Directory (${spec.workspace}) Files\n</environment_details>`;
  let first = true;
  for (const turn of spec.turns) {
    if (turn.role === 'user') {
      say('user', [first ? `<task>\n${turn.text}\n</task>` : `<feedback>\n${turn.text}\n</feedback>`, env], 40);
      first = false;
      continue;
    }
    const actions = turn.actions ?? [];
    if (actions.length === 0) {
      say('assistant', [turn.text], 8);
      continue;
    }
    actions.forEach((action, i) => {
      say('assistant', [`${i === 0 ? turn.text + '\n\n' : ''}${toolXml(action)}`], i === 0 ? 8 : 3);
      say('user', [resultText(action), env], action.type === 'run' ? 10 : 2);
    });
  }
  const ui = [{ ts: history[0]?.ts ?? 0, type: 'say', say: 'task', text: spec.turns.find((t) => t.role === 'user')?.text ?? spec.title }];
  const base = `Code/User/globalStorage/saoudrizwan.claude-dev/tasks/${taskId}`;
  return {
    [`${base}/api_conversation_history.json`]: JSON.stringify(history, null, 2) + '\n',
    [`${base}/ui_messages.json`]: JSON.stringify(ui, null, 2) + '\n',
  };
}

function toolXml(action: SpecAction): string {
  switch (action.type) {
    case 'run':
      return `<execute_command>\n<command>${action.command}</command>\n<requires_approval>false</requires_approval>\n</execute_command>`;
    case 'read':
      return `<read_file>\n<path>${action.path}</path>\n</read_file>`;
    case 'edit':
      return `<replace_in_file>\n<path>${action.path}</path>\n<diff>\n------- SEARCH\n${action.old}\n=======\n${action.new}\n+++++++ REPLACE\n</diff>\n</replace_in_file>`;
    case 'write':
      return `<write_to_file>\n<path>${action.path}</path>\n<content>\n${action.content}\n</content>\n</write_to_file>`;
  }
}

function resultText(action: SpecAction): string {
  switch (action.type) {
    case 'run':
      return `[execute_command for '${action.command}'] Result:\nCommand executed.\nOutput:\n${action.output}${action.exitCode !== 0 ? `\nExit code: ${action.exitCode}` : ''}`;
    case 'read':
      return `[read_file for '${action.path}'] Result:\n${action.content}`;
    case 'edit':
      return `[replace_in_file for '${action.path}'] Result:\nThe content was successfully saved to ${action.path}.`;
    case 'write':
      return `[write_to_file for '${action.path}'] Result:\nThe content was successfully saved to ${action.path}.`;
  }
}
