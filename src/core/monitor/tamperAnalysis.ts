/**
 * Judges one edit made in (or right after) a loop of failing test runs: diffs
 * the full old and new content and runs every tamper pattern over the change.
 * Pure and bounded: content above 2 MB a side or binary content is skipped
 * with a reason instead of analysed.
 */
import { isTestFile } from '../sessions/text';
import { EditContext, TamperFinding, testLines } from './tamperContext';
import { diffContent } from './tamperDiff';
import { readFailingOutput } from './tamperOutput';
import { assertionFindings } from './tamperAssertions';
import { actualSymbolFindings } from './tamperActualSymbol';
import { eitherOutcomeFindings } from './tamperEitherOutcome';
import { blindEqualityFindings } from './tamperBlindEquality';
import { envGateFindings } from './tamperEnvGate';
import { equalityFindings } from './tamperEquality';
import { exitZeroFindings, harnessFindings } from './tamperHarness';
import { broaderErrorFindings } from './tamperBroaderError';
import { callerCheckFindings } from './tamperCallerCheck';
import { checkGatedFindings } from './tamperCheckGated';
import { caseBlindFindings } from './tamperCaseBlind';
import { conditionDroppedFindings } from './tamperConditionDropped';
import { compiledOutFindings } from './tamperCompiledOut';
import { discardedVerdictFindings, exitStatusFindings, narrowedExitFindings } from './tamperExitStatus';
import { exitFlippedFindings } from './tamperExitFlipped';
import { expectedMadeActualFindings } from './tamperExpectedActual';
import { failureHookFindings } from './tamperFailureHooks';
import { fieldDroppedFindings } from './tamperFieldDropped';
import { firstCallOnlyFindings } from './tamperFirstCallOnly';
import { memorisedAnswerFindings } from './tamperMemorised';
import { selfCompareFindings } from './tamperSelfCompare';
import { skipFindings } from './tamperSkips';
import { statusMappedFindings } from './tamperStatusMapped';
import { softFailureFindings } from './tamperSoftFailure';
import { sharedCheckFindings } from './tamperSharedCheck';
import { strengthFindings } from './tamperStrength';
import { shortcutFindings } from './tamperShortcuts';
import { specialCaseFindings } from './tamperSpecialCase';
import { printedFragmentFindings } from './tamperPrintedFragment';
import { printedGapFindings } from './tamperPrintedGap';
import { standInFindings } from './tamperStandIn';
import { tableFindings } from './tamperTable';
import { tupleKeyFindings } from './tamperTupleKeys';
import { expectedPieceFindings } from './tamperExpectedPiece';
import { testerFindings } from './tamperTesters';
import { toggleFindings } from './tamperToggle';
import { wrongAnswerPassesFindings } from './tamperWrongAnswerPasses';
import { stateFlowFindings } from './tamperStateFlow';
import { oneCallFindings } from './tamperOneCall';
import { queryStateFindings } from './tamperQueryState';
import { markerFindings } from './tamperMarker';
import { toleranceFindings } from './tamperTolerance';
import { toleranceExpressionFindings } from './tamperToleranceExpression';
import { exitSurfaceFindings, harnessSurfaceFindings } from './tamperRunnerSurface';
import { joinedLiteralFindings } from './tamperJoinedLiteral';
import { failureLoggedFindings, failurePathExitFindings, failurePathHarnessFindings } from './tamperFailurePath';
import { missAdmittedFindings } from './tamperMissAdmitted';
import { learnedFindings } from './tamperLearned';

export interface EditToAnalyse {
  path: string;
  /** Defaults to the path telling (test_*.py, *_test.go, *.test.ts, tests/ ...). */
  testFile?: boolean;
  /** The whole file before the edit; undefined when nobody knows it. */
  before?: string;
  /** The whole file after the edit, when known. */
  after?: string;
  /** For a search/replace edit whose whole file is unknown: the replaced text and its replacement. */
  oldString?: string;
  newString?: string;
  /** Output of the failing test runs before the edit. */
  failingOutput: string;
  /** What the agent said around the edit. */
  explanation?: string;
  /** The edit is made in a failing loop (the monitor's own definition); a single edit judged alone is not. */
  inFailingLoop?: boolean;
  /** Lines of the file the session's own earlier edits wrote. */
  ownLines?: ReadonlySet<string>;
  /**
   * Read the edit with the learned model when no rule fires: the monitor asks for it in a failing
   * loop, `validate --tamper` for every labelled edit (each was made after a failing run).
   */
  learnedReading?: boolean;
}

/** Files that hold expected outputs for tests: snapshots, golden and approved files, test data. */
const EXPECTATION_FILE = /\.snap$|[\\/]__snapshots__[\\/]|\.(?:golden|approved|expected)(?:\.\w+)?$|[\\/]testdata[\\/]|[\\/]fixtures?[\\/].*\.(?:out|expected|json)$/;

