/**
 * A finished OpenCode `tool` part as a tool run or a file edit: the JSON files
 * of OpenCode before v1.2 and its SQLite store (also Kilo's) keep the part in
 * the same shape {tool, callID, state: {status, input, output, metadata, time}}.
 */
import type { SessionBuilder } from '../builder';
import type { SourcePointer } from '../model';
import { arr, isObject, num, obj, str, type JsonObject } from '../text';

const SHELL_TOOLS = new Set(['bash', 'shell']);
const EDIT_TOOLS = new Set(['edit', 'write', 'patch', 'multiedit']);

export interface ToolPartPlace {
  id: string;
  timestamp?: string;
  source: SourcePointer;
}

/** Records a `completed` or `error` tool part; other tools are left out. */
export function recordToolPart(builder: SessionBuilder, tool: string, state: JsonObject, at: ToolPartPlace): void {
  const input = obj(state.input);
  const { id, timestamp, source } = at;
  if (SHELL_TOOLS.has(tool)) {
    const metadata = obj(state.metadata);
    builder.toolRun({
      id,
      command: str(input.command) ?? '',
      output: str(state.output) ?? str(metadata.output) ?? str(state.error) ?? '',
      exitCode: num(metadata.exit) ?? num(metadata.exitCode),
      failed: state.status === 'error',
      timestamp,
      source,
    });
  } else if (EDIT_TOOLS.has(tool)) {
    const edits = arr(input.edits).filter(isObject);
    const operation = str(input.oldString) !== undefined ? 'replace' : str(input.content) !== undefined ? 'write' : 'patch';
    builder.fileEdit({
      id,
      path: str(input.filePath) ?? str(input.file_path) ?? str(input.path) ?? '',
      oldText: str(input.oldString) ?? (edits.length ? edits.map((e) => str(e.oldString) ?? '').join('\n…\n') : undefined),
      newText: str(input.newString) ?? str(input.content) ?? str(input.patchText) ?? (edits.length ? edits.map((e) => str(e.newString) ?? '').join('\n…\n') : undefined),
      operation,
      applied: state.status === 'completed',
      timestamp,
      source,
    });
  }
}
