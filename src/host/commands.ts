import * as vscode from 'vscode';
import type { ScorerProvider } from '../core/analysis/scorerProvider';
import { FlagStore } from '../core/monitor/flagStore';
import { recogniseFile } from '../core/sessions/registry';
import type { CommandId } from '../shared/commands';
import { exportReadings } from './exportReadings';
import type { FlagStorage } from './flagStorage';
import type { LocalModels } from './localModels';
import type { SessionsController } from './sessionsController';

/** Where a command takes the user: the timeline at a session, or a completion in the inspector. */
export interface Navigation {
  openTimeline(key?: string): void;
  inspect(key: string, index: number): void;
}

export interface CommandDeps {
  sessions: SessionsController;
  scorers: ScorerProvider;
  localModels: LocalModels;
  navigation: Navigation;
  flags(): FlagStorage | undefined;
  /** Drops the model and watches anew (rescan, or a model calibrated). */
  restart(): Promise<void>;
  log: vscode.LogOutputChannel;
  refresh(): void;
}

/** Every command of package.json's contributes.commands, registered. */
export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  const { sessions, navigation } = deps;
  const pickSession = async (): Promise<string | undefined> => {
    const items = sessions.sessions().map((s) => ({ label: s.title, description: `${s.session.assistant} · ${s.summary.completions} completions`, detail: s.session.sourcePath, key: s.key }));
    if (items.length === 0) {
      void vscode.window.showInformationMessage('Emotion Lens: no assistant sessions found. Use "Analyze Transcript File…" to open one.');
      return undefined;
    }
    return (await vscode.window.showQuickPick(items, { title: 'Emotion Lens: pick a session', matchOnDetail: true }))?.key;
  };
  const handlers: Record<CommandId, (...args: unknown[]) => unknown> = {
    'emotionLens.openTimeline': (key?: unknown) => navigation.openTimeline(typeof key === 'string' ? key : undefined),
    'emotionLens.pickSession': async () => {
      const key = await pickSession();
      if (key) navigation.openTimeline(key);
    },
    'emotionLens.showFlagged': () => vscode.commands.executeCommand('emotionLens.flagged.focus'),
    'emotionLens.analyzeTranscriptFile': async () => {
      const [uri] = (await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Analyze', title: 'Emotion Lens: analyze a transcript file' })) ?? [];
      if (!uri || !sessions.started) return;
      const adapter = await recogniseFile(uri.fsPath);
      if (!adapter) {
        void vscode.window.showErrorMessage(`Emotion Lens: ${uri.fsPath} is not a session file of any assistant it knows.`);
        return;
      }
      const title = 'Emotion Lens: reading the transcript…';
      const found = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, () => sessions.follow(uri.fsPath, adapter));
      if (found.length === 0) void vscode.window.showWarningMessage(`Emotion Lens: no session could be read from ${uri.fsPath}.`);
      else navigation.openTimeline(found[0].key);
    },
    'emotionLens.rescanSessions': () => deps.restart(),
    'emotionLens.exportReadings': async (key?: unknown, format?: unknown) => {
      const entry = sessions.get(typeof key === 'string' ? key : ((await pickSession()) ?? ''));
      const analysis = entry && (await sessions.analyse(entry.key));
      if (entry && analysis) await exportReadings(analysis, await deps.scorers.open(), entry.title, format === 'csv' || format === 'json' ? format : undefined);
    },
    'emotionLens.showLog': () => deps.log.show(),
    'emotionLens.inspectFlag': (key?: unknown, index?: unknown) => {
      if (typeof key === 'string' && typeof index === 'number') navigation.inspect(key, index);
    },
    'emotionLens.addLocalModel': () => deps.localModels.add(),
    'emotionLens.downloadModel': () => deps.localModels.download(),
    'emotionLens.calibrateLocalModel': async () => {
      if (await deps.localModels.calibrate()) await deps.restart();
    },
    'emotionLens.useEmbeddedModel': () => deps.localModels.useEmbedded(),
    'emotionLens.dismissFlag': (node?: unknown) => {
      const flag = (node as { flag?: Parameters<typeof FlagStore.id>[0] } | undefined)?.flag;
      const flags = deps.flags();
      if (flag && flags?.store.dismiss(FlagStore.id(flag))) {
        void flags.save();
        deps.refresh();
      }
    },
  };
  return Object.entries(handlers).map(([id, handler]) => vscode.commands.registerCommand(id, handler));
}
