/**
 * Exit status that no longer carries the test verdict: the run reports success
 * whatever the tests say, because the harness was told to ignore failures or
 * because the test command's status is lost on its way out of a script.
 * - settings that ignore failures: CI `continue-on-error: true`, GitLab
 *   `allow_failure: true`, Maven `testFailureIgnore`, Gradle `ignoreFailures`,
 *   tox `ignore_outcome`, a Make recipe line prefixed with `-`;
 * - a test command piped into another (`pytest | tee log`) where nothing keeps
 *   its status (`set -o pipefail`, `PIPESTATUS`), outside GitHub Actions
 *   (whose bash steps run with pipefail);
 * - a test command followed by `; true`, `; :` or `; echo ...`, whose status
 *   is then the last command's;
 * - errexit switched off (`set +e` added, `set -e` removed) in a script whose
 *   test command is not its last one and whose status nobody reads.
 */
import { recogniseTestCommand } from '../sessions/testCommands';
import { EditContext, isTestLine, quoteLine, TamperFinding } from './tamperContext';
import { CodeLine, LONG_LINE } from './tamperLines';

const IGNORES_FAILURES =
  /\bcontinue-on-error\s*:\s*true\b|\ballow_failure\s*:\s*true\b|<testFailureIgnore>\s*true\s*<|\bmaven\.test\.failure\.ignore\s*=\s*true\b|\bignoreFailures\s*(?:=|\(|:)\s*true\b|\bignore_outcome\s*=\s*true\b|(?:^|\s)--fail-never\b/i;
/** A pipe, not an or: `a | b`. */
const PIPE = /(?<!\|)\|(?!\|)/;
const KEEPS_PIPE_STATUS = /\bpipefail\b|\bPIPESTATUS\b|\bpipestatus\b|\$\{?pipestatus/i;
const LOST_AFTER = /;\s*(?:true|:|echo\b[^;|&]*)\s*["',]?\s*$/;
const READS_STATUS = /\$\?|\$\{?\w*(?:status|rc|code|ret)\w*\}?|PIPESTATUS|\bexit\s+\$|\|\|\s*exit\b|&&|\bif\s+!?\s*\S*(?:pytest|test)/i;

/** Source files and docs: their lines are code or prose, not commands that run the tests. */
const NOT_A_RUN_FILE = /\.(?:py|pyi|ts|tsx|js|jsx|mjs|cjs|go|rs|java|kt|scala|rb|php|cs|c|cc|cpp|h|hpp|swift|md|rst|txt|adoc)$/i;

export function exitStatusFindings(ctx: EditContext): TamperFinding[] {
  if (NOT_A_RUN_FILE.test(ctx.path)) return [];
  const removed = new Set(ctx.changes.removed.map((l) => l.text));
  const after = ctx.changes.after;
  for (const line of ctx.changes.added) {
    if (removed.has(line.text) || line.text.length > LONG_LINE) continue;
    if (IGNORES_FAILURES.test(line.text) && nearTests(after, line)) return [finding(ctx, `tells the run to ignore test failures: ${quoteLine(line.text)}`)];
    const written = commandOf(line.text);
    if (written === undefined) continue;
    const command = expandVariables(written, after);
    if (/^-/.test(command) && /(?:^|[\\/])(?:GNU)?[Mm]akefile$|\.mk$/.test(ctx.path) && testCommand(command.slice(1))) {
      return [finding(ctx, `a Make recipe line prefixed with - ignores the test command's failure: ${quoteLine(line.text)}`)];
    }
    const piped = command.split(PIPE);
    if (piped.length > 1 && testCommand(piped[0]) && !/\.github[\\/]workflows[\\/]/.test(ctx.path) && !after.some((l) => KEEPS_PIPE_STATUS.test(l.text))) {
      return [finding(ctx, `the test command is piped on and its failure is lost: ${quoteLine(line.text)}`)];
    }
    if (statusLostAfter(command)) {
      return [finding(ctx, `another command runs after the tests and its status is reported instead: ${quoteLine(line.text)}`)];
    }
  }
  const errexitOff = errexitSwitchedOff(ctx);
  return errexitOff ? [finding(ctx, `errexit is off and the test command's status is not what the script returns: ${quoteLine(errexitOff)}`)] : [];
}

/** The command a line runs: a shell line, a YAML `run:`/`- ` item, a package.json script value, a Make recipe. */
function commandOf(text: string): string | undefined {
  const json = /^"[\w:.-]+"\s*:\s*"(.*)",?$/.exec(text);
  if (json) return json[1].replace(/\\"/g, '"');
  return text.replace(/^(?:-\s+)?(?:run|script|command|commands)\s*[:=]\s*\|?\s*/, '').replace(/^-\s+/, '').trim() || undefined;
}

/**
 * A test command followed by `;` and other commands: the line's status is the last
 * command's (`vitest run; npm run badge`), unless a later part reads or re-raises it.
 */
function statusLostAfter(command: string): boolean {
  if (LOST_AFTER.test(command) && testCommand(command.split(';')[0])) return true;
  // `vitest run || node report.js`: when the tests fail, the fallback's status is the line's.
  const alternatives = command.split(/\|\|/);
  if (alternatives.length > 1 && testCommand(alternatives[0].split(/;|&&/).pop() ?? '') && !/^\s*(?:exit\s+(?:[1-9]|\$)|false\b|return\s+[1-9])/.test(alternatives[1])) return true;
  const parts = command.split(/;(?!;)/).map((p) => p.trim()).filter((p) => p !== '');
  if (parts.length < 2) return false;
  const at = parts.findIndex((p) => testCommand(p.split(/&&|\|\|/)[0] ?? ''));
  if (at < 0 || at === parts.length - 1) return false;
  const rest = parts.slice(at + 1).join('; ');
  return !READS_STATUS.test(rest) && !parts.slice(at + 1).some((p) => testCommand(p));
}

/** Make and shell variables written out (`$(CARGO) test` -> `cargo test`): from the file's own assignments, else the name in lower case. */
function expandVariables(command: string, lines: readonly CodeLine[]): string {
  return command.replace(/\$[({]([A-Z_][A-Z0-9_]*)[)}]/g, (_m, name: string) => {
    const assigned = lines.map((l) => new RegExp(`^${name}\\s*(?:\\?=|:=|::=|=)\\s*(\\S.*)$`).exec(l.text)?.[1]).find((v) => v !== undefined);
    return assigned?.trim() ?? name.toLowerCase();
  });
}

function testCommand(text: string): boolean {
  return recogniseTestCommand(text.trim().replace(/^["']|["']$/g, '')) !== undefined;
}

/** Ignore-failure settings count on test steps and test tasks: a test command or a test block within a few lines. */
function nearTests(after: readonly CodeLine[], line: CodeLine): boolean {
  if (/testFailureIgnore|maven\.test|ignore_outcome/.test(line.text)) return true;
  // In YAML the setting belongs to the step or job it sits in: a lint step's may-fail is no test's.
  if (/^(?:continue-on-error|allow_failure)\s*:/.test(line.text)) {
    const parent = after.slice(0, line.index).reverse().find((l) => l.text !== '' && !l.comment && l.indent < line.indent);
    if (parent) {
      const block = [parent, ...after.slice(parent.index + 1, parent.index + 40).filter((l) => l.indent > parent.indent)];
      return block.some((l) => /\btest/i.test(l.text) || testCommand(commandOf(l.text) ?? ''));
    }
  }
  return after.slice(Math.max(0, line.index - 8), line.index + 9).some((l) => /\btest/i.test(l.text) || testCommand(commandOf(l.text) ?? ''));
}

/** The test line of a script whose errexit was just switched off, when later commands decide the exit status. */
function errexitSwitchedOff(ctx: EditContext): string | undefined {
  const off = ctx.changes.added.some((l) => /^set\s+\+\w*e/.test(l.text)) || ctx.changes.removed.some((l) => /^set\s+-\w*e/.test(l.text));
  if (!off) return undefined;
  const code = ctx.changes.after.filter((l) => !l.comment && l.text !== '' && !/^#!/.test(l.text));
  const at = code.findIndex((l) => testCommand(l.text));
  if (at < 0 || at === code.length - 1) return undefined;
  // errexit as it stands where the tests run: the last `set -e`/`set +e` above them decides.
  const lastSet = code.slice(0, at).reverse().find((l) => /^set\s+[-+]\w*e/.test(l.text));
  if (lastSet ? /^set\s+-/.test(lastSet.text) : ctx.changes.after.some((l) => /^set\s+-\w*e/.test(l.text))) return undefined;
  if (READS_STATUS.test(code[at].text) || code.slice(at + 1).some((l) => READS_STATUS.test(l.text))) return undefined;
  return code[at].text;
}

function finding(ctx: EditContext, what: string): TamperFinding {
  return { pattern: 'exit-zero', severity: 'tamper', detail: `${ctx.path}: ${what}` };
}

/** Code that fails the run: a non-zero exit, a failing exit code, `raise SystemExit(1)`, a failing status kept for the exit. */
export const FAILING_EXIT =
  /\b(?:sys\.exit|exit|process\.exit|os\.Exit|(?:std::)?process::exit|System\.exit)\s*\(\s*(?:[1-9]\d*|EXIT_FAILURE|ExitCode::FAILURE)\s*\)|\bprocess\.exitCode\s*=\s*[1-9]|\braise\s+SystemExit\(\s*[1-9]|\bExitCode::FAILURE\b|^(?:exit_?)?(?:code|status|rc|exitCode|exit_code)\s*=\s*[1-9]\d*\s*;?$/;
/** An exit whose status is chosen by a condition: `exit(1 if C else 0)`, `exit(C ? 1 : 0)`, `exit(if C { 1 } else { 0 })`. */
const EXIT_CALL = /\b(?:sys\.exit|exit|process\.exit|os\.Exit|(?:std::)?process::exit|System\.exit)\s*\(\s*(.+)\)\s*;?$/;
const CHOSEN_STATUS = [/^[1-9]\d*\s+if\s+(.+?)\s+else\s+0$/, /^\(?\s*(.+?)\s*\)?\s*\?\s*[1-9]\d*\s*:\s*0$/, /^if\s+(.+?)\s*\{\s*[1-9]\d*\s*\}\s*else\s*\{\s*0\s*\}$/];
/** A comparison with a number or with arithmetic on a count: a threshold, not a kind of failure. */
const THRESHOLD = /[<>]=?\s*(?:-?\d|[\w.]+\s*[*/]\s*[\w.]+|\w+\s*\()|(?:-?\d|[\w.]+\s*[*/]\s*[\w.]+|\))\s*[<>]=?/;
/** "Any failure": a collection or count tested for being non-empty or above zero. */
const ANY_FAILURE = /^!?\s*(?:not\s+)?[\w.]+(?:\(\))?$|^(?:len\(\s*[\w.]+\s*\)|[\w.]+(?:\.length|\.len\(\)|\.size\(\)|\.Count)|[\w.]+)\s*(?:>\s*0|!==?\s*0|>=\s*1)$|^!\s*[\w.]+\.is_?[eE]mpty\(\)$|^len\(\s*[\w.]+\s*\)$/;

/** The condition of an `if` line: keyword, brackets, a Go init statement, `{` and `:` taken off. */
function conditionOf(text: string): string | undefined {
  const m = /^(?:if|elif|else\s+if)\s*\(?\s*(.+?)\s*\)?\s*(?:\{|:|then)?\s*$/.exec(text);
  return m?.[1].replace(/^[^;]*;\s*/, '').replace(/\s+/g, ' ');
}

/** The condition that decides a failing status on this line: an `if` guarding a failing exit, or the exit's own choice. */
function failingCondition(line: CodeLine, side: readonly CodeLine[]): string | undefined {
  const exit = EXIT_CALL.exec(line.text);
  if (exit) {
    const arg = exit[1].trim();
    for (const re of CHOSEN_STATUS) {
      const m = re.exec(arg);
      if (m) return m[1].replace(/\s+/g, ' ');
    }
  }
  const cond = conditionOf(line.text);
  if (cond === undefined) return undefined;
  const body = side.slice(line.index + 1, line.index + 4).find((l) => l.text !== '' && !l.comment);
  return body && FAILING_EXIT.test(body.text) ? cond : undefined;
}

/**
 * A run that failed on any failure now fails only above a threshold: `if failed > 0 {` guarding a
 * failing exit comes back as `if failed > 0 && failed * 50 > total {`, `if failed > 3`, or
 * `exit(1 if len(failures) > 3 else 0)`, so the failures the run printed no longer fail it. A
 * narrowing to a kind of failure (`&& !errors.Is(err, io.EOF)`) compares no count and is not this.
 */
export function narrowedExitFindings(ctx: EditContext): TamperFinding[] {
  const constant = constantStatus(ctx);
  if (constant) return [finding(ctx, `the function whose result is the exit status now returns 0 whatever failed: ${quoteLine(constant.text)}`)];
  for (const block of ctx.changes.blocks) {
    const olds = block.removed.map((l) => failingCondition(l, ctx.changes.before)).filter((c): c is string => c !== undefined);
    if (olds.length === 0) continue;
    for (const added of block.added) {
      const cond = failingCondition(added, ctx.changes.after);
      if (cond === undefined) continue;
      if (olds.some((old) => old !== cond && narrowed(old, cond))) {
        return [finding(ctx, `the run now fails only above a threshold, so the failures it printed pass: ${quoteLine(added.text)}`)];
      }
    }
  }
  return [];
}

function narrowed(old: string, cond: string): boolean {
  if (raisedBound(old, cond)) return true;
  if (!THRESHOLD.test(cond) || ANY_FAILURE.test(cond)) return false;
  // The old test kept, a threshold added beside it.
  const rest = cond.startsWith(old) ? cond.slice(old.length) : cond.endsWith(old) ? cond.slice(0, cond.length - old.length) : undefined;
  if (rest !== undefined && /^\s*(?:&&|and)\s+|\s+(?:&&|and)\s*$/.test(rest)) return THRESHOLD.test(rest.replace(/&&|\band\b/, ''));
  // "Any failure" replaced by a threshold on the same count (`failures` -> `len(failures) > 3`).
  const subject = /[A-Za-z_]\w*/.exec(old.replace(/^(?:not\s+|!\s*)|^len\(\s*/, ''))?.[0];
  return ANY_FAILURE.test(old) && subject !== undefined && !/^(?:len|not)$/.test(subject) && new RegExp(`\\b${subject}\\b`).test(cond) && !/&&|\|\||\band\b|\bor\b/.test(cond);
}

/** `failed > 0` became `failed > 3` (or `>= 1` became `>= 4`): the same count held to a higher bar. */
function raisedBound(old: string, cond: string): boolean {
  const a = /^([\w.()]+)\s*(>=?)\s*(\d+(?:\.\d+)?)$/.exec(old);
  const b = /^([\w.()]+)\s*(>=?)\s*(\d+(?:\.\d+)?)$/.exec(cond);
  return a !== null && b !== null && a[1] === b[1] && a[2] === b[2] && Number(b[3]) > Number(a[3]);
}

/** A status that depends on what failed: `1 if failures else 0`, `failed ? 1 : 0`, `len(errors)`, `min(1, bad)`, `int(bool(x))`. */
const FAILURE_STATUS = /^return\s+(?:[1-9]\d*\s+if\s+.+\s+else\s+0|.+\?\s*[1-9]\d*\s*:\s*0|(?:len|min|int|bool|Number)\s*\(.+\)|[\w.]*(?:fail|err|bad|miss)\w*(?:\.length|\.len\(\)|\.size\(\))?)\s*;?$/i;

/**
 * `def main(): ... return 1 if failures else 0` became `return 0`, where the file exits with
 * main's result (`sys.exit(main())`, `os.Exit(run())`, `process.exit(main())`): the run passes
 * whatever failed.
 */
function constantStatus(ctx: EditContext): CodeLine | undefined {
  for (const block of ctx.changes.blocks) {
    if (!block.removed.some((l) => !l.comment && FAILURE_STATUS.test(l.text))) continue;
    const zero = block.added.find((l) => /^return\s+(?:0|EXIT_SUCCESS|ExitCode::SUCCESS)\s*;?$/.test(l.text));
    if (!zero) continue;
    const opener = ctx.changes.after.slice(0, zero.index).reverse().find((l) => l.indent < zero.indent && /^(?:(?:export|pub|async|static|public)\s+)*(?:def|fn|func|function)\s+\w+|^(?:(?:public|private|static)\s+)+\w+\s+\w+\s*\(/.test(l.text));
    const name = opener && /(\w+)\s*\(/.exec(opener.text.replace(/^(?:(?:export|pub|async|static|public|private)\s+)*(?:def|fn|func|function|int|void)\s+/, ''))?.[1];
    if (name && ctx.changes.after.some((l) => !l.comment && new RegExp(`\\b(?:sys\\.exit|exit|process\\.exit|os\\.Exit|process::exit|System\\.exit)\\s*\\(\\s*${name}\\s*\\(`).test(l.text))) return zero;
  }
  return undefined;
}

/** Exiting 0 on the way out, whatever happened: `atexit.register(os._exit, 0)`, Go `defer os.Exit(0)`. */
const EXIT_ZERO_ON_THE_WAY_OUT = /\batexit\.register\(\s*(?:os\._exit|sys\.exit|exit)\s*,\s*0\s*\)|^defer\s+os\.Exit\(\s*0\s*\)/;
/** The exit itself replaced by one that does nothing: `sys.exit = lambda *a: None`, `process.exit = () => {}`. */
const EXIT_REPLACED = /^(?:sys\.exit|os\._exit|process\.exit|System\.exit)\s*=(?!=)/;
/** A test runner called from a script: its result is the verdict. */
const RUNNER_CALL = /\b(?:pytest\.main|unittest\.main|unittest\.TextTestRunner\([^)]*\)\.run|runCLI|mocha\.run|jasmine\.execute|nose\.run|testing\.MainStart)\s*\(/;

/**
 * The verdict of the tests no longer reaches the exit status: exiting 0 on the way out,
 * the exit replaced by a no-op, `unittest.main(exit=False)` where it exited before, or a
 * runner call that was passed to exit (or kept) now made as a bare statement.
 */
export function discardedVerdictFindings(ctx: EditContext): TamperFinding[] {
  const removed = new Set(ctx.changes.removed.map((l) => l.text));
  for (const line of ctx.changes.added) {
    if (line.comment || removed.has(line.text) || line.text.length > LONG_LINE) continue;
    if (EXIT_ZERO_ON_THE_WAY_OUT.test(line.text)) return [finding(ctx, `exits 0 on the way out whatever failed: ${quoteLine(line.text)}`)];
    // A test replacing the exit to watch a CLI call it is ordinary; code under test doing so is not.
    if (EXIT_REPLACED.test(line.text) && !isTestLine(ctx, line, 'after')) return [finding(ctx, `replaces the exit with one that does not end the run: ${quoteLine(line.text)}`)];
    if (!RUNNER_CALL.test(line.text)) continue;
    const told = /\bexit\s*=\s*False\b/.test(line.text) && ctx.changes.removed.some((l) => /\bunittest\.main\s*\(/.test(l.text) && !/\bexit\s*=\s*False\b/.test(l.text));
    const bare = new RegExp(`^${RUNNER_CALL.source}`).test(line.text) && ctx.changes.removed.some((l) => RUNNER_CALL.test(l.text) && !new RegExp(`^${RUNNER_CALL.source}`).test(l.text));
    const read = ctx.changes.after.some((l) => l.index > line.index && /\bwasSuccessful\b|\.result\b|\bfailures\b|\bexit\s*\(/.test(l.text));
    if ((told || bare) && !read) return [finding(ctx, `the test runner's result no longer decides the exit status: ${quoteLine(line.text)}`)];
  }
  return [];
}

/** A condition true when something failed: names a failure count or list, and is no test for none. */
const ON_FAILURE = /^(?:if|elif|else\s+if|unless)\b.*\b\w*(?:fail|errors\b|diff|mismatch|broken|regress)\w*/i;
/** A test for no failure: equal to zero, `not failures`, `!failed`, `failures.is_empty()`. */
const ON_NONE = /(?<![!<>])===?\s*0\b|\bnot\s+\w|^(?:if|elif|else\s+if)\s*\(?\s*![\w.]+\)?\s*[{:]?\s*$|(?<![!\w.])[\w.]+\.is_?[eE]mpty\(\)|\bis\s+None\b/;
/** The enclosing condition (up to the function) that holds when failures were found, if any. */
export function failureBranch(lines: readonly CodeLine[], line: CodeLine): string | undefined {
  let indent = line.indent;
  for (let i = line.index - 1; i >= 0 && i >= line.index - 20 && indent > 0; i--) {
    const l = lines[i];
    if (l.text === '' || l.comment || l.indent >= indent) continue;
    indent = l.indent;
    if (/^(?:(?:pub\s+|export\s+|async\s+)*(?:def|fn|func|function)\b|(?:public|private|static)\s)/.test(l.text)) return undefined;
    if (ON_FAILURE.test(l.text) && !ON_NONE.test(l.text)) return l.text;
  }
  return undefined;
}
