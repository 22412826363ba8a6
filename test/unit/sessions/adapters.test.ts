import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AssistantCompletion, ClaimedPass, FileEdit, ToolRun } from '../../../src/core/sessions/model';
import { kinds, parseFixture } from './helpers';

const runs = (events: { kind: string }[]) => events.filter((e): e is ToolRun => e.kind === 'tool-run');
const edits = (events: { kind: string }[]) => events.filter((e): e is FileEdit => e.kind === 'file-edit');
const completions = (events: { kind: string }[]) => events.filter((e): e is AssistantCompletion => e.kind === 'completion');

describe('Claude Code', () => {
  const file = 'claude-code/.claude/projects/-home-ana-shop/7d1e0c55-0b8a-4f3e-9d21-5a6b7c8d9e01.jsonl';

  test('merges the lines of one response, keeps the sidechain apart, skips unknown records', async () => {
    const { parsed } = await parseFixture(file);
    assert.equal(parsed.parseErrors, 0);
    const [main, side] = parsed.sessions;
    assert.equal(main.id, '7d1e0c55-0b8a-4f3e-9d21-5a6b7c8d9e01');
    assert.equal(main.title, 'Cart total rounding');
    assert.equal(main.workspace, '/home/ana/shop');
    assert.equal(main.started, '2026-04-02T09:00:00.000Z');
    assert.deepEqual(kinds(main.events), ['user', 'completion', 'tool-run', 'file-edit', 'tool-run', 'completion', 'claimed-pass']);
    const [first, last] = completions(main.events);
    assert.equal(first.id, 'msg_A');
    assert.equal(first.text, 'I will run the cart tests to see the failure.', 'thinking and tool_use blocks are not prose');
    assert.equal(first.source.line, 4);
    assert.equal(last.index, 1);
    assert.equal(side.id, '7d1e0c55-0b8a-4f3e-9d21-5a6b7c8d9e01:sidechain');
    assert.equal(side.parentId, main.id);
    assert.deepEqual(kinds(side.events), ['completion']);
  });

  test('reads test runs, exit codes, a test-file edit and an unbacked claim', async () => {
    const { events } = await parseFixture(file);
    const [vitest, npm] = runs(events);
    assert.equal(vitest.command, 'cd /home/ana/shop && npx vitest run src/cart');
    assert.equal(vitest.exitCode, 1);
    assert.equal(vitest.outcome, 'fail');
    assert.deepEqual(vitest.counts, { failed: 2, passed: 5 });
    assert.equal(npm.outcome, 'fail', 'the summary shows a failure although `| tail` made the exit code 0');
    const [edit] = edits(events);
    assert.equal(edit.path, '/home/ana/shop/src/cart.test.ts');
    assert.equal(edit.testFile, true);
    assert.equal(edit.newText, 'expect(total).toBeCloseTo(10.05)');
    const claim = events.find((e): e is ClaimedPass => e.kind === 'claimed-pass');
    assert.equal(claim?.reason, 'last-run-failed');
    assert.equal(claim?.claim, 'All tests pass now.');
  });

  test('a subagent log is its own session under its parent', async () => {
    const { parsed } = await parseFixture('claude-code/.claude/projects/-home-ana-shop/7d1e0c55-0b8a-4f3e-9d21-5a6b7c8d9e01/subagents/agent-a1b2c3.jsonl');
    assert.equal(parsed.sessions.length, 1);
    assert.equal(parsed.sessions[0].id, 'agent-a1b2c3');
    assert.equal(parsed.sessions[0].parentId, '7d1e0c55-0b8a-4f3e-9d21-5a6b7c8d9e01');
  });
});

test('Codex CLI: pairs calls by call_id, reads both exit-code styles, skips injected context and event_msg copies', async () => {
  const { parsed, events } = await parseFixture('codex/.codex/sessions/2026/04/02/rollout-2026-04-02T09-00-00-01a2b3c4-d5e6-7f80-9123-456789abcdef.jsonl');
  const s = parsed.sessions[0];
  assert.equal(s.id, '01a2b3c4-d5e6-7f80-9123-456789abcdef');
  assert.equal(s.workspace, '/home/ana/api');
  assert.deepEqual(kinds(events), ['user', 'tool-run', 'completion', 'file-edit', 'tool-run', 'completion']);
  const [first, second] = runs(events);
  assert.equal(first.command, 'pytest -q tests/test_slug.py');
  assert.equal(first.exitCode, 1);
  assert.equal(first.outcome, 'fail');
  assert.equal(second.exitCode, 0);
  assert.equal(second.output, '..\n2 passed in 0.04s');
  assert.equal(second.outcome, 'pass');
  assert.deepEqual(edits(events).map((e) => [e.path, e.oldText, e.newText, e.applied]), [['app/slug.py', '    return s', '    return s.strip("-")', true]]);
});

