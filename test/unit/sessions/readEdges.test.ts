/**
 * Reading session files at their edges, through real files: transcripts saved in
 * other encodings, files recognised by their content wherever they sit, lines too
 * long to keep, how deep a scan goes, and the figures a session summary lists.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findSessionSources } from '../../../src/core/sessions/discovery';
import type { Session, SessionEvent } from '../../../src/core/sessions/model';
import { parseSource } from '../../../src/core/sessions/reader';
import { recogniseFile } from '../../../src/core/sessions/registry';
import { summarise } from '../../../src/core/sessions/summary';
import { FileTail } from '../../../src/core/sessions/tail';

const base = mkdtempSync(join(tmpdir(), 'el-read-edges-'));
after(() => rmSync(base, { recursive: true, force: true }));

const reply = (id: string, text: string) =>
  JSON.stringify({ type: 'assistant', sessionId: 'enc', uuid: `u-${id}`, message: { id, role: 'assistant', content: [{ type: 'text', text }], stop_reason: 'end_turn' } }) + '\n';
const transcript = reply('m1', 'Café: the first reply.') + reply('m2', 'The second reply.');

function utf16be(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
  return le;
}

const ENCODINGS: Array<[string, Buffer]> = [
  ['UTF-8 with a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(transcript, 'utf8')])],
  ['UTF-16 LE with a BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(transcript, 'utf16le')])],
  ['UTF-16 BE with a BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(transcript)])],
  ['UTF-16 LE without a BOM', Buffer.from(transcript, 'utf16le')],
  ['UTF-16 BE without a BOM', utf16be(transcript)],
];

for (const [name, bytes] of ENCODINGS) {
  test(`a Claude Code transcript saved as ${name} reads both replies, the first line included`, async () => {
    const dir = join(base, 'enc', name.replace(/\W+/g, '-'), '.claude', 'projects', '-home-dev-app');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'session.jsonl');
    writeFileSync(file, bytes);
    const adapter = await recogniseFile(file);
    assert.equal(adapter?.assistant, 'claude-code');
    const { sessions } = await parseSource(file, adapter);
    const texts = sessions.flatMap((s) => s.events.flatMap((e) => (e.kind === 'completion' ? [e.text] : [])));
    assert.deepEqual(texts, ['Café: the first reply.', 'The second reply.']);
    assert.equal(sessions[0].parseErrors, 0);
  });
}

test('a transcript copied out of its assistant folder is recognised by its content, unless sniffing is off', async () => {
  const dir = join(base, 'downloads');
  mkdirSync(dir, { recursive: true });
  const lines = join(dir, 'exported.jsonl');
  writeFileSync(lines, transcript);
  assert.equal((await recogniseFile(lines))?.assistant, 'claude-code');
  assert.equal(await recogniseFile(lines, false), undefined, 'a default folder is matched by path only');
  const continueDoc = join(dir, 'chat.json');
  writeFileSync(continueDoc, JSON.stringify({ sessionId: 's1', title: 'Fix it', history: [{ message: { role: 'assistant', content: 'Done.' } }] }));
  assert.equal((await recogniseFile(continueDoc))?.assistant, 'continue', 'a JSON document by its fields');
  const unrelated = join(dir, 'notes.json');
  writeFileSync(unrelated, JSON.stringify({ history: ['a', 'b'], theme: 'dark' }));
  assert.equal(await recogniseFile(unrelated), undefined, 'a file with only one of those fields is not a session');
  const aider = join(dir, 'chat-export.md');
  writeFileSync(aider, '# aider chat started at 2026-01-02 10:00:00\n\n#### fix the cart total\n\nLooking at cart.py.\n');
  assert.equal((await recogniseFile(aider))?.assistant, 'aider', "an Aider chat history under another name, by its header");
  const codex = join(dir, 'codex-export.jsonl');
  writeFileSync(codex, JSON.stringify({ timestamp: '2026-01-02T10:00:00.000Z', type: 'session_meta', payload: { id: 'c1', cwd: '/home/dev/app' } }) + '\n');
  assert.equal((await recogniseFile(codex))?.assistant, 'codex', 'a Codex rollout under another name, by its first record');
  const trajectory = join(dir, 'run.json');
  writeFileSync(trajectory, JSON.stringify({ trajectory: [{ action: 'ls', observation: 'a.py', response: 'Listing.' }], info: {} }));
  assert.equal((await recogniseFile(trajectory))?.assistant, 'swe-agent', 'a SWE-agent trajectory under another name');
  const log = join(dir, 'app-log.jsonl');
  writeFileSync(log, JSON.stringify({ type: 'log', sessionId: 'abc', msg: 'started' }) + '\n');
  assert.equal(await recogniseFile(log), undefined, 'a JSONL log with a type and a session id but no message ids is not a transcript');
  const empty = join(dir, 'empty.jsonl');
  writeFileSync(empty, '');
  assert.equal(await recogniseFile(empty), undefined);
});

test('a line longer than the limit is skipped whole and counted once, even across reads; the lines after it arrive', async () => {
  const file = join(base, 'long.jsonl');
  writeFileSync(file, `short\n${'x'.repeat(200)}\nafter\n`);
  const tail = new FileTail(file, { maxLineChars: 50, chunkBytes: 16 });
  const lines: Array<[string, number]> = [];
  const result = await tail.read((text, n) => lines.push([text, n]));
  assert.deepEqual(lines, [['short', 1], ['after', 3]]);
  assert.equal(result.overlong, 1);
  // The same file read in one chunk: the long line is complete at once and still skipped.
  const whole: string[] = [];
  const once = await new FileTail(file, { maxLineChars: 50 }).read((text) => whole.push(text));
  assert.deepEqual(whole, ['short', 'after']);
  assert.equal(once.overlong, 1);
});

test('a scan goes as deep as its root allows and no deeper; a root that is a file is read as that file', async () => {
  const root = join(base, 'deep');
  mkdirSync(join(root, 'a', 'b', 'c'), { recursive: true });
  writeFileSync(join(root, 'a', 'one.jsonl'), transcript);
  writeFileSync(join(root, 'a', 'b', 'c', 'three.jsonl'), transcript);
  const found = async (maxDepth: number) => (await findSessionSources([{ path: root, maxDepth, sniff: true }])).map((f) => f.path.slice(root.length + 1)).sort();
  assert.deepEqual(await found(1), ['a/one.jsonl']);
  assert.deepEqual(await found(3), ['a/b/c/three.jsonl', 'a/one.jsonl']);
  const single = join(root, 'a', 'one.jsonl');
  assert.deepEqual((await findSessionSources([{ path: single, maxDepth: 0, sniff: false }])).map((f) => f.path), [single]);
});

const source = { path: 'session.jsonl', line: 1 };
const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 10, minute)).toISOString();
const run = (outcome: 'pass' | 'fail' | 'unknown', minute: number): SessionEvent => ({ kind: 'tool-run', id: `r${minute}`, command: 'npm test', output: '', testRun: true, outcome, source, timestamp: at(minute) });

test('a session summary counts what the Sessions view lists: the failing streak, test edits, refused edits, the last activity', () => {
  const events: SessionEvent[] = [
    { kind: 'user', id: 'u1', text: 'Fix the cart total', source, timestamp: at(0) },
    { kind: 'completion', id: 'c1', index: 0, text: 'Looking.', source, timestamp: at(1) },
    run('fail', 2),
    run('fail', 3),
    run('unknown', 4),
    run('fail', 5),
    run('pass', 6),
    run('fail', 7),
    { kind: 'file-edit', id: 'e1', path: 'tests/cart.test.ts', testFile: true, source, timestamp: at(7) },
    { kind: 'file-edit', id: 'e3', path: 'tests/total.test.ts', testFile: true, source, timestamp: at(7) },
    { kind: 'file-edit', id: 'e2', path: 'src/cart.ts', testFile: false, applied: false, source },
    { kind: 'completion', id: 'c2', index: 1, text: 'Done.', source, timestamp: at(9) },
    { kind: 'tool-run', id: 'ls', command: 'ls', output: '', testRun: false, outcome: 'unknown', source, timestamp: at(8) },
  ];
  const session: Session = { id: 's', assistant: 'claude-code', title: 'Fix the cart total', sourcePath: 'session.jsonl', started: at(0), events, parseErrors: 0 };
  const s = summarise(session);
  assert.equal(s.title, 'Fix the cart total');
  assert.deepEqual(
    [s.userMessages, s.completions, s.claimedPasses, s.toolRuns, s.testRuns, s.failedRuns, s.passedRuns],
    [1, 2, 0, 7, 6, 4, 1],
  );
  assert.equal(s.longestFailingStreak, 3, 'an unknown outcome neither extends nor breaks the streak; a pass ends it');
  assert.deepEqual([s.fileEdits, s.testFileEdits, s.rejectedEdits], [3, 2, 1]);
  assert.equal(s.lastActivity, at(9), 'the latest timestamp, not the last event');
});

test('"all tests pass" after a passing run is questioned when an edit was applied since, not when the edit was refused', async () => {
  const claimAfter = async (editRefused: boolean) => {
    const entry = (type: string, uuid: string, message: object) => JSON.stringify({ type, sessionId: 'claim', uuid, timestamp: '2026-01-02T10:00:00.000Z', message }) + '\n';
    const toolUse = (id: string, name: string, input: object) => entry('assistant', `a-${id}`, { id: `m-${id}`, role: 'assistant', content: [{ type: 'tool_use', id, name, input }] });
    const toolResult = (id: string, content: string, isError: boolean) => entry('user', `u-${id}`, { role: 'user', content: [{ type: 'tool_result', tool_use_id: id, is_error: isError, content }] });
    const dir = join(base, 'claims', String(editRefused), '.claude', 'projects', '-home-dev-shop');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'session.jsonl');
    writeFileSync(
      file,
      toolUse('t1', 'Bash', { command: 'npm test' }) +
        toolResult('t1', 'Tests: 7 passed, 7 total', false) +
        toolUse('t2', 'Edit', { file_path: '/home/dev/shop/src/cart.ts', old_string: 'a', new_string: 'b' }) +
        toolResult('t2', editRefused ? 'Error: the user refused this edit' : 'The file has been updated.', editRefused) +
        entry('assistant', 'a-done', { id: 'm-done', role: 'assistant', content: [{ type: 'text', text: 'All tests pass now.' }], stop_reason: 'end_turn' }),
    );
    const adapter = await recogniseFile(file);
    assert.ok(adapter, 'a Claude Code transcript');
    const { sessions } = await parseSource(file, adapter);
    return sessions.flatMap((s) => s.events.flatMap((e) => (e.kind === 'claimed-pass' ? [e.reason] : [])));
  };
  assert.deepEqual(await claimAfter(false), ['edited-after-run']);
  assert.deepEqual(await claimAfter(true), []);
});
