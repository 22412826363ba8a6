/**
 * Decides whether a tool run, or a user's turn, is a test run, why, and how it
 * ended. A run counts by its command (a known runner, or a script named like a
 * test or a checker), else by its output (a verdict a runner or harness
 * prints), unless its commands only show, search or install things: `cat
 * results.txt` quotes a verdict without running anything. A user's turn counts
 * when it carries pasted test output (a harness's feedback, a CI failure).
 */
import type { RecognisedBy, TestCounts, TestOutcome } from './model';
import { readCommand } from './testCommands';
import { parseTestOutcome } from './testOutcome';
import { readVerdict, type Verdict } from './testVerdicts';

export { readCommand, recogniseTestCommand, simpleCommands } from './testCommands';
export { parseTestOutcome, recogniseTestOutput, type TestResult } from './testOutcome';
export { readVerdict, type Verdict } from './testVerdicts';

export interface TestRunRecognition {
  recognisedBy: RecognisedBy;
  /** A short reason a developer reads: "runs pytest", "output shows a pytest summary: 1 failed". */
  reason: string;
  runner?: string;
  outcome: TestOutcome;
  counts?: TestCounts;
}

export interface RunToRecognise {
  command: string;
  output: string;
  exitCode?: number;
  /** The tool reported failure without an exit code. */
  failed?: boolean;
  /** A runner the adapter recognised from the output of a run whose command is not logged (aider's auto-test). */
  runnerHint?: string;
  /** The assistant's harness ran this as its configured test command (aider's --auto-test); the reason to show. */
  declaredTest?: string;
}

/** "1 failed, 3 passed" from counts, failures first. */
export function countsText(counts: TestCounts | undefined): string {
  if (!counts) return '';
  const parts: string[] = [];
  if (counts.failed) parts.push(`${counts.failed} failed`);
  if (counts.errors) parts.push(`${counts.errors} error${counts.errors === 1 ? '' : 's'}`);
  if (counts.passed) parts.push(`${counts.passed} passed`);
  if (counts.skipped) parts.push(`${counts.skipped} skipped`);
  if (parts.length === 0 && counts.total) parts.push(`${counts.total} run`);
  return parts.join(', ');
}

function verdictText(v: Verdict): string {
  const counts = countsText(v.counts);
  return counts ? `${v.shows}: ${counts}` : v.shows;
}

/** The exit code `cmd; echo $?` printed as the output's last line (PowerShell's `$?` prints True/False). */
function echoedExit(output: string): number | undefined {
  const lastLine = output.trimEnd().split('\n').at(-1) ?? '';
  const code = /(?:^|[\s=:])(-?\d{1,3})\s*$/.exec(lastLine);
  if (code) return Number(code[1]);
  if (/^\s*True\s*$/.test(lastLine)) return 0;
  if (/^\s*False\s*$/.test(lastLine)) return 1;
  return undefined;
}

/** Outcome from every sign there is: a failing verdict fails even when a swallowed exit code says 0. */
function outcomeOf(output: string, exitCode: number | undefined, verdict: Verdict | undefined, failed: boolean | undefined) {
  const parsed = parseTestOutcome(output, exitCode);
  let outcome = parsed.outcome;
  if (verdict?.outcome === 'fail' && !verdict.loose) outcome = 'fail';
  else if (outcome === 'unknown' && verdict) outcome = verdict.outcome;
  if (outcome === 'unknown' && failed) outcome = 'fail';
  return { outcome, counts: parsed.counts ?? verdict?.counts };
}