describe('GitHub Copilot Chat', () => {
  const dir = 'copilot/Code/User/workspaceStorage/0f1e2d3c4b5a69788796a5b4c3d2e1f0/chatSessions';

  test('.json: splits prose at tool calls, reads the terminal exit code and the workspace', async () => {
    const { parsed, events } = await parseFixture(`${dir}/5c2d9a10-0000-4000-8000-00000000a001.json`);
    const s = parsed.sessions[0];
    assert.equal(s.title, 'Date test');
    assert.equal(s.workspace, '/home/ana/web');
    assert.deepEqual(kinds(events), ['user', 'completion', 'tool-run', 'completion', 'file-edit']);
    assert.deepEqual(runs(events).map((r) => [r.command, r.exitCode, r.outcome]), [['yarn test date', 1, 'fail']]);
    assert.equal(edits(events)[0].path, '/home/ana/web/src/date.ts');
  });

  test('.jsonl patch log: replays set, append with truncation and delete', async () => {
    const { parsed, events } = await parseFixture(`${dir}/5c2d9a10-0000-4000-8000-00000000a002.jsonl`);
    assert.equal(parsed.parseErrors, 0);
    const s = parsed.sessions[0];
    assert.equal(s.title, 'E2E run');
    assert.equal(s.workspace, '/home/ana/web');
    assert.deepEqual(completions(events).map((c) => c.text), ['Running them now.', 'You are welcome.'], 'the truncated draft is gone');
    assert.deepEqual(runs(events).map((r) => [r.command, r.outcome]), [['npx playwright test', 'pass']]);
  });
});

for (const [name, file, assistant] of [
  ['Cline', 'cline/Code/User/globalStorage/saoudrizwan.claude-dev/tasks/1775120400000/api_conversation_history.json', 'cline'],
  ['Roo Code', 'roo-code/Code/User/globalStorage/rooveterinaryinc.roo-cline/tasks/9a8b7c6d-0000-4000-8000-00000000r0o1/api_conversation_history.json', 'roo-code'],
] as const) {
  test(`${name}: XML tools become runs and edits, prose keeps attempt_completion's result`, async () => {
    const { parsed, events } = await parseFixture(file);
    const s = parsed.sessions[0];
    assert.equal(s.assistant, assistant);
    assert.equal(s.workspace, '/home/ana/inv');
    assert.equal(s.title, 'Add a test for parseQty and make it pass.');
    assert.deepEqual(runs(events).map((r) => [r.command, r.outcome]), [
      ['npm run test:unit', 'fail'],
      ['npm run test:unit', 'pass'],
    ]);
    if (assistant === 'roo-code') assert.deepEqual(runs(events).map((r) => r.exitCode), [1, 0]);
    assert.deepEqual(edits(events).map((e) => [e.path, e.testFile]), [
      ['test/qty.test.js', true],
      ['src/qty.js', false],
    ]);
    assert.equal(edits(events)[1].oldText, 'return s;');
    const texts = completions(events).map((c) => c.text);
    assert.ok(!texts.some((t) => t.includes('<execute_command>') || t.includes('<thinking>')), 'tool XML and thinking are not prose');
    assert.equal(texts.at(-1), 'Added the test; the whole suite passes.');
    assert.ok(!events.some((e) => e.kind === 'claimed-pass'), 'the claim follows a passing run');
  });
}

describe('Gemini CLI', () => {
  test('.json: shell runs with exit codes, edits, info messages skipped', async () => {
    const { parsed, events } = await parseFixture('gemini/.gemini/tmp/9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a0f9e8d/chats/session-2026-04-02T09-00-3c4d5e6f.json');
    assert.equal(parsed.sessions[0].id, '3c4d5e6f-0000-4aaa-8bbb-00000000ge02');
    assert.deepEqual(runs(events).map((r) => [r.command, r.exitCode, r.outcome]), [
      ['go test ./...', 1, 'fail'],
      ['go test ./...', 0, 'pass'],
    ]);
    assert.deepEqual(edits(events).map((e) => [e.path, e.oldText, e.newText]), [['/home/ana/ex/parse.go', 'i <= n', 'i < n']]);
    assert.deepEqual(completions(events).map((c) => c.text), ['Running the package tests.', 'Fixing the off-by-one.', 'TestParse passes now.']);
  });

  test('.jsonl: a re-appended message id updates it once finished; $set lines are metadata', async () => {
    const { parsed, events } = await parseFixture('gemini/.gemini/tmp/ex/chats/session-2026-04-02T09-05-3c4d5e6f.jsonl');
    assert.equal(parsed.parseErrors, 0);
    assert.equal(parsed.sessions[0].workspace, '/home/ana/ex', 'from .project_root');
    assert.deepEqual(kinds(events), ['user', 'completion', 'tool-run']);
    assert.equal(runs(events)[0].exitCode, 1);
    assert.equal(completions(events)[0].text, 'Running go test.');
  });
});

