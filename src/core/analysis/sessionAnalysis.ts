import type { FileEdit, RecognisedBy, Session, SessionEvent, SourcePointer, TestCounts, TestOutcome } from '../sessions/model';
import { SessionMonitor, type MonitorState, type MonitorUpdate } from '../monitor/sessionMonitor';
import type { Alert, CompletionSignal, Flag, MonitorSettings } from '../monitor/types';
import type { CompletionReading, CompletionScorer, Pooling, SentenceReading, SessionReader } from './scoring';

export type { CompletionScorer } from './scoring';

export interface AnalyzedCompletion {
  index: number;
  id: string;
  timestamp?: string;
  text: string;
  source: SourcePointer;
  /** z-scores in the scorer's emotion order. */
  scores: Float32Array;
  tokens: number;
  /** True when the text was read together with earlier text of the session (see the session readers). */
  withContext: boolean;
  /** False when the reading is not to be trusted (too short, no prose, not English): it is shown hollow and never drives a warning. */
  readable: boolean;
  unreadable?: string;
  /** The whole text's reading (mean over all tokens); `scores` are pooled from the sentences when the reader pools. */
  meanScores: Float32Array;
  pooling: Pooling;
  /** Per-sentence readings, kept so the inspector can show which sentence carried a reading without another model run. */
  sentences: SentenceReading[];
  flags: Flag[];
}

export interface AnalyzedTestRun {
  id: string;
  /** Index of the latest completion before the run, -1 when none came before it. */
  afterCompletion: number;
  command: string;
  /** Why it counts as a test run (see ToolRun). */
  recognisedBy?: RecognisedBy;
  reason?: string;
  outcome: TestOutcome;
  exitCode?: number;
  counts?: TestCounts;
  output: string;
  timestamp?: string;
  source: SourcePointer;
}

/** One event once analysed: what the stream hands every consumer (chart, views, flag store, CLI). */
export interface AnalysedEvent extends MonitorUpdate {
  event: SessionEvent;
  /** A completion's reading; undefined for other events. */
  completion?: AnalyzedCompletion;
}

/** A batch of events analysed in order, with the monitor's state after the last of them. */
export interface AnalysedBatch extends MonitorUpdate {
  events: AnalysedEvent[];
  state: MonitorState;
}

/**
 * A name a developer recognises: the assistant's own title when it keeps one,
 * else the workspace folder's name with the start of the session id.
 */
export function sessionTitle(session: Pick<Session, 'id' | 'title' | 'workspace'>): string {
  if (session.title) return session.title;
  const folder = session.workspace?.split(/[\\/]/).filter(Boolean).at(-1);
  return folder ? `${folder} (${session.id.slice(0, 8)})` : session.id;
}

/** What the monitor sees of one analysed completion. */
export function completionSignal(c: AnalyzedCompletion, desperate: number, calm: number): CompletionSignal {
  return { completionIndex: c.index, completionId: c.id, timestamp: c.timestamp, desperate: c.scores[desperate], calm: c.scores[calm], readable: c.readable };
}

/** Readings requested ahead of the monitor during a backfill, so the model can batch them. */
const READ_AHEAD = 32;

/**
 * One session, analysed event by event: every completion read against the 171
 * emotions, test runs placed on the completion axis, and the monitor's alerts
 * and flags. Events must be added in order; readings of a batch of events are
 * requested together (the model batches them) but fed to the monitor in order.
 */
export class SessionAnalysis {
  readonly completions: AnalyzedCompletion[] = [];
  readonly testRuns: AnalyzedTestRun[] = [];
  readonly edits: FileEdit[] = [];
  readonly alerts: Alert[] = [];
  private readonly monitor: SessionMonitor;
  private readonly desperate: number;
  private readonly calm: number;
  private readonly reader: SessionReader;

  constructor(
    readonly session: Pick<Session, 'id' | 'assistant' | 'title' | 'sourcePath' | 'workspace' | 'started'>,
    scorer: CompletionScorer,
    settings: MonitorSettings,
  ) {
    this.monitor = new SessionMonitor(sessionTitle(session), settings);
    this.reader = scorer.openSession(`${session.sourcePath}#${session.id}`);
    this.desperate = scorer.emotions.indexOf('desperate');
    this.calm = scorer.emotions.indexOf('calm');
    if (this.desperate < 0 || this.calm < 0) throw new Error('the emotion vectors lack desperate or calm');
  }

  updateSettings(settings: MonitorSettings): void {
    this.monitor.updateSettings(settings);
  }

  /** Frees the model state held for this session. */
  close(): void {
    this.reader.close();
  }

  state(): MonitorState {
    return this.monitor.state();
  }

  /** Adds events in order; resolves with each analysed event and everything the monitor raised for them. */
  async add(events: readonly SessionEvent[], signal?: AbortSignal): Promise<AnalysedBatch> {
    const batch: AnalysedBatch = { events: [], alerts: [], flags: [], state: this.state() };
    const pending: Array<Promise<CompletionReading> | undefined> = [];
    // The reader sees every event in order, a little ahead of the monitor, so the
    // model can batch the readings.
    let requested = 0;
    const requestUpTo = (end: number) => {
      for (; requested < Math.min(end, events.length); requested++) pending[requested] = this.reader.read(events[requested], signal);
    };
    for (const [i, event] of events.entries()) {
      requestUpTo(i + 1 + READ_AHEAD);
      const one = await this.addOne(event, pending[i]);
      pending[i] = undefined;
      batch.events.push(one);
      batch.alerts.push(...one.alerts);
      batch.flags.push(...one.flags);
    }
    batch.state = this.state();
    return batch;
  }

  private async addOne(event: SessionEvent, reading: Promise<CompletionReading> | undefined): Promise<AnalysedEvent> {
    let update: MonitorUpdate;
    let completion: AnalyzedCompletion | undefined;
    if (event.kind === 'completion') {
      if (!reading) throw new Error(`the session reader gave no reading for completion ${event.id}`);
      const { scores, tokens, withContext, readable, unreadable, meanScores, pooling, sentences } = await reading;
      completion = {
        index: event.index,
        id: event.id,
        timestamp: event.timestamp,
        text: event.text,
        source: event.source,
        scores,
        tokens,
        withContext,
        readable,
        ...(unreadable ? { unreadable } : {}),
        meanScores,
        pooling,
        sentences,
        flags: [],
      };
      this.completions.push(completion);
      // The monitor never lets an unreadable reading set the baseline or warn (see DesperationLevel).
      update = this.monitor.observe(event, completionSignal(completion, this.desperate, this.calm));
    } else {
      if (event.kind === 'tool-run' && event.testRun) {
        this.testRuns.push({
          id: event.id,
          afterCompletion: this.completions.at(-1)?.index ?? -1,
          command: event.command,
          recognisedBy: event.recognisedBy,
          reason: event.reason,
          outcome: event.outcome,
          exitCode: event.exitCode,
          counts: event.counts,
          output: event.output,
          timestamp: event.timestamp,
          source: event.source,
        });
      }
      if (event.kind === 'file-edit') this.edits.push(event);
      update = this.monitor.observe(event);
    }
    this.alerts.push(...update.alerts);
    for (const flag of update.flags) this.completions.findLast((c) => c.index === flag.completionIndex)?.flags.push(flag);
    return { event, completion, ...update };
  }
}
