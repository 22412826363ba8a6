/**
 * The readers of the analysed-event stream in the editor (SessionsController hands each
 * batch to them once). Each speaks to VS Code only through the small interface it is
 * given, so they are tested without it.
 */
import type { AnalysedBatch } from '../core/analysis/sessionAnalysis';
import type { FlagStore, StoredFlag } from '../core/monitor/flagStore';
import type { MonitorState } from '../core/monitor/sessionMonitor';
import type { Alert } from '../core/monitor/types';
import type { SessionAppend } from '../shared/protocol';
import type { SessionsController, StreamConsumer } from './sessionsController';
import type { SessionRow } from './views/sessionsView';

/** Where the stream's news is shown: the Sessions and Flagged views, the status bar, the open panel. */
export interface Displays {
  sessionsView: { setSessions(rows: SessionRow[]): void };
  flaggedView: { setFlags(flags: StoredFlag[]): void };
  statusBar: { showSession(title: string, state: MonitorState): void; showIdle(why: string): void };
  /** The timeline panel's session list and status line (dropped while no panel is open). */
  panel: { sessionsChanged(): void; statusChanged(): void };
}

/** The model that reads now and the flag store once loaded: read, never opened, here. */
export interface Readers {
  modelId(): string | undefined;
  flags(): FlagStore | undefined;
}

/**
 * The Sessions view, the Flagged view, the status bar and the panel's list, refreshed
 * (debounced) when the stream says something changed. The status bar follows the session
 * last active live, or the one the user opened.
 */
export class SessionDisplays implements StreamConsumer {
  private activeKey?: string;
  private statusLine = 'Looking for assistant sessions…';
  private timer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly sessions: SessionsController,
    private readonly readers: Readers,
    private readonly displays: Displays,
    private readonly delayMs = 150,
  ) {}

  /** A line for the user about the state of things (nothing found, the model failed ...). */
  status(): string {
    return this.sessions.trouble() ?? this.statusLine;
  }

  /** The user opened this session: the status bar follows it. */
  focus(key: string): void {
    this.activeKey = key;
  }

  analysed(key: string, _batch: AnalysedBatch, live: boolean): void {
    if (live) this.activeKey = key;
  }

  changed(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), this.delayMs);
  }

  refresh(): void {
    const live = this.sessions.sessions();
    const { sessionsView, flaggedView, statusBar, panel } = this.displays;
    sessionsView.setSessions(live.map((s) => {
      const state = s.analysis?.state();
      return {
        key: s.key,
        assistant: s.session.assistant,
        title: s.title,
        path: s.session.sourcePath,
        completions: s.summary.completions,
        failingStreak: state?.failingStreak ?? 0,
        desperate: state?.desperate,
        elevated: state?.elevated ?? false,
        lastActivity: s.summary.lastActivity,
      };
    }));
    const flags = this.readers.flags();
    if (flags) flaggedView.setFlags(flags.active(this.readers.modelId()));
    const active = (this.activeKey && this.sessions.get(this.activeKey)) || live.find((s) => s.analysis);
    if (active?.analysis) statusBar.showSession(active.title, active.analysis.state());
    else statusBar.showIdle(live.length ? `${live.length} sessions found; none active` : 'no assistant session found yet');
    const next = !this.sessions.started
      ? this.statusLine
      : live.length === 0
        ? 'No assistant sessions found yet. Emotion Lens watches their folders and picks up new ones.'
        : `${live.length} session${live.length === 1 ? '' : 's'} found; readings are z-scores against neutral text.`;
    if (next !== this.statusLine) this.statusLine = next;
    panel.statusChanged();
    panel.sessionsChanged();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}

/** Flags raised in the stream, kept in the flag store (global storage) under the model that read them. */
export class FlagRecorder implements StreamConsumer {
  constructor(
    private readonly sessions: Pick<SessionsController, 'get'>,
    private readonly readers: Readers,
    private readonly saved: () => void,
  ) {}

  analysed(key: string, batch: AnalysedBatch): void {
    const store = this.readers.flags();
    const entry = this.sessions.get(key);
    if (!store || !entry || batch.flags.length === 0) return;
    store.add(key, entry.title, batch.flags, new Date(), this.readers.modelId());
    this.saved();
  }
}

/** Alerts raised live (never while history is caught up with) go to the notifier. */
export class LiveAlerts implements StreamConsumer {
  constructor(private readonly notify: (key: string, alerts: readonly Alert[]) => void) {}

  analysed(key: string, batch: AnalysedBatch, live: boolean): void {
    if (live) this.notify(key, batch.alerts);
  }
}

/** The timeline's view model fed from the stream; the open panel gets the append (or the whole view when new). */
export interface TimelineFeedTarget {
  take(key: string, batch: AnalysedBatch): 'added' | 'new';
  append(key: string, emotions: readonly string[]): SessionAppend | undefined;
}

export interface PanelNotices {
  /** The emotions the panel plots for the session it shows, if it shows `key`. */
  plotted(key: string): readonly string[] | undefined;
  append(update: SessionAppend): void;
  sessionReplaced(key: string): void;
}

export class TimelineFeed implements StreamConsumer {
  constructor(
    private readonly timeline: TimelineFeedTarget,
    private readonly panel: PanelNotices,
  ) {}

  analysed(key: string, batch: AnalysedBatch): void {
    const made = this.timeline.take(key, batch);
    const plotted = this.panel.plotted(key);
    if (!plotted) return;
    if (made === 'new') this.panel.sessionReplaced(key);
    else {
      const append = this.timeline.append(key, plotted);
      if (append) this.panel.append(append);
    }
  }
}
