import * as vscode from 'vscode';

/** One flagged completion, as the Flagged view shows it. */
export interface FlaggedRow {
  sessionId: string;
  sessionTitle: string;
  completionIndex: number;
  reason: string;
}

/** The Flagged view: flagged completions, newest first. */
export class FlaggedView implements vscode.TreeDataProvider<FlaggedRow>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<FlaggedRow | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private rows: FlaggedRow[] = [];

  setFlagged(rows: FlaggedRow[]): void {
    this.rows = rows;
    this.changed.fire(undefined);
  }

  getChildren(row?: FlaggedRow): FlaggedRow[] {
    return row ? [] : this.rows;
  }

  getTreeItem(row: FlaggedRow): vscode.TreeItem {
    const item = new vscode.TreeItem(`#${row.completionIndex} ${row.sessionTitle}`);
    item.description = row.reason;
    item.tooltip = `${row.sessionTitle}, completion ${row.completionIndex}: ${row.reason}`;
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
