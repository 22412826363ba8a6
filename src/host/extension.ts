import * as vscode from 'vscode';
import { homedir } from 'node:os';
import { openEmbedded, type Embedded } from '../core/analysis/embeddedScorer';
import { LiveMonitor, type LiveChange } from '../core/analysis/liveMonitor';
import type { CompletionScorer } from '../core/analysis/scoring';
import { FlagStore } from '../core/monitor/flagStore';
import type { MonitorSettings } from '../core/monitor/types';
import { defaultSessionRoots } from '../core/sessions/discovery';
import { recogniseFile } from '../core/sessions/registry';
import { CommandId } from '../shared/commands';
import { EmotionLensSettings } from '../shared/settings';
import { AlertNotifier } from './alertNotifier';
import { watchEditorTestRuns } from './editorTestRuns';
import { exportReadings } from './exportReadings';
import { FlagStorage } from './flagStorage';
import { onSettingsChanged, readSettings } from './settingsReader';
import { DesperationStatusBar } from './statusBar';
import { TIMELINE_VIEW_TYPE, TimelinePanel, type TimelineDeps } from './timelinePanel';
import { HostTimelineSource } from './timelineSource';
import { LocalModels, type OpenedLocal } from './localModels';
import { FlaggedView } from './views/flaggedView';
import { SessionsView } from './views/sessionsView';

/** Sessions active within this window are read at start; older ones when opened. */
const RECENT_MS = 24 * 60 * 60 * 1000;

