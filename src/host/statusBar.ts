import * as vscode from 'vscode';
import type { MonitorState } from '../core/monitor/sessionMonitor';

/**
 * The status-bar item: the active session's desperate level, in the theme's
 * warning colours while it is elevated; calm and the failing streak in the tooltip.
 */
export class DesperationStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('emotionLens.status', vscode.StatusBarAlignment.Right, 100);

  constructor() {
    this.item.name = 'Emotion Lens';
    this.item.command = 'emotionLens.openTimeline';
    this.showIdle('no assistant session is being read yet');
    this.item.show();
  }

  showIdle(why: string): void {
    this.item.text = '$(pulse) Emotion Lens';
    this.item.tooltip = `Emotion Lens: ${why}. Click to open the timeline.`;
    this.item.backgroundColor = undefined;
  }

  showSession(title: string, state: MonitorState): void {
    if (state.desperate === undefined) {
      this.showIdle(`${title}: no completion read yet`);
      return;
    }
    const z = (x: number | undefined) => (x === undefined ? '–' : `${x >= 0 ? '+' : ''}${x.toFixed(1)}`);
    this.item.text = `${state.elevated ? '$(warning)' : '$(pulse)'} desperate ${z(state.desperate)}`;
    this.item.backgroundColor = state.elevated ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**Emotion Lens** · ${escape(title)}\n\n`);
    tooltip.appendMarkdown(`desperate ${z(state.desperate)} (baseline ${z(state.baseline)})${state.elevated ? ' — **elevated**' : ''}  \n`);
    tooltip.appendMarkdown(`calm ${z(state.calm)}  \n`);
    tooltip.appendMarkdown(`failing test runs in a row: ${state.failingStreak}${state.inFailingLoop ? ' (failing loop)' : ''}\n\n`);
    tooltip.appendMarkdown('Readings are z-scores against neutral text. Click to open the timeline.');
    this.item.tooltip = tooltip;
  }

  dispose(): void {
    this.item.dispose();
  }
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
