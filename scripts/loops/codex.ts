/** Codex CLI: ~/.codex/sessions/YYYY/MM/DD/rollout-<time>-<uuid>.jsonl, {timestamp, type, payload} a line. */
import { applyEdit, LoopSpec, SpecAction, SpecClock, stableUuid } from './spec';

export function renderCodex(spec: LoopSpec): Record<string, string> {
  const id = stableUuid(spec.id);
  const clock = new SpecClock(spec.id);
  const start = clock.tick(0);
  const lines: object[] = [];
  const item = (type: string, payload: object, seconds: number) => lines.push({ timestamp: clock.iso(seconds), type, payload });
  item('session_meta', { id, timestamp: start.toISOString(), cwd: spec.workspace, originator: 'codex_cli_rs', cli_version: '0.63.0' }, 0);
  item('response_item', { type: 'message', role: 'user', content: [{ type: 'input_text', text: `<environment_context>\n  <cwd>${spec.workspace}</cwd>\n</environment_context>` }] }, 0);
  const known = new Map<string, string>();
  let call = 0;
  for (const turn of spec.turns) {
    if (turn.role === 'user') {
      item('response_item', { type: 'message', role: 'user', content: [{ type: 'input_text', text: turn.text }] }, 40);
      item('event_msg', { type: 'user_message', message: turn.text }, 0);
      continue;
    }
    item('response_item', { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: turn.text }] }, 7);
    for (const action of turn.actions ?? []) {
      const callId = `call_${String(++call).padStart(3, '0')}`;
      const patch = patchFor(action, known);
      if (patch !== undefined) {
        item('response_item', { type: 'custom_tool_call', status: 'completed', call_id: callId, name: 'apply_patch', input: patch }, 3);
        item('response_item', { type: 'custom_tool_call_output', call_id: callId, output: JSON.stringify({ output: `Success. Updated the following files:\nM ${action.type === 'edit' || action.type === 'write' ? action.path : ''}\n`, metadata: { exit_code: 0, duration_seconds: 0.1 } }) }, 1);
        continue;
      }
      const run = action.type === 'run' ? action : { command: `sed -n '1,400p' ${(action as { path: string }).path}`, output: (action as { content: string }).content, exitCode: 0 };
      if (action.type === 'read') known.set(action.path, action.content);
      item('response_item', { type: 'function_call', name: 'exec_command', arguments: JSON.stringify({ cmd: run.command, workdir: spec.workspace }), call_id: callId }, 2);
      item('response_item', { type: 'function_call_output', call_id: callId, output: `Chunk ID: ${call.toString(16)}\nWall time: 1.4 seconds\nProcess exited with code ${run.exitCode}\nOutput:\n${run.output}` }, 9);
    }
  }
  const stamp = start.toISOString().replace(/:/g, '-').replace(/\.\d+Z$/, '');
  const [y, m, d] = start.toISOString().slice(0, 10).split('-');
  return { [`.codex/sessions/${y}/${m}/${d}/rollout-${stamp}-${id}.jsonl`]: lines.map((l) => JSON.stringify(l)).join('\n') + '\n' };
}

/** An apply_patch body for an edit or a write; undefined for runs and reads. */
function patchFor(action: SpecAction, known: Map<string, string>): string | undefined {
  const lines = (text: string, sign: string) => text.split('\n').map((l) => sign + l).join('\n');
  if (action.type === 'edit') {
    const after = applyEdit(known.get(action.path), action);
    if (after !== undefined) known.set(action.path, after);
    return `*** Begin Patch\n*** Update File: ${action.path}\n@@\n${lines(action.old, '-')}\n${lines(action.new, '+')}\n*** End Patch`;
  }
  if (action.type === 'write') {
    const before = known.get(action.path);
    known.set(action.path, action.content);
    if (before === undefined) return `*** Begin Patch\n*** Add File: ${action.path}\n${lines(action.content, '+')}\n*** End Patch`;
    return `*** Begin Patch\n*** Update File: ${action.path}\n@@\n${lines(before, '-')}\n${lines(action.content, '+')}\n*** End Patch`;
  }
  return undefined;
}