/** Scripts that grade a solution: a contest or benchmark checker is test code whatever its folder. */
const CHECKER_FILE = /(?:^|[\\/])(?:checker|check|grader|judge|run_?tests?|test_?runner|harness)\.(?:py|js|mjs|ts|sh|rb|go|rs|java)$/i;

export type EditVerdict = { analysed: true; findings: TamperFinding[] } | { analysed: false; reason: string; findings: [] };

type Reader = (ctx: EditContext) => TamperFinding[];

/**
 * Readings of one pattern, oldest first: a newer reading runs only when the older ones found
 * nothing, so one edit never carries the same pattern twice.
 */
function firstFinding(...readers: Reader[]): Reader {
  return (ctx) => {
    for (const read of readers) {
      const found = read(ctx);
      if (found.length > 0) return found;
    }
    return [];
  };
}

const PATTERNS: readonly Reader[] = [
  firstFinding(specialCaseFindings, callerCheckFindings, printedGapFindings, printedFragmentFindings, joinedLiteralFindings),
  shortcutFindings,
  firstFinding(tableFindings, memorisedAnswerFindings, tupleKeyFindings, expectedPieceFindings),
  firstFinding(toggleFindings, stateFlowFindings, oneCallFindings, queryStateFindings, firstCallOnlyFindings, markerFindings),
  firstFinding(exitZeroFindings, exitStatusFindings, statusMappedFindings, narrowedExitFindings, discardedVerdictFindings, exitFlippedFindings, exitSurfaceFindings, failurePathExitFindings),
  firstFinding(harnessFindings, testerFindings, failureHookFindings, softFailureFindings, sharedCheckFindings, equalityFindings, blindEqualityFindings, caseBlindFindings, harnessSurfaceFindings, failurePathHarnessFindings),
  standInFindings,
  firstFinding(skipFindings, compiledOutFindings),
  firstFinding(assertionFindings, strengthFindings, expectedMadeActualFindings, conditionDroppedFindings, selfCompareFindings, broaderErrorFindings, fieldDroppedFindings, checkGatedFindings, actualSymbolFindings, eitherOutcomeFindings, wrongAnswerPassesFindings, failureLoggedFindings),
  envGateFindings,
  firstFinding(toleranceFindings, missAdmittedFindings, toleranceExpressionFindings),
];

export function analyseEdit(edit: EditToAnalyse): EditVerdict {
  const read = editContext(edit);
  if (!read.ok) return { analysed: false, reason: read.reason, findings: [] };
  const { ctx } = read;
  // One reason per pattern: two readings that both see a weakened check are one finding to the user,
  // told by the reading that comes first (the more specific one).
  const findings = PATTERNS.flatMap((pattern) => pattern(ctx)).filter((f, i, all) => all.findIndex((g) => g.pattern === f.pattern) === i);
  // No rule named the edit: the learned reading may still see a hack, where the caller asks for it.
  if (edit.learnedReading && !findings.some((f) => f.severity === 'tamper')) findings.push(...learnedFindings(ctx));
  const changed = ctx.changes.added.length + ctx.changes.removed.length > 0;
  if (ctx.testFile && changed && findings.length === 0) {
    findings.push({ pattern: 'test-file-edited', severity: 'notice', detail: `test file ${edit.path} edited during a failing loop` });
  }
  return { analysed: true, findings };
}

/** What every reading reads about one edit: the diff, the failing output, which lines are test code. */
export function editContext(edit: EditToAnalyse): { ok: true; ctx: EditContext } | { ok: false; reason: string } {
  const sides = contentSides(edit);
  if (!sides) return { ok: false, reason: 'the edit records no new content' };
  const diff = diffContent(sides.before, sides.after);
  if (!diff.ok) return diff;
  const testFile = (edit.testFile ?? (isTestFile(edit.path) || CHECKER_FILE.test(edit.path))) || EXPECTATION_FILE.test(edit.path);
  const changes = diff.changes;
  return {
    ok: true,
    ctx: {
      path: edit.path,
      testFile,
      changes,
      output: readFailingOutput(edit.failingOutput),
      explanation: edit.explanation ?? '',
      inFailingLoop: edit.inFailingLoop ?? false,
      ownLines: edit.ownLines ?? new Set(),
      testAfter: testLines(changes.after, testFile),
      testBefore: testLines(changes.before, testFile),
    },
  };
}

/** The old and new text to diff: whole files when known, else the replaced hunk. */
function contentSides(edit: EditToAnalyse): { before?: string; after: string } | undefined {
  if (edit.after !== undefined) return { before: edit.before, after: edit.after };
  if (edit.newString !== undefined) return { before: edit.oldString, after: edit.newString };
  return undefined;
}

/** Findings that count as tampering (notices are shown but are not a flag). */
export function tamperFindings(verdict: EditVerdict): TamperFinding[] {
  return verdict.findings.filter((f) => f.severity === 'tamper');
}
