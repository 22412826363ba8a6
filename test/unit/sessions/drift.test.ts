/**
 * The 2026 changes in formats already read: new record kinds are skipped
 * without errors (unknown ones counted per kind), subagent layouts, Gemini's
 * $set/$rewindTo, and Copilot Chat's compacted patch log.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { command, type SessionsReport } from '../../../src/cli/commands/sessions';
import { copilotLogAdapter } from '../../../src/core/sessions/adapters/copilot';
import { SessionFileReader } from '../../../src/core/sessions/reader';
import { fixtures, kinds, parseFixture } from './helpers';

const claude = 'claude-code/.claude/projects/-home-ana-drift/3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f0d01';
const codex = 'codex/.codex/sessions/2026/09/01/rollout-2026-09-01T11-00-00-0199aaaa-bbbb-7ccc-8ddd-00000000dr1f.jsonl';
const gemini = 'gemini/.gemini/tmp/drift/chats';

describe('Claude Code 2026', () => {
  test('attachment, permission-mode and stop_hook_summary are skipped; unknown kinds are counted, not errors', async () => {
    const { parsed, events } = await parseFixture(`${claude}.jsonl`);
    assert.equal(parsed.parseErrors, 0);
    assert.deepEqual(kinds(events), ['user', 'completion', 'tool-run', 'completion']);
    assert.deepEqual(parsed.sessions[0].unknownRecords, { 'future-kind': 2, 'lunar-sync': 1 });
  });

  test('a subagent under <session>/subagents/ is its own session under the parent; its .meta.json is not a session', async () => {
    const { parsed } = await parseFixture(`${claude}/subagents/agent-b2c3d4.jsonl`);
    assert.deepEqual([parsed.sessions[0].id, parsed.sessions[0].parentId], ['agent-b2c3d4', '3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f0d01']);
    await assert.rejects(parseFixture(`${claude}/subagents/agent-b2c3d4.meta.json`), /no adapter recognises/);
  });
});

test('Codex: world_state, item_completed, compacted and other new rollout items add nothing; an unknown one is counted', async () => {
  const { parsed, events } = await parseFixture(codex);
  assert.equal(parsed.parseErrors, 0);
  assert.deepEqual(kinds(events), ['user', 'completion', 'tool-run', 'completion'], 'the compacted history is not read twice');
  assert.deepEqual(parsed.sessions[0].unknownRecords, { moon_phase: 1 });
});

describe('Gemini CLI 2026 JSONL', () => {
  test('$rewindTo drops the unfinished message after the point; $set messages are read as re-appended', async () => {
    const { parsed, events } = await parseFixture(`${gemini}/session-2026-09-02T09-00-4d5e6f70.jsonl`);
    assert.equal(parsed.parseErrors, 0);
    assert.deepEqual(
      events.map((e) => `${e.kind}:${e.id}`),
      ['user:g1', 'completion:g2', 'tool-run:rs-1', 'user:g4', 'completion:g5', 'tool-run:rs-3'],
      'g3 was rewound before it finished; g5 once, though written twice',
    );
  });

  test('a subagent chat in chats/<parentSessionId>/ belongs to its parent and its project', async () => {
    const { parsed } = await parseFixture(`${gemini}/4d5e6f70-0000-4aaa-8bbb-00000000ge03/9a8b7c6d-0000-4aaa-8bbb-00000000ge04.jsonl`);
    const [s] = parsed.sessions;
    assert.deepEqual([s.assistant, s.parentId, s.workspace], ['gemini-cli', '4d5e6f70-0000-4aaa-8bbb-00000000ge03', '/home/ana/drift']);
  });
});

describe('Copilot Chat .jsonl compaction', () => {
  const dir = mkdtempSync(join(tmpdir(), 'el-compact-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const original = readFileSync(join(fixtures, 'copilot/Code/User/workspaceStorage/0f1e2d3c4b5a69788796a5b4c3d2e1f0/chatSessions/5c2d9a10-0000-4000-8000-00000000a002.jsonl'), 'utf8');

  async function replay(path: string) {
    const reader = new SessionFileReader(path, copilotLogAdapter);
    const first = await reader.update(false);
    return { reader, first };
  }

  /** The state the log describes, as one fresh kind 0 snapshot (what VS Code writes after 512 entries). */
  function snapshotOf(log: string): string {
    const reader = log.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { kind: number; k?: Array<string | number>; v?: unknown; i?: number });
    const state = JSON.parse(JSON.stringify(reader[0].v)) as { requests: Array<{ response: unknown[] }>; [k: string]: unknown };
    state.requests = [
      { ...(JSON.parse(JSON.stringify(reader[1].v)) as Array<{ response: unknown[] }>)[0], response: [(reader[3].v as unknown[])[0], (reader[4].v as unknown[])[0]] },
      ...(reader[9].v as Array<{ response: unknown[] }>),
    ];
    return JSON.stringify({ kind: 0, v: state });
  }

  test('a fresh kind 0 appended after many entries hands out nothing twice; later entries still arrive', async () => {
    mkdirSync(join(dir, 'a', 'chatSessions'), { recursive: true });
    const path = join(dir, 'a', 'chatSessions', 'compacted.jsonl');
    writeFileSync(path, original);
    const { reader, first } = await replay(path);
    const before = first.events.map((e) => `${e.event.kind}:${e.event.id}`);
    appendFileSync(path, `${snapshotOf(original)}\n`);
    assert.deepEqual((await reader.update(false)).events, [], 'the snapshot repeats what was read');
    appendFileSync(path, `${JSON.stringify({ kind: 2, k: ['requests'], v: [{ requestId: 'request_d', timestamp: 1775120700000, message: { text: 'again' }, response: [{ kind: 'markdownContent', content: { value: 'Done again.' } }] }] })}\n`);
    const fresh = (await reader.update(true)).events.map((e) => `${e.event.kind}:${e.event.kind === 'completion' ? e.event.text : ''}`);
    assert.ok(fresh.includes('completion:Done again.'), JSON.stringify(fresh));
    assert.ok(before.length > 0);
    assert.equal(reader.parseErrors(), 0);
  });

  test('a log rewritten as a single snapshot is re-read without repeating events', async () => {
    mkdirSync(join(dir, 'b', 'chatSessions'), { recursive: true });
    const path = join(dir, 'b', 'chatSessions', 'rewritten.jsonl');
    writeFileSync(path, original);
    const { reader } = await replay(path);
    writeFileSync(path, `${snapshotOf(original)}\n`);
    const update = await reader.update(false);
    assert.equal(update.reset, true);
    assert.deepEqual(update.events, []);
  });
});

test('sessions --json reports unknown record kinds per session and per source', async () => {
  let out = '';
  await command.run(['--root', join(fixtures, 'claude-code', '.claude', 'projects', '-home-ana-drift'), '--json'], { stdout: (t) => (out += t), stderr: () => undefined, stdin: new PassThrough() });
  const report = JSON.parse(out) as SessionsReport;
  const main = report.sessions.find((s) => s.id === '3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f0d01');
  assert.deepEqual(main?.unknownRecords, { 'future-kind': 2, 'lunar-sync': 1 });
  assert.deepEqual(report.sources.find((s) => s.path.endsWith('0d01.jsonl'))?.unknownRecords, { 'future-kind': 2, 'lunar-sync': 1 });
  assert.ok(report.sources.every((s) => s.parseErrors === 0));
});
