import * as vscode from 'vscode';
import { ASSISTANT_NAMES, type AssistantId } from '../../shared/assistants';

/** One row of the Sessions view. */
export interface SessionRow {
  key: string;
  assistant: AssistantId;
  title: string;
  path: string;
  completions: number;
  failingStreak: number;
  /** Latest desperate level (z) once the session is read. */
  desperate?: number;
  elevated: boolean;
  lastActivity?: string;
}

type Node = { kind: 'assistant'; assistant: AssistantId; rows: SessionRow[] } | { kind: 'session'; row: SessionRow };

/** The Sessions view: sessions grouped by assistant, most recent first, with their live state. */
export class SessionsView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private rows: SessionRow[] = [];

  /** `extensionUri`: where media/assistants/<id>.svg, each assistant's badge, is found. */
  constructor(private readonly extensionUri?: vscode.Uri) {}

  setSessions(rows: SessionRow[]): void {
    this.rows = rows;
    this.changed.fire(undefined);
  }

  getChildren(node?: Node): Node[] {
    if (!node) {
      const groups = new Map<AssistantId, SessionRow[]>();
      for (const row of this.rows) groups.set(row.assistant, [...(groups.get(row.assistant) ?? []), row]);
      return [...groups].map(([assistant, rows]) => ({ kind: 'assistant', assistant, rows }));
    }
    return node.kind === 'assistant' ? node.rows.map((row) => ({ kind: 'session', row })) : [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'assistant') {
      const item = new vscode.TreeItem(ASSISTANT_NAMES[node.assistant], vscode.TreeItemCollapsibleState.Expanded);
      item.id = `assistant:${node.assistant}`;
      item.description = `${node.rows.length} session${node.rows.length === 1 ? '' : 's'}`;
      if (this.extensionUri) item.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'assistants', `${node.assistant}.svg`);
      return item;
    }
    const { row } = node;
    const item = new vscode.TreeItem(row.title, vscode.TreeItemCollapsibleState.None);
    item.id = row.key;
    const parts = [`${row.completions} completions`];
    if (row.failingStreak > 0) parts.push(`${row.failingStreak} failing`);
    if (row.desperate !== undefined) parts.push(`desperate ${row.desperate >= 0 ? '+' : ''}${row.desperate.toFixed(1)}`);
    item.description = parts.join(' · ');
    item.tooltip = `${row.path}${row.lastActivity ? `\nlast activity ${row.lastActivity}` : ''}`;
    item.iconPath = new vscode.ThemeIcon(row.elevated ? 'warning' : row.failingStreak > 0 ? 'error' : 'comment-discussion', row.elevated ? new vscode.ThemeColor('list.warningForeground') : undefined);
    item.contextValue = 'emotionLens.session';
    item.command = { command: 'emotionLens.openTimeline', title: 'Open Timeline', arguments: [row.key] };
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
