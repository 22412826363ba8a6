/** Per-session figures: what the `sessions` command lists and the failing-loop monitor starts from. */
import { FailingStreak } from './failingStreak';
import type { AssistantId, Session, SessionEvent } from './model';

export interface SessionSummary {
  assistant: AssistantId;
  path: string;
  id: string;
  title?: string;
  workspace?: string;
  started?: string;
  /** Latest event timestamp, else the start. */
  lastActivity?: string;
  parentId?: string;
  userMessages: number;
  completions: number;
  toolRuns: number;
  testRuns: number;
  failedRuns: number;
  passedRuns: number;
  /** Most test runs in a row that failed; runs of unknown outcome neither extend nor break a streak. */
  longestFailingStreak: number;
  fileEdits: number;
  testFileEdits: number;
  rejectedEdits: number;
  claimedPasses: number;
  parseErrors: number;
  /** Records of kinds the reader does not know, per kind (format drift); absent when none. */
  unknownRecords?: Record<string, number>;
}

export function summarise(session: Session): SessionSummary {
  return new SummaryTally().add(session.events).of(session);
}

type Counts = Omit<SessionSummary, 'assistant' | 'path' | 'id' | 'title' | 'workspace' | 'started' | 'lastActivity' | 'parentId' | 'parseErrors'>;

/**
 * A session's figures kept up to date event by event: a live session adds what is new
 * instead of counting its whole history again on every change.
 */
export class SummaryTally {
  private readonly counts: Counts = { userMessages: 0, completions: 0, toolRuns: 0, testRuns: 0, failedRuns: 0, passedRuns: 0, longestFailingStreak: 0, fileEdits: 0, testFileEdits: 0, rejectedEdits: 0, claimedPasses: 0 };
  private readonly streak = new FailingStreak();
  private last?: string;

  add(events: readonly SessionEvent[]): this {
    const c = this.counts;
    for (const e of events) {
      if (e.timestamp && (!this.last || e.timestamp > this.last)) this.last = e.timestamp;
      switch (e.kind) {
        case 'user':
          c.userMessages++;
          break;
        case 'completion':
          c.completions++;
          break;
        case 'claimed-pass':
          c.claimedPasses++;
          break;
        case 'file-edit':
          c.fileEdits++;
          if (e.testFile) c.testFileEdits++;
          if (e.applied === false) c.rejectedEdits++;
          break;
        case 'tool-run':
          c.toolRuns++;
          if (!e.testRun) break;
          c.testRuns++;
          if (e.outcome === 'fail') c.failedRuns++;
          else if (e.outcome === 'pass') c.passedRuns++;
          this.streak.observe(e);
          break;
      }
    }
    c.longestFailingStreak = this.streak.longest;
    return this;
  }

  /** The summary of `session` (its header fields as they are now) with the events added so far. */
  of(session: Session): SessionSummary {
    const s: SessionSummary = { assistant: session.assistant, path: session.sourcePath, id: session.id, ...this.counts, parseErrors: session.parseErrors };
    if (session.title) s.title = session.title;
    if (session.workspace) s.workspace = session.workspace;
    if (session.started) s.started = session.started;
    if (session.parentId) s.parentId = session.parentId;
    if (session.unknownRecords && Object.keys(session.unknownRecords).length) s.unknownRecords = { ...session.unknownRecords };
    const last = this.last && (!session.started || this.last > session.started) ? this.last : session.started;
    if (last) s.lastActivity = last;
    return s;
  }
}
