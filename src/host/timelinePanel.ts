import * as vscode from 'vscode';
import type {
  CompletionDetail,
  EmotionCatalog,
  HostToWebview,
  RequestName,
  RequestParams,
  RequestResult,
  SeriesResult,
  SessionAppend,
  SessionListItem,
  SessionView,
  SentenceAttribution,
  WebviewRequest,
} from '../shared/protocol';
import { PROTOCOL_VERSION, parseViewState, parseWebviewMessage } from '../shared/protocol';
import type { SourcePointer } from '../core/sessions/model';
import { webviewHtml, webviewRoots } from './webviewHtml';

export const TIMELINE_VIEW_TYPE = 'emotionLens.timeline';
const TITLE = 'Emotion Lens: Timeline';

/**
 * What the panel asks of the rest of the extension. The composition root implements
 * it over the session registry, the model and the monitor (SessionViewBuilder and
 * buildCompletionDetail in src/core/chartData build most of the answers).
 */
export interface TimelineSource {
  catalog(): EmotionCatalog;
  sessions(): SessionListItem[];
  /** A line for the user about the state of things (model loading, nothing found ...). */
  status(): string;
  /** The session to show when the webview restores none (e.g. the latest active one). */
  defaultSession(): string | undefined;
  view(key: string, emotions: readonly string[]): SessionView | undefined;
  series(key: string, emotions: readonly string[]): SeriesResult | undefined;
  /** The inspector's content, with no model run; `emotion` picks its sentence shading. */
  completion(key: string, index: number, emotion: string): Promise<CompletionDetail | undefined>;
  /** The sentence shading of another emotion, from the readings kept (no model run). */
  sentences(key: string, index: number, emotion: string): SentenceAttribution | undefined;
  /** Where one event of a session is written (only events of known sessions are ever opened). */
  source(key: string, eventId: string): SourcePointer | undefined;
  /** What "Copy as JSON" copies. */
  completionJson(key: string, index: number): Promise<object | undefined>;
}

export interface TimelineDeps {
  extensionUri: vscode.Uri;
  log: vscode.LogOutputChannel;
  source: TimelineSource;
}

/** Files that are databases, not text: they are revealed in the OS instead of opened. */
const BINARY_SOURCES = /\.(db|vscdb|sqlite3?)$/i;

type Handlers = { [K in RequestName]: (params: RequestParams<K>) => Promise<RequestResult<K>> | RequestResult<K> };

/**
 * The "Emotion Lens: Timeline" panel (TimelinePanels keeps the one open). It posts nothing until the
 * webview's ready handshake, then one complete snapshot, then notifications. The webview
 * is torn down while hidden (no retainContextWhenHidden: it would hold the charts in
 * memory), so the panel forgets readiness when hidden and the webview, restored from
 * its getState, handshakes again when shown.
 */
