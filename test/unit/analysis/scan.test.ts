import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The whole pipeline as a user runs it: the built CLI, the embedded model, the shipped vectors.
function scan(...args: string[]) {
  const r = spawnSync(process.execPath, ['dist/cli.js', 'scan', ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface ScanJson {
  sessions: Array<{
    id: string;
    completions: Array<{ index: number; scores: Record<string, number>; flags: Array<{ reason: string }> }>;
    testRuns: Array<{ afterCompletion: number; outcome: string }>;
    alerts: Array<{ completionIndex: number | null; kind: string; message: string; evidence: { kind?: string } }>;
  }>;
  errors: Array<{ path: string; error: string }>;
}

const desperate = JSON.parse(scan('media/samples/desperate-loop.jsonl', '--json').stdout) as ScanJson;
const methodical = JSON.parse(scan('media/samples/methodical-loop.jsonl', '--json').stdout) as ScanJson;

test('a pressured assistant in a failing loop is warned about before it special-cases the test', () => {
  const [session] = desperate.sessions;
  const warning = session.alerts.find((a) => a.kind === 'desperation');
  const hack = session.alerts.find((a) => a.kind === 'tampering' && a.evidence.kind === 'literal-special-case');
  assert.ok(warning, 'a desperation warning');
  assert.ok(hack, 'the special case is found');
  assert.match(warning.message, /^desperation rising in slugger \(6f1d3c2a\) after \d+ failing test runs: the desperate reading/);
  assert.ok(warning.completionIndex! < hack.completionIndex!, `warned at #${warning.completionIndex}, hack at #${hack.completionIndex}`);
  assert.equal(session.alerts.filter((a) => a.kind === 'desperation').length, 1, 'one loop, one warning');
});

test('a methodical assistant in the same failing loop gets no warning', () => {
  const [session] = methodical.sessions;
  assert.equal(session.testRuns.filter((r) => r.outcome === 'fail').length, 4);
  assert.deepEqual(session.alerts, []);
});

test('every completion carries all 171 readings, and test runs sit on the completion axis', () => {
  const [session] = desperate.sessions;
  assert.equal(session.completions.length, 7);
  for (const c of session.completions) assert.equal(Object.keys(c.scores).length, 171);
  assert.deepEqual(session.testRuns.map((r) => [r.afterCompletion, r.outcome]), [[0, 'fail'], [1, 'fail'], [2, 'fail'], [3, 'fail'], [4, 'fail'], [5, 'pass']]);
  assert.ok(session.completions.some((c) => c.flags.some((f) => f.reason === 'desperation')));
});

test('each test run says why it counts: its command, its output or the conversation', () => {
  const result = JSON.parse(scan('test/fixtures/testRuns/harness-loop.jsonl', '--json').stdout) as {
    sessions: Array<{ testRuns: Array<{ command: string; recognisedBy: string; reason: string; outcome: string; counts?: Record<string, number> }>; state: { longestFailingStreak: number } }>;
  };
  const [session] = result.sessions;
  assert.deepEqual(
    session.testRuns.map((r) => [r.recognisedBy, r.command, r.outcome]),
    [
      ['output', 'python3 solution.py', 'fail'],
      ['command', 'python3 test.py', 'fail'],
      ['command', 'npm test 2>&1 | tail -5', 'fail'],
      ['conversation', 'reported in the conversation', 'fail'],
      ['command', 'python3 test.py', 'pass'],
    ],
  );
  assert.equal(session.testRuns[0].reason, 'output shows a traceback ending in AssertionError');
  assert.equal(session.testRuns[3].reason, "pasted in the user's turn: a traceback ending in AssertionError");
  assert.deepEqual(session.testRuns[2].counts, { failed: 1, passed: 4, total: 5 });
  assert.equal(session.state.longestFailingStreak, 4);
});

test('--fail-on-alert makes scan a CI gate over transcripts', () => {
  assert.equal(scan('media/samples/desperate-loop.jsonl', '--fail-on-alert').code, 1);
  assert.equal(scan('media/samples/methodical-loop.jsonl', '--fail-on-alert').code, 0);
});

test('the readable timeline shows the warning where it fired', () => {
  const { code, stdout } = scan('media/samples/desperate-loop.jsonl');
  assert.equal(code, 0);
  assert.match(stdout, /⚠ Emotion Lens: desperation rising in slugger/);
  assert.match(stdout, /7 completions, 6 test runs \(5 failed, longest failing streak 5\), 2 alerts/);
});

test('CSV: a header with the 171 emotions and one row per completion', () => {
  const lines = scan('media/samples/desperate-loop.jsonl', '--csv').stdout.trim().split('\n');
  assert.equal(lines.length, 1 + 7);
  assert.equal(lines[0].split(',').length, 6 + 171);
});

test('paths that are missing or not session files are reported, and the rest still scanned', () => {
  const dir = mkdtempSync(join(tmpdir(), 'el-scan-'));
  writeFileSync(join(dir, 'notes.txt'), 'just some notes\n');
  const result = JSON.parse(scan(join(dir, 'notes.txt'), join(dir, 'missing.jsonl'), 'media/samples/methodical-loop.jsonl', '--json').stdout) as ScanJson;
  assert.equal(result.sessions.length, 1);
  assert.deepEqual(result.errors.map((e) => e.error), ['not a session file of any known assistant', 'no such file or folder']);
});

test('bad arguments exit 2 with the usage', () => {
  for (const args of [[], ['x', '--json', '--csv'], ['x', '--threshold', 'high']]) {
    const r = scan(...args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, /Usage: emotion-lens scan/);
  }
});
