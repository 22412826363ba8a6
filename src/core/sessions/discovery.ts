/**
 * Where sessions live. `defaultSessionRoots` is pure (platform, environment
 * and home come in as arguments) so every platform's layout can be tested on
 * any machine; `findSessionSources` walks the roots and recognises files.
 */
import { promises as fsp } from 'node:fs';
import { join, posix, win32 } from 'node:path';
import { editorUserDirs, type DiscoveryContext, type SessionRoot } from './discoveryContext';
import type { SessionAdapter } from './adapter';
import type { AssistantId } from './model';
import { storeRoots2026 } from './discoveryStores';
import { recogniseFile } from './registry';

export type { DiscoveryContext, SessionRoot };
export { editorUserDirs };

function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}

export function defaultSessionRoots(ctx: DiscoveryContext): SessionRoot[] {
  const { platform, env, home } = ctx;
  const join = platform === 'win32' ? win32.join : posix.join;
  const roots: SessionRoot[] = [];
  const add = (path: string, assistants: AssistantId[], maxDepth: number) => roots.push({ path, assistants, maxDepth, sniff: false });

  const claudeDirs = splitList(env.CLAUDE_CONFIG_DIR);
  if (claudeDirs.length === 0) {
    claudeDirs.push(join(home, '.claude'));
    if (platform !== 'win32') claudeDirs.push(join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'claude'));
  }
  for (const dir of claudeDirs) add(join(dir, 'projects'), ['claude-code'], 3);

  const codexHome = env.CODEX_HOME ?? join(home, '.codex');
  add(join(codexHome, 'sessions'), ['codex'], 4);
  add(join(codexHome, 'archived_sessions'), ['codex'], 4);

  add(join(env.GEMINI_CLI_HOME ?? home, '.gemini', 'tmp'), ['gemini-cli'], 3);

  for (const user of editorUserDirs(ctx)) {
    add(join(user, 'workspaceStorage'), ['copilot-chat'], 2);
    add(join(user, 'globalStorage', 'emptyWindowChatSessions'), ['copilot-chat'], 0);
    add(join(user, 'globalStorage', 'saoudrizwan.claude-dev', 'tasks'), ['cline'], 1);
    add(join(user, 'globalStorage', 'rooveterinaryinc.roo-cline', 'tasks'), ['roo-code'], 1);
    add(join(user, 'globalStorage', 'kilocode.kilo-code', 'tasks'), ['kilo-code'], 1);
  }
  add(join(home, '.cline', 'data', 'tasks'), ['cline'], 1);

  add(join(env.CONTINUE_GLOBAL_DIR ?? join(home, '.continue'), 'sessions'), ['continue'], 0);

  // OpenCode follows XDG on every platform (xdg-basedir falls back to ~/.local/share).
  add(join(env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'opencode', 'storage', 'session'), ['opencode'], 1);
  roots.push(...storeRoots2026(ctx));

  for (const folder of ctx.workspaceFolders ?? []) add(folder, ['aider'], 0);
  for (const folder of ctx.settingsFolders ?? []) roots.push({ path: folder, maxDepth: 12, sniff: true });
  return roots;
}

/** A `--root DIR`: everything below it, recognised by path and content. */
export function scanRoot(path: string): SessionRoot {
  return { path, maxDepth: 12, sniff: true };
}

export interface FoundSource {
  path: string;
  adapter: SessionAdapter;
  mtimeMs: number;
  size: number;
}

/** One adapter reads both Cline and Roo Code task folders. */
function allowed(adapter: SessionAdapter, root: SessionRoot): boolean {
  if (!root.assistants) return true;
  return root.assistants.includes(adapter.assistant) || (adapter.assistant === 'cline' && root.assistants.includes('roo-code'));
}

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', '__pycache__', '.venv', 'venv', '.tox', 'dist-packages', 'site-packages']);
/** Bounds one scan so a root pointed at "/" still ends. */
const MAX_ENTRIES_PER_SCAN = 200_000;

/** Walks the roots (without following symlinks) and returns recognised sources, most recently changed first. */
export async function findSessionSources(roots: SessionRoot[]): Promise<FoundSource[]> {
  const found = new Map<string, FoundSource>();
  let budget = MAX_ENTRIES_PER_SCAN;
  const walk = async (dir: string, depth: number, root: SessionRoot): Promise<void> => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fsp.readdir(dir, { withFileTypes: true });
    } catch {
      return; // missing or unreadable folders are normal: most assistants are not installed
    }
    for (const entry of entries) {
      if (--budget < 0) return;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (depth < root.maxDepth && !SKIP_DIRS.has(entry.name)) await walk(full, depth + 1, root);
        continue;
      }
      if (!entry.isFile() || found.has(full)) continue;
      const adapter = await recogniseFile(full, root.sniff);
      if (!adapter || !allowed(adapter, root)) continue;
      try {
        const stat = await fsp.stat(full);
        found.set(full, { path: full, adapter, mtimeMs: stat.mtimeMs, size: stat.size });
      } catch {
        // vanished between listing and stat
      }
    }
  };
  for (const root of roots) {
    try {
      const stat = await fsp.stat(root.path);
      if (stat.isFile()) {
        const adapter = await recogniseFile(root.path, true);
        if (adapter) found.set(root.path, { path: root.path, adapter, mtimeMs: stat.mtimeMs, size: stat.size });
        continue;
      }
    } catch {
      continue;
    }
    await walk(root.path, 0, root);
  }
  return [...found.values()].sort((a, b) => b.mtimeMs - a.mtimeMs);
}
