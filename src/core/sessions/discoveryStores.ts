/**
 * Default locations of the stores added in 2026 (SQLite databases and the
 * newer JSONL tools), kept apart from discovery.ts so each store's layout and
 * environment variables read in one place. Pure: platform, environment and
 * home come in as arguments.
 */
import { posix, win32 } from 'node:path';
import { editorUserDirs, type DiscoveryContext, type SessionRoot } from './discoveryContext';
import type { AssistantId } from './model';

export function storeRoots2026(ctx: DiscoveryContext): SessionRoot[] {
  const { platform, env, home } = ctx;
  const path = platform === 'win32' ? win32 : posix;
  const roots: SessionRoot[] = [];
  const add = (dir: string, assistant: AssistantId, maxDepth: number) => roots.push({ path: dir, assistants: [assistant], maxDepth, sniff: false });

  // OpenCode >= 1.2 and Kilo (built on it) keep opencode.db / opencode-<channel>.db and kilo.db in
  // their XDG data folder on every platform (xdg-basedir falls back to ~/.local/share, Windows too);
  // OPENCODE_DB and KILO_DB name another file, absolute or relative to that folder.
  const data = env.XDG_DATA_HOME ?? path.join(home, '.local', 'share');
  const store = (dir: string, override: string | undefined, assistant: AssistantId) => {
    add(path.join(data, dir), assistant, 0);
    if (override && override !== ':memory:') add(path.isAbsolute(override) ? override : path.join(data, dir, override), assistant, 0);
  };
  store('opencode', env.OPENCODE_DB, 'opencode');
  store('kilo', env.KILO_DB, 'kilo-code');

  // Cursor desktop: the global state.vscdb of each Cursor user folder (workspace indexes are read beside it).
  for (const user of editorUserDirs(ctx)) if (/[\\/]Cursor[^\\/]*[\\/]User$/.test(user)) add(path.join(user, 'globalStorage'), 'cursor', 0);
  // Cursor Agent: ~/.cursor/projects/<slug>/agent-transcripts/<id>/[subagents/]<id>.jsonl.
  add(path.join(home, '.cursor', 'projects'), 'cursor', 4);

  // Copilot CLI: ~/.copilot/session-state/<id>/events.jsonl (or flat <id>.jsonl); XDG_CONFIG_HOME moves ~/.copilot.
  add(path.join(home, '.copilot', 'session-state'), 'copilot-cli', 1);
  if (env.XDG_CONFIG_HOME) add(path.join(env.XDG_CONFIG_HOME, '.copilot', 'session-state'), 'copilot-cli', 1);
  // JSONL agents: Factory Droid, pi, OpenClaw (OPENCLAW_STATE_DIR; legacy ~/.clawdbot), Qwen Code (QWEN_HOME).
  add(path.join(home, '.factory', 'sessions'), 'factory-droid', 1);
  add(path.join(home, '.pi', 'agent', 'sessions'), 'pi', 3);
  for (const dir of [env.OPENCLAW_STATE_DIR ?? path.join(home, '.openclaw'), path.join(home, '.clawdbot')]) add(path.join(dir, 'agents'), 'openclaw', 2);
  add(path.join(env.QWEN_HOME ?? path.join(home, '.qwen'), 'projects'), 'qwen-code', 3);

  // Amp: one JSON per thread in its data folder; Kimi CLI: ~/.kimi/sessions/<hash>/<id>/context.jsonl.
  add(path.join(data, 'amp', 'threads'), 'amp', 0);
  add(path.join(home, '.kimi', 'sessions'), 'kimi', 2);
  // Kimi Code: ~/.kimi-code/sessions/wd_<slug>_<hash>/session_<uuid>/agents/<agent>/wire.jsonl; KIMI_CODE_HOME moves
  // ~/.kimi-code (its reader also accepts the sessions folder itself there).
  const kimiCode = env.KIMI_CODE_HOME ?? path.join(home, '.kimi-code');
  add(path.join(kimiCode, 'sessions'), 'kimi-code', 4);
  if (env.KIMI_CODE_HOME) add(kimiCode, 'kimi-code', 4);

  // Claude Cowork (the desktop app's agent mode) keeps Claude Code transcripts under a second root:
  // <Claude app data>/local-agent-mode-sessions/**/local_*/.claude/projects/<slug>/<id>.jsonl.
  const claudeApp =
    platform === 'darwin'
      ? path.join(home, 'Library', 'Application Support', 'Claude')
      : platform === 'win32'
        ? path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Claude')
        : path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Claude');
  add(path.join(claudeApp, 'local-agent-mode-sessions'), 'claude-code', 9);

  // Goose: Paths::data_dir()/sessions/sessions.db; GOOSE_PATH_ROOT relocates every Goose folder.
  const gooseData = env.GOOSE_PATH_ROOT
    ? path.join(env.GOOSE_PATH_ROOT, 'data')
    : platform === 'win32'
      ? path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Block', 'goose')
      : path.join(data, 'goose');
  add(path.join(gooseData, 'sessions'), 'goose', 0);
  add(path.join(home, '.goose', 'sessions'), 'goose', 0);
  return roots;
}
