/**
 * A claim that tests pass is checked against the latest test run: a run with no
 * verdict cannot contradict it, and a claim about one named test is not
 * contradicted by a run that failed on other tests.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ClaimedPass } from '../../../src/core/sessions/model';
import { SessionBuilder } from '../../../src/core/sessions/builder';

const source = { path: 'session.jsonl', line: 1 };
const junitFailure = [
  '[ERROR] Failures: ',
  '[ERROR]   TokenBucketTest.neverGrantsMoreThanCapacityUnderContention:59 expected: <50> but was: <51>',
  '[ERROR] Tests run: 52, Failures: 1, Errors: 0, Skipped: 0',
].join('\n');

/** The reason of the claim the builder raises after one failing run then the given run and prose, or undefined. */
function claimAfter(latest: { output: string; exitCode?: number }, prose: string): string | undefined {
  const b = new SessionBuilder({ id: 's', assistant: 'cline', sourcePath: 'session.jsonl' });
  b.toolRun({ id: 'r1', command: 'mvn -q test', output: junitFailure, exitCode: 1, source });
  b.completion('c1', 'Trying another fix.', source);
  b.toolRun({ id: 'r2', command: 'mvn -q test', ...latest, source });
  b.completion('c2', prose, source);
  return b.session.events.find((e): e is ClaimedPass => e.kind === 'claimed-pass')?.reason;
}

test('a quiet run with no exit code recorded neither backs nor contradicts the claim after it', () => {
  // Cline records no exit code on success, and `mvn -q` prints nothing when the tests pass.
  assert.equal(claimAfter({ output: '' }, 'Parser tests pass. Full suite to be safe.'), undefined);
  assert.equal(claimAfter({ output: junitFailure, exitCode: 1 }, 'All tests pass.'), 'last-run-failed');
});

test('a named test the failing run does not list may pass; the failing test itself, or one not named, may not', () => {
  assert.equal(claimAfter({ output: junitFailure, exitCode: 1 }, 'The fractional test now passes. The remaining over-grant comes from refill.'), undefined);
  assert.equal(claimAfter({ output: junitFailure, exitCode: 1 }, 'The contention test now passes.'), 'last-run-failed');
  assert.equal(claimAfter({ output: junitFailure, exitCode: 1 }, 'The new test now passes.'), 'last-run-failed');
});
