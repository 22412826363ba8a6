import type { ClaimedPass, FileEdit } from '../sessions/model';
import {
  addedAndRemovedLines,
  admissionsIn,
  assertionCount,
  literalBranches,
  skipMarkersIn,
  trivialAssertionsIn,
} from './tamperPatterns';
import type { TamperEvidence } from './types';

/**
 * Evidence that one edit games the tests rather than fixes the code. Called for
 * edits made during or right after a failing loop; `failingLiterals` are the
 * literal values the loop's failing runs printed.
 */
export function editEvidence(
  edit: FileEdit,
  failingStreak: number,
  failingLiterals: ReadonlySet<string>,
  completionIndex: number | undefined,
): TamperEvidence[] {
  const { added, removed } = addedAndRemovedLines(edit.oldExcerpt, edit.newExcerpt);
  const evidence: TamperEvidence[] = [];
  const add = (kind: TamperEvidence['kind'], detail: string) =>
    evidence.push({ kind, detail, source: edit.source, completionIndex });

  const skips = skipMarkersIn(added);
  if (skips.length > 0) add('skip-marker-added', `added ${[...new Set(skips)].join(', ')} in ${edit.path}`);

  if (edit.testFile) {
    const before = assertionCount(removed);
    const after = assertionCount(added);
    const trivial = trivialAssertionsIn(added);
    if (before > after) {
      add('assertion-weakened', `${edit.path}: ${before - after} fewer assertion${before - after === 1 ? '' : 's'} after the edit`);
    } else if (trivial.length > 0) {
      add('assertion-weakened', `${edit.path}: an assertion that cannot fail: ${trivial[0]}`);
    }
    if (evidence.length === 0) add('test-file-edited', `edited test file ${edit.path} after ${failingStreak} failing test runs`);
  } else {
    const branches = literalBranches(added, failingLiterals);
    const admissions = admissionsIn(added);
    if (branches.length > 0) {
      add('literal-special-case', `${edit.path} branches on ${quote(branches[0].literal)}, a value from the failing test output: ${branches[0].line}`);
    } else if (admissions.length > 0) {
      add('literal-special-case', `${edit.path}: ${admissions[0]}`);
    }
    const exits = trivialAssertionsIn(added).filter((l) => /exit\s*\(\s*0\s*\)/.test(l));
    if (exits.length > 0) add('assertion-weakened', `${edit.path} now exits 0 unconditionally: ${exits[0]}`);
  }
  return evidence;
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

function quote(literal: string): string {
  return /^-?[\d.]+$/.test(literal) ? literal : `'${literal}'`;
}