/**
 * The composition root: the only place that wires the core to VS Code.
 * Activation stays cheap: it creates views and starts watching session folders
 * (after activation returns); the model is opened on the first reading and runs
 * in a worker thread, so the extension host never waits on it.
 */
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Emotion Lens', { log: true });
  const statusBar = new DesperationStatusBar();
  const sessionsView = new SessionsView(context.extensionUri);
  const flaggedView = new FlaggedView();
  let settings = readSettings();
  let monitor: LiveMonitor | undefined;
  let flags: FlagStorage | undefined;
  let embedded: Promise<Embedded> | undefined;
  let local: Promise<OpenedLocal> | undefined;
  let scorer: CompletionScorer | undefined;
  let statusLine = 'Looking for assistant sessions…';
  let problem: string | undefined;
  let activeKey: string | undefined;
  const extensionPath = context.extensionUri.fsPath;

  const monitorSettings = (s: EmotionLensSettings): MonitorSettings => ({
    minFailingRuns: s.alert.minFailingRuns,
    desperationThreshold: s.alert.desperationThreshold,
    cooldownMinutes: s.alert.cooldownMinutes,
  });

  const localModels = new LocalModels({ extensionUri: context.extensionUri, storageUri: context.globalStorageUri, log, settings: () => settings });
  const explained = new Set<string>();

  /**
   * The user's own model when the settings name one and it opens (prepared,
   * calibrated); otherwise the embedded model, which always works. A local model
   * that cannot be used is explained once, with the action that fixes it.
   */
  const openScorer = async (): Promise<CompletionScorer> => {
    const dir = settings.modelPath;
    if (dir) {
      local ??= localModels.open(dir);
      try {
        const opened = await local;
        adoptScorer(opened.scorer);
        return opened.scorer;
      } catch (error) {
        if (!explained.has(dir)) {
          explained.add(dir);
          void localModels.explain(dir, error);
        }
      }
    }
    return openEmbeddedScorer();
  };

  /**
   * The first reading with a model: views built before it (from another model's
   * readings, or with no catalog yet) go, and an open timeline starts over.
   */
  const adoptScorer = (next: CompletionScorer): void => {
    problem = undefined;
    if (scorer === next) return;
    scorer = next;
    timeline.reset();
    TimelinePanel.current?.modelChanged();
  };

  /** Drops the open model: the next reading opens what the settings name now. */
  const closeScorer = (): void => {
    void local?.then((l) => l.dispose(), () => undefined);
    local = undefined;
    scorer = undefined;
    explained.clear();
    timeline.reset();
    TimelinePanel.current?.modelChanged();
  };

  /** The embedded model and vectors, opened once on first need; a failure is shown and retried later. */
  const openEmbeddedScorer = async (): Promise<CompletionScorer> => {
    embedded ??= openEmbedded({
      modelDir: vscode.Uri.joinPath(context.extensionUri, 'dist', 'model').fsPath,
      workerPath: vscode.Uri.joinPath(context.extensionUri, 'dist', 'modelWorker.js').fsPath,
      vectorsPath: vscode.Uri.joinPath(context.extensionUri, 'media', 'vectors', 'use-lite.elvec').fsPath,
    });
    try {
      const opened = await embedded;
      adoptScorer(opened.scorer);
      return opened.scorer;
    } catch (error) {
      embedded = undefined;
      const message = error instanceof Error ? error.message : String(error);
      problem = `The model could not be opened: ${message}`;
      log.error(problem);
      TimelinePanel.current?.statusChanged();
      void vscode.window.showErrorMessage(`Emotion Lens: ${message}`, 'Show Log').then((c) => c && log.show());
      throw error;
    }
  };


  const timeline = new HostTimelineSource({
    monitor: () => monitor,
    scorer: openScorer,
    openScorer: () => scorer,
    flags: () => flags?.store,
    emotionsShown: () => settings.emotionsShown,
    minFailingRuns: () => settings.alert.minFailingRuns,
    threshold: () => settings.alert.desperationThreshold,
    status: () => problem ?? statusLine,
    requestAnalysis: (key) => {
      void monitor?.analyse(key).then(() => TimelinePanel.current?.sessionReplaced(key));
    },
  });
  const timelineDeps: TimelineDeps = { extensionUri: context.extensionUri, log, source: timeline };

  const openTimeline = (key?: string): void => {
    const panel = TimelinePanel.show(timelineDeps);
    if (key) {
      activeKey = key;
      void monitor?.analyse(key).then(() => panel.reveal(key));
    }
  };
  const inspect = (key: string, index: number): void => {
    activeKey = key;
    const panel = TimelinePanel.show(timelineDeps);
    void monitor?.analyse(key).then(() => panel.reveal(key, index));
  };
  const notifier = new AlertNotifier({ openTimeline, inspect }, log);

  const refreshViews = debounce(() => {
    const live = monitor?.sessions() ?? [];
    sessionsView.setSessions(
      live.map((s) => {
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
      }),
    );
    if (flags) flaggedView.setFlags(flags.store.active(scorer?.model.id));
    const active = (activeKey && monitor?.get(activeKey)) || live.find((s) => s.analysis);
    if (active?.analysis) statusBar.showSession(active.title, active.analysis.state());
    else statusBar.showIdle(live.length ? `${live.length} sessions found; none active` : 'no assistant session found yet');
    const next = monitor === undefined ? statusLine : live.length === 0 ? 'No assistant sessions found yet. Emotion Lens watches their folders and picks up new ones.' : `${live.length} session${live.length === 1 ? '' : 's'} found; readings are z-scores against neutral text.`;
    if (next !== statusLine) {
      statusLine = next;
      TimelinePanel.current?.statusChanged();
    }
    TimelinePanel.current?.sessionsChanged();
  }, 150);

  const onChange = (change: LiveChange): void => {
    if (change.kind === 'error') {
      log.warn(change.message);
      return;
    }
    if (change.kind === 'analysed') {
      const entry = monitor?.get(change.key);
      if (entry && flags && change.update.flags.length > 0) {
        flags.store.add(change.key, entry.title, change.update.flags, new Date(), scorer?.model.id);
        void flags.save();
      }
      if (change.live) {
        activeKey = change.key;
        notifier.notify(change.key, change.update.alerts, settings.alert.enabled);
      }
      const append = timeline.append(change.key);
      if (append) TimelinePanel.current?.append(append);
    }
    refreshViews();
  };

  const startMonitor = async (): Promise<void> => {
    // Sessions that were being read are read again by the new monitor even when their
    // last activity is old: a rescan or another model must not leave them unread.
    const wasRead = monitor?.sessions().filter((s) => s.analysis).map((s) => s.key) ?? [];
    monitor?.dispose();
    monitor = undefined;
    const roots = defaultSessionRoots({
      platform: process.platform,
      env: process.env,
      home: homedir(),
      workspaceFolders: vscode.workspace.workspaceFolders?.map((f) => f.uri.fsPath),
      settingsFolders: vscode.workspace.isTrusted ? settings.sessionFolders : [],
    }).map((root) => ({ ...root, assistants: root.assistants?.filter((a) => settings.assistants.includes(a)) ?? settings.assistants }));
    const started = Date.now();
    try {
      monitor = await LiveMonitor.start({
        roots: roots.filter((r) => r.assistants.length > 0),
        openScorer,
        settings: monitorSettings(settings),
        analyseSince: Date.now() - RECENT_MS,
        onChange,
      });
      const count = monitor.sessions().length;
      log.info(`watching ${roots.length} session folders; ${count} sessions found in ${Date.now() - started} ms`);
      const next = monitor;
      for (const key of wasRead) {
        if (next.get(key)) void next.analyse(key).then(() => TimelinePanel.current?.sessionReplaced(key));
      }
    } catch (error) {
      problem = `Could not watch the session folders: ${String(error)}`;
      log.error(problem);
    }
    refreshViews();
    TimelinePanel.current?.statusChanged();
  };

  const pickSession = async (): Promise<string | undefined> => {
    const items = (monitor?.sessions() ?? []).map((s) => ({
      label: s.title,
      description: `${s.session.assistant} · ${s.summary.completions} completions`,
      detail: s.session.sourcePath,
      key: s.key,
    }));
    if (items.length === 0) {
      void vscode.window.showInformationMessage('Emotion Lens: no assistant sessions found. Use "Analyze Transcript File…" to open one.');
      return undefined;
    }
    const choice = await vscode.window.showQuickPick(items, { title: 'Emotion Lens: pick a session', matchOnDetail: true });
    return choice?.key;
  };

  const handlers: Record<CommandId, (...args: unknown[]) => unknown> = {
    'emotionLens.openTimeline': (key?: unknown) => openTimeline(typeof key === 'string' ? key : undefined),
    'emotionLens.pickSession': async () => {
      const key = await pickSession();
      if (key) openTimeline(key);
    },
    'emotionLens.showFlagged': () => vscode.commands.executeCommand('emotionLens.flagged.focus'),
    'emotionLens.analyzeTranscriptFile': async () => {
      const [uri] = (await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Analyze', title: 'Emotion Lens: analyze a transcript file' })) ?? [];
      if (!uri || !monitor) return;
      const adapter = await recogniseFile(uri.fsPath);
      if (!adapter) {
        void vscode.window.showErrorMessage(`Emotion Lens: ${uri.fsPath} is not a session file of any assistant it knows.`);
        return;
      }
      const found = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Emotion Lens: reading the transcript…' },
        () => monitor!.follow(uri.fsPath, adapter),
      );
      if (found.length === 0) void vscode.window.showWarningMessage(`Emotion Lens: no session could be read from ${uri.fsPath}.`);
      else openTimeline(found[0].key);
    },
    'emotionLens.rescanSessions': () => {
      closeScorer();
      return startMonitor();
    },
    'emotionLens.exportReadings': async (key?: unknown, format?: unknown) => {
      const chosen = typeof key === 'string' ? key : await pickSession();
      const entry = chosen ? monitor?.get(chosen) : undefined;
      if (!entry) return;
      const analysis = await monitor!.analyse(entry.key);
      if (analysis) await exportReadings(analysis, await openScorer(), entry.title, format === 'csv' || format === 'json' ? format : undefined);
    },
    'emotionLens.showLog': () => log.show(),
    'emotionLens.inspectFlag': (key?: unknown, index?: unknown) => {
      if (typeof key === 'string' && typeof index === 'number') inspect(key, index);
    },
    'emotionLens.addLocalModel': () => localModels.add(),
    'emotionLens.downloadModel': () => localModels.download(),
    'emotionLens.calibrateLocalModel': async () => {
      if (await localModels.calibrate()) {
        closeScorer();
        await startMonitor();
      }
    },
    'emotionLens.useEmbeddedModel': () => localModels.useEmbedded(),
    'emotionLens.dismissFlag': (node?: unknown) => {
      const flag = (node as { flag?: Parameters<typeof FlagStore.id>[0] } | undefined)?.flag;
      if (flag && flags?.store.dismiss(FlagStore.id(flag))) {
        void flags.save();
        refreshViews();
      }
    },
  };

  context.subscriptions.push(
    log,
    statusBar,
    sessionsView,
    flaggedView,
    vscode.window.registerTreeDataProvider('emotionLens.sessions', sessionsView),
    vscode.window.registerTreeDataProvider('emotionLens.flagged', flaggedView),
    vscode.window.registerWebviewPanelSerializer(TIMELINE_VIEW_TYPE, {
      async deserializeWebviewPanel(panel, state) {
        TimelinePanel.revive(panel, timelineDeps, state);
      },
    }),
    onSettingsChanged((next) => {
      const rescan = next.sessionFolders.join('\n') !== settings.sessionFolders.join('\n') || next.assistants.join() !== settings.assistants.join();
      // Readings of different models are never mixed: another model re-reads every session.
      const remodel = next.modelPath !== settings.modelPath || next.modelLayer !== settings.modelLayer;
      settings = next;
      monitor?.updateSettings(monitorSettings(next));
      if (remodel) closeScorer();
      if (rescan || remodel) void startMonitor();
      refreshViews();
    }),
    watchEditorTestRuns((workspace, run) => {
      const key = monitor?.addExternalTestRun(workspace, run);
      if (key) log.info(`${run.command} (${run.outcome}) in the editor joins ${key}`);
    }),
    ...Object.entries(handlers).map(([id, handler]) => vscode.commands.registerCommand(id, handler)),
    { dispose: () => monitor?.dispose() },
    { dispose: () => void embedded?.then((e) => e.model.dispose(), () => undefined) },
    { dispose: () => void local?.then((l) => l.dispose(), () => undefined) },
  );

  // Everything below reads the disk: after activation has returned.
  setTimeout(() => {
    void FlagStorage.open(context.globalStorageUri, log).then((opened) => {
      flags = opened;
      refreshViews();
    });
    void startMonitor();
  }, 0);
  log.info(`activated (${extensionPath})`);
}

/** Everything is disposed through context.subscriptions. */
export function deactivate(): void {}

function debounce(fn: () => void, ms: number): () => void {
  let timer: NodeJS.Timeout | undefined;
  return () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(fn, ms);
  };
}
