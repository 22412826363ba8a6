/**
 * Aider's --auto-test: after each applied edit aider runs its configured test
 * command (--test-cmd). A failure ends with aider's own question "Attempt to
 * fix test errors?", after whatever output the command printed (often none
 * that reads as a runner's: `--test-cmd false`, a quiet script). A pass is
 * logged as nothing at all, so in a session launched with --auto-test an
 * applied edit that reaches the user's next turn without that question passed.
 * Without --auto-test on the launch line (it may sit in .aider.conf.yml) no
 * pass is inferred: silence then proves nothing.
 */
import type { SessionBuilder } from '../builder';
import type { ToolRun } from '../model';

const FAILED = /^Attempt to fix test errors\?/;
const FAILED_REASON = 'aider asked "Attempt to fix test errors?": its configured test command failed';
const PASSED_REASON = 'aider ran its --auto-test command after the edit and reported no failure';

export class AutoTest {
  /** The session's launch line has been read (only the first one counts). */
  seenLaunch = false;
  private command?: string;
  private declared = false;
  /** The last applied edit (its line) whose test verdict is still to come. */
  private pendingEdit?: number;
  /** Output aider printed without a command since that edit, already recorded as a run. */
  private lastPrinted?: { run: ToolRun; output: string };

  /** Reads --auto-test and --test-cmd from the launch line (argv joined by spaces). */
  launched(argv: string): void {
    const flat = argv.replace(/\s+/g, ' ');
    this.declared = /(?:^|\s)--auto-test(?:\s|$)/.test(flat);
    const command = /(?:^|\s)--test-cmd(?:=|\s+)(.+?)(?=\s--[a-z]|$)/.exec(flat);
    if (command) this.command = command[1].trim().replace(/^(['"])(.*)\1$/, '$2');
  }

  edited(lineNo: number): void {
    this.pendingEdit = lineNo;
    this.lastPrinted = undefined;
  }

  printed(run: ToolRun, output: string): void {
    this.lastPrinted = { run, output };
  }

  /** Handles aider's failure question; true when the line was it. */
  quoted(info: string, session: SessionBuilder, source: { path: string; line: number }): boolean {
    if (!FAILED.test(info)) return false;
    const printed = this.lastPrinted;
    this.pendingEdit = undefined;
    this.lastPrinted = undefined;
    // Output that already read as a failing test run is this run; do not count it twice.
    if (printed?.run.testRun && printed.run.outcome === 'fail') return true;
    session.toolRun({ id: `L${source.line}`, command: this.command ?? '(aider auto-test)', output: printed?.output ?? '', failed: true, declaredTest: FAILED_REASON, source });
    return true;
  }

  /** The user spoke again (or a new session began): a pending auto-test of a declared session passed. */
  settle(session: SessionBuilder, path: string): void {
    const line = this.pendingEdit;
    const printed = this.lastPrinted;
    this.pendingEdit = undefined;
    this.lastPrinted = undefined;
    if (line === undefined || !this.declared || printed?.run.testRun) return;
    session.toolRun({ id: `L${line}#auto-test`, command: this.command ?? '(aider auto-test)', output: '', exitCode: 0, declaredTest: PASSED_REASON, source: { path, line } });
  }
}
