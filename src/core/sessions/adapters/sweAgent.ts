/**
 * SWE-agent trajectories (*.traj): one JSON document per run with
 * trajectory[{thought, action, observation, state}] and the chat history.
 * The thought is the completion; the action is either one of SWE-agent's own
 * commands (open, edit, create, submit ...) or a shell command, which becomes
 * a tool run. Edits the linter refused are kept as edits with applied: false.
 */
import type { DocumentAdapter } from '../adapter';
import { fileStem, normalisePath } from '../adapter';
import { SessionBuilder } from '../builder';
import { arr, contentText, isObject, LineLocator, obj, str, tryParseJson } from '../text';

/** SWE-agent's built-in commands: everything else in an action runs in the shell. */
const OWN_COMMANDS = new Set([
  'open', 'goto', 'scroll_up', 'scroll_down', 'create', 'submit', 'search_dir', 'search_file', 'find_file', 'edit', 'insert',
  'str_replace_editor', 'view', 'filemap', 'exit_forfeit', 'exit_cost', 'exit_context', 'exit_format', 'exit_error', 'skip', 'exit',
]);
const REJECTED = /Your proposed edit has introduced new syntax error|^No file open|did not appear verbatim|^Error:|^Usage: /m;

export const sweAgentAdapter: DocumentAdapter = {
  assistant: 'swe-agent',
  mode: 'document',
  matchesPath: (path) => /\.traj$/.test(normalisePath(path)),
  sniff: (head) => /"trajectory"\s*:/.test(head) || (/"history"\s*:/.test(head) && /"environment"\s*:/.test(head)),
  async load(path, io) {
    const text = await io.readText(path);
    const doc = tryParseJson(text);
    if (!isObject(doc)) return { sessions: [], parseErrors: 1, inputs: [path] };
    const builder = new SessionBuilder({ id: fileStem(path), assistant: 'swe-agent', sourcePath: path });
    const locator = new LineLocator(text);
    let parseErrors = 0;
    const history = arr(doc.history).filter(isObject);
    const issue = history.find(
      (h) => h.role === 'user' && !/^Here is a demonstration/.test(contentText(h.content)) && h.is_demo !== true,
    );
    if (issue) {
      const body = contentText(issue.content);
      const title = /ISSUE:\s*\n([^\n]+)/.exec(body)?.[1];
      if (title) builder.session.title = title.trim();
      builder.user('issue', body, { path, line: locator.locate(body.slice(0, 50)) });
    }
    arr(doc.trajectory).forEach((raw, index) => {
      if (!isObject(raw)) {
        parseErrors++;
        builder.parseError();
        return;
      }
      const action = (str(raw.action) ?? '').replace(/\n$/, '');
      const observation = str(raw.observation) ?? '';
      const state = isObject(raw.state) ? raw.state : obj(tryParseJson(str(raw.state) ?? ''));
      const workdir = str(state.working_dir);
      if (workdir && !builder.session.workspace) builder.session.workspace = workdir;
      const source = { path, line: locator.locate(action.slice(0, 50) || undefined) };
      const thought = str(raw.thought) ?? str(raw.response) ?? '';
      builder.completion(`step-${index}`, thought, source);
      const verb = /^\s*(\S+)/.exec(action)?.[1] ?? '';
      if (!verb) return;
      if (!OWN_COMMANDS.has(verb)) {
        builder.toolRun({ id: `step-${index}:action`, command: action, output: observation, source });
        return;
      }
      const openFile = str(state.open_file);
      let target: string | undefined;
      let oldText: string | undefined;
      let newText: string | undefined;
      if (verb === 'edit' || verb === 'insert') {
        target = openFile && openFile !== 'n/a' ? openFile : undefined;
        newText = action.replace(/^\S+[^\n]*\n?/, '').replace(/\nend_of_(?:edit|insert)$/, '');
      } else if (verb === 'create') {
        target = action.split(/\s+/)[1];
      } else if (verb === 'str_replace_editor') {
        const m = /^str_replace_editor\s+(create|str_replace|insert)\s+(\S+)/.exec(action);
        if (m) {
          target = m[2];
          oldText = /--old_str\s+'([\s\S]*?)'(?:\s+--|$)/.exec(action)?.[1];
          newText = /--(?:new_str|file_text)\s+'([\s\S]*?)'(?:\s+--|$)/.exec(action)?.[1];
        }
      }
      if (verb === 'edit' || verb === 'insert' || verb === 'create' || target) {
        builder.fileEdit({
          id: `step-${index}:edit`,
          path: target ?? '(no open file)',
          oldText,
          newText,
          operation: oldText !== undefined ? 'replace' : verb === 'create' || / create /.test(action.slice(0, 40)) ? 'write' : undefined,
          applied: !REJECTED.test(observation),
          source,
        });
      }
    });
    return { sessions: [builder.session], parseErrors, inputs: [path] };
  },
};
