/**
 * What discovery is asked (platform, environment, home, extra folders) and what it
 * answers (roots to search), with the VS Code-family user folders several stores live
 * in: shared by the default roots and the 2026 stores, so neither imports the other.
 */
import { posix, win32 } from 'node:path';
import type { AssistantId } from './model';

export interface DiscoveryContext {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  home: string;
  /** Open workspace folders (aider keeps its history inside the repository). */
  workspaceFolders?: string[];
  /** Extra folders from settings, scanned like `--root`. */
  settingsFolders?: string[];
}

export interface SessionRoot {
  path: string;
  /** Only these formats are looked for; all when absent. */
  assistants?: AssistantId[];
  /** How many folder levels below `path` are searched. */
  maxDepth: number;
  /** Open files whose path does not give their format away, to recognise them by content. */
  sniff: boolean;
}

const EDITOR_FOLDERS = ['Code', 'Code - Insiders', 'VSCodium', 'VSCodium - Insiders', 'Code - OSS', 'Cursor', 'Windsurf', 'Trae', 'Kiro'];


/** VS Code-family "User" folders for the platform, including remote-server and portable installs. */
export function editorUserDirs(ctx: DiscoveryContext): string[] {
  const { platform, env, home } = ctx;
  const join = platform === 'win32' ? win32.join : posix.join;
  let base: string;
  if (platform === 'win32') base = env.APPDATA ?? join(home, 'AppData', 'Roaming');
  else if (platform === 'darwin') base = join(home, 'Library', 'Application Support');
  else base = env.XDG_CONFIG_HOME ?? join(home, '.config');
  const dirs = EDITOR_FOLDERS.map((name) => join(base, name, 'User'));
  dirs.push(join(home, '.vscode-server', 'data', 'User'), join(home, '.vscode-server-insiders', 'data', 'User'));
  if (env.VSCODE_PORTABLE) dirs.push(join(env.VSCODE_PORTABLE, 'user-data', 'User'));
  return dirs;
}
