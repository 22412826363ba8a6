import * as vscode from 'vscode';
import { ASSISTANT_IDS, type AssistantId } from '../shared/assistants';
import { homedir } from 'node:os';
import type { MonitorSettings } from '../core/monitor/types';
import { defaultSessionRoots, type SessionRoot } from '../core/sessions/discovery';
import {
  DEFAULT_SETTINGS,
  EmotionLensSettings,
  SETTINGS_SECTION,
} from '../shared/settings';

/** Reads the contributed settings into their typed mirror, falling back to defaults on bad values. */
export function readSettings(): EmotionLensSettings {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const d = DEFAULT_SETTINGS;
  const strings = (key: string, fallback: string[]): string[] => {
    const value = config.get<unknown>(key);
    return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : fallback;
  };
  const number = (key: string, fallback: number): number => {
    const value = config.get<unknown>(key);
    return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
  };
  const known = new Set<string>(ASSISTANT_IDS);
  return {
    sessionFolders: strings('sessionFolders', d.sessionFolders),
    assistants: strings('assistants', d.assistants).filter((a): a is AssistantId => known.has(a)),
    emotionsShown: strings('emotionsShown', d.emotionsShown),
    alert: {
      enabled: config.get<boolean>('alert.enabled', d.alert.enabled),
      minFailingRuns: number('alert.minFailingRuns', d.alert.minFailingRuns),
      desperationThreshold: number('alert.desperationThreshold', d.alert.desperationThreshold),
      cooldownMinutes: number('alert.cooldownMinutes', d.alert.cooldownMinutes),
      longLoopRuns: number('alert.longLoopRuns', d.alert.longLoopRuns),
    },
    modelPath: config.get<string>('modelPath', d.modelPath),
    modelLayer: ((layer) => (Number.isInteger(layer) && (layer as number) >= 0 ? (layer as number) : null))(config.get<unknown>('modelLayer')),
    allowModelDownloads: config.get<boolean>('allowModelDownloads', d.allowModelDownloads),
  };
}

export function onSettingsChanged(listener: (settings: EmotionLensSettings) => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(SETTINGS_SECTION)) listener(readSettings());
  });
}

/** The folders to watch: the assistants' own, the workspace's, and (in a trusted workspace) the ones the settings add. */
export function sessionRoots(settings: EmotionLensSettings): SessionRoot[] {
  return defaultSessionRoots({
    platform: process.platform,
    env: process.env,
    home: homedir(),
    workspaceFolders: vscode.workspace.workspaceFolders?.map((f) => f.uri.fsPath),
    settingsFolders: vscode.workspace.isTrusted ? settings.sessionFolders : [],
  })
    .map((root) => ({ ...root, assistants: root.assistants?.filter((a) => settings.assistants.includes(a)) ?? settings.assistants }))
    .filter((root) => root.assistants.length > 0);
}

export function monitorSettings(s: EmotionLensSettings): MonitorSettings {
  return { minFailingRuns: s.alert.minFailingRuns, desperationThreshold: s.alert.desperationThreshold, cooldownMinutes: s.alert.cooldownMinutes, longLoopRuns: s.alert.longLoopRuns };
}

/** Which model the settings choose, as the log says it. */
export function modelNamed(s: EmotionLensSettings): string {
  if (!s.modelPath) return 'the settings name no model path, so the embedded model reads';
  return `the settings name the model ${s.modelPath}${s.modelLayer === null ? '' : ` (layer ${s.modelLayer})`}`;
}

/** What a settings change asks for: the chart drawn again when its loops or alert line move; other folders are watched anew; another model re-reads every session (readings are never mixed). */
export function settingsChange(before: EmotionLensSettings, after: EmotionLensSettings): { rescan: boolean; remodel: boolean; redraw: boolean } {
  return {
    redraw: after.alert.minFailingRuns !== before.alert.minFailingRuns || after.alert.desperationThreshold !== before.alert.desperationThreshold,
    rescan: after.sessionFolders.join('\n') !== before.sessionFolders.join('\n') || after.assistants.join() !== before.assistants.join(),
    remodel: after.modelPath !== before.modelPath || after.modelLayer !== before.modelLayer,
  };
}
