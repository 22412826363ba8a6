import * as vscode from 'vscode';
import { CommandId } from '../shared/commands';
import { TimelineSnapshot } from '../shared/protocol';
import { onSettingsChanged, readSettings } from './settingsReader';
import { DesperationStatusBar } from './statusBar';
import { TIMELINE_VIEW_TYPE, TimelinePanel } from './timelinePanel';
import { FlaggedView } from './views/flaggedView';
import { SessionsView } from './views/sessionsView';

/**
 * The composition root: the only place that wires the core to VS Code.
 * Activation must stay cheap: it creates views and listeners only; the model is
 * loaded later, in a worker thread, when the first reading is needed.
 */
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Emotion Lens', { log: true });
  const statusBar = new DesperationStatusBar();
  const sessions = new SessionsView();
  const flagged = new FlaggedView();
  let settings = readSettings();

  const snapshot = (): TimelineSnapshot => ({
    status: 'No session selected yet. Emotion Lens reads assistant sessions from disk; nothing leaves this machine.',
  });

  const handlers: Record<CommandId, (...args: unknown[]) => unknown> = {
    'emotionLens.openTimeline': () => TimelinePanel.show(context.extensionUri, log, snapshot),
    'emotionLens.pickSession': () => notYet('Picking a session'),
    'emotionLens.showFlagged': () => vscode.commands.executeCommand('emotionLens.flagged.focus'),
    'emotionLens.analyzeTranscriptFile': () => notYet('Analyzing a transcript file'),
    'emotionLens.rescanSessions': () => notYet('Scanning for sessions'),
    'emotionLens.exportReadings': () => notYet('Exporting readings'),
    'emotionLens.showLog': () => log.show(),
  };

  context.subscriptions.push(
    log,
    statusBar,
    sessions,
    flagged,
    vscode.window.registerTreeDataProvider('emotionLens.sessions', sessions),
    vscode.window.registerTreeDataProvider('emotionLens.flagged', flagged),
    vscode.window.registerWebviewPanelSerializer(TIMELINE_VIEW_TYPE, {
      async deserializeWebviewPanel(panel) {
        TimelinePanel.adopt(panel, context.extensionUri, log, snapshot);
      },
    }),
    onSettingsChanged((next) => {
      settings = next;
      log.info('settings changed');
    }),
    ...Object.entries(handlers).map(([id, handler]) => vscode.commands.registerCommand(id, handler)),
  );
  log.info(`activated; watching ${settings.assistants.length} assistants`);

  function notYet(what: string): void {
    void vscode.window.showInformationMessage(`Emotion Lens: ${what} is not available in this version yet.`);
  }
}

/** Everything is disposed through context.subscriptions. */
export function deactivate(): void {}
