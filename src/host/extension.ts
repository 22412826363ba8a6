import * as vscode from 'vscode';
import { openEmbeddedScorer, ScorerProvider } from '../core/analysis/scorerProvider';
import { AlertNotifier } from './alertNotifier';
import { registerCommands, type Navigation } from './commands';
import { watchEditorTestRuns } from './editorTestRuns';
import { FlagStorage } from './flagStorage';
import { LocalModels } from './localModels';
import { SessionsController } from './sessionsController';
import { modelNamed, monitorSettings, onSettingsChanged, readSettings, sessionRoots, settingsChange } from './settingsReader';
import { DesperationStatusBar } from './statusBar';
import { FlagRecorder, LiveAlerts, SessionDisplays, TimelineFeed } from './streamConsumers';
import { TimelinePanels } from './timelinePanels';
import { HostTimelineSource } from './timelineSource';
import { FlaggedView } from './views/flaggedView';
import { SessionsView } from './views/sessionsView';

/**
 * The composition root: the only place that wires the core to VS Code, as a list of
 * constructions (ARCHITECTURE.md draws them). Activation stays cheap: it creates views
 * and starts watching session folders after it returns; the model opens on the first
 * reading and runs in a worker thread, so the extension host never waits on it.
 */
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Emotion Lens', { log: true });
  const dist = (name: string) => vscode.Uri.joinPath(context.extensionUri, 'dist', name).fsPath;
  let settings = readSettings();
  let flags: FlagStorage | undefined;
  const localModels = new LocalModels({ extensionUri: context.extensionUri, storageUri: context.globalStorageUri, log, settings: () => settings });
  const scorers = new ScorerProvider({
    localDir: () => settings.modelPath || undefined,
    openLocal: (dir) => localModels.open(dir),
    openEmbedded: () =>
      openEmbeddedScorer({ modelDir: dist('model'), workerPath: dist('modelWorker.js'), vectorsPath: vscode.Uri.joinPath(context.extensionUri, 'media', 'vectors', 'use-lite.elvec').fsPath }),
    localFailed: (dir, error) => void localModels.explain(dir, error),
    embeddedFailed: (message) => {
      sessions.setTrouble(`The model could not be opened: ${message}`);
      void vscode.window.showErrorMessage(`Emotion Lens: ${message}`, 'Show Log').then((c) => c && log.show());
    },
    changed: () => {
      sessions.setTrouble(undefined);
      panels.modelChanged();
    },
  });
  const sessions = new SessionsController({ roots: () => sessionRoots(settings), openScorer: () => scorers.open(), settings: () => monitorSettings(settings), log });
  const readers = { modelId: () => scorers.current()?.model.id, flags: () => flags?.store };
  const timeline = new HostTimelineSource({
    sessions: () => sessions,
    scorer: () => scorers.current(),
    flags: readers.flags,
    emotionsShown: () => settings.emotionsShown,
    minFailingRuns: () => settings.alert.minFailingRuns,
    threshold: () => settings.alert.desperationThreshold,
    status: (): string => displays.status(),
    requestAnalysis: (key) => void sessions.analyse(key),
  });
  const panels = new TimelinePanels({ extensionUri: context.extensionUri, log, source: timeline });
  const [statusBar, sessionsView, flaggedView] = [new DesperationStatusBar(), new SessionsView(context.extensionUri), new FlaggedView()];
  const displays = new SessionDisplays(sessions, readers, { sessionsView, flaggedView, statusBar, panel: panels });
  const navigation: Navigation = {
    openTimeline: (key) => (key ? navigation.inspect(key, -1) : panels.show()),
    inspect: (key, index) => {
      displays.focus(key);
      panels.show();
      void sessions.analyse(key).then(() => panels.reveal(key, index));
    },
  };
  const notifier = new AlertNotifier(navigation, log);
  sessions.subscribe(new FlagRecorder(sessions, readers, () => void flags?.save()));
  sessions.subscribe(new LiveAlerts((key, alerts) => notifier.notify(key, alerts, settings.alert.enabled)));
  sessions.subscribe(new TimelineFeed(timeline, panels));
  sessions.subscribe(displays);
  const restart = () => (scorers.close(), sessions.start());

  context.subscriptions.push(
    log, statusBar, sessionsView, flaggedView, panels, displays, sessions, scorers,
    vscode.window.registerTreeDataProvider('emotionLens.sessions', sessionsView),
    vscode.window.registerTreeDataProvider('emotionLens.flagged', flaggedView),
    panels.serializer(),
    onSettingsChanged((next) => {
      const { rescan, remodel, redraw } = settingsChange(settings, next);
      // Said in the log because a model path can arrive after the first reading (set by the
      // user, or applied late by the editor): the log then shows which model was chosen when.
      if (remodel) log.info(`the model settings changed: ${modelNamed(next)}; every session is read again`);
      settings = next;
      sessions.settingsChanged();
      if (redraw) panels.settingsChanged(); // the chart's loops and alert line follow the alert settings
      if (remodel) scorers.close();
      if (rescan || remodel) void sessions.start();
    }),
    watchEditorTestRuns((workspace, run) => {
      const key = sessions.addExternalTestRun(workspace, run);
      if (key) log.info(`${run.command} (${run.outcome}) in the editor joins ${key}`);
    }),
    ...registerCommands({ sessions, scorers, localModels, navigation, flags: () => flags, restart, log, refresh: () => displays.refresh() }),
  );
  // Everything below reads the disk: after activation has returned.
  setTimeout(() => {
    void FlagStorage.open(context.globalStorageUri, log).then((opened) => ((flags = opened), displays.refresh()));
    void sessions.start();
  }, 0);
  log.info(`activated (${context.extensionUri.fsPath}); ${modelNamed(settings)}`);
}

/** Everything is disposed through context.subscriptions. */
export function deactivate(): void {}
