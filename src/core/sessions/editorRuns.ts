/**
 * Test runs seen live in the editor (terminal commands through shell
 * integration, finished tasks) go through the same recognition as runs in
 * transcripts: the command, the output when the terminal shares it, and the
 * exit code. Pure, so the host only wires VS Code's events to it.
 */
import type { ToolRun } from './model';
import { excerpt } from './text';
import { recogniseTestRun } from './testRuns';

/** Escape sequences a terminal stream carries: colours, cursor moves, and the OSC marks of shell integration. */
const ESCAPES = /\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[@-Z\\-_]/g;

/**
 * What a terminal command prints, bounded: the start and the latest part
 * (where runners print their summary), without escape sequences.
 */
export class TerminalOutput {
  private head = '';
  private tail = '';
  private dropped = false;

  constructor(
    private readonly headMax = 8_000,
    private readonly tailMax = 64_000,
  ) {}

  append(chunk: string): void {
    if (this.head.length < this.headMax) {
      const room = this.headMax - this.head.length;
      this.head += chunk.slice(0, room);
      chunk = chunk.slice(room);
    }
    if (!chunk) return;
    this.tail += chunk;
    if (this.tail.length > this.tailMax * 2) {
      this.tail = this.tail.slice(-this.tailMax);
      this.dropped = true;
    }
  }

  text(): string {
    let tail = this.tail;
    let dropped = this.dropped;
    if (tail.length > this.tailMax) {
      tail = tail.slice(-this.tailMax);
      dropped = true;
    }
    const raw = dropped ? `${this.head}\n…\n${tail}` : this.head + tail;
    // Terminals end lines with CRLF and redraw progress lines with a bare CR: keep what was left on screen.
    return raw
      .replace(ESCAPES, '')
      .replace(/\r\n/g, '\n')
      .split('\n')
      .map((line) => line.slice(line.lastIndexOf('\r') + 1))
      .join('\n');
  }
}

export interface EditorRun {
  id: string;
  timestamp: string;
  command: string;
  /** The command's output, when the terminal shares it (tasks do not). */
  output?: string;
  exitCode?: number;
  /** 'terminal' or 'task': shown where the run came from. */
  origin: 'terminal' | 'task';
  /** A task the workspace puts in the Test group. */
  testTask?: boolean;
}

/** The test run an editor command or task makes, or undefined when it is not one. */
export function editorTestRun(run: EditorRun): ToolRun | undefined {
  const output = run.output ?? '';
  let recognition = recogniseTestRun({ command: run.command, output, exitCode: run.exitCode });
  if (!recognition && run.testTask) {
    recognition = { recognisedBy: 'command', reason: 'a task in the Test group', outcome: run.exitCode === undefined ? 'unknown' : run.exitCode === 0 ? 'pass' : 'fail' };
  }
  if (!recognition) return undefined;
  const event: ToolRun = {
    kind: 'tool-run',
    id: run.id,
    timestamp: run.timestamp,
    command: run.command,
    output: excerpt(output),
    testRun: true,
    recognisedBy: recognition.recognisedBy,
    reason: recognition.reason,
    outcome: recognition.outcome,
    source: { path: run.origin, line: 0 },
  };
  if (run.exitCode !== undefined) event.exitCode = run.exitCode;
  if (recognition.runner) event.runner = recognition.runner;
  if (recognition.counts) event.counts = recognition.counts;
  return event;
}
