import * as vscode from 'vscode';
import type { SessionAppend } from '../shared/protocol';
import type { PanelNotices } from './streamConsumers';
import { TIMELINE_VIEW_TYPE, TimelinePanel, type TimelineDeps } from './timelinePanel';

/**
 * The timeline panel, at most one open: everything the rest of the extension tells the
 * panel goes through here (nothing reaches it through a static), and is dropped while
 * no panel is open.
 */
export class TimelinePanels implements PanelNotices, vscode.Disposable {
  private open?: TimelinePanel;

  constructor(private readonly deps: TimelineDeps) {}

  /** Restores the panel VS Code kept across a reload. */
  serializer(): vscode.Disposable {
    return vscode.window.registerWebviewPanelSerializer(TIMELINE_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state) => {
        this.adopt(TimelinePanel.revive(panel, this.deps, state, (gone) => this.closed(gone)));
      },
    });
  }

  /** Shows the panel, opening it when none is open. */
  show(): void {
    if (this.open) this.open.revealPanel();
    else this.adopt(TimelinePanel.create(this.deps, (gone) => this.closed(gone)));
  }

  /** Shows a session in the panel (opened when none is) and, given an index, that completion in the inspector. */
  reveal(key: string, index?: number): void {
    this.show();
    this.open?.reveal(key, index);
  }

  plotted(key: string): readonly string[] | undefined {
    return this.open?.plotted(key);
  }

  append(update: SessionAppend): void {
    this.open?.append(update);
  }

  sessionReplaced(key: string): void {
    this.open?.sessionReplaced(key);
  }

  sessionsChanged(): void {
    this.open?.sessionsChanged();
  }

  statusChanged(): void {
    this.open?.statusChanged();
  }

  /** Another model reads, or a setting the chart draws from changed: the panel starts over. */
  modelChanged(): void {
    this.open?.modelChanged();
  }

  /** The shown session is drawn again (its loops and alert line follow the alert settings). */
  settingsChanged(): void {
    this.open?.redrawShown();
  }

  dispose(): void {
    this.open?.dispose();
  }

  private adopt(panel: TimelinePanel): void {
    if (this.open !== panel) this.open?.dispose();
    this.open = panel;
  }

  private closed(panel: TimelinePanel): void {
    if (this.open === panel) this.open = undefined;
  }
}
