/**
 * Every known session format, and recognition of a file by its path pattern
 * first and its content second (for files under `--root` in unusual places).
 */
import type { SessionAdapter } from './adapter';
import { normalisePath } from './adapter';
import { aiderAdapter } from './adapters/aider';
import { ampAdapter } from './adapters/amp';
import { claudeCodeAdapter } from './adapters/claudeCode';
import { clineAdapter } from './adapters/cline';
import { codexAdapter } from './adapters/codex';
import { continueAdapter } from './adapters/continueDev';
import { cursorDesktopAdapter } from './adapters/cursorDesktop';
import { copilotJsonAdapter, copilotLogAdapter } from './adapters/copilot';
import { copilotCliAdapter } from './adapters/copilotCli';
import { cursorAgentAdapter } from './adapters/cursorAgent';
import { cursorAgentTextAdapter } from './adapters/cursorAgentText';
import { factoryDroidAdapter } from './adapters/factoryDroid';
import { openClawAdapter, piAdapter } from './adapters/piAgent';
import { qwenCodeAdapter } from './adapters/qwenCode';
import { geminiJsonAdapter, geminiLogAdapter } from './adapters/gemini';
import { kimiAdapter } from './adapters/kimi';
import { kimiCodeAdapter } from './adapters/kimiCode';
import { gooseDbAdapter } from './adapters/gooseDb';
import { gooseLegacyAdapter } from './adapters/gooseLegacy';
import { opencodeAdapter } from './adapters/opencode';
import { kiloSqliteAdapter, opencodeSqliteAdapter } from './adapters/opencodeDb';
import { sweAgentAdapter } from './adapters/sweAgent';
import { readHead } from './fsRead';
import { sniffSqliteStore, SQLITE_FILE } from './sqlite/sniff';

/** Path patterns are checked in this order; more specific layouts come first. */
export const ADAPTERS: readonly SessionAdapter[] = [
  codexAdapter,
  copilotLogAdapter,
  copilotJsonAdapter,
  clineAdapter,
  geminiLogAdapter,
  geminiJsonAdapter,
  continueAdapter,
  opencodeAdapter,
  opencodeSqliteAdapter,
  kiloSqliteAdapter,
  cursorDesktopAdapter,
  gooseDbAdapter,
  claudeCodeAdapter,
  aiderAdapter,
  sweAgentAdapter,
  // Sniffed last: their first lines are the loosest shapes.
  copilotCliAdapter,
  cursorAgentAdapter,
  cursorAgentTextAdapter,
  factoryDroidAdapter,
  piAdapter,
  openClawAdapter,
  qwenCodeAdapter,
  ampAdapter,
  kimiAdapter,
  kimiCodeAdapter,
  gooseLegacyAdapter,
];

const SQLITE_ADAPTERS: readonly SessionAdapter[] = [opencodeSqliteAdapter, kiloSqliteAdapter, cursorDesktopAdapter, gooseDbAdapter];

/** Extensions worth opening to sniff; anything else is never a session file. */
const SNIFFABLE = /\.(?:jsonl|json|traj|md|markdown|txt)$/i;

/** Line formats that are not JSONL: they sniff text files by their own extension. */
const TEXT_LINE_ADAPTERS: readonly SessionAdapter[] = [aiderAdapter, cursorAgentTextAdapter];

/** Files that sit beside sessions but are not sessions themselves. */
const NOT_SESSIONS = /\/(?:sessions\.json|workspace\.json|ui_messages\.json|task_metadata\.json|package(?:-lock)?\.json|tsconfig\.json|settings\.json)$/;

export function adapterByPath(path: string): SessionAdapter | undefined {
  const p = normalisePath(path);
  if (NOT_SESSIONS.test(p)) return undefined;
  return ADAPTERS.find((a) => a.matchesPath(p));
}

/** Path pattern first; then, when `sniff` is set, the file's first bytes. */
export async function recogniseFile(path: string, sniff = true): Promise<SessionAdapter | undefined> {
  const byPath = adapterByPath(path);
  if (byPath) return byPath;
  const p = normalisePath(path);
  if (sniff && SQLITE_FILE.test(p)) {
    // A store under --root whose path says nothing: its tables do.
    const assistant = await sniffSqliteStore(path);
    return assistant && SQLITE_ADAPTERS.find((a) => a.assistant === assistant);
  }
  if (!sniff || !SNIFFABLE.test(p) || NOT_SESSIONS.test(p)) return undefined;
  const head = await readHead(path);
  if (!head) return undefined;
  const isJsonl = /\.jsonl$/i.test(p);
  // A .txt is only ever a plain-text transcript, never a JSON document.
  if (/\.txt$/i.test(p)) return TEXT_LINE_ADAPTERS.find((a) => a.sniff(head, p));
  // Line formats sniff their first line(s); document formats their opening text.
  return ADAPTERS.find((a) => (a.mode === 'lines' ? isJsonl || TEXT_LINE_ADAPTERS.includes(a) : !isJsonl) && a.sniff(head, p));
}
