import * as vscode from 'vscode';
import { join } from 'node:path';
import { loadLocalVectors, localModelLabel, NotCalibratedError, openLocalScorer } from '../core/analysis/localModel';
import { calibrateInWorker, prepareInWorker, type CalibrationSummary } from '../core/analysis/modelTasks';
import type { LmScorer } from '../core/analysis/lmScorer';
import { catalogue, downloadModel, entryBytes, formatBytes, isModelDownloaded, modelFolder, type CatalogueEntry } from '../core/download';
import { LmClient } from '../core/lm/client';
import type { PreparedLm } from '../core/lm/types';
import type { EmotionLensSettings } from '../shared/settings';
import { SETTINGS_SECTION } from '../shared/settings';

export interface LocalModelsDeps {
  extensionUri: vscode.Uri;
  /** The extension's global storage: derived graphs, vectors and downloads live here. */
  storageUri: vscode.Uri;
  log: vscode.LogOutputChannel;
  settings(): EmotionLensSettings;
}

export interface OpenedLocal {
  scorer: LmScorer;
  prepared: PreparedLm;
  dispose(): Promise<void>;
}

/**
 * A user's own language models in the editor: adding a folder, downloading a
 * known model (the only network access, and only on that command), calibrating
 * on this machine, and opening the chosen one. Every long job runs in a worker
 * thread with a progress notification that can be cancelled.
 */
export class LocalModels {
  constructor(private readonly deps: LocalModelsDeps) {}

  private get cacheDir(): string {
    return join(this.deps.storageUri.fsPath, 'model-cache');
  }

  private get downloadsDir(): string {
    return join(this.deps.storageUri.fsPath, 'models');
  }

  private dist(name: string): string {
    return vscode.Uri.joinPath(this.deps.extensionUri, 'dist', name).fsPath;
  }

  /** Opens the model the settings name; a NotCalibratedError or a folder problem rejects with a message that says the fix. */
  async open(dir: string): Promise<OpenedLocal> {
    const prepared = await this.prepare(dir);
    // A 2,048-token window and 6 cached sessions bound the KV memory: 16 KiB a token
    // for a Qwen2.5-0.5B read at two-thirds depth, so under 200 MiB in all.
    const opened = await openLocalScorer(prepared, this.cacheDir, (p) =>
      LmClient.open(p, { workerPath: this.dist('lmWorker.js'), maxContextTokens: 2048, maxSessions: 6 }),
    );
    this.deps.log.info(`reading with ${localModelLabel(prepared)} (${prepared.folder.dir}; graph cut from ${prepared.nodes.original} to ${prepared.nodes.kept} nodes)`);
    return opened;
  }

  /** Command: pick a model folder, prepare it, calibrate it if needed, and read with it. */
  async add(): Promise<void> {
    const [uri] =
      (await vscode.window.showOpenDialog({
        canSelectFiles: false,
        canSelectFolders: true,
        canSelectMany: false,
        openLabel: 'Use This Model',
        title: 'Emotion Lens: a folder with an ONNX language model (model.onnx, config.json, tokenizer.json, tokenizer_config.json)',
      })) ?? [];
    if (uri) await this.adopt(uri.fsPath);
  }

  /** Command: download one of the known models after the user confirms, then adopt it. */
  async download(): Promise<void> {
    if (!this.deps.settings().allowModelDownloads) {
      const choice = await vscode.window.showWarningMessage(
        'Emotion Lens: model downloads are turned off (setting emotionLens.allowModelDownloads). Add a model folder you already have instead?',
        'Add a Local Model…',
      );
      if (choice) await this.add();
      return;
    }
    const items = await Promise.all(
      catalogue().map(async (entry) => ({
        label: entry.displayName,
        description: `${formatBytes(entryBytes(entry))} · ${entry.licence}${(await isModelDownloaded(entry, this.downloadsDir)) ? ' · downloaded' : ''}`,
        detail: `${entry.repo} at ${entry.revision.slice(0, 7)}; every file is checked against its pinned SHA-256`,
        entry,
      })),
    );
    const picked = await vscode.window.showQuickPick(items, { title: 'Emotion Lens: download a model from huggingface.co' });
    if (!picked) return;
    const entry: CatalogueEntry = picked.entry;
    const confirm = await vscode.window.showWarningMessage(
      `Download ${entry.displayName} (${formatBytes(entryBytes(entry))}) from huggingface.co? This is the only network connection Emotion Lens makes; an interrupted download resumes where it stopped.`,
      { modal: true },
      'Download',
    );
    if (confirm !== 'Download') return;
    const dir = await this.withProgress(`Downloading ${entry.displayName}`, (signal, report) =>
      downloadModel(entry, this.downloadsDir, {
        signal,
        onProgress: (p) => report(p.doneBytes / p.totalBytes, `${formatBytes(p.doneBytes)} of ${formatBytes(p.totalBytes)} (${p.phase} ${p.file})`),
      }),
    );
    if (dir) await this.adopt(dir);
    else this.deps.log.info(`download of ${entry.id} stopped; it resumes from ${modelFolder(entry, this.downloadsDir)} next time`);
  }

