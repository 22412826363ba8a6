/**
 * Cline and Roo Code task folders: <user dir>/globalStorage/<extension>/tasks/<id>/
 * api_conversation_history.json holds the Anthropic-shaped conversation. Tools
 * are XML in the assistant's text (or native tool_use blocks in newer
 * versions); results come back as user text "[execute_command for 'npm test']
 * Result:" followed by the output, with "Exit code: N" in Roo's wording.
 */
import type { DocumentAdapter } from '../adapter';
import { normalisePath } from '../adapter';
import { SessionBuilder } from '../builder';
import type { AssistantId, EditOperation, Replacement } from '../model';
import { arr, contentText, isObject, isoTime, LineLocator, obj, str, tryParseJson } from '../text';

/** Tags whose inner text is what the user reads. */
const PROSE_TAGS = ['result', 'response', 'question'];
const TOOL_TAGS =
  'execute_command|write_to_file|replace_in_file|apply_diff|insert_content|search_and_replace|read_file|search_files|list_files|list_code_definition_names|browser_action|use_mcp_tool|access_mcp_resource|ask_followup_question|attempt_completion|plan_mode_respond|act_mode_respond|new_task|switch_mode|update_todo_list|codebase_search|fetch_instructions|new_rule|condense|summarize_task|report_bug|load_mcp_documentation|web_fetch|thinking|environment_details';
const TOOL_BLOCK = new RegExp(`<(${TOOL_TAGS})>([\\s\\S]*?)(?:</\\1>|$)`, 'g');
const EDIT_TOOLS = new Set(['write_to_file', 'replace_in_file', 'apply_diff', 'insert_content', 'search_and_replace']);

interface AssistantTool {
  name: string;
  params: Record<string, string>;
}

function tagValue(body: string, tag: string): string | undefined {
  const m = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(body);
  return m ? m[1].replace(/^\n|\n$/g, '') : undefined;
}

/** Splits assistant text into prose and the XML tool calls it contains. */
export function splitAssistantText(text: string): { prose: string; tools: AssistantTool[] } {
  const tools: AssistantTool[] = [];
  const prose = text.replace(TOOL_BLOCK, (_m, name: string, body: string) => {
    const params: Record<string, string> = {};
    for (const key of ['command', 'path', 'content', 'diff', 'result', 'response', 'question', 'search', 'replace']) {
      const v = tagValue(body, key);
      if (v !== undefined) params[key] = v;
    }
    tools.push({ name, params });
    return PROSE_TAGS.map((t) => params[t]).filter(Boolean).join('\n');
  });
  return { prose: prose.trim(), tools };
}

/** Old and new sides of SEARCH/REPLACE diff blocks. */
function diffSides(diff: string | undefined): { oldText?: string; newText?: string; operation?: EditOperation; replacements?: Replacement[] } {
  if (!diff) return {};
  const olds: string[] = [];
  const news: string[] = [];
  // Roo and older Cline write <<<<<<< SEARCH / >>>>>>> REPLACE; newer Cline ------- SEARCH / +++++++ REPLACE.
  for (const m of diff.matchAll(/(?:<{3,}|-{3,}) SEARCH[^\n]*\n([\s\S]*?)\n?={3,}\n([\s\S]*?)\n?(?:>{3,}|\+{3,}) REPLACE/g)) {
    olds.push(m[1].replace(/^:start_line:\d+\n-+\n/, ''));
    news.push(m[2]);
  }
  if (olds.length === 0) return { newText: diff, operation: 'write' };
  // Several blocks are applied in order: with the file known they rebuild the whole file after.
  const replacements = olds.map((oldText, i) => ({ oldText, newText: news[i] }));
  return { oldText: olds.join('\n…\n'), newText: news.join('\n…\n'), operation: olds.length === 1 ? 'replace' : 'patch', replacements: olds.length > 1 ? replacements : undefined };
}

/**
 * A read_file result: the file's text as Cline returns it, or inside Roo's
 * `<file><content lines="1-40">` wrapper with `N | ` line numbers. A range
 * that does not start at line 1, or a notice of truncation, is part of a file.
 */
function readResult(builder: SessionBuilder, r: { id: string; path: string; body: string; timestamp?: string; source: { path: string; line: number } }): void {
  if (!r.path || /^(?:error|the tool execution failed)/i.test(r.body)) return;
  const wrapped = /<content(?:\s+lines="(\d+)-\d+")?\s*>\n?([\s\S]*?)\n?<\/content>/.exec(r.body);
  let content = wrapped ? wrapped[2] : r.body;
  const partial = (wrapped?.[1] !== undefined && wrapped[1] !== '1') || /<notice>|showing only|truncated/i.test(r.body);
  const lines = content.split('\n');
  if (lines.every((l) => l === '' || /^\s*\d+ \| /.test(l))) content = lines.map((l) => l.replace(/^\s*\d+ \| /, '')).join('\n');
  builder.fileRead({ id: r.id, path: r.path, content, partial, timestamp: r.timestamp, source: r.source });
}

const RESULT_HEADER = /\[(\w+)(?: for '([\s\S]*?)')?\] Result:/g;

