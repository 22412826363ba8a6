/**
 * Builds one normalised session event by event. Adapters call it in file
 * order; it numbers completions, classifies commands as test runs, parses
 * outcomes and raises claimed-pass events, so every adapter gets the same
 * rules.
 */
import { findPassClaim, namedTestOutsideFailures } from './claims';
import { EDIT_TEXT_LIMIT, REPORTED_IN_CONVERSATION } from './model';
import type { AssistantCompletion, AssistantId, ClaimedPass, EditOperation, FileEdit, FileRead, Replacement, Session, SessionEvent, SourcePointer, ToolRun, UserMessage } from './model';
import { excerpt, isTestFile } from './text';
import { shellRead } from './shellReads';
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
  /** Why the assistant's own harness says this was its test command (aider's --auto-test), whatever the command reads as. */
  declaredTest?: string;
}

export interface FileEditInput {
  id: string;
  path: string;
  oldText?: string;
  newText?: string;
  operation?: EditOperation;
  /** The whole file before the edit, when the format records it. */
  fileBefore?: string;
  /** A patch's replacements in order, when the format gives them apart. */
  replacements?: Replacement[];
  applied?: boolean;
  timestamp?: string;
  source: SourcePointer;
}

/** Read text kept per read event. */
const READ_TEXT_LIMIT = 512 * 1024;

export interface FileReadInput {
  id: string;
  path: string;
  /** What the tool returned; a line-number gutter (`   12→`, `   12\t`) is removed here. */
  content: string;
  partial?: boolean;
  timestamp?: string;
  source: SourcePointer;
}

export class SessionBuilder {
  readonly session: Session;
  private completions = 0;
  /** How the latest test run ended; 'unknown' when it ran but showed no verdict (a quiet runner in a format without exit codes). */
  private lastTestOutcome: 'pass' | 'fail' | 'unknown' | undefined;
  /** Output of the latest test run, when it failed: a claim about one named test is checked against it. */
  private lastFailingOutput = '';
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
      // A run with no verdict can neither back nor contradict a claim, and a named test the
      // failing run does not list among its failures may well pass ("the parser test now passes").
      const reason =
        this.lastTestOutcome === undefined
          ? 'no-run'
          : this.lastTestOutcome === 'unknown'
            ? undefined
            : this.lastTestOutcome === 'fail'
              ? namedTestOutsideFailures(claim, this.lastFailingOutput)
                ? undefined
                : 'last-run-failed'
              : this.editedSinceLastTest
                ? 'edited-after-run'
                : undefined;
      if (reason) this.push(withTime<ClaimedPass>({ kind: 'claimed-pass', id: `${id}#claim`, completionId: id, claim, reason, source }, timestamp));
    }
  }

  toolRun(input: ToolRunInput): ToolRun {
    const recognition = recogniseTestRun({ command: input.command, output: input.output, exitCode: input.exitCode, failed: input.failed, runnerHint: input.runner, declaredTest: input.declaredTest });
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
      // A file shown whole through the shell is what the session knows of it, as a read tool's result is.
      const read = shellRead(input.command, input.output, input.exitCode, input.failed);
      if (read) this.fileRead({ id: `${input.id}#read`, path: read.path, content: input.output, partial: read.partial, timestamp: input.timestamp, source: input.source });
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
    this.lastTestOutcome = event.outcome;
    this.lastFailingOutput = event.outcome === 'fail' ? event.output : '';
    this.editedSinceLastTest = false;
    return event;
  }

  fileEdit(input: FileEditInput): FileEdit {
    const event: FileEdit = { kind: 'file-edit', id: input.id, path: input.path, testFile: isTestFile(input.path), source: input.source };
    if (input.timestamp) event.timestamp = input.timestamp;
    if (input.operation) event.operation = input.operation;
    const omitted: string[] = [];
    const keep = (name: 'oldText' | 'newText' | 'fileBefore', text: string | undefined) => {
      if (text === undefined) return;
      if (text.length <= EDIT_TEXT_LIMIT) event[name] = text;
      else omitted.push(`${name} is ${(text.length / 1024 / 1024).toFixed(1)} MB, above the ${EDIT_TEXT_LIMIT / 1024 / 1024} MB kept per side`);
    };
    keep('oldText', input.oldText);
    keep('newText', input.newText);
    keep('fileBefore', input.fileBefore);
    // Replacements are kept only when they fit with the sides, whose limit they share.
    const replaced = input.replacements?.reduce((n, r) => n + r.oldText.length + r.newText.length, 0) ?? 0;
    if (input.replacements?.length && replaced <= EDIT_TEXT_LIMIT) event.replacements = input.replacements;
    if (omitted.length) event.omitted = omitted.join('; ');
    if (input.applied !== undefined) event.applied = input.applied;
    this.push(event);
    if (input.applied !== false) this.editedSinceLastTest = true;
    return event;
  }

  /** A file the assistant read. Reads above READ_TEXT_LIMIT are not kept: sessions hold their events in memory. */
  fileRead(input: FileReadInput): void {
    if (input.content.length > READ_TEXT_LIMIT) return;
    const event: FileRead = { kind: 'file-read', id: input.id, path: input.path, content: stripLineGutter(input.content), partial: input.partial ?? false, source: input.source };
    if (input.timestamp) event.timestamp = input.timestamp;
    this.push(event);
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

/**
 * Removes the line-number gutter read tools put before every line (Claude
 * Code's `     1→text` or `     1\ttext`) and the reminders appended after the
 * file, so the rest is the file's own text.
 */
export function stripLineGutter(text: string): string {
  const body = text.replace(/\n*<system-reminder>[\s\S]*?<\/system-reminder>\s*$/g, '');
  const lines = body.split('\n');
  const gutter = /^\s*\d+(?:→|\t)/;
  const numbered = lines.filter((l) => l !== '');
  if (numbered.length === 0 || !numbered.every((l) => gutter.test(l))) return body;
  return lines.map((l) => l.replace(gutter, '')).join('\n');
}

function withTime<T extends SessionEvent>(event: T, timestamp: string | undefined): T {
  if (timestamp) event.timestamp = timestamp;
  return event;
}