test('Aider: several sessions per file, raw+echoed /test output, auto-test output, applied edits', async () => {
  const { parsed, summaries, events } = await parseFixture('aider/inventory/.aider.chat.history.md');
  assert.equal(parsed.sessions.length, 2);
  assert.equal(parsed.sessions[0].started, '2026-04-01T14:00:00');
  const [test1, auto, run2] = runs(events);
  assert.equal(test1.command, 'pytest tests/test_stock.py');
  assert.equal(test1.outcome, 'fail');
  assert.ok(test1.output.includes('>       assert stock("apple") == 3'), "pytest's own '>' lines stay in the raw output");
  assert.equal(auto.command, '(aider auto-test)');
  assert.equal(auto.outcome, 'pass');
  assert.equal(run2.outcome, 'pass');
  assert.deepEqual(edits(events).map((e) => [e.path, e.testFile, e.newText]), [
    ['inventory/stock.py', false, '    return sum(deliveries)'],
    ['tests/test_stock.py', true, '    assert stock("apple") >= 0'],
  ]);
  assert.equal(completions(events)[0].text.split('\n')[0], 'The count skips the last delivery.');
  assert.ok(completions(events)[0].text.includes('>>>>>>> REPLACE'), 'edit blocks belong to the reply');
  assert.deepEqual(summaries.map((s) => [s.testRuns, s.failedRuns, s.userMessages]), [
    [2, 1, 0],
    [1, 0, 1],
  ]);
});

test('Continue: tool call states become runs and edits', async () => {
  const { parsed, events } = await parseFixture('continue/.continue/sessions/9d9d9d9d-1111-4222-8333-00000000c0n1.json');
  const s = parsed.sessions[0];
  assert.equal(s.title, 'Lint and test');
  assert.equal(s.workspace, '/home/ana/lib');
  assert.equal(s.started, '2026-04-02T09:00:00.000Z', 'from the sessions.json index');
  assert.deepEqual(runs(events).map((r) => [r.command, r.outcome, r.counts?.failed]), [['cargo test', 'fail', 1]]);
  assert.deepEqual(edits(events).map((e) => e.path), ['src/lib.rs']);
});

test('OpenCode legacy storage: session, message and part files are joined', async () => {
  const { parsed, events } = await parseFixture('opencode/.local/share/opencode/storage/session/aa11bb22cc33dd44ee55ff6600112233aabbccdd/ses_7a7a7a7a7a7aFIXTURE1.json');
  const s = parsed.sessions[0];
  assert.equal(s.workspace, '/home/ana/cli');
  assert.equal(s.title, 'Flaky test');
  assert.deepEqual(kinds(events), ['user', 'completion', 'tool-run', 'file-edit', 'completion']);
  assert.deepEqual(runs(events).map((r) => [r.command, r.exitCode, r.outcome]), [['bun test cli', 1, 'fail']]);
  assert.equal(edits(events)[0].testFile, true);
  assert.match(events[2].source.path, /prt_0003\.json$/);
});

test('SWE-agent trajectory: thoughts are completions, reproduction scripts count as test runs, refused edits are kept', async () => {
  const { parsed, summaries, events } = await parseFixture('swe-agent/trajectories/ana/widget__widget-12.traj');
  assert.equal(parsed.sessions[0].title, 'widget.area() is wrong for squares');
  assert.equal(parsed.sessions[0].workspace, '/widget');
  assert.equal(summaries[0].completions, 6);
  assert.deepEqual(runs(events).map((r) => [r.command, r.runner, r.outcome]), [
    ['python reproduce.py', 'repro-script', 'fail'],
    ['pytest tests/test_widget.py -q', 'pytest', 'pass'],
  ]);
  assert.deepEqual(edits(events).map((e) => [e.path, e.applied]), [
    ['reproduce.py', true],
    ['/widget/widget.py', false],
    ['/widget/widget.py', true],
  ]);
});


test("Aider --auto-test: aider's failure question is a failing run, silence before the next turn a pass, the launch line's --message is not prose", async () => {
  const { parsed, summaries, events } = await parseFixture('aider/autotest/.aider.chat.history.md');
  assert.equal(parsed.sessions.length, 2);
  const all = runs(events);
  assert.deepEqual(
    all.map((r) => [r.command, r.outcome, r.testRun, r.recognisedBy]),
    [
      ['pytest -q', 'fail', true, 'command'],
      ['pytest -q', 'fail', true, 'command'],
      ['pytest -q', 'pass', true, 'command'],
      ['make check', 'fail', true, 'command'],
    ],
  );
  assert.match(all[0].reason ?? '', /Attempt to fix test errors/);
  assert.match(all[2].reason ?? '', /--auto-test/);
  // The second session was not launched with --auto-test: its silence after an edit proves nothing.
  assert.deepEqual(summaries.map((s) => [s.testRuns, s.failedRuns, s.longestFailingStreak]), [
    [3, 2, 2],
    [1, 1, 1],
  ]);
  const texts = completions(events).map((c) => c.text.split('\n')[0]);
  assert.deepEqual(texts, ['The end bound is dropped by `range()`.', 'Reversed ranges must count down as well.', 'Empty input has to raise, not return an empty list.', 'Glad it passes now.', 'The checker wants a trailing newline.']);
});
