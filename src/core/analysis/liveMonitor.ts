import type { SessionAdapter } from '../sessions/adapter';
import type { SessionRoot } from '../sessions/discovery';
import type { Session, SessionEvent, ToolRun } from '../sessions/model';
import type { NewEvent } from '../sessions/reader';
import type { MonitorSettings } from '../monitor/types';
import { SummaryTally, type SessionSummary } from '../sessions/summary';
import { SessionWatcher } from '../sessions/watch';
import { SessionAnalysis, sessionTitle, type AnalysedBatch, type CompletionScorer } from './sessionAnalysis';

/** One session as the live monitor knows it. */
export interface LiveSession {
  key: string;
  session: Session;
  title: string;
  summary: SessionSummary;
  /** Present once the session's completions are being read. */
  analysis?: SessionAnalysis;
}

export type LiveChange =
  | { kind: 'sessions' }
  /**
   * Events analysed once each, in order: the one stream every consumer reads. `live` is
   * false while a session's history is being caught up with (no notifications then).
   */
  | { kind: 'analysed'; key: string; update: AnalysedBatch; live: boolean }
  | { kind: 'error'; message: string };

export interface LiveMonitorOptions {
  roots: SessionRoot[];
  /** Opens the model and vectors on first use (they load lazily, off the caller's thread). */
  openScorer: () => Promise<CompletionScorer>;
  settings: MonitorSettings;
  /** Sessions active after this time (ms since epoch) are read at start; older ones when asked. */
  analyseSince: number;
  onChange(change: LiveChange): void;
  /** For platforms where fs.watch is unreliable. */
  forcePolling?: boolean;
}

/**
 * Sessions on disk, followed live: the watcher hands each new event once, and every
 * new event of a session that is being read goes through its SessionAnalysis (the
 * model's readings, then the monitor) in order, one batch at a time per session, so
 * alerts come in event order. A session starts being read with the events it has
 * then; from there on it takes exactly what the watcher hands over.
 */
export class LiveMonitor {
  private readonly live = new Map<string, LiveSession>();
  /** Per session: its figures, kept up to date with each new event (never counted again from the start). */
  private readonly tallies = new Map<string, SummaryTally>();
  /** Per session being read: its queue of analysis work (present from the moment reading starts). */
  private readonly queues = new Map<string, Promise<void>>();
  /** Sessions whose reading was started, even if the model is still opening (or failed to). */
  private readonly asked = new Set<string>();
  private scorer?: Promise<CompletionScorer>;
  private watcher?: SessionWatcher;
  private disposed = false;

  private constructor(private options: LiveMonitorOptions) {}

  static async start(options: LiveMonitorOptions): Promise<LiveMonitor> {
    const monitor = new LiveMonitor(options);
    monitor.watcher = await SessionWatcher.start({
      roots: options.roots,
      forcePolling: options.forcePolling,
      onEvents: (events, info) => monitor.onEvents(events, info.initial),
      onEnded: () => options.onChange({ kind: 'sessions' }),
      onError: (path, message) => options.onChange({ kind: 'error', message: `${path}: ${message}` }),
    });
    return monitor;
  }

  sessions(): LiveSession[] {
    return [...this.live.values()].sort((a, b) => (b.summary.lastActivity ?? '').localeCompare(a.summary.lastActivity ?? ''));
  }

  get(key: string): LiveSession | undefined {
    return this.live.get(key);
  }

  /** Keys of the sessions being read: what a monitor started in this one's place must read too. */
  beingRead(): string[] {
    return [...this.asked];
  }

  updateSettings(settings: MonitorSettings): void {
    this.options = { ...this.options, settings };
    for (const s of this.live.values()) s.analysis?.updateSettings(settings);
  }

  /** Starts reading a session's completions (if not already) and resolves when it has caught up. */
  async analyse(key: string): Promise<SessionAnalysis | undefined> {
    const entry = this.live.get(key);
    if (!entry) return undefined;
    if (!this.queues.has(key)) this.startReading(entry, false);
    await this.queues.get(key);
    return entry.analysis;
  }

