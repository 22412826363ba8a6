import { LiveMonitor, type LiveChange, type LiveSession } from '../core/analysis/liveMonitor';
import type { AnalysedBatch, CompletionScorer } from '../core/analysis/sessionAnalysis';
import type { MonitorSettings } from '../core/monitor/types';
import type { SessionAdapter } from '../core/sessions/adapter';
import type { SessionRoot } from '../core/sessions/discovery';
import type { ToolRun } from '../core/sessions/model';

/** Sessions active within this window are read at start; older ones when opened. */
const RECENT_MS = 24 * 60 * 60 * 1000;

/** A reader of the one stream: every consumer sees each analysed batch once, in order. */
export interface StreamConsumer {
  /** One batch of a session's events, analysed; `live` is false while history is caught up with. */
  analysed?(key: string, batch: AnalysedBatch, live: boolean): void;
  /** The session list, a session's state or the status line changed. */
  changed?(): void;
}

export interface HostLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface SessionsDeps {
  /** The folders to watch, as the settings and the workspace name them now. */
  roots(): SessionRoot[];
  openScorer(): Promise<CompletionScorer>;
  settings(): MonitorSettings;
  log: HostLog;
  /** For platforms (and tests) where fs.watch is unreliable. */
  forcePolling?: boolean;
}

/**
 * The sessions on disk and the analysis of them: starts (and restarts) the live monitor
 * and hands its analysed-event stream to every consumer. It knows nothing of VS Code.
 */
export class SessionsController {
  private monitor?: LiveMonitor;
  private readonly consumers: StreamConsumer[] = [];
  private problem?: string;
  /** Starts run one after another: one begun while another is still scanning waits for it. */
  private starting: Promise<void> = Promise.resolve();
  private disposed = false;

  constructor(private readonly deps: SessionsDeps) {}

  subscribe(consumer: StreamConsumer): void {
    this.consumers.push(consumer);
  }

  /** False until the first start has found the sessions. */
  get started(): boolean {
    return this.monitor !== undefined;
  }

  sessions(): LiveSession[] {
    return this.monitor?.sessions() ?? [];
  }

  get(key: string): LiveSession | undefined {
    return this.monitor?.get(key);
  }

  /** Reads a session (if not yet) and resolves when it has caught up. */
  analyse(key: string) {
    return this.monitor?.analyse(key) ?? Promise.resolve(undefined);
  }

  follow(path: string, adapter: SessionAdapter): Promise<LiveSession[]> {
    return this.monitor?.follow(path, adapter) ?? Promise.resolve([]);
  }

  addExternalTestRun(workspace: string, run: ToolRun): string | undefined {
    return this.monitor?.addExternalTestRun(workspace, run);
  }

  settingsChanged(): void {
    this.monitor?.updateSettings(this.deps.settings());
    this.changed();
  }

  /** Why nothing can be read (the model or the folders failed), if anything stops it. */
  trouble(): string | undefined {
    return this.problem;
  }

  setTrouble(problem: string | undefined): void {
    if (problem) this.deps.log.error(problem);
    this.problem = problem;
    this.changed();
  }

  /**
   * (Re)starts watching. Sessions that were being read are read again by the new monitor
   * even when their last activity is old: a rescan or another model must not leave them
   * unread. That includes a session whose first reading is still opening the model (the
   * settings named another model meanwhile). Starts are queued: a second start while the
   * first is scanning would otherwise leave two monitors feeding the consumers, and could
   * not know which sessions the first was reading.
   */
  start(): Promise<void> {
    const next = this.starting.then(() => this.restart(), () => this.restart());
    this.starting = next;
    return next;
  }

  private async restart(): Promise<void> {
    if (this.disposed) return;
    const wasRead = this.monitor?.beingRead() ?? [];
    this.monitor?.dispose();
    this.monitor = undefined;
    const roots = this.deps.roots();
    const started = Date.now();
    try {
      this.monitor = await LiveMonitor.start({
        roots,
        openScorer: this.deps.openScorer,
        settings: this.deps.settings(),
        analyseSince: Date.now() - RECENT_MS,
        forcePolling: this.deps.forcePolling,
        onChange: (change) => this.onChange(change),
      });
      if (this.disposed) return this.monitor.dispose();
      this.deps.log.info(`watching ${roots.length} session folders; ${this.monitor.sessions().length} sessions found in ${Date.now() - started} ms`);
      for (const key of wasRead) if (this.monitor.get(key)) void this.monitor.analyse(key);
    } catch (error) {
      this.problem = `Could not watch the session folders: ${String(error)}`;
      this.deps.log.error(this.problem);
    }
    this.changed();
  }

  dispose(): void {
    this.disposed = true;
    this.monitor?.dispose();
    this.monitor = undefined;
  }

  private onChange(change: LiveChange): void {
    if (change.kind === 'error') {
      this.deps.log.warn(change.message);
      return;
    }
    if (change.kind === 'analysed') {
      for (const c of this.consumers) c.analysed?.(change.key, change.update, change.live);
    }
    this.changed();
  }

  private changed(): void {
    for (const c of this.consumers) c.changed?.();
  }
}
