/**
 * Continue: ~/.continue/sessions/<id>.json (rewritten whole) beside a
 * sessions.json index. history[] items hold {message, contextItems,
 * toolCallStates}; there are no per-message timestamps and no exit codes.
 */
import type { DocumentAdapter } from '../adapter';
import { fileStem, normalisePath } from '../adapter';
import { SessionBuilder } from '../builder';
import { arr, contentText, isObject, isoTime, LineLocator, obj, str, tryParseJson } from '../text';

const SHELL_TOOLS = new Set(['run_terminal_command', 'builtin_run_terminal_command']);
const EDIT_TOOLS = new Set(['edit_existing_file', 'create_new_file', 'single_find_and_replace', 'multi_edit', 'search_and_replace_in_file', 'builtin_edit_existing_file', 'builtin_create_new_file']);

function fileUriToPath(uri: string | undefined): string | undefined {
  if (!uri) return undefined;
  return uri.startsWith('file://') ? decodeURIComponent(uri.replace(/^file:\/\//, '')) : uri;
}

export const continueAdapter: DocumentAdapter = {
  assistant: 'continue',
  mode: 'document',
  matchesPath: (path) => /\/\.continue\/sessions\/(?!sessions\.json$)[^/]+\.json$/.test(normalisePath(path)),
  sniff: (head) => /"sessionId"\s*:/.test(head) && /"history"\s*:/.test(head),
  async load(path, io) {
    const text = await io.readText(path);
    const doc = tryParseJson(text);
    if (!isObject(doc)) return { sessions: [], parseErrors: 1, inputs: [path] };
    const id = str(doc.sessionId) ?? fileStem(path);
    const builder = new SessionBuilder({
      id,
      assistant: 'continue',
      sourcePath: path,
      title: str(doc.title),
      workspace: fileUriToPath(str(doc.workspaceDirectory)),
    });
    const inputs = [path];
    // The creation date lives only in the index beside the session files.
    const indexPath = normalisePath(path).replace(/[^/]+$/, 'sessions.json');
    try {
      const entry = arr(tryParseJson(await io.readText(indexPath))).map(obj).find((e) => e.sessionId === id);
      const started = isoTime(entry?.dateCreated);
      if (started) builder.session.started = started;
      inputs.push(indexPath);
    } catch {
      // No index: the session simply has no start time.
    }
    const locator = new LineLocator(text);
    let parseErrors = 0;
    arr(doc.history).forEach((item, index) => {
      if (!isObject(item)) {
        parseErrors++;
        builder.parseError();
        return;
      }
      const message = obj(item.message);
      const messageId = str(message.id) ?? `h${index}`;
      const source = { path, line: locator.locate(messageId) };
      const body = contentText(message.content, ['text']);
      if (message.role === 'user') builder.user(messageId, body, source);
      else if (message.role === 'assistant') builder.completion(messageId, body, source);
      for (const state of arr(item.toolCallStates).filter(isObject)) {
        const fn = obj(obj(state.toolCall).function);
        const name = str(fn.name) ?? '';
        const args = { ...obj(tryParseJson(str(fn.arguments) ?? '')), ...obj(state.parsedArgs) };
        const callId = str(state.toolCallId) ?? `${messageId}:tool`;
        const output = arr(state.output).map((o) => str(obj(o).content) ?? '').join('\n');
        if (SHELL_TOOLS.has(name) && state.status !== 'canceled' && state.status !== 'generating') {
          builder.toolRun({ id: callId, command: str(args.command) ?? '', output, failed: state.status === 'errored', source });
        } else if (EDIT_TOOLS.has(name)) {
          builder.fileEdit({
            id: callId,
            path: fileUriToPath(str(args.filepath) ?? str(args.filePath)) ?? '',
            oldText: str(args.old_string),
            newText: str(args.new_string) ?? str(args.changes) ?? str(args.contents),
            operation: str(args.old_string) !== undefined ? 'replace' : str(args.contents) !== undefined ? 'write' : undefined,
            applied: state.status === 'done' ? true : state.status === 'errored' ? false : undefined,
            source,
          });
        }
      }
    });
    return { sessions: [builder.session], parseErrors, inputs };
  },
};
