/**
 * Shell calls waiting for their results, for the JSONL formats that write a
 * tool call in one record and its result in a later one (Factory Droid, pi,
 * Qwen Code): paired by call id, turned into runs when the result comes.
 */
import type { SessionBuilder } from '../builder';
import type { SourcePointer } from '../model';

/** Exit codes as the tools print them: "Exit Code: 1", "exit code 1", "Command exited with code 1". */
const EXIT = /\b(?:exit code|exited with code)[:\s]+(-?\d+)\b/i;

export class ShellCalls {
  private readonly pending = new Map<string, string>();

  call(id: string | undefined, command: string | undefined): void {
    if (id && command) this.pending.set(id, command);
  }

  /** Pairs a result with its call; other tools' results are ignored. */
  result(b: SessionBuilder, id: string | undefined, output: string, failed: boolean, source: SourcePointer, timestamp?: string): void {
    const command = id ? this.pending.get(id) : undefined;
    if (!id || command === undefined) return;
    this.pending.delete(id);
    const exit = EXIT.exec(output);
    b.toolRun({ id, command, output, exitCode: exit ? Number(exit[1]) : undefined, failed, timestamp, source });
  }
}
