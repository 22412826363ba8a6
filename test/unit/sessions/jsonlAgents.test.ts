/** Factory Droid, pi and OpenClaw (one reader), Qwen Code. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ToolRun } from '../../../src/core/sessions/model';
import { kinds, parseFixture, totals } from './helpers';

const runs = (events: Array<{ kind: string }>) => events.filter((e): e is ToolRun => e.kind === 'tool-run').map((r) => [r.command, r.exitCode, r.outcome]);

test('Factory Droid: session_start names the session; tool_use/tool_result pair into runs; reminders are not user text', async () => {
  const { parsed, events, summaries } = await parseFixture('factory-droid/.factory/sessions/-home-ana-ledger/b7c8d9e0-1f2a-4b3c-8d4e-5f6a7b8c9d01.jsonl');
  const [s] = parsed.sessions;
  assert.deepEqual([parsed.assistant, s.id, s.title, s.workspace, s.started], ['factory-droid', 'b7c8d9e0-1f2a-4b3c-8d4e-5f6a7b8c9d01', 'Ledger rounding', '/home/ana/ledger', '2026-08-03T10:00:00.000Z']);
  assert.equal(events[0].kind === 'user' && events[0].text, 'fix the rounding test');
  assert.deepEqual(runs(events), [['pytest -q tests/test_ledger.py', 1, 'fail']]);
  assert.deepEqual(totals(summaries), { sessions: 1, completions: 2, testRuns: 1, failedRuns: 1, longestFailingStreak: 1 });
  assert.deepEqual(s.unknownRecords, { todo_state: 1 });
});

test('pi: toolCall and toolResult pair into runs; compaction and model_change are not content', async () => {
  const { parsed, events } = await parseFixture('pi/.pi/agent/sessions/--home-ana-calc--/2026-08-04T09-00-00-000Z_019e2a00-0000-7000-8000-00000000p101.jsonl');
  assert.deepEqual([parsed.assistant, parsed.sessions[0].id, parsed.sessions[0].workspace, parsed.parseErrors], ['pi', '019e2a00-0000-7000-8000-00000000p101', '/home/ana/calc', 0]);
  assert.deepEqual(kinds(events), ['user', 'completion', 'tool-run', 'completion']);
  assert.deepEqual(runs(events), [['npm test', 1, 'fail']]);
  assert.equal(parsed.sessions[0].unknownRecords, undefined);
});

test('OpenClaw: the pi format under ~/.openclaw, its trajectory files left alone', async () => {
  const { parsed, events } = await parseFixture('openclaw/.openclaw/agents/main/sessions/019e2b00-0000-7000-8000-00000000c1a1.jsonl');
  assert.equal(parsed.assistant, 'openclaw');
  assert.deepEqual(runs(events), [['go test ./...', undefined, 'pass']]);
  await assert.rejects(parseFixture('openclaw/.openclaw/agents/main/sessions/019e2b00-0000-7000-8000-00000000c1a1.trajectory.jsonl'), /no adapter/);
});

test('Qwen Code: model parts without thoughts are prose; functionCall/functionResponse pair into runs with the exit code', async () => {
  const { parsed, events } = await parseFixture('qwen-code/.qwen/projects/-home-ana-tokens/chats/019f1000-0000-7000-8000-00000000q001.jsonl');
  assert.deepEqual([parsed.assistant, parsed.sessions[0].workspace], ['qwen-code', '/home/ana/tokens']);
  assert.deepEqual(kinds(events), ['user', 'completion', 'tool-run', 'completion']);
  assert.equal(events[1].kind === 'completion' && events[1].text, 'Running the tokenizer tests.');
  assert.deepEqual(runs(events), [['npm test -- tokenizer', 1, 'fail']]);
  assert.deepEqual(parsed.sessions[0].unknownRecords, { ui_telemetry: 1 });
});

test('Amp: a whole-file thread; Bash tool_use paired with the run result and its exit code; the folder from env', async () => {
  const { parsed, events } = await parseFixture('amp/.local/share/amp/threads/T-4c5d6e7f-0000-4000-8000-00000000a301.json');
  const [s] = parsed.sessions;
  assert.deepEqual([parsed.assistant, s.id, s.title, s.workspace, s.started], ['amp', 'T-4c5d6e7f-0000-4000-8000-00000000a301', 'Fix the cache test', '/home/ana/cache', '2026-08-07T10:53:20.000Z']);
  assert.deepEqual(kinds(events), ['user', 'completion', 'tool-run', 'completion']);
  assert.deepEqual(runs(events), [['go test ./cache/...', 1, 'fail']]);
});

test('Kimi CLI: context.jsonl chat lines; Shell tool calls paired with tool lines; checkpoints and usage skipped', async () => {
  const { parsed, events } = await parseFixture('kimi/.kimi/sessions/3f2e1d0c9b8a7f6e5d4c3b2a19081726/8a7b6c5d-0000-4000-8000-00000000k001/context.jsonl');
  assert.deepEqual([parsed.assistant, parsed.sessions[0].id, parsed.parseErrors], ['kimi', '8a7b6c5d-0000-4000-8000-00000000k001', 0]);
  assert.deepEqual(kinds(events), ['user', 'completion', 'tool-run', 'completion']);
  assert.deepEqual(runs(events), [['pytest tests/test_export.py', 1, 'fail']]);
  assert.equal(parsed.sessions[0].unknownRecords, undefined);
});

test('Goose legacy JSONL: metadata line, then messages with the same tool contents as the database', async () => {
  const { parsed, events } = await parseFixture('goose-legacy/.local/share/goose/sessions/20260331_1.jsonl');
  const [s] = parsed.sessions;
  assert.deepEqual([parsed.assistant, s.id, s.title, s.workspace, s.started], ['goose', '20260331_1', 'Quoted keys', '/home/ana/toml', '2026-03-31T23:33:20.000Z']);
  assert.deepEqual(kinds(events), ['user', 'completion', 'tool-run', 'completion']);
  assert.deepEqual(runs(events), [['cargo test', undefined, 'fail']]);
});
