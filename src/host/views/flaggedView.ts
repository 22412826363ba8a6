import * as vscode from 'vscode';
import { FlagStore, type StoredFlag } from '../../core/monitor/flagStore';

const REASONS: Record<StoredFlag['reason'], string> = {
  desperation: 'desperation rising',
  'test-file-edited': 'test file edited',
  'skip-marker-added': 'skip marker added',
  'assertion-weakened': 'assertion weakened',
  'literal-special-case': 'special-cased test input',
  'claimed-pass-without-run': 'claimed pass without a run',
};

type Node = { kind: 'session'; key: string; title: string; flags: StoredFlag[] } | { kind: 'flag'; flag: StoredFlag };

/** The Flagged view: flagged completions by session; a click inspects, a context action dismisses. */
export class FlaggedView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private flags: StoredFlag[] = [];

  setFlags(flags: StoredFlag[]): void {
    this.flags = flags;
    this.changed.fire(undefined);
  }

  getChildren(node?: Node): Node[] {
    if (node) return node.kind === 'session' ? node.flags.map((flag) => ({ kind: 'flag', flag })) : [];
    const bySession = new Map<string, StoredFlag[]>();
    for (const f of this.flags) bySession.set(f.sessionKey, [...(bySession.get(f.sessionKey) ?? []), f]);
    return [...bySession].map(([key, flags]) => ({ kind: 'session', key, title: flags[0].sessionTitle, flags }));
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'session') {
      const item = new vscode.TreeItem(node.title, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `flagged:${node.key}`;
      item.description = `${node.flags.length} flagged`;
      return item;
    }
    const { flag } = node;
    const item = new vscode.TreeItem(`#${flag.completionIndex} ${REASONS[flag.reason]}`, vscode.TreeItemCollapsibleState.None);
    item.id = FlagStore.id(flag);
    item.description = flag.message;
    item.tooltip = `${flag.sessionTitle}, completion ${flag.completionIndex}\n${flag.message}`;
    item.iconPath = new vscode.ThemeIcon(flag.reason === 'desperation' ? 'pulse' : 'beaker');
    item.contextValue = 'emotionLens.flag';
    item.command = { command: 'emotionLens.inspectFlag', title: 'Inspect', arguments: [flag.sessionKey, flag.completionIndex] };
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