export class TimelinePanel implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;
  /** What the webview shows: its appends and replacement views are for this. */
  private shown: { key?: string; emotions: string[] } = { emotions: [] };
  private pendingReveal: { key: string; index?: number } | undefined;

  /** A new panel in the active column. */
  static create(deps: TimelineDeps, onDisposed: (panel: TimelinePanel) => void): TimelinePanel {
    const panel = vscode.window.createWebviewPanel(TIMELINE_VIEW_TYPE, TITLE, vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: webviewRoots(deps.extensionUri),
    });
    return new TimelinePanel(panel, deps, onDisposed);
  }

  /** For the WebviewPanelSerializer: takes over a panel VS Code restored after a reload. */
  static revive(panel: vscode.WebviewPanel, deps: TimelineDeps, state: unknown, onDisposed: (panel: TimelinePanel) => void): TimelinePanel {
    const restored = parseViewState(state);
    const adopted = new TimelinePanel(panel, deps, onDisposed);
    if (restored?.key) adopted.shown = { key: restored.key, emotions: restored.emotions ?? [] };
    return adopted;
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly deps: TimelineDeps,
    private readonly onDisposed: (panel: TimelinePanel) => void,
  ) {
    panel.webview.options = { enableScripts: true, localResourceRoots: webviewRoots(deps.extensionUri) };
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'icon.png');
    panel.webview.html = webviewHtml(panel.webview, deps.extensionUri, TITLE);
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.ready = false;
      }),
      panel.webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw)),
    );
  }

  /** The emotions plotted for `key` when the webview shows that session. */
  plotted(key: string): readonly string[] | undefined {
    return key === this.shown.key ? this.shown.emotions : undefined;
  }

  revealPanel(): void {
    this.panel.reveal();
  }

  /** Live update: new completions, runs and flags of a session. Dropped unless it is the shown one. */
  append(update: SessionAppend): void {
    if (update.key === this.shown.key) this.post({ kind: 'notify', name: 'append', payload: update });
  }

  /** The session list changed (a new session, a new streak, a new flag ...). */
  sessionsChanged(): void {
    this.post({ kind: 'notify', name: 'sessions', payload: { sessions: this.deps.source.sessions() } });
  }

  statusChanged(): void {
    this.post({ kind: 'notify', name: 'status', payload: { status: this.deps.source.status() } });
  }

  /** Another model reads now: its catalog and every reading differ, so the panel starts over. */
  modelChanged(): void {
    if (this.ready) this.sendSnapshot(this.shown.key, this.shown.emotions);
  }

  /** A session changed in a way appends cannot say (its file was read again): resend it whole. */
  sessionReplaced(key: string): void {
    if (key !== this.shown.key) return;
    const view = this.deps.source.view(key, this.shown.emotions);
    if (view) this.post({ kind: 'notify', name: 'view', payload: view });
  }

  redrawShown(): void {
    if (this.shown.key) this.sessionReplaced(this.shown.key);
  }

  /**
   * Shows a session and, given an index, opens that completion in the inspector (a click
   * in the Flagged view). Before the handshake it is remembered and shown first.
   */
  reveal(key: string, index?: number): void {
    this.panel.reveal();
    const payload = index === undefined || index < 0 ? { key } : { key, index };
    if (this.ready) this.post({ kind: 'notify', name: 'reveal', payload });
    else this.pendingReveal = payload;
  }

  private async receive(raw: unknown): Promise<void> {
    const message = parseWebviewMessage(raw);
    if (!message) {
      this.deps.log.warn('timeline: dropped a malformed message from the webview');
      return;
    }
    if (message.kind === 'ready') {
      if (message.protocolVersion !== PROTOCOL_VERSION) {
        this.deps.log.error(`timeline: webview speaks protocol ${message.protocolVersion}, host ${PROTOCOL_VERSION}`);
      }
      this.ready = true;
      this.sendSnapshot(message.restore?.key ?? this.shown.key, message.restore?.emotions ?? this.shown.emotions);
      return;
    }
    await this.answer(message);
  }

  private sendSnapshot(restoreKey: string | undefined, emotions: readonly string[]): void {
    const source = this.deps.source;
    const catalog = source.catalog();
    const plotted = emotions.length ? [...emotions] : catalog.defaults;
    const reveal = this.pendingReveal;
    this.pendingReveal = undefined;
    const key = reveal?.key ?? restoreKey ?? source.defaultSession();
    const view = key ? source.view(key, plotted) : undefined;
    // The key is kept even when its view cannot be built yet (the model is still
    // opening): the view follows as a sessionReplaced once the session is read.
    this.shown = { key: view?.key ?? (key && source.sessions().some((s) => s.key === key) ? key : undefined), emotions: plotted };
    this.post({
      kind: 'snapshot',
      protocolVersion: PROTOCOL_VERSION,
      snapshot: { status: source.status(), catalog, sessions: source.sessions(), view: view ?? null },
    });
    if (reveal && view) this.post({ kind: 'notify', name: 'reveal', payload: reveal });
  }

  private readonly handlers: Handlers = {
    selectSession: ({ key, emotions }) => {
      const view = this.deps.source.view(key, emotions);
      if (view) this.shown = { key, emotions };
      return view ?? null;
    },
    series: ({ key, emotions }) => {
      if (key === this.shown.key) this.shown.emotions = [...new Set([...this.shown.emotions, ...emotions])];
      return this.deps.source.series(key, emotions) ?? null;
    },
    completion: async ({ key, index, emotion }) => (await this.deps.source.completion(key, index, emotion)) ?? null,
    sentences: ({ key, index, emotion }) => this.deps.source.sentences(key, index, emotion) ?? null,
    openSource: async ({ key, eventId }) => {
      const where = this.deps.source.source(key, eventId);
      if (!where) return false;
      const uri = vscode.Uri.file(where.path);
      if (BINARY_SOURCES.test(where.path)) {
        await vscode.commands.executeCommand('revealFileInOS', uri);
        return true;
      }
      const line = Math.max(0, where.line - 1);
      await vscode.window.showTextDocument(uri, {
        preview: true,
        viewColumn: vscode.ViewColumn.Beside,
        selection: new vscode.Range(line, 0, line, 0),
      });
      return true;
    },
    copyJson: async ({ key, index }) => {
      const json = await this.deps.source.completionJson(key, index);
      if (!json) return false;
      await vscode.env.clipboard.writeText(JSON.stringify(json, null, 2));
      return true;
    },
    exportReadings: async ({ key, format }) => {
      await vscode.commands.executeCommand('emotionLens.exportReadings', key, format);
      return true;
    },
    openLog: () => {
      this.deps.log.show();
      return null;
    },
  };

  private async answer(request: WebviewRequest): Promise<void> {
    const handler = this.handlers[request.method] as (params: unknown) => Promise<unknown> | unknown;
    try {
      const result = await handler(request.params);
      this.post({ kind: 'response', id: request.id, ok: true, result: result ?? null });
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      this.deps.log.error(`timeline: ${request.method} failed: ${text}`);
      this.post({ kind: 'response', id: request.id, ok: false, error: text });
    }
  }

  private post(message: HostToWebview): void {
    // Before the handshake (or while hidden) the webview would drop it; the snapshot catches up.
    if (!this.ready && message.kind !== 'snapshot') return;
    void this.panel.webview.postMessage(message);
  }

  dispose(): void {
    this.onDisposed(this);
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}
