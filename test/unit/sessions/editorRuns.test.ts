/**
 * Runs seen live in the editor go through the same recognition as runs in
 * transcripts: terminal commands with the output shell integration shares,
 * tasks with their command and group.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { editorTestRun, TerminalOutput, type EditorRun } from '../../../src/core/sessions/editorRuns';

const base = { id: 'editor:terminal:1', timestamp: '2026-05-04T10:00:00.000Z', origin: 'terminal' as const };
/** What a terminal stream looks like: shell-integration marks, colours, CRLF. */
const osc = (s: string) => `\x1b]633;${s}\x07`;

describe('terminal commands', () => {
  test('a runner is recognised by its command, the outcome read from its output', () => {
    const run = editorTestRun({ ...base, command: 'npm test 2>&1 | tail -5', output: 'Tests:       2 failed, 8 passed, 10 total', exitCode: 0 });
    assert.equal(run?.recognisedBy, 'command');
    assert.equal(run?.outcome, 'fail', '`| tail` made the exit code 0; the summary says 2 failed');
    assert.deepEqual(run?.counts, { failed: 2, passed: 8, total: 10 });
  });

  test('a submission whose output ends in AssertionError is recognised by its output', () => {
    const output = 'Traceback (most recent call last):\n  File "solution.py", line 9, in <module>\n    assert f(2) == 4\nAssertionError';
    const run = editorTestRun({ ...base, command: 'python3 solution.py', output, exitCode: 1 });
    assert.equal(run?.recognisedBy, 'output');
    assert.equal(run?.reason, 'output shows a traceback ending in AssertionError');
    assert.equal(run?.outcome, 'fail');
    assert.deepEqual(run?.source, { path: 'terminal', line: 0 });
  });

  test('without shared output a runner still counts, with the outcome of its exit code', () => {
    assert.equal(editorTestRun({ ...base, command: 'pytest -q', exitCode: 1 })?.outcome, 'fail');
    assert.equal(editorTestRun({ ...base, command: 'pytest -q' })?.outcome, 'unknown', 'no exit code is no failure');
  });

  for (const [command, output] of [
    ['cat results.txt', '=== 2 failed in 0.1s ==='],
    ['git log -3', 'abc123 Tests run: 5, Failures: 1, Errors: 0'],
    ['ls tests/', 'test_a.py'],
    ['python3 app.py', 'serving on :8000'],
  ]) {
    test(`${command} is not a test run`, () => assert.equal(editorTestRun({ ...base, command, output, exitCode: 0 }), undefined));
  }
});

describe('tasks', () => {
  const task = (command: string, exitCode: number | undefined, testTask = false): EditorRun => ({ ...base, origin: 'task', command, exitCode, testTask });
  test('a task running a runner or a test script counts by its command', () => {
    assert.equal(editorTestRun(task('go test ./...', 1))?.reason, 'runs go test');
    assert.equal(editorTestRun(task('./run_tests.sh', 0))?.outcome, 'pass');
  });
  test('a task in the Test group counts whatever its command', () => {
    const run = editorTestRun(task('verify-all', 2, true));
    assert.equal(run?.reason, 'a task in the Test group');
    assert.equal(run?.outcome, 'fail');
    assert.deepEqual(run?.source, { path: 'task', line: 0 });
  });
  test('a build task is not a test run', () => assert.equal(editorTestRun(task('npm run build', 1)), undefined));
});

describe('terminal output', () => {
  test('drops escape sequences and shell-integration marks, keeps what a CR redraw left', () => {
    const out = new TerminalOutput();
    out.append(`${osc('C')}\x1b[32m....\x1b[0m\r\n`);
    out.append('collecting 1\rcollected 4 items\r\n=== 1 failed, 3 passed in 0.1s ===\r\n');
    out.append(osc('D;1'));
    assert.equal(out.text(), '....\ncollected 4 items\n=== 1 failed, 3 passed in 0.1s ===\n');
  });
  test('a long stream keeps its start and its end, bounded', () => {
    const out = new TerminalOutput(10, 20);
    out.append('HEAD-12345');
    for (let i = 0; i < 1000; i++) out.append('x'.repeat(50));
    out.append('\n1 failed in 2s');
    const text = out.text();
    assert.ok(text.startsWith('HEAD-12345\n…\n'));
    assert.ok(text.endsWith('1 failed in 2s'));
    assert.ok(text.length <= 10 + 3 + 20);
  });
});
