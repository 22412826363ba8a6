/**
 * What the inspector shows for one completion, built from the session's events, the
 * completion's readings and the monitor's alerts and flags. Pure: the host calls it
 * when the webview asks, so nothing per completion is kept ready in advance.
 */
import type { Session, SessionEvent, SourcePointer, ToolRun } from '../sessions/model';
import type { Alert, Flag } from '../monitor/types';
import type { CompletionDetail, EvidenceItem, RunDetail, SentenceAttribution } from '../../shared/protocol';
import { TEST_RUNS_AROUND, UNREADABLE_MAX } from '../../shared/protocol';
import { cut } from './runTrack';
import { topScores } from './sessionViewBuilder';

/** Output kept per run: its start and end, as the transcript's own excerpt is already cut. */
const EXCERPT_MAX = 2000;
const TOP = 10;

export interface CompletionDetailInput {
  key: string;
  session: Session;
  index: number;
  /** Catalog names: the order of `scores`. */
  emotions: readonly string[];
  scores: ArrayLike<number>;
  alerts: readonly Alert[];
  flags: readonly Flag[];
  /** Why the reading is not to be trusted; its numbers are then left out of the detail. */
  unreadable?: string;
  attribution?: SentenceAttribution;
}

export function buildCompletionDetail(input: CompletionDetailInput): CompletionDetail | undefined {
  const { session, index } = input;
  const at = session.events.findIndex((e) => e.kind === 'completion' && e.index === index);
  if (at < 0) return undefined;
  const completion = session.events[at];
  if (completion.kind !== 'completion') return undefined;
  const detail: CompletionDetail = {
    key: input.key,
    index,
    id: completion.id,
    text: completion.text,
    top: input.unreadable === undefined ? topScores(input.scores, TOP).map(([i, z]) => [input.emotions[i] ?? `#${i}`, z]) : [],
    runsBefore: testRuns(session.events.slice(0, at).reverse()).slice(0, TEST_RUNS_AROUND).reverse(),
    runsAfter: testRuns(session.events.slice(at + 1)).slice(0, TEST_RUNS_AROUND),
    evidence: evidence(session, index, input.alerts, input.flags),
  };
  if (completion.timestamp) detail.time = completion.timestamp;
  if (completion.model) detail.model = completion.model;
  if (input.unreadable !== undefined) detail.unreadable = cut(input.unreadable, UNREADABLE_MAX);
  else if (input.attribution) detail.attribution = input.attribution;
  return detail;
}

/** The JSON that "Copy as JSON" puts on the clipboard: the detail plus every reading by name. */
export function completionExport(detail: CompletionDetail, session: Session, emotions: readonly string[], scores: ArrayLike<number>): object {
  const readings: Record<string, number> = {};
  emotions.forEach((name, i) => (readings[name] = scores[i]));
  const { attribution: _attribution, key: _key, ...rest } = detail;
  return { assistant: session.assistant, session: session.id, source: session.sourcePath, ...rest, readings };
}

function testRuns(events: readonly SessionEvent[]): RunDetail[] {
  const out: RunDetail[] = [];
  for (const e of events) {
    if (e.kind !== 'tool-run' || !e.testRun) continue;
    out.push(runDetail(e));
    if (out.length >= TEST_RUNS_AROUND) break;
  }
  return out;
}

function runDetail(run: ToolRun): RunDetail {
  const d: RunDetail = { id: run.id, command: run.command, outcome: run.outcome, excerpt: excerpt(run.output) };
  if (run.recognisedBy) d.recognisedBy = run.recognisedBy;
  if (run.reason) d.reason = run.reason;
  if (run.exitCode !== undefined) d.exitCode = run.exitCode;
  if (run.counts) d.counts = { ...run.counts };
  if (run.timestamp) d.time = run.timestamp;
  return d;
}

function excerpt(output: string): string {
  if (output.length <= EXCERPT_MAX) return output;
  const half = EXCERPT_MAX / 2;
  return `${output.slice(0, half)}\n…\n${output.slice(-half)}`;
}

function eventAt(session: Session, source: SourcePointer): string | undefined {
  return session.events.find((e) => e.source.path === source.path && e.source.line === source.line)?.id;
}

function evidence(session: Session, index: number, alerts: readonly Alert[], flags: readonly Flag[]): EvidenceItem[] {
  const items: EvidenceItem[] = [];
  for (const alert of alerts) {
    if (alert.completionIndex !== index) continue;
    if (alert.kind === 'desperation') {
      const e = alert.evidence;
      const item: EvidenceItem = {
        kind: 'desperation',
        message: alert.message,
        facts: [
          ['Failing runs in a row', String(e.failingStreak)],
          ['Desperate (recent level)', e.level.toFixed(2)],
          ['Session baseline', e.baseline.toFixed(2)],
          ['Rise over baseline', (e.level - e.baseline).toFixed(2)],
          ['Trend per completion', e.trend.toFixed(3)],
          ['Calm', e.calm.toFixed(2)],
          ...e.failingRuns.slice(-3).map((r, i): [string, string] => [`Failing run ${i + 1}`, r.command]),
        ],
      };
      const last = e.failingRuns[e.failingRuns.length - 1];
      const id = last ? eventAt(session, last.source) : undefined;
      if (id) item.eventId = id;
      items.push(item);
    } else if (alert.kind === 'long-loop') {
      const e = alert.evidence;
      items.push({ kind: 'long-loop', message: alert.message, facts: [['Failing runs in a row', String(e.failingStreak)], ...e.failingRuns.slice(-3).map((r, i): [string, string] => [`Failing run ${i + 1}`, r.command])] });
    } else {
      const e = alert.evidence;
      const item: EvidenceItem = { kind: e.kind, message: e.detail, facts: [['Where', `${e.source.path}:${e.source.line}`]] };
      const id = eventAt(session, e.source);
      if (id) item.eventId = id;
      items.push(item);
    }
  }
  // A flag without its alert (alerts are not always kept) still shows its message.
  for (const flag of flags) {
    if (flag.completionIndex !== index) continue;
    if (items.some((i) => i.kind === flag.reason && (i.message === flag.message || flag.reason === 'desperation'))) continue;
    items.push({ kind: flag.reason, message: flag.message, facts: [] });
  }
  return items;
}
