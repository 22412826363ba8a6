/**
 * Builds one normalised session event by event. Adapters call it in file
 * order; it numbers completions, classifies commands as test runs, parses
 * outcomes and raises claimed-pass events, so every adapter gets the same
 * rules.
 */
import { findPassClaim } from './claims';
import type { AssistantCompletion, AssistantId, ClaimedPass, FileEdit, Session, SessionEvent, SourcePointer, ToolRun, UserMessage } from './model';
import { REPORTED_IN_CONVERSATION } from './model';
import { excerpt, isTestFile } from './text';
import { parseTestOutcome, recogniseReportedTestRun, recogniseTestRun, type TestRunRecognition } from './testRuns';

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

  /** A user's turn; pasted test output in it (a harness's feedback, a CI failure) also becomes a test run of its own. */
  user(id: string, text: string, source: SourcePointer, timestamp?: string): void {
    if (!text.trim()) return;
    this.push(withTime<UserMessage>({ kind: 'user', id, text, source }, timestamp));
    const reported = recogniseReportedTestRun(text);
    if (!reported) return;
    const run: ToolRun = { kind: 'tool-run', id: `${id}#reported`, command: REPORTED_IN_CONVERSATION, output: excerpt(text), testRun: false, outcome: 'unknown', source };
    this.pushTestRun(withTime(run, timestamp), reported);
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
    const recognition = recogniseTestRun({ command: input.command, output: input.output, exitCode: input.exitCode, failed: input.failed, runnerHint: input.runner });
    const event: ToolRun = {
      kind: 'tool-run',
      id: input.id,
      command: input.command,
      output: excerpt(input.output),
      testRun: false,
      outcome: recognition?.outcome ?? 'unknown',
      source: input.source,
    };
    if (input.timestamp) event.timestamp = input.timestamp;
    if (input.exitCode !== undefined) event.exitCode = input.exitCode;
    if (!recognition) {
      // Not a test run, but its outcome still tells whether the command worked.
      const parsed = parseTestOutcome(input.output, input.exitCode).outcome;
      event.outcome = parsed === 'unknown' && input.failed ? 'fail' : parsed;
      this.push(event);
      return event;
    }
    return this.pushTestRun(event, recognition);
  }

  private pushTestRun(event: ToolRun, recognition: TestRunRecognition): ToolRun {
    event.testRun = true;
    event.recognisedBy = recognition.recognisedBy;
    event.reason = recognition.reason;
    event.outcome = recognition.outcome;
    if (recognition.runner) event.runner = recognition.runner;
    if (recognition.counts) event.counts = recognition.counts;
    this.push(event);
    if (event.outcome !== 'unknown') {
      this.lastTestOutcome = event.outcome;
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
}

function withTime<T extends SessionEvent>(event: T, timestamp: string | undefined): T {
  if (timestamp) event.timestamp = timestamp;
  return event;
}
