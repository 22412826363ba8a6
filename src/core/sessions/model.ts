/**
 * The normalised session model every adapter produces. Whatever the assistant,
 * a session is an ordered list of events, and every event points back to the
 * file and line it came from so the UI can open it.
 */

export type AssistantId =
  | 'claude-code'
  | 'codex'
  | 'copilot-chat'
  | 'cline'
  | 'roo-code'
  | 'gemini-cli'
  | 'aider'
  | 'continue'
  | 'opencode'
  | 'swe-agent'
  | 'cursor'
  | 'kilo-code'
  | 'goose'
  | 'copilot-cli'
  | 'factory-droid'
  | 'pi'
  | 'openclaw'
  | 'qwen-code'
  | 'amp'
  | 'kimi';

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
};

/** Where an event came from. `line` is 1-based; whole-document formats point at the line the item starts on. */
export interface SourcePointer {
  path: string;
  line: number;
}

export interface Session {
  /** Unique within its source file; for Claude sidechains and aider the file holds several. */
  id: string;
  assistant: AssistantId;
  title?: string;
  workspace?: string;
  /** ISO 8601, when known. */
  started?: string;
  sourcePath: string;
  /** Set on subagent / sidechain sessions: the session they belong to. */
  parentId?: string;
  events: SessionEvent[];
  /** Lines or records that could not be read and were skipped. */
  parseErrors: number;
  /** Well-formed records of a kind this reader does not know, per kind: format drift, not errors. */
  unknownRecords?: Record<string, number>;
}

export type SessionEvent = UserMessage | AssistantCompletion | ToolRun | FileEdit | ClaimedPass;

interface EventBase {
  /** Stable across re-reads of the same file: the same item always gets the same id. */
  id: string;
  /** ISO 8601 when the format records it. */
  timestamp?: string;
  source: SourcePointer;
}

export interface UserMessage extends EventBase {
  kind: 'user';
  text: string;
}

export interface AssistantCompletion extends EventBase {
  kind: 'completion';
  /** 0-based position among the session's completions. */
  index: number;
  /** Prose only: tool calls, tool JSON and thinking are excluded. */
  text: string;
  model?: string;
}

export type TestOutcome = 'pass' | 'fail' | 'unknown';

export interface TestCounts {
  passed?: number;
  failed?: number;
  errors?: number;
  skipped?: number;
  total?: number;
}

export interface ToolRun extends EventBase {
  kind: 'tool-run';
  command: string;
  exitCode?: number;
  /** The start and end of the output, cut to a few KB. */
  output: string;
  /** The command runs a test suite (or a reproduction script, see testRuns.ts). */
  testRun: boolean;
  runner?: string;
  outcome: TestOutcome;
  counts?: TestCounts;
}

export interface FileEdit extends EventBase {
  kind: 'file-edit';
  path: string;
  testFile: boolean;
  oldExcerpt?: string;
  newExcerpt?: string;
  /** false when the tool refused the edit (e.g. SWE-agent's linter); undefined when not recorded. */
  applied?: boolean;
}

/** The assistant says tests pass, but no test run backs it. */
export interface ClaimedPass extends EventBase {
  kind: 'claimed-pass';
  completionId: string;
  /** The sentence that makes the claim. */
  claim: string;
  /** no-run: no test run in the session yet; last-run-failed: the latest run failed; edited-after-run: files changed since the latest passing run. */
  reason: 'no-run' | 'last-run-failed' | 'edited-after-run';
}

/** Everything read from one session file (or task folder). */
export interface ParsedSource {
  path: string;
  assistant: AssistantId;
  sessions: Session[];
  /** Bad lines/records in the whole source, including any before the first session started. */
  parseErrors: number;
  /** Set when the source could not be read at all (vanished, permission denied ...). */
  error?: string;
}