  /** Command: calibrate the model in use (or a chosen folder) on this machine. */
  async calibrate(dir = this.deps.settings().modelPath, preparedAlready?: PreparedLm): Promise<CalibrationSummary | undefined> {
    if (!dir) {
      const choice = await vscode.window.showInformationMessage('Emotion Lens reads with the embedded model, whose vectors ship with it. Add a local model to calibrate?', 'Add a Local Model…');
      if (choice) await this.add();
      return undefined;
    }
    const prepared = preparedAlready ?? (await this.prepareOrExplain(dir));
    if (!prepared) return undefined;
    const summary = await this.withProgress(`Calibrating ${prepared.folder.name}`, (signal, report) =>
      calibrateInWorker(
        this.dist('modelTaskWorker.js'),
        { prepared, cacheDir: this.cacheDir, corpusDir: vscode.Uri.joinPath(this.deps.extensionUri, 'media', 'corpus').fsPath, lmWorkerPath: this.dist('lmWorker.js') },
        { signal, onProgress: (done, total, stage) => report(done / total, `${stage}: ${done} of ${total}`) },
      ),
    );
    if (!summary) return undefined;
    const v = summary.validation;
    const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
    const figures = `held-out stories top-5 ${pct(v.heldout.stories.top5)}, assistant passages top-5 ${pct(v.heldout.assistant.top5)}, desperate in the top 5 of desperate passages ${pct(v.desperateInTop5.rate)}`;
    this.deps.log.info(`calibrated ${localModelLabel(prepared)} in ${summary.seconds.toFixed(0)} s: ${figures}; ${summary.reason} Vectors: ${summary.path}`);
    void vscode.window.showInformationMessage(`Emotion Lens: calibrated ${prepared.folder.name} (${figures}).`);
    return summary;
  }

  /** Command: back to the embedded model. */
  async useEmbedded(): Promise<void> {
    await vscode.workspace.getConfiguration(SETTINGS_SECTION).update('modelPath', '', vscode.ConfigurationTarget.Global);
  }

  /** Explains why a local model could not be opened, with the action that fixes it. */
  async explain(dir: string, error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    // A model not calibrated yet is a normal first step, not a fault.
    if (error instanceof NotCalibratedError) this.deps.log.warn(`local model ${dir}: ${message}`);
    else this.deps.log.error(`local model ${dir}: ${message}`);
    const actions = error instanceof NotCalibratedError ? ['Calibrate Now', 'Use the Embedded Model'] : ['Use the Embedded Model', 'Show Log'];
    const choice = await vscode.window.showWarningMessage(`Emotion Lens reads with the embedded model for now: ${message}`, ...actions);
    if (choice === 'Calibrate Now' && (await this.calibrate(dir))) await this.restartWith(dir);
    if (choice === 'Use the Embedded Model') await this.useEmbedded();
    if (choice === 'Show Log') this.deps.log.show();
  }

  private async adopt(dir: string): Promise<void> {
    const prepared = await this.prepareOrExplain(dir);
    if (!prepared) return;
    const calibrated = await loadLocalVectors(this.cacheDir, prepared).then(
      () => true,
      () => false,
    );
    if (!calibrated) {
      const choice = await vscode.window.showInformationMessage(
        `${localModelLabel(prepared)} is ready. Its emotion vectors must be built on this machine first (a few minutes; nothing leaves the machine).`,
        'Calibrate Now',
      );
      if (choice !== 'Calibrate Now' || !(await this.calibrate(dir, prepared))) return;
    }
    await this.restartWith(dir);
  }

  /** Pointing the setting at the model makes the extension re-read every session with it. */
  private async restartWith(dir: string): Promise<void> {
    const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
    if (config.get<string>('modelPath') === dir) {
      await vscode.commands.executeCommand('emotionLens.rescanSessions');
    } else {
      await config.update('modelPath', dir, vscode.ConfigurationTarget.Global);
    }
  }

  /** Prepares a folder; a folder that cannot be used is reported (problem and fix) and gives undefined. */
  private async prepareOrExplain(dir: string): Promise<PreparedLm | undefined> {
    try {
      return await this.prepare(dir);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.deps.log.error(`cannot use ${dir}: ${message}`);
      void vscode.window.showErrorMessage(`Emotion Lens cannot use this model: ${message}`);
      return undefined;
    }
  }

  private async prepare(dir: string): Promise<PreparedLm> {
    return await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Emotion Lens: preparing ${dir}` }, () =>
      prepareInWorker(this.dist('modelTaskWorker.js'), dir, { cacheDir: this.cacheDir, layer: this.deps.settings().modelLayer ?? undefined }),
    );
  }

  /** Runs a job under a cancellable notification; resolves undefined when the user cancelled. */
  private withProgress<T>(title: string, job: (signal: AbortSignal, report: (fraction: number, message: string) => void) => Promise<T>): Thenable<T | undefined> {
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Emotion Lens: ${title}`, cancellable: true }, async (progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      let shown = 0;
      try {
        return await job(controller.signal, (fraction, message) => {
          const increment = Math.max(0, fraction * 100 - shown);
          shown += increment;
          progress.report({ increment, message });
        });
      } catch (error) {
        if (controller.signal.aborted) return undefined;
        const message = error instanceof Error ? error.message : String(error);
        this.deps.log.error(`${title}: ${message}`);
        void vscode.window.showErrorMessage(`Emotion Lens: ${title} failed: ${message}`);
        return undefined;
      }
    });
  }
}
