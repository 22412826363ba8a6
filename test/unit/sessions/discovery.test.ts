import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSessionRoots, findSessionSources, scanRoot } from '../../../src/core/sessions/discovery';
import { fixtures } from './helpers';

const paths = (ctx: Parameters<typeof defaultSessionRoots>[0]) => defaultSessionRoots(ctx).map((r) => r.path);

describe('defaultSessionRoots', () => {
  test('Linux: home folders, XDG config for editors and Claude, XDG data for OpenCode', () => {
    const p = paths({ platform: 'linux', env: { XDG_CONFIG_HOME: '/cfg' }, home: '/home/ana' });
    for (const expected of [
      '/home/ana/.claude/projects',
      '/cfg/claude/projects',
      '/home/ana/.codex/sessions',
      '/home/ana/.gemini/tmp',
      '/cfg/Code/User/workspaceStorage',
      '/cfg/Code - Insiders/User/globalStorage/saoudrizwan.claude-dev/tasks',
      '/cfg/VSCodium/User/globalStorage/rooveterinaryinc.roo-cline/tasks',
      '/home/ana/.vscode-server/data/User/workspaceStorage',
      '/home/ana/.cline/data/tasks',
      '/home/ana/.continue/sessions',
      '/home/ana/.local/share/opencode/storage/session',
    ]) {
      assert.ok(p.includes(expected), `missing ${expected}`);
    }
  });

  test('macOS: editors under Library/Application Support', () => {
    const p = paths({ platform: 'darwin', env: {}, home: '/Users/ana' });
    assert.ok(p.includes('/Users/ana/Library/Application Support/Code/User/workspaceStorage'));
    assert.ok(p.includes('/Users/ana/.config/claude/projects'));
  });

  test('Windows: %APPDATA% for editors, backslashes, %USERPROFILE%\\.claude', () => {
    const p = paths({ platform: 'win32', env: { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, home: 'C:\\Users\\ana' });
    assert.ok(p.includes('C:\\Users\\ana\\AppData\\Roaming\\Code\\User\\workspaceStorage'));
    assert.ok(p.includes('C:\\Users\\ana\\.claude\\projects'));
    assert.ok(p.includes('C:\\Users\\ana\\.codex\\sessions'));
    assert.ok(!p.some((x) => x.includes('/')));
  });

  test('CLAUDE_CONFIG_DIR (a comma-separated list) and CODEX_HOME replace the defaults', () => {
    const p = paths({ platform: 'linux', env: { CLAUDE_CONFIG_DIR: '/a/claude, /b/claude', CODEX_HOME: '/x/codex' }, home: '/home/ana' });
    assert.ok(p.includes('/a/claude/projects') && p.includes('/b/claude/projects'));
    assert.ok(!p.includes('/home/ana/.claude/projects'));
    assert.ok(p.includes('/x/codex/sessions'));
  });

  test('workspace folders are searched for aider histories; settings folders are scanned whole', () => {
    const roots = defaultSessionRoots({ platform: 'linux', env: {}, home: '/h', workspaceFolders: ['/repo'], settingsFolders: ['/runs'] });
    assert.deepEqual(roots.find((r) => r.path === '/repo'), { path: '/repo', assistants: ['aider'], maxDepth: 0, sniff: false });
    assert.deepEqual(roots.find((r) => r.path === '/runs'), { path: '/runs', maxDepth: 12, sniff: true });
  });
});

describe('findSessionSources', () => {
  test('--root finds every fixture session file and nothing beside them', async () => {
    const found = await findSessionSources([scanRoot(fixtures)]);
    const names = found.map((f) => `${f.adapter.assistant}:${f.path.split(/[\\/]/).pop()}`).sort();
    assert.deepEqual(names, [
      'aider:.aider.chat.history.md',
      'aider:.aider.chat.history.md',
      'aider:.aider.chat.history.md',
      'amp:T-4c5d6e7f-0000-4000-8000-00000000a301.json',
      'claude-code:3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f0d01.jsonl',
      'claude-code:7d1e0c55-0b8a-4f3e-9d21-5a6b7c8d9e01.jsonl',
      'claude-code:agent-a1b2c3.jsonl',
      'claude-code:agent-b2c3d4.jsonl',
      'cline:api_conversation_history.json',
      'cline:api_conversation_history.json',
      'codex:rollout-2026-04-02T09-00-00-01a2b3c4-d5e6-7f80-9123-456789abcdef.jsonl',
      'codex:rollout-2026-09-01T11-00-00-0199aaaa-bbbb-7ccc-8ddd-00000000dr1f.jsonl',
      'continue:9d9d9d9d-1111-4222-8333-00000000c0n1.json',
      'copilot-chat:5c2d9a10-0000-4000-8000-00000000a001.json',
      'copilot-chat:5c2d9a10-0000-4000-8000-00000000a002.jsonl',
      'copilot-cli:1a2b3c4d-0000-4000-8000-00000000cc01.jsonl',
      'copilot-cli:events.jsonl',
      'cursor:2b3c4d5e-6f70-4a81-9b2c-3d4e5f6a7b8c.txt',
      'cursor:5e6f7a8b-1c2d-4e3f-9a0b-1c2d3e4f5a6b.jsonl',
      'cursor:9f8e7d6c-0000-4000-8000-00000000ca01.jsonl',
      'factory-droid:b7c8d9e0-1f2a-4b3c-8d4e-5f6a7b8c9d01.jsonl',
      'gemini-cli:9a8b7c6d-0000-4aaa-8bbb-00000000ge04.jsonl',
      'gemini-cli:session-2026-04-02T09-00-3c4d5e6f.json',
      'gemini-cli:session-2026-04-02T09-05-3c4d5e6f.jsonl',
      'gemini-cli:session-2026-09-02T09-00-4d5e6f70.jsonl',
      'goose:20260331_1.jsonl',
      'kimi-code:wire.jsonl',
      'kimi-code:wire.jsonl',
      'kimi:context.jsonl',
      'openclaw:019e2b00-0000-7000-8000-00000000c1a1.jsonl',
      'opencode:ses_7a7a7a7a7a7aFIXTURE1.json',
      'pi:2026-08-04T09-00-00-000Z_019e2a00-0000-7000-8000-00000000p101.jsonl',
      'qwen-code:019f1000-0000-7000-8000-00000000q001.jsonl',
      'swe-agent:clock__clock-3.traj',
      'swe-agent:widget__widget-12.traj',
    ]);
    for (let i = 1; i < found.length; i++) assert.ok(found[i - 1].mtimeMs >= found[i].mtimeMs, 'most recent first');
  });

  test('a default root only yields its own assistant', async () => {
    const found = await findSessionSources([{ path: fixtures, assistants: ['codex'], maxDepth: 12, sniff: false }]);
    assert.deepEqual(found.map((f) => f.adapter.assistant), ['codex', 'codex']);
  });

  test('missing roots are skipped quietly', async () => {
    assert.deepEqual(await findSessionSources([scanRoot('/definitely/not/here')]), []);
  });
});
