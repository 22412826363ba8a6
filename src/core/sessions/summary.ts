/** Per-session figures: what the `sessions` command lists and the failing-loop monitor starts from. */
import type { AssistantId, Session } from './model';

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
  const s: SessionSummary = {
    assistant: session.assistant,
    path: session.sourcePath,
    id: session.id,
    userMessages: 0,
    completions: 0,
    toolRuns: 0,
    testRuns: 0,
    failedRuns: 0,
    passedRuns: 0,
    longestFailingStreak: 0,
    fileEdits: 0,
    testFileEdits: 0,
    rejectedEdits: 0,
    claimedPasses: 0,
    parseErrors: session.parseErrors,
  };
  if (session.title) s.title = session.title;
  if (session.workspace) s.workspace = session.workspace;
  if (session.started) s.started = session.started;
  if (session.parentId) s.parentId = session.parentId;
  if (session.unknownRecords && Object.keys(session.unknownRecords).length) s.unknownRecords = { ...session.unknownRecords };
  let streak = 0;
  let last = session.started;
  for (const e of session.events) {
    if (e.timestamp && (!last || e.timestamp > last)) last = e.timestamp;
    switch (e.kind) {
      case 'user':
        s.userMessages++;
        break;
      case 'completion':
        s.completions++;
        break;
      case 'claimed-pass':
        s.claimedPasses++;
        break;
      case 'file-edit':
        s.fileEdits++;
        if (e.testFile) s.testFileEdits++;
        if (e.applied === false) s.rejectedEdits++;
        break;
      case 'tool-run':
        s.toolRuns++;
        if (!e.testRun) break;
        s.testRuns++;
        if (e.outcome === 'fail') {
          s.failedRuns++;
          streak++;
          s.longestFailingStreak = Math.max(s.longestFailingStreak, streak);
        } else if (e.outcome === 'pass') {
          s.passedRuns++;
          streak = 0;
        }
        break;
    }
  }
  if (last) s.lastActivity = last;
  return s;
}
