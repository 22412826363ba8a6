/**
 * Files beside a line-format transcript that say what its lines do not: the
 * working folder, a title, a start time. Read once per source, read-only; a
 * missing or unreadable sidecar is simply no information.
 *   Copilot Chat   workspaceStorage/<id>/workspace.json          folder
 *   Gemini CLI     <project hash>/.project_root                  folder
 *   Cursor Agent   ~/.cursor/chats/<hash>/<agentId>/store.db     title, start (cursorAgentMeta.ts)
 *   Copilot CLI    session-state/<id>/workspace.yaml             cwd, summary, created_at
 *   Kimi Code      session_<uuid>/state.json                     cwd (or workDir), title, createdAt
 */
import type { SessionAdapter, SourceIO } from './adapter';
import { normalisePath } from './adapter';
import { copilotWorkspaceOf } from './adapters/copilot';
import { cursorAgentMeta } from './adapters/cursorAgentMeta';
import { geminiProjectRoot } from './adapters/gemini';
import { isoTime, obj, str, tryParseJson } from './text';

export interface Sidecar {
  workspace?: string;
  title?: string;
  started?: string;
}

export async function readSidecar(adapter: SessionAdapter, path: string, io: SourceIO): Promise<Sidecar | undefined> {
  switch (adapter.assistant) {
    case 'copilot-chat':
      return { workspace: await copilotWorkspaceOf(path, io) };
    case 'gemini-cli':
      return { workspace: await geminiProjectRoot(path, io) };
    case 'cursor':
      return cursorAgentMeta(path);
    case 'copilot-cli':
      return copilotCliWorkspace(path, io);
    case 'kimi-code':
      return kimiCodeState(path, io);
    default:
      return undefined;
  }
}

async function readOrUndefined(io: SourceIO, path: string): Promise<string | undefined> {
  try {
    return await io.readText(path);
  } catch {
    return undefined;
  }
}

/** Copilot CLI >= 1.0.11 writes workspace.yaml beside events.jsonl (flat keys: id, cwd, git_root, branch, summary, created_at ...). */
async function copilotCliWorkspace(path: string, io: SourceIO): Promise<Sidecar | undefined> {
  const dir = /^(.*\/session-state\/[^/]+)\/events\.jsonl$/.exec(normalisePath(path))?.[1];
  const text = dir && (await readOrUndefined(io, `${dir}/workspace.yaml`));
  if (!text) return undefined;
  const keys = flatYaml(text);
  return { workspace: keys.cwd, title: keys.summary, started: isoTime(keys.created_at) };
}

/** Kimi Code's state.json sits beside agents/: {cwd | workDir, title, createdAt (ms) ...}. */
async function kimiCodeState(path: string, io: SourceIO): Promise<Sidecar | undefined> {
  const [, dir, agent] = /^(.*\/session_[^/]+)\/agents\/([^/]+)\/wire\.jsonl$/.exec(normalisePath(path)) ?? [];
  const text = dir && (await readOrUndefined(io, `${dir}/state.json`));
  if (!text) return undefined;
  const state = obj(tryParseJson(text));
  const workspace = str(state.cwd) ?? str(state.workDir);
  // The title and start are the main agent's; a subagent shares only the folder.
  if (agent !== 'main') return { workspace };
  return { workspace, title: str(state.title) ?? str(state.lastPrompt), started: isoTime(state.createdAt) };
}

/**
 * The top-level scalar keys of a YAML file whose keys are flat, as Copilot
 * CLI's workspace.yaml is. A YAML library is not worth a dependency here: the
 * only one in node_modules (js-yaml) comes in with a packaging tool, not
 * with the extension, and these files hold a handful of `key: value` lines.
 * Plain, single- and double-quoted scalars and `|` / `>` blocks are read;
 * nested maps and lists are skipped.
 */
export function flatYaml(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.replace(/\r/g, '').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([A-Za-z_][\w.-]*):(?:\s+(.*?))?\s*$/.exec(lines[i]);
    if (!m) continue;
    const raw = m[2] ?? '';
    if (/^[|>][+-]?$/.test(raw)) {
      const block: string[] = [];
      while (i + 1 < lines.length && (/^\s+\S/.test(lines[i + 1]) || lines[i + 1] === '')) block.push(lines[++i].trim());
      const body = raw.startsWith('|') ? block.join('\n') : block.join(' ');
      if (body.trim()) out[m[1]] = body.trim();
      continue;
    }
    const value = scalar(raw);
    if (value !== undefined) out[m[1]] = value;
  }
  return out;
}

function scalar(raw: string): string | undefined {
  if (raw === '' || raw === '~' || raw === 'null') return undefined;
  if (raw.startsWith('"')) {
    const parsed = tryParseJson(raw);
    return typeof parsed === 'string' ? parsed : undefined;
  }
  if (raw.startsWith("'")) return raw.endsWith("'") && raw.length > 1 ? raw.slice(1, -1).replace(/''/g, "'") : undefined;
  // A comment ends a plain scalar.
  return raw.replace(/\s+#.*$/, '') || undefined;
}
