import * as vscode from 'vscode';

/**
 * The status-bar item that will show the active session's desperation level.
 * Until a session is being read it says so plainly rather than showing a number.
 */
export class DesperationStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('emotionLens.status', vscode.StatusBarAlignment.Right, 100);

  constructor() {
    this.item.name = 'Emotion Lens';
    this.item.command = 'emotionLens.openTimeline';
    this.showIdle();
    this.item.show();
  }

  showIdle(): void {
    this.item.text = '$(pulse) Emotion Lens';
    this.item.tooltip = 'Emotion Lens: no assistant session is being read yet. Click to open the timeline.';
    this.item.backgroundColor = undefined;
  }

  dispose(): void {
    this.item.dispose();
  }
}
