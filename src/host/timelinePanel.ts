import * as vscode from 'vscode';
import { HostToWebview, PROTOCOL_VERSION, TimelineSnapshot, parseWebviewMessage } from '../shared/protocol';
import { webviewHtml } from './webviewHtml';

export const TIMELINE_VIEW_TYPE = 'emotionLens.timeline';

/**
 * The "Emotion Lens: Timeline" panel. One instance at a time; it posts nothing until
 * the webview's ready handshake, then a complete snapshot.
 */
export class TimelinePanel implements vscode.Disposable {
  private static current: TimelinePanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;

  static show(extensionUri: vscode.Uri, log: vscode.LogOutputChannel, snapshot: () => TimelineSnapshot): TimelinePanel {
    if (TimelinePanel.current) {
      TimelinePanel.current.panel.reveal();
      return TimelinePanel.current;
    }
    const panel = vscode.window.createWebviewPanel(TIMELINE_VIEW_TYPE, 'Emotion Lens: Timeline', vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
    });
    return TimelinePanel.adopt(panel, extensionUri, log, snapshot);
  }

  /** Also used by the serializer to restore a panel after a reload. */
  static adopt(
    panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    log: vscode.LogOutputChannel,
    snapshot: () => TimelineSnapshot,
  ): TimelinePanel {
    TimelinePanel.current = new TimelinePanel(panel, extensionUri, log, snapshot);
    return TimelinePanel.current;
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
    private readonly snapshot: () => TimelineSnapshot,
  ) {
    panel.webview.options = {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
    };
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
    panel.webview.html = webviewHtml(panel.webview, extensionUri, 'Emotion Lens: Timeline');
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)),
    );
  }

  private receive(raw: unknown): void {
    const message = parseWebviewMessage(raw);
    if (!message) {
      this.log.warn('timeline: dropped a malformed message from the webview');
      return;
    }
    if (message.kind === 'ready') {
      if (message.protocolVersion !== PROTOCOL_VERSION) {
        this.log.error(`timeline: webview speaks protocol ${message.protocolVersion}, host ${PROTOCOL_VERSION}`);
        return;
      }
      this.ready = true;
      this.post({ kind: 'snapshot', protocolVersion: PROTOCOL_VERSION, snapshot: this.snapshot() });
      return;
    }
    if (message.method === 'openLog') {
      this.log.show();
      this.post({ kind: 'response', id: message.id, ok: true, result: null });
    }
  }

  /** Sends the current state again, e.g. after the data behind it changed. */
  refresh(): void {
    if (this.ready) this.post({ kind: 'snapshot', protocolVersion: PROTOCOL_VERSION, snapshot: this.snapshot() });
  }

  private post(message: HostToWebview): void {
    void this.panel.webview.postMessage(message);
  }

  dispose(): void {
    if (TimelinePanel.current === this) TimelinePanel.current = undefined;
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
