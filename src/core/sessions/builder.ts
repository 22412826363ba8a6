/**
 * Builds one normalised session event by event. Adapters call it in file
 * order; it numbers completions, classifies commands as test runs, parses
 * outcomes and raises claimed-pass events, so every adapter gets the same
 * rules.
 */
import { findPassClaim } from './claims';
import type { AssistantCompletion, AssistantId, ClaimedPass, FileEdit, Session, SessionEvent, SourcePointer, TestCounts, ToolRun, UserMessage } from './model';
import { excerpt, isTestFile } from './text';
import { parseTestOutcome, recogniseTestCommand } from './testRuns';

export interface ToolRunInput {
  id: string;
  command: string;
  output: string;
  exitCode?: number;
  timestamp?: string;
  source: SourcePointer;
  /** Set when the tool itself reported failure but gave no exit code. */
  failed?: boolean;
  /** For runs whose command is not recorded (aider's auto-test): the runner recognised from the output. */
  runner?: string;
}

export interface FileEditInput {
  id: string;
  path: string;
  oldText?: string;
  newText?: string;
  applied?: boolean;
  timestamp?: string;
  source: SourcePointer;
}

const EDIT_EXCERPT = 600;

export class SessionBuilder {
  readonly session: Session;
  private completions = 0;
  private lastTestOutcome: 'pass' | 'fail' | undefined;
  private editedSinceLastTest = false;
  /** Events added since the last drain(), for incremental readers. */
  private fresh: SessionEvent[] = [];

  constructor(init: { id: string; assistant: AssistantId; sourcePath: string; title?: string; workspace?: string; started?: string; parentId?: string }) {
    this.session = { ...init, events: [], parseErrors: 0 };
    for (const key of ['title', 'workspace', 'started', 'parentId'] as const) {
      if (this.session[key] === undefined) delete this.session[key];
    }
  }

  private push(event: SessionEvent): void {
    this.session.events.push(event);
    this.fresh.push(event);
  }

  /** Events added since the previous call. */
  drain(): SessionEvent[] {
    const out = this.fresh;
    this.fresh = [];
    return out;
  }

  get completionCount(): number {
    return this.completions;
  }

  user(id: string, text: string, source: SourcePointer, timestamp?: string): void {
    if (!text.trim()) return;
    this.push(withTime<UserMessage>({ kind: 'user', id, text, source }, timestamp));
  }

  completion(id: string, text: string, source: SourcePointer, timestamp?: string, model?: string): void {
    const prose = text.trim();
    if (!prose) return;
    const event = withTime<AssistantCompletion>({ kind: 'completion', id, index: this.completions++, text: prose, source }, timestamp);
    if (model) event.model = model;
    this.push(event);
    const claim = findPassClaim(prose);
    if (claim) {
      const reason =
        this.lastTestOutcome === undefined
          ? 'no-run'
          : this.lastTestOutcome === 'fail'
            ? 'last-run-failed'
            : this.editedSinceLastTest
              ? 'edited-after-run'
              : undefined;
      if (reason) this.push(withTime<ClaimedPass>({ kind: 'claimed-pass', id: `${id}#claim`, completionId: id, claim, reason, source }, timestamp));
    }
  }

  toolRun(input: ToolRunInput): ToolRun {
    const runner = recogniseTestCommand(input.command) ?? input.runner;
    const parsed = parseTestOutcome(input.output, input.exitCode);
    let outcome = parsed.outcome;
    if (outcome === 'unknown' && input.failed) outcome = 'fail';
    const event: ToolRun = {
      kind: 'tool-run',
      id: input.id,
      command: input.command,
      output: excerpt(input.output),
      testRun: runner !== undefined,
      outcome,
      source: input.source,
    };
    if (input.timestamp) event.timestamp = input.timestamp;
    if (input.exitCode !== undefined) event.exitCode = input.exitCode;
    if (runner) event.runner = runner;
    if (parsed.counts) event.counts = parsed.counts as TestCounts;
    this.push(event);
    if (runner && outcome !== 'unknown') {
      this.lastTestOutcome = outcome;
      this.editedSinceLastTest = false;
    }
    return event;
  }

  fileEdit(input: FileEditInput): FileEdit {
    const event: FileEdit = { kind: 'file-edit', id: input.id, path: input.path, testFile: isTestFile(input.path), source: input.source };
    if (input.timestamp) event.timestamp = input.timestamp;
    if (input.oldText !== undefined) event.oldExcerpt = excerpt(input.oldText, EDIT_EXCERPT, EDIT_EXCERPT);
    if (input.newText !== undefined) event.newExcerpt = excerpt(input.newText, EDIT_EXCERPT, EDIT_EXCERPT);
    if (input.applied !== undefined) event.applied = input.applied;
    this.push(event);
    if (input.applied !== false) this.editedSinceLastTest = true;
    return event;
  }

  parseError(): void {
    this.session.parseErrors++;
  }

  /** A well-formed record of a kind this reader does not know (a newer version's), counted per kind. */
  unknownRecord(kind: string): void {
    const counts = (this.session.unknownRecords ??= {});
    const key = kind.slice(0, 80);
    counts[key] = (counts[key] ?? 0) + 1;
  }
}

function withTime<T extends SessionEvent>(event: T, timestamp: string | undefined): T {
  if (timestamp) event.timestamp = timestamp;
  return event;
}
