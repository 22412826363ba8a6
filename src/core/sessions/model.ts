/**
 * The normalised session model every adapter produces. Whatever the assistant,
 * a session is an ordered list of events, and every event points back to the
 * file and line it came from so the UI can open it.
 */

import type { AssistantId } from '../../shared/assistants';
import type { RecognisedBy, TestCounts, TestOutcome } from '../../shared/testOutcome';

// The value types the protocol carries live in src/shared; re-exported so the
// session readers keep one vocabulary to import from.
export type { AssistantId, RecognisedBy, TestCounts, TestOutcome };
export { ASSISTANT_NAMES } from '../../shared/assistants';

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

export type SessionEvent = UserMessage | AssistantCompletion | ToolRun | FileEdit | FileRead | ClaimedPass;

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

/** Shown as the command of a test run reported in a user's turn. */
export const REPORTED_IN_CONVERSATION = 'reported in the conversation';

export interface ToolRun extends EventBase {
  kind: 'tool-run';
  /** For a run reported in a user's turn: REPORTED_IN_CONVERSATION. */
  command: string;
  exitCode?: number;
  /** The start and end of the output, cut to a few KB. */
  output: string;
  /** A test run: by its command, its output or the conversation (see testRuns.ts). */
  testRun: boolean;
  /** Set on test runs. */
  recognisedBy?: RecognisedBy;
  /** Set on test runs: why it counts, in a few words ("runs pytest", "output shows a pytest summary: 1 failed"). */
  reason?: string;
  runner?: string;
  outcome: TestOutcome;
  counts?: TestCounts;
}

/**
 * How an edit changed its file. write: `newText` is the whole new file;
 * replace: `oldText` (found in the file) became `newText`; patch: a diff or
 * several replacements, `oldText`/`newText` holding their removed and added
 * sides. Undefined when the format does not say.
 */
export type EditOperation = 'write' | 'replace' | 'patch';

/** One search/replace step of an edit: `oldText`, found in the file, becomes `newText`. */
export interface Replacement {
  oldText: string;
  newText: string;
}

/** Edit text kept per side; a longer side is left out with a reason (`omitted`). */
export const EDIT_TEXT_LIMIT = 1024 * 1024;

export interface FileEdit extends EventBase {
  kind: 'file-edit';
  path: string;
  testFile: boolean;
  operation?: EditOperation;
  /** The replaced text, in full (up to EDIT_TEXT_LIMIT characters). */
  oldText?: string;
  /** The new text, in full (up to EDIT_TEXT_LIMIT characters). */
  newText?: string;
  /** The whole file before the edit, when the format records it (Claude Code's originalFile). */
  fileBefore?: string;
  /**
   * For a patch: its replacements in order (MultiEdit's edits, SEARCH/REPLACE blocks, a
   * diff's hunks with their context lines), so the whole file can be rebuilt from what the
   * session knows of it. `oldText`/`newText` still hold their joined sides.
   */
  replacements?: Replacement[];
  /** Why a side was left out (above EDIT_TEXT_LIMIT). */
  omitted?: string;
  /** false when the tool refused the edit (e.g. SWE-agent's linter); undefined when not recorded. */
  applied?: boolean;
}

/** A file the assistant read, with the content it saw (line-number gutters removed). */
export interface FileRead extends EventBase {
  kind: 'file-read';
  path: string;
  content: string;
  /** Only part of the file was read (an offset or a line limit). */
  partial: boolean;
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
