/**
 * The assistants whose sessions Emotion Lens reads: their ids (the values of the
 * `emotionLens.assistants` setting) and the names every view shows. Shared, so the
 * core, the host, the CLI and the webview name an assistant the same way.
 */
export const ASSISTANT_IDS = [
  'claude-code',
  'codex',
  'copilot-chat',
  'cline',
  'roo-code',
  'gemini-cli',
  'aider',
  'continue',
  'opencode',
  'swe-agent',
  'cursor',
  'kilo-code',
  'goose',
  'copilot-cli',
  'factory-droid',
  'pi',
  'openclaw',
  'qwen-code',
  'amp',
  'kimi',
  'kimi-code',
] as const;

export type AssistantId = (typeof ASSISTANT_IDS)[number];

export const ASSISTANT_NAMES: Record<AssistantId, string> = {
  'claude-code': 'Claude Code',
  codex: 'Codex CLI',
  'copilot-chat': 'GitHub Copilot Chat',
  cline: 'Cline',
  'roo-code': 'Roo Code',
  'gemini-cli': 'Gemini CLI',
  aider: 'Aider',
  continue: 'Continue',
  opencode: 'OpenCode',
  'swe-agent': 'SWE-agent',
  cursor: 'Cursor',
  'kilo-code': 'Kilo Code',
  goose: 'Goose',
  'copilot-cli': 'GitHub Copilot CLI',
  'factory-droid': 'Factory Droid',
  pi: 'pi',
  openclaw: 'OpenClaw',
  'qwen-code': 'Qwen Code',
  amp: 'Amp',
  kimi: 'Kimi CLI',
  'kimi-code': 'Kimi Code',
};
