import type { CompletionScorer } from '../core/analysis/scoring';
import * as vscode from 'vscode';
import { homedir } from 'node:os';
import { scanCsv, scanJson } from '../core/analysis/report';
import type { SessionAnalysis } from '../core/analysis/sessionAnalysis';

/** Saves one session's readings as CSV or JSON where the user chooses (never beside the transcript by default). */
export async function exportReadings(analysis: SessionAnalysis, scorer: CompletionScorer, title: string, asked?: 'csv' | 'json'): Promise<void> {
  const emotions = scorer.emotions;
  const choices = [
      { label: 'CSV', description: 'one row per completion, a column per emotion', ext: 'csv' },
      { label: 'JSON', description: 'completions with all readings, test runs and alerts', ext: 'json' },
    ];
  const format = choices.find((c) => c.ext === asked) ?? await vscode.window.showQuickPick(
    choices,
    { title: `Export readings of ${title}` },
  );
  if (!format) return;
  const base = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(homedir());
  const safe = title.replace(/[^\w.-]+/g, '-').replace(/^-|-$/g, '') || 'session';
  const target = await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.joinPath(base, `emotion-lens-${safe}.${format.ext}`),
    filters: { [format.label]: [format.ext] },
  });
  if (!target) return;
  if (target.fsPath === analysis.session.sourcePath) {
    void vscode.window.showErrorMessage('Emotion Lens never writes to a transcript: choose another file.');
    return;
  }
  const text = format.ext === 'csv' ? scanCsv([analysis], emotions) : JSON.stringify(JSON.parse(scanJson([analysis], emotions, [], scorer.model)), null, 2);
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  void vscode.window.showInformationMessage(`Emotion Lens: exported ${analysis.completions.length} completions to ${target.fsPath}`);
}
