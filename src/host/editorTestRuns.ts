import * as vscode from 'vscode';
import type { ToolRun } from '../core/sessions/model';
import { editorTestRun, TerminalOutput } from '../core/sessions/editorRuns';

/** How long to wait after a command ends for its last output to arrive. */
const OUTPUT_GRACE_MS = 500;

/**
 * Test runs the developer (or an agent using the editor's terminal) starts in VS
 * Code: terminal commands seen through shell integration, with their output, and
 * finished tasks. They go through the same recognition as runs in transcripts
 * (command, output verdict, exit code); each that is a test run is handed on with
 * the folder it ran in, to join the timeline of the session working in that
 * folder. An unknown exit code gives an unknown outcome, never a failure.
 */
export function watchEditorTestRuns(onRun: (workspace: string, run: ToolRun) => void): vscode.Disposable {
  let counter = 0;
  const id = (origin: string) => `editor:${origin}:${Date.now()}:${counter++}`;
  const folderOf = (uri: vscode.Uri | undefined): string | undefined =>
    (uri && vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath) ?? uri?.fsPath ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  // Output is only readable from the start of a command: reading begins when it starts.
  const reading = new Map<vscode.TerminalShellExecution, { output: TerminalOutput; done: Promise<void> }>();

  const startReading = (execution: vscode.TerminalShellExecution) => {
    const output = new TerminalOutput();
    const done = (async () => {
      try {
        for await (const chunk of execution.read()) output.append(chunk);
      } catch {
        // A terminal closed mid-command: what arrived is still worth reading.
      }
    })();
    reading.set(execution, { output, done });
  };

  const finish = async (event: vscode.TerminalShellExecutionEndEvent) => {
    const execution = event.execution;
    const read = reading.get(execution);
    reading.delete(execution);
    if (read) await Promise.race([read.done, new Promise((resolve) => setTimeout(resolve, OUTPUT_GRACE_MS))]);
    const folder = folderOf(execution.cwd);
    const run = editorTestRun({
      id: id('terminal'),
      timestamp: new Date().toISOString(),
      command: execution.commandLine.value,
      output: read?.output.text(),
      exitCode: event.exitCode,
      origin: 'terminal',
    });
    if (run && folder) onRun(folder, run);
  };

  return vscode.Disposable.from(
    vscode.window.onDidStartTerminalShellExecution((event) => startReading(event.execution)),
    vscode.window.onDidEndTerminalShellExecution((event) => void finish(event)),
    vscode.tasks.onDidEndTaskProcess((event) => {
      const task = event.execution.task;
      const command = task.execution instanceof vscode.ShellExecution ? (task.execution.commandLine ?? task.name) : task.name;
      const run = editorTestRun({
        id: id('task'),
        timestamp: new Date().toISOString(),
        command,
        exitCode: event.exitCode,
        origin: 'task',
        testTask: task.group === vscode.TaskGroup.Test,
      });
      const scope = task.scope;
      const folder = typeof scope === 'object' && scope !== null && 'uri' in scope ? scope.uri.fsPath : folderOf(undefined);
      if (run && folder) onRun(folder, run);
    }),
    { dispose: () => reading.clear() },
  );
}