function assistantFor(path: string): AssistantId {
  // Kilo Code before its OpenCode-based rewrite was a Roo fork with the same task folders.
  if (/\/kilocode\.kilo-code\//i.test(normalisePath(path))) return 'kilo-code';
  return /rooveterinaryinc\.roo-cline|roo-code|\/\.roo\//i.test(normalisePath(path)) ? 'roo-code' : 'cline';
}

export function parseClineHistory(text: string, path: string, assistant: AssistantId): { builder?: SessionBuilder; parseErrors: number } {
  const p = normalisePath(path);
  const taskId = /\/tasks\/([^/]+)\/[^/]+$/.exec(p)?.[1] ?? p;
  const doc = tryParseJson(text);
  if (!Array.isArray(doc)) return { parseErrors: 1 };
  const builder = new SessionBuilder({ id: taskId, assistant, sourcePath: path, started: isoTime(taskId) });
  const locator = new LineLocator(text);
  let parseErrors = 0;
  /** Tool calls the assistant made that still wait for their result, in order. */
  let waiting: Array<AssistantTool & { id: string }> = [];
  doc.forEach((raw, index) => {
    if (!isObject(raw)) {
      parseErrors++;
      builder.parseError();
      return;
    }
    const timestamp = isoTime(raw.ts);
    if (!builder.session.started && timestamp) builder.session.started = timestamp;
    const blocks = typeof raw.content === 'string' ? [{ type: 'text', text: raw.content }] : arr(raw.content).filter(isObject);
    const allText = contentText(blocks.filter((b) => b.type === 'text'));
    const line = locator.locate(allText.slice(0, 50) || undefined);
    const source = { path, line };
    if (raw.role === 'assistant') {
      const { prose, tools } = splitAssistantText(allText);
      builder.completion(`msg-${index}`, prose, source, timestamp);
      tools.forEach((t, i) => waiting.push({ ...t, id: `msg-${index}:${i}` }));
      for (const b of blocks) {
        if (b.type === 'tool_use') {
          const input = obj(b.input);
          const params: Record<string, string> = {};
          for (const [k, v] of Object.entries(input)) if (typeof v === 'string') params[k] = v;
          waiting.push({ name: str(b.name) ?? '', params, id: str(b.id) ?? `msg-${index}:tool` });
        }
      }
      return;
    }
    // User turn: the task, feedback, and results of the previous tool calls.
    const ws = /# Current (?:Working|Workspace) Directory \(([^)]+)\)/.exec(allText);
    if (ws && !builder.session.workspace) builder.session.workspace = ws[1];
    const task = tagValue(allText, 'task') ?? tagValue(allText, 'feedback') ?? tagValue(allText, 'user_message') ?? tagValue(allText, 'answer');
    if (task) {
      builder.user(`msg-${index}`, task, source, timestamp);
      if (!builder.session.title) builder.session.title = task.split('\n')[0].slice(0, 120);
    }
    const results = [...allText.matchAll(RESULT_HEADER)];
    results.forEach((m, i) => {
      const end = i + 1 < results.length ? results[i + 1].index : allText.length;
      let body = allText.slice((m.index ?? 0) + m[0].length, end);
      body = body.replace(/<environment_details>[\s\S]*$/, '').trim();
      const name = m[1];
      const at = waiting.findIndex((w) => w.name === name);
      const call = at >= 0 ? waiting.splice(at, 1)[0] : undefined;
      const id = call?.id ?? `msg-${index}:result-${i}`;
      if (name === 'execute_command') {
        const command = call?.params.command ?? m[2] ?? '';
        const exit = /Exit code: (-?\d+)/.exec(body);
        const outAt = body.indexOf('Output:\n');
        const output = outAt >= 0 ? body.slice(outAt + 8) : body;
        const denied = /denied this operation|did not run|still running/i.test(body.slice(0, 200));
        if (!denied) builder.toolRun({ id, command, output, exitCode: exit ? Number(exit[1]) : undefined, timestamp, source });
      } else if (name === 'read_file') {
        readResult(builder, { id, path: call?.params.path ?? m[2] ?? '', body, timestamp, source });
      } else if (EDIT_TOOLS.has(name)) {
        const editPath = call?.params.path ?? m[2] ?? '';
        const sides = call ? diffSides(call.params.diff ?? call.params.content) : {};
        const applied = !/denied|error|failed/i.test(body.slice(0, 300));
        builder.fileEdit({ id, path: editPath, ...sides, applied, timestamp, source });
      }
    });
    // Native tool results (newer versions) pair by id.
    for (const b of blocks) {
      if (b.type !== 'tool_result') continue;
      const at = waiting.findIndex((w) => w.id === str(b.tool_use_id));
      if (at < 0) continue;
      const call = waiting.splice(at, 1)[0];
      const body = contentText(b.content);
      if (call.name === 'execute_command') {
        const exit = /Exit code: (-?\d+)/.exec(body);
        builder.toolRun({ id: call.id, command: call.params.command ?? '', output: body, exitCode: exit ? Number(exit[1]) : undefined, failed: b.is_error === true, timestamp, source });
      } else if (call.name === 'read_file' && b.is_error !== true) {
        readResult(builder, { id: call.id, path: call.params.path ?? '', body, timestamp, source });
      } else if (EDIT_TOOLS.has(call.name)) {
        builder.fileEdit({ id: call.id, path: call.params.path ?? '', ...diffSides(call.params.diff ?? call.params.content), applied: b.is_error !== true, timestamp, source });
      }
    }
    // Results arrive in the turn right after the calls; anything unanswered was not run.
    waiting = [];
  });
  return { builder, parseErrors };
}

export const clineAdapter: DocumentAdapter = {
  assistant: 'cline',
  mode: 'document',
  matchesPath: (path) => /\/tasks\/[^/]+\/api_conversation_history\.json$/.test(normalisePath(path)),
  sniff: (head) => /^\s*\[\s*\{\s*"role"\s*:/.test(head) && /\[\w+ for '|<task>|<environment_details>/.test(head),
  async load(path, io) {
    const text = await io.readText(path);
    const { builder, parseErrors } = parseClineHistory(text, path, assistantFor(path));
    return { sessions: builder ? [builder.session] : [], parseErrors, inputs: [path] };
  },
};
