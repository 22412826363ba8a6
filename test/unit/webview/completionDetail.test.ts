import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCompletionDetail, completionExport } from '../../../src/core/chartData/completionDetail';
import type { Session } from '../../../src/core/sessions/model';
import type { Alert } from '../../../src/core/monitor/types';
import { NAMES, completion, run } from './helpers';

function session(): Session {
  const events = [run('r0', 'pass', 'x'.repeat(5000)), run('r1', 'fail'), run('r2', 'fail'), completion(0, 'Trying again.'), run('r3', 'fail'), { ...run('ls', 'unknown'), testRun: false }, run('r4', 'fail'), run('r5', 'pass'), completion(1)];
  return { id: 's', assistant: 'claude-code', sourcePath: '/t/session.jsonl', events, parseErrors: 0 };
}

test('the inspector gets the text, the ten highest readings and the two test runs either side', () => {
  const s = session();
  const scores = [0.5, -1, 2, 1, 0];
  const d = buildCompletionDetail({ key: 'k', session: s, index: 0, emotions: NAMES, scores, alerts: [], flags: [] });
  assert.ok(d);
  assert.equal(d.text, 'Trying again.');
  assert.deepEqual(d.top.map(([n]) => n), ['desperate', 'hopeful', 'afraid', 'nervous', 'calm']);
  assert.deepEqual(d.runsBefore.map((r) => r.id), ['r1', 'r2']);
  assert.deepEqual(d.runsAfter.map((r) => r.id), ['r3', 'r4'], 'a command that is not a test run is left out');
  assert.equal(d.runsAfter[0].exitCode, 1);
  assert.equal(buildCompletionDetail({ key: 'k', session: s, index: 9, emotions: NAMES, scores, alerts: [], flags: [] }), undefined);
});

test('long outputs keep their start and end', () => {
  const d = buildCompletionDetail({ key: 'k', session: { ...session(), events: [run('r0', 'pass', `${'a'.repeat(3000)}${'b'.repeat(3000)}`), completion(0)] }, index: 0, emotions: NAMES, scores: [0, 0, 0, 0, 0], alerts: [], flags: [] });
  const excerpt = d?.runsBefore[0].excerpt ?? '';
  assert.ok(excerpt.startsWith('aaa') && excerpt.endsWith('bbb') && excerpt.includes('\n…\n'));
  assert.ok(excerpt.length < 2100);
});

test('evidence lists the alert with its facts and points at the events to open', () => {
  const s = session();
  const failing = s.events.find((e) => e.id === 'r2');
  assert.ok(failing);
  const alerts: Alert[] = [
    { kind: 'desperation', completionIndex: 0, message: 'Desperate rose', evidence: { failingStreak: 3, failingRuns: [{ command: 'npm test', source: failing.source }], baseline: 0.1, level: 1.4, trend: 0.2, calm: -0.3 } },
    { kind: 'tampering', completionIndex: 0, message: 'edited', evidence: { kind: 'test-file-edited', detail: 'tests/a.test.ts edited', source: failing.source, completionIndex: 0 } },
    { kind: 'tampering', completionIndex: 1, message: 'other', evidence: { kind: 'skip-marker-added', detail: 'skip', source: failing.source } },
  ];
  const flags = [
    { completionIndex: 0, reason: 'desperation' as const, message: 'Desperate rose' },
    { completionIndex: 0, reason: 'assertion-weakened' as const, message: 'assert removed' },
  ];
  const d = buildCompletionDetail({ key: 'k', session: s, index: 0, emotions: NAMES, scores: [0, 0, 0, 0, 0], alerts, flags });
  assert.ok(d);
  assert.deepEqual(d.evidence.map((e) => e.kind), ['desperation', 'test-file-edited', 'assertion-weakened']);
  assert.equal(d.evidence[0].eventId, 'r2');
  assert.deepEqual(d.evidence[0].facts.slice(0, 4), [['Failing runs in a row', '3'], ['Desperate (recent level)', '1.40'], ['Session baseline', '0.10'], ['Rise over baseline', '1.30']]);
  assert.equal(d.evidence[1].message, 'tests/a.test.ts edited');
  assert.equal(d.evidence[2].message, 'assert removed', 'a flag without its alert still shows');

  const json = completionExport(d, s, NAMES, [0, 1, 2, 3, 4]) as Record<string, unknown>;
  assert.deepEqual(json.readings, { afraid: 0, calm: 1, desperate: 2, hopeful: 3, nervous: 4 });
  assert.equal(json.source, '/t/session.jsonl');
  assert.equal('heat' in json, false);
});

test('each run around says why it is a test run, a reported one included', () => {
  const reported = { ...run('u1#reported', 'fail', 'Your code failed the tests:\nAssertionError'), command: 'reported in the conversation', recognisedBy: 'conversation' as const, reason: "pasted in the user's turn: a report of failing tests" };
  const byCommand = { ...run('r1', 'fail'), recognisedBy: 'command' as const, reason: 'runs the package test script' };
  const d = buildCompletionDetail({ key: 'k', session: { ...session(), events: [byCommand, reported, completion(0)] }, index: 0, emotions: NAMES, scores: [0, 0, 0, 0, 0], alerts: [], flags: [] });
  assert.deepEqual(
    d?.runsBefore.map((r) => [r.command, r.recognisedBy, r.reason]),
    [
      ['npm test', 'command', 'runs the package test script'],
      ['reported in the conversation', 'conversation', "pasted in the user's turn: a report of failing tests"],
    ],
  );
});

test('an unreadable completion carries its reason and no numbers; a readable one its sentence shading', () => {
  const s = session();
  const scores = [0.5, -1, 6.9, 1, 0];
  const shading = { emotion: 'desperate', spans: [{ start: 0, end: 13, z: 2.1, lead: true }], reading: 2.1, pooling: 'max', scale: 3 };
  const unread = buildCompletionDetail({ key: 'k', session: s, index: 0, emotions: NAMES, scores, alerts: [], flags: [], unreadable: 'too short to read (4 tokens, fewer than 8)', attribution: shading });
  assert.equal(unread?.unreadable, 'too short to read (4 tokens, fewer than 8)');
  assert.deepEqual(unread?.top, [], 'no top ten for a reading that means nothing');
  assert.equal(unread?.attribution, undefined);
  assert.deepEqual(unread?.runsBefore.map((r) => r.id), ['r1', 'r2'], 'the runs around it are still shown');
  const exported = completionExport(unread!, s, NAMES, scores) as { unreadable?: string };
  assert.equal(exported.unreadable, 'too short to read (4 tokens, fewer than 8)', 'Copy as JSON says why too');
  const read = buildCompletionDetail({ key: 'k', session: s, index: 0, emotions: NAMES, scores, alerts: [], flags: [], attribution: shading });
  assert.equal(read?.unreadable, undefined);
  assert.deepEqual(read?.attribution, shading);
  assert.equal(read?.top.length, 5);
  assert.ok(!('attribution' in completionExport(read!, s, NAMES, scores)), 'the shading is the inspector’s, not part of the copied readings');
});
