import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { UsageError } from '../../../src/cli/command';
import { command, type SessionsReport } from '../../../src/cli/commands/sessions';
import { fixtures } from './helpers';

async function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await command.run(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), stdin: new PassThrough() });
  return { code, stdout, stderr };
}

describe('emotion-lens sessions', () => {
  test('--root test/fixtures/sessions --json lists every fixture session with its figures', async () => {
    const { code, stdout } = await run(['--root', fixtures, '--json']);
    assert.equal(code, 0);
    const report = JSON.parse(stdout) as SessionsReport;
    const claude = report.sessions.find((s) => s.assistant === 'claude-code' && !s.parentId && s.id === '7d1e0c55-0b8a-4f3e-9d21-5a6b7c8d9e01');
    assert.ok(claude);
    assert.deepEqual([claude.completions, claude.testRuns, claude.failedRuns, claude.longestFailingStreak, claude.parseErrors], [2, 2, 2, 2, 0], 'two failing runs then an unbacked claim');
    const cursorText = report.sessions.find((s) => s.assistant === 'cursor' && s.id === '2b3c4d5e-6f70-4a81-9b2c-3d4e5f6a7b8c');
    assert.deepEqual(cursorText && [cursorText.completions, cursorText.testRuns, cursorText.failedRuns, cursorText.longestFailingStreak], [4, 4, 3, 3], "Cursor's plain-text transcript");
    const ledger = report.sessions.filter((s) => s.path.endsWith('ledger/.aider.chat.history.md'));
    assert.deepEqual(ledger.map((s) => s.longestFailingStreak).sort(), [0, 2, 3], 'the fragment, the session with two pasted failures, the three failing /test runs');
    assert.ok(report.sources.every((s) => s.parseErrors === 0 && !s.error), JSON.stringify(report.sources.filter((s) => s.parseErrors || s.error)));
  });

  test('several --root options, most recent session first, as a table', async () => {
    const { code, stdout } = await run(['--root', resolve(fixtures, 'codex', '.codex', 'sessions', '2026', '04'), '--root', resolve(fixtures, 'aider', 'inventory')]);
    assert.equal(code, 0);
    const lines = stdout.trim().split('\n');
    assert.match(lines[0], /^assistant\s+last activity\s+compl\s+tests\s+failed\s+streak\s+errors\s+source$/);
    assert.match(lines[1], /^Codex CLI\s+2026-04-02 09:00:10\s+2\s+2\s+1\s+1\s+0\s+\S+rollout-/);
    assert.match(lines[2], /^Aider\s+2026-04-01 15:30:00/);
    assert.match(lines[3], /^Aider\s+2026-04-01 14:00:00\s+1\s+2\s+1\s+1\s+0/);
  });

  test('bad arguments are usage errors', async () => {
    await assert.rejects(run(['--frobnicate']), UsageError);
    await assert.rejects(run(['--limit', 'x']), UsageError);
    await assert.rejects(run(['--root', '/definitely/not/here']), /no such file or folder/);
  });
});
