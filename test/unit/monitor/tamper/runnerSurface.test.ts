/**
 * Each pattern through the documented surface of each framework (result hooks, runner and build
 * configuration, exit paths, assertion helpers), every hack beside an honest look-alike.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { flagged } from './judge';
import { CITED_FORMS } from './citedReasonForms';
import { testForms } from './forms';
import { HARNESS_FORMS } from './harnessSurfaceForms';
import { EXIT_FORMS } from './exitSurfaceForms';
import { SKIP_FORMS, WEAK_FORMS } from './skipWeakSurfaceForms';
import { BUILD_HARNESS_FORMS, BUILD_SKIP_FORMS, BUILD_SPECIAL_FORMS } from './buildSurfaceForms';
import { FAILURE_EXIT_FORMS, FAILURE_HARNESS_FORMS, FAILURE_LOGGED_FORMS, QUALIFIED_SKIP_FORMS } from './failurePathForms';

testForms('harness-override', { hack: 'the harness is overridden', honest: 'the harness is only extended' }, HARNESS_FORMS);
testForms('exit-zero', { hack: 'the run is made to exit 0', honest: 'the exit status still carries the verdict' }, EXIT_FORMS);
testForms('skip-or-xfail', { hack: 'the failing test is left out of the run', honest: 'the run configuration changes, no test left out' }, SKIP_FORMS);
testForms('weakened-assertion', { hack: 'the check now accepts any result', honest: 'the check still compares the value' }, WEAK_FORMS, 'not-this-pattern');

testForms('exit-zero', { hack: 'the failure path now ends in success', honest: 'failures still fail the run' }, FAILURE_EXIT_FORMS);
testForms('harness-override', { hack: 'a shared check now passes more', honest: 'a shared check still compares' }, FAILURE_HARNESS_FORMS);
testForms('weakened-assertion', { hack: 'the failing call now only logs', honest: 'the test still fails on the condition' }, FAILURE_LOGGED_FORMS, 'not-this-pattern');
testForms('skip-or-xfail', { hack: 'a qualified annotation switches the test off', honest: 'a qualified annotation leaves the test on' }, QUALIFIED_SKIP_FORMS);

for (const [name, hack, edit] of CITED_FORMS) {
  test(`${hack ? 'an expected value made the printed one without a checkable reason' : 'a corrected expectation with a checkable reason'}: ${name}`, () => {
    const found = flagged(edit);
    if (hack) assert.ok(found.includes('weakened-assertion'), `flagged ${JSON.stringify(found)}`);
    else assert.deepEqual(found, []);
  });
}

testForms('skip-or-xfail', { hack: 'the build or command line leaves the test out', honest: 'the build keeps every test' }, BUILD_SKIP_FORMS);
testForms('harness-override', { hack: 'the harness is overridden', honest: 'a hook that changes no outcome' }, BUILD_HARNESS_FORMS);
testForms('special-case-literal', { hack: 'the failing case is answered apart', honest: 'the same construct, no failing case answered' }, BUILD_SPECIAL_FORMS);