/** Whether a tool run is a test run, and if so why and how it ended; undefined when it is not. */
export function recogniseTestRun(run: RunToRecognise): TestRunRecognition | undefined {
  const command = readCommand(run.command);
  let exitCode = run.exitCode;
  let hidden = '';
  if (command.exitHiddenBy) {
    exitCode = command.echoesExit ? echoedExit(run.output) : undefined;
    if (exitCode === undefined) hidden = `; ${command.exitHiddenBy} hides the exit code, outcome read from the output`;
  }
  const verdict = readVerdict(run.output);
  const { outcome, counts } = outcomeOf(run.output, exitCode, verdict, run.failed);
  const result = (recognisedBy: RecognisedBy, reason: string, runner?: string): TestRunRecognition => {
    const r: TestRunRecognition = { recognisedBy, reason, outcome };
    if (runner) r.runner = runner;
    if (counts) r.counts = counts;
    return r;
  };
  // The harness's own word comes first: it is why the run counts and where its outcome came from.
  if (run.declaredTest) return result('command', run.declaredTest, command.runner);
  if (command.runner) return result('command', `runs ${runnerLabel(command.runner)}${hidden}`, command.runner);
  if (command.script) return result('command', `runs the test script ${command.script}${hidden}`);
  if (run.runnerHint) return result('output', `output shows a ${runnerLabel(run.runnerHint)} run`, run.runnerHint);
  if (command.showsOnly || !verdict) return undefined;
  // Without a runner in the command the verdict decides, and the exit code can still fail it.
  const byOutput = verdict.outcome === 'fail' || (exitCode !== undefined && exitCode !== 0) || (exitCode === undefined && run.failed) ? 'fail' : 'pass';
  const r = result('output', `output shows ${verdictText(verdict)}${hidden}`);
  r.outcome = byOutput;
  return r;
}

const LABELS: Record<string, string> = {
  npm: 'the package test script',
  jest: 'a JavaScript test runner',
  node: 'node --test',
  'repro-script': 'a reproduction script',
  unittest: 'Python unittest',
  make: 'a make test target',
  maven: 'Maven tests',
  gradle: 'Gradle tests',
  cargo: 'cargo test',
  go: 'go test',
  dotnet: 'dotnet test',
  pester: 'Pester',
};

function runnerLabel(runner: string): string {
  return LABELS[runner] ?? runner;
}

/** Words that frame pasted output as a test result: "Your code failed the tests:", "The following tests failed". */
const FAIL_FRAME =
  /\b(?:(?:code|solution|submission|implementation|patch|change|build|ci|pipeline|check)s?\s+(?:has\s+|have\s+)?(?:failed|fails|did not pass|didn't pass)\b[^.\n]{0,40}\btests?\b|(?:following|these|those|some|the)\s+tests?\s+(?:failed|fail|are failing|still fail)\b[^\n]{0,40}[:\n]|\btests?\s+(?:failed|failure|failures)\s*:)/i;
const PASS_FRAME = /^\W*(?:(?:your|the)\s+(?:code|solution|submission|patch)\s+passed\s+(?:all\s+)?(?:of\s+)?(?:the\s+)?tests|all\s+(?:\d+\s+)?(?:of\s+the\s+)?tests\s+(?:passed|pass|are\s+passing)(?:\s+now)?)\b[^\n?]*$/im;
/** Any exception line a traceback or runner prints: what a harness's failure feedback carries. */
const ERROR_LINE = /^(?:Traceback \(most recent call last\):|[\w.]*(?:Error|Exception)\b:?|E {2,}\S)/m;

/**
 * A test run reported in a user's turn: pasted runner output, or a harness's
 * feedback on the last attempt. Prose that mentions tests ("please add tests",
 * "the tests should pass") reports no run.
 */
export function recogniseReportedTestRun(text: string): TestRunRecognition | undefined {
  if (!text || text.length > 2_000_000) return undefined;
  // Pasted output is often quoted in markdown: "> " before every line.
  const plain = text.replace(/^> ?/gm, '');
  const verdict = readVerdict(plain);
  const reported = (outcome: 'pass' | 'fail', what: string, counts?: TestCounts): TestRunRecognition => {
    const r: TestRunRecognition = { recognisedBy: 'conversation', reason: `pasted in the user's turn: ${what}`, outcome };
    if (counts) r.counts = counts;
    return r;
  };
  if (verdict && !verdict.loose) return reported(verdict.outcome, verdictText(verdict), verdict.counts);
  if (FAIL_FRAME.test(plain) && (verdict || ERROR_LINE.test(plain))) return reported('fail', 'a report of failing tests');
  if (PASS_FRAME.test(plain)) return reported('pass', 'a report that the tests passed');
  return undefined;
}
