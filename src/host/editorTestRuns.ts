import * as vscode from 'vscode';
import type { ToolRun } from '../core/sessions/model';
import { recogniseTestCommand } from '../core/sessions/testRuns';

/**
 * Test runs the developer (or an agent using the editor's terminal) starts in VS
 * Code: terminal commands seen through shell integration and finished tasks. Each
 * that is a test run is handed on with the folder it ran in, to join the timeline of
 * the session working in that folder. An unknown exit code gives an unknown outcome,
 * which never counts as a failure.
 */
export function watchEditorTestRuns(onRun: (workspace: string, run: ToolRun) => void): vscode.Disposable {
  let counter = 0;
  const make = (command: string, exitCode: number | undefined, origin: string, runner: string): ToolRun => ({
    kind: 'tool-run',
    id: `editor:${origin}:${Date.now()}:${counter++}`,
    timestamp: new Date().toISOString(),
    command,
    exitCode,
    output: '',
    testRun: true,
    runner,
    outcome: exitCode === undefined ? 'unknown' : exitCode === 0 ? 'pass' : 'fail',
    source: { path: origin, line: 0 },
  });
  const folderOf = (uri: vscode.Uri | undefined): string | undefined =>
    (uri && vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath) ?? uri?.fsPath ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;

  return vscode.Disposable.from(
    vscode.window.onDidEndTerminalShellExecution((event) => {
      const command = event.execution.commandLine.value;
      const runner = recogniseTestCommand(command);
      const folder = folderOf(event.execution.cwd);
      if (runner && folder) onRun(folder, make(command, event.exitCode, 'terminal', runner));
    }),
    vscode.tasks.onDidEndTaskProcess((event) => {
      const task = event.execution.task;
      const command = task.execution instanceof vscode.ShellExecution ? (task.execution.commandLine ?? task.name) : task.name;
      const runner = recogniseTestCommand(command) ?? (task.group === vscode.TaskGroup.Test ? 'task' : undefined);
      const scope = task.scope;
      const folder = typeof scope === 'object' && scope !== null && 'uri' in scope ? scope.uri.fsPath : folderOf(undefined);
      if (runner && folder) onRun(folder, make(command, event.exitCode, 'task', runner));
    }),
  );
}
