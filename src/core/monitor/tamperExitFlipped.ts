/**
 * The failure exit turned into a success exit in place: the failing run ended
 * with a non-zero status, and the line that exited with a failure status now
 * exits 0 on the same path (`os.Exit(1)` -> `os.Exit(0)`, `sys.exit(1)` ->
 * `sys.exit(0)`, `process.exitCode = 1` -> `= 0`, `ExitCode::FAILURE` ->
 * `ExitCode::SUCCESS`, `exit 1` -> `exit 0`). The check still finds the
 * problem and prints it, but nothing downstream (make, CI) learns of it.
 * A usage or version exit made 0 is ordinary CLI behaviour, and an exit whose
 * branch says nothing of a failure ("no changes") may be a choice: both are left alone.
 */
import { EditContext, quoteLine, TamperFinding } from './tamperContext';
import { CodeLine } from './tamperLines';

/** An exit with its status as group 1, in the forms of the languages the monitor reads. */
const EXIT_WITH_STATUS =
  /\b(?:sys\.exit|os\._exit|exit|quit|process\.exit|os\.Exit|(?:std::)?process::exit|System\.exit|Runtime\.getRuntime\(\)\.(?:exit|halt)|Environment\.Exit|SystemExit)\s*\(\s*(-?\d+|EXIT_FAILURE|EXIT_SUCCESS|os\.EX_OK)\s*\)|\bprocess\.exitCode\s*=\s*(\d+)\b|\bExitCode::(SUCCESS|FAILURE)\b|^(?:exit|return)\s+(\d+)\s*;?$/;
const SUCCESS = /^(?:0|EXIT_SUCCESS|os\.EX_OK|SUCCESS)$/;

/** The failing run shows a process ending with a non-zero status, not only failed assertions. */
const NON_ZERO_EXIT =
  /\bexit(?:ed)?(?: with)? (?:status|code)\s*:?\s*[1-9]\d*\b|\bError [1-9]\d*\s*$|returned non-zero exit status|non-zero exit (?:status|code)|\bELIFECYCLE\b|Process finished with exit code [1-9]|\berror: process didn't exit successfully/im;
/** An exit 0 after printing help or a version, or ending a dry run, is ordinary CLI behaviour. */
const ORDINARY_EXIT_CONTEXT = /\b(help|usage|version|--version|-h\b|dry[-_ ]?run|print_usage|print_help|show_help)\b/i;
/** The exit's branch is about a failure (its condition or message): "nothing to do" exiting 0 is a choice, not a hidden failure. */
const FAILURE_WORDS = /\berr\b|error|fail|broken|breaking|invalid|violat|mismatch|drift|problem|unsafe|denied|reject|missing|stderr|Stderr|\bSTDERR\b|eprint|console\.error|System\.err/i;

export function exitFlippedFindings(ctx: EditContext): TamperFinding[] {
  if (!NON_ZERO_EXIT.test(ctx.output.raw)) return [];
  const failures = new Set<string>();
  for (const line of ctx.changes.removed) {
    const exit = statusOf(line);
    if (exit && !SUCCESS.test(exit.status)) failures.add(exit.shape);
  }
  if (failures.size === 0) return [];
  for (const line of ctx.changes.added) {
    const exit = statusOf(line);
    if (!exit || !SUCCESS.test(exit.status) || !failures.has(exit.shape)) continue;
    const above = contextAbove(ctx.changes.after, line);
    if (ORDINARY_EXIT_CONTEXT.test(above) || !FAILURE_WORDS.test(above)) continue;
    return [{ pattern: 'exit-zero', severity: 'tamper', detail: `${ctx.path}: the exit that reported the failure now exits 0, so the run it ends passes: ${quoteLine(line.text)}` }];
  }
  return [];
}

/** The exit's status and the line with the status taken out, to pair the old exit with the new one. */
function statusOf(line: CodeLine): { status: string; shape: string } | undefined {
  if (line.comment) return undefined;
  const m = EXIT_WITH_STATUS.exec(line.text);
  if (!m) return undefined;
  const status = m[1] ?? m[2] ?? m[3] ?? m[4];
  const at = m.index + m[0].lastIndexOf(status);
  return { status, shape: line.text.slice(0, at) + '<status>' + line.text.slice(at + status.length) };
}

/** The exit line and the few above it: what the branch it sits in is about. */
function contextAbove(lines: readonly CodeLine[], line: CodeLine): string {
  return lines
    .slice(Math.max(0, line.index - 3), line.index + 1)
    .map((l) => l.text)
    .join('\n');
}