  /**
   * A test run seen outside the transcripts (a terminal or a task in the editor)
   * joins the most recently active analysed session of the same workspace.
   */
  addExternalTestRun(workspace: string, run: ToolRun): string | undefined {
    const target = this.sessions().find((s) => this.queues.has(s.key) && s.session.workspace && samePath(s.session.workspace, workspace));
    if (!target) return undefined;
    this.enqueue(target, [run], true);
    return target.key;
  }

  /** Follows one more session file (e.g. one the user picked) and resolves when its history is read. */
  async follow(path: string, adapter: SessionAdapter): Promise<LiveSession[]> {
    await this.watcher?.follow(path, adapter);
    const sessions = this.sessions().filter((s) => s.session.sourcePath === path);
    await Promise.all(sessions.map((s) => this.analyse(s.key)));
    return sessions;
  }

  dispose(): void {
    this.disposed = true;
    this.watcher?.close();
  }

  private onEvents(events: readonly NewEvent[], initial: boolean): void {
    const bySession = new Map<Session, SessionEvent[]>();
    for (const { session, event } of events) bySession.set(session, [...(bySession.get(session) ?? []), event]);
    for (const [session, fresh] of bySession) {
      const key = `${session.sourcePath}#${session.id}`;
      const tally = this.tallies.get(key) ?? new SummaryTally();
      this.tallies.set(key, tally.add(fresh));
      let entry = this.live.get(key);
      if (!entry) {
        entry = { key, session, title: sessionTitle(session), summary: tally.of(session) };
        this.live.set(key, entry);
      } else {
        entry.session = session;
        entry.summary = tally.of(session);
        entry.title = sessionTitle(session);
      }
      const recent = Date.parse(entry.summary.lastActivity ?? '') >= this.options.analyseSince;
      if (this.queues.has(key)) this.enqueue(entry, fresh, !initial);
      else if (!initial || recent) this.startReading(entry, !initial);
    }
    this.options.onChange({ kind: 'sessions' });
  }

  /** Starts reading a session with every event it has now; later events come from the watcher. */
  private startReading(entry: LiveSession, live: boolean): void {
    this.asked.add(entry.key);
    this.enqueue(entry, [...entry.session.events], live, true);
  }

  private enqueue(entry: LiveSession, events: SessionEvent[], live: boolean, fromStart = false): void {
    const previous = this.queues.get(entry.key) ?? Promise.resolve();
    const next = previous.then(async () => {
      // Later events wait for a start that failed: the next start reads them with the rest.
      if (this.disposed || (!entry.analysis && !fromStart)) return;
      try {
        if (!entry.analysis) entry.analysis = new SessionAnalysis(entry.session, await this.openScorer(), this.options.settings);
        const update = await entry.analysis.add(events);
        // A monitor disposed meanwhile (another model, other folders) hands nothing on:
        // the one started in its place reads the session again, and readings are never mixed.
        if (this.disposed) return;
        this.options.onChange({ kind: 'analysed', key: entry.key, update, live });
      } catch (error) {
        if (this.disposed) return;
        if (!entry.analysis) this.queues.delete(entry.key); // the model did not open: start over on the next need
        this.options.onChange({ kind: 'error', message: `reading ${entry.title}: ${error instanceof Error ? error.message : String(error)}` });
      }
    });
    this.queues.set(entry.key, next);
  }

  private openScorer(): Promise<CompletionScorer> {
    if (!this.scorer) {
      this.scorer = this.options.openScorer();
      // A failed load (missing model files) is retried on the next need, after the user repaired it.
      this.scorer.catch(() => (this.scorer = undefined));
    }
    return this.scorer;
  }
}

function samePath(a: string, b: string): boolean {
  const norm = (p: string) => p.replace(/[\\/]+$/, '').replace(/\\/g, '/').toLowerCase();
  return norm(a) === norm(b);
}
