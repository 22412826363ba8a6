import type { FileEdit, Session, SessionEvent, SourcePointer, TestCounts, TestOutcome } from '../sessions/model';
import { SessionMonitor, type MonitorState, type MonitorUpdate } from '../monitor/sessionMonitor';
import type { Alert, Flag, MonitorSettings } from '../monitor/types';
import type { TextReading } from './emotionScorer';

/** What the analysis needs from a model: 171 readings for a text. */
export interface CompletionScorer {
  readonly emotions: readonly string[];
  readText(text: string, signal?: AbortSignal): Promise<TextReading>;
}

export interface AnalyzedCompletion {
  index: number;
  id: string;
  timestamp?: string;
  text: string;
  source: SourcePointer;
  /** z-scores in the scorer's emotion order. */
  scores: Float32Array;
  tokens: number;
  /** True when the text was read together with the turn's previous completion (see readingText). */
  withContext: boolean;
  flags: Flag[];
}

export interface AnalyzedTestRun {
  id: string;
  /** Index of the latest completion before the run, -1 when none came before it. */
  afterCompletion: number;
  command: string;
  outcome: TestOutcome;
  exitCode?: number;
  counts?: TestCounts;
  output: string;
  timestamp?: string;
  source: SourcePointer;
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

/** Completions shorter than this many words are read with the previous completion of the same turn. */
export const SHORT_COMPLETION_WORDS = 12;
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
  /** The previous completion's text while no user message has come since. */
  private turnText: string | undefined;

  constructor(
    readonly session: Pick<Session, 'id' | 'assistant' | 'title' | 'sourcePath' | 'workspace' | 'started'>,
    private readonly scorer: CompletionScorer,
    settings: MonitorSettings,
  ) {
    this.monitor = new SessionMonitor(sessionTitle(session), settings);
    this.desperate = scorer.emotions.indexOf('desperate');
    this.calm = scorer.emotions.indexOf('calm');
    if (this.desperate < 0 || this.calm < 0) throw new Error('the emotion vectors lack desperate or calm');
  }

  updateSettings(settings: MonitorSettings): void {
    this.monitor.updateSettings(settings);
  }

  state(): MonitorState {
    return this.monitor.state();
  }

  /** Adds events in order; resolves with everything the monitor raised for them. */
  async add(events: readonly SessionEvent[], signal?: AbortSignal): Promise<MonitorUpdate> {
    const update: MonitorUpdate = { alerts: [], flags: [] };
    const pending: Array<Promise<TextReading> | undefined> = [];
    const readingText: Array<{ text: string; withContext: boolean } | undefined> = [];
    for (const event of events) {
      if (event.kind === 'user') this.turnText = undefined;
      if (event.kind !== 'completion') {
        readingText.push(undefined);
        continue;
      }
      readingText.push(this.readingText(event.text));
      this.turnText = event.text;
    }
    const request = (i: number) => {
      const what = readingText[i];
      if (what && !pending[i]) pending[i] = this.scorer.readText(what.text, signal);
    };
    for (let i = 0; i < Math.min(events.length, READ_AHEAD); i++) request(i);
    for (const [i, event] of events.entries()) {
      request(i + READ_AHEAD);
      const one = await this.addOne(event, pending[i], readingText[i]?.withContext ?? false);
      update.alerts.push(...one.alerts);
      update.flags.push(...one.flags);
    }
    return update;
  }

  private async addOne(event: SessionEvent, reading: Promise<TextReading> | undefined, withContext: boolean): Promise<MonitorUpdate> {
    let update: MonitorUpdate;
    if (event.kind === 'completion') {
      const { scores, tokens } = await reading!;
      const completion: AnalyzedCompletion = {
        index: event.index,
        id: event.id,
        timestamp: event.timestamp,
        text: event.text,
        source: event.source,
        scores,
        tokens,
        withContext,
        flags: [],
      };
      this.completions.push(completion);
      update = this.monitor.observe(event, {
        completionIndex: event.index,
        completionId: event.id,
        timestamp: event.timestamp,
        desperate: scores[this.desperate],
        calm: scores[this.calm],
      });
    } else {
      if (event.kind === 'tool-run' && event.testRun) {
        this.testRuns.push({
          id: event.id,
          afterCompletion: this.completions.at(-1)?.index ?? -1,
          command: event.command,
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
    return update;
  }

  /**
   * A completion of a few words ("Running the tests now.") carries little on its
   * own: a sentence encoder's mean over three tokens is mostly noise. Such a text is
   * read together with the previous completion of the same turn, which is its
   * context; longer completions are read alone so one never colours the next.
   */
  private readingText(text: string): { text: string; withContext: boolean } {
    const words = text.split(/\s+/).filter(Boolean).length;
    if (words >= SHORT_COMPLETION_WORDS || this.turnText === undefined) return { text, withContext: false };
    return { text: `${this.turnText}\n${text}`, withContext: true };
  }
}
