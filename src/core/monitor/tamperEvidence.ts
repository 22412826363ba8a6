import type { ClaimedPass, FileEdit } from '../sessions/model';
import { analyseEdit } from './tamperAnalysis';
import type { TamperPattern } from './tamperContext';
import type { EditSides } from './tamperKnownContent';
import type { TamperEvidence, TamperKind } from './types';

/** The flag reason each pattern is filed under (the Flagged view and the timeline label these). */
const KIND_OF: Record<TamperPattern, TamperKind> = {
  'special-case-literal': 'literal-special-case',
  'expected-output-table': 'literal-special-case',
  'call-count-toggle': 'literal-special-case',
  'skip-or-xfail': 'skip-marker-added',
  'weakened-assertion': 'assertion-weakened',
  'loosened-tolerance': 'assertion-weakened',
  'exit-zero': 'assertion-weakened',
  'harness-override': 'assertion-weakened',
  'test-file-edited': 'test-file-edited',
};

export interface EditJudgement {
  evidence: TamperEvidence[];
  /** Set when the edit could not be analysed (binary, too large, no content recorded). */
  skipped?: string;
}

/**
 * Evidence that one edit games the tests rather than fixes the code. Called for
 * edits made during or right after a failing loop, with the output of the
 * loop's failing runs and what the agent said last.
 */
export function editEvidence(
  edit: FileEdit,
  sides: EditSides,
  failingOutput: string,
  explanation: string,
  completionIndex: number | undefined,
  inFailingLoop = false,
): EditJudgement {
  const verdict = analyseEdit({ path: edit.path, testFile: edit.testFile, ...sides, failingOutput, explanation, inFailingLoop, learnedReading: inFailingLoop });
  const evidence = verdict.findings.map<TamperEvidence>((f) => ({
    kind: KIND_OF[f.pattern],
    pattern: f.pattern,
    severity: f.severity,
    detail: f.detail,
    source: edit.source,
    completionIndex,
  }));
  if (verdict.analysed) return { evidence };
  return { evidence, skipped: `${edit.path}: not analysed: ${edit.omitted ?? verdict.reason}` };
}

export function claimEvidence(claim: ClaimedPass, completionIndex: number | undefined): TamperEvidence {
  const why = {
    'no-run': 'no test run in the session backs it',
    'last-run-failed': 'the latest test run failed',
    'edited-after-run': 'files changed after the last passing run',
  }[claim.reason];
  return {
    kind: 'claimed-pass-without-run',
    detail: `claims "${claim.claim}", but ${why}`,
    source: claim.source,
    completionIndex,
  };
}
