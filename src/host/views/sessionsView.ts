import * as vscode from 'vscode';

/** One row of the Sessions view, as the host knows it. */
export interface SessionRow {
  id: string;
  assistant: string;
  title: string;
  path: string;
  completions: number;
  failingStreak: number;
}

type Node = { kind: 'assistant'; assistant: string; rows: SessionRow[] } | { kind: 'session'; row: SessionRow };

/** The Sessions view: sessions grouped by assistant, most recent first within a group. */
export class SessionsView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private rows: SessionRow[] = [];

  setSessions(rows: SessionRow[]): void {
    this.rows = rows;
    this.changed.fire(undefined);
  }

  getChildren(node?: Node): Node[] {
    if (!node) {
      const groups = new Map<string, SessionRow[]>();
      for (const row of this.rows) groups.set(row.assistant, [...(groups.get(row.assistant) ?? []), row]);
      return [...groups].map(([assistant, rows]) => ({ kind: 'assistant', assistant, rows }));
    }
    return node.kind === 'assistant' ? node.rows.map((row) => ({ kind: 'session', row })) : [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'assistant') {
      const item = new vscode.TreeItem(node.assistant, vscode.TreeItemCollapsibleState.Expanded);
      item.description = `${node.rows.length} session${node.rows.length === 1 ? '' : 's'}`;
      return item;
    }
    const { row } = node;
    const item = new vscode.TreeItem(row.title, vscode.TreeItemCollapsibleState.None);
    item.id = `${row.assistant}:${row.id}`;
    item.description = `${row.completions} completions` + (row.failingStreak > 0 ? ` · ${row.failingStreak} failing` : '');
    item.tooltip = row.path;
    item.resourceUri = vscode.Uri.file(row.path);
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
