/** Default locations and environment variables of the stores added in 2026. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultSessionRoots, findSessionSources } from '../../../src/core/sessions/discovery';

const roots = (ctx: Parameters<typeof defaultSessionRoots>[0]) => defaultSessionRoots(ctx).map((r) => `${r.path} ${r.assistants?.join(',') ?? '*'}`);

describe('default locations of the SQLite and 2026 stores', () => {
  test('Linux: OpenCode and Kilo databases in the XDG data folder', () => {
    const p = roots({ platform: 'linux', env: { XDG_DATA_HOME: '/data' }, home: '/home/ana' });
    for (const expected of ['/data/opencode opencode', '/data/kilo kilo-code', '/home/ana/.config/Code/User/globalStorage/kilocode.kilo-code/tasks kilo-code']) {
      assert.ok(p.includes(expected), `missing ${expected}`);
    }
  });

  test('macOS and Windows: the same ~/.local/share folder (xdg-basedir falls back to it everywhere)', () => {
    assert.ok(roots({ platform: 'darwin', env: {}, home: '/Users/ana' }).includes('/Users/ana/.local/share/opencode opencode'));
    assert.ok(roots({ platform: 'win32', env: { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, home: 'C:\\Users\\ana' }).includes('C:\\Users\\ana\\.local\\share\\kilo kilo-code'));
  });

  test('Cursor: the global database of each Cursor user folder, and agent transcripts under ~/.cursor', () => {
    const linux = roots({ platform: 'linux', env: {}, home: '/home/ana' });
    assert.ok(linux.includes('/home/ana/.config/Cursor/User/globalStorage cursor'));
    assert.ok(linux.includes('/home/ana/.cursor/projects cursor'));
    assert.ok(!linux.some((r) => r.startsWith('/home/ana/.config/Code/User/globalStorage cursor')), 'not VS Code\'s own database');
    assert.ok(roots({ platform: 'darwin', env: {}, home: '/Users/ana' }).includes('/Users/ana/Library/Application Support/Cursor/User/globalStorage cursor'));
    assert.ok(roots({ platform: 'win32', env: { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, home: 'C:\\Users\\ana' }).includes('C:\\Users\\ana\\AppData\\Roaming\\Cursor\\User\\globalStorage cursor'));
  });

  test('Copilot CLI: ~/.copilot/session-state, and under XDG_CONFIG_HOME when set', () => {
    const p = roots({ platform: 'linux', env: { XDG_CONFIG_HOME: '/cfg' }, home: '/home/ana' });
    assert.ok(p.includes('/home/ana/.copilot/session-state copilot-cli'));
    assert.ok(p.includes('/cfg/.copilot/session-state copilot-cli'));
  });

  test('Goose: sessions/ in its data folder; %APPDATA%\\Block\\goose on Windows; GOOSE_PATH_ROOT moves it', () => {
    assert.ok(roots({ platform: 'linux', env: {}, home: '/home/ana' }).includes('/home/ana/.local/share/goose/sessions goose'));
    assert.ok(roots({ platform: 'win32', env: { APPDATA: 'C:\\R' }, home: 'C:\\Users\\ana' }).includes('C:\\R\\Block\\goose\\sessions goose'));
    assert.ok(roots({ platform: 'darwin', env: { GOOSE_PATH_ROOT: '/tmp/g' }, home: '/Users/ana' }).includes('/tmp/g/data/sessions goose'));
  });

  test('JSONL agents: Factory Droid, pi, OpenClaw (and OPENCLAW_STATE_DIR), Qwen Code (and QWEN_HOME)', () => {
    const p = roots({ platform: 'linux', env: { OPENCLAW_STATE_DIR: '/state/claw', QWEN_HOME: '/q' }, home: '/home/ana' });
    for (const expected of ['/home/ana/.factory/sessions factory-droid', '/home/ana/.pi/agent/sessions pi', '/state/claw/agents openclaw', '/home/ana/.clawdbot/agents openclaw', '/q/projects qwen-code']) {
      assert.ok(p.includes(expected), `missing ${expected}`);
    }
  });

  test('Amp threads in the XDG data folder; Kimi CLI sessions under ~/.kimi', () => {
    const p = roots({ platform: 'linux', env: {}, home: '/home/ana' });
    assert.ok(p.includes('/home/ana/.local/share/amp/threads amp'));
    assert.ok(p.includes('/home/ana/.kimi/sessions kimi'));
  });

  test('Kimi Code under ~/.kimi-code/sessions; KIMI_CODE_HOME moves it', () => {
    assert.ok(roots({ platform: 'linux', env: {}, home: '/home/ana' }).includes('/home/ana/.kimi-code/sessions kimi-code'));
    assert.ok(roots({ platform: 'darwin', env: { KIMI_CODE_HOME: '/opt/kc' }, home: '/Users/ana' }).includes('/opt/kc/sessions kimi-code'));
  });

  test("Claude Cowork's second root of Claude Code transcripts, in the desktop app's data folder", () => {
    assert.ok(roots({ platform: 'darwin', env: {}, home: '/Users/ana' }).includes('/Users/ana/Library/Application Support/Claude/local-agent-mode-sessions claude-code'));
    assert.ok(roots({ platform: 'win32', env: { APPDATA: 'C:\\R' }, home: 'C:\\Users\\ana' }).includes('C:\\R\\Claude\\local-agent-mode-sessions claude-code'));
  });

  test('OPENCODE_DB and KILO_DB name another file, absolute or relative to the data folder; :memory: is nothing', () => {
    const p = roots({ platform: 'linux', env: { OPENCODE_DB: 'opencode-dev.db', KILO_DB: '/srv/kilo.db' }, home: '/home/ana' });
    assert.ok(p.includes('/home/ana/.local/share/opencode/opencode-dev.db opencode'));
    assert.ok(p.includes('/srv/kilo.db kilo-code'));
    assert.equal(roots({ platform: 'linux', env: { OPENCODE_DB: ':memory:' }, home: '/h' }).filter((r) => r.includes(':memory:')).length, 0);
  });
});

test('the default roots find a Cowork transcript and a Kimi Code journal under a home laid out as the apps lay it out', async () => {
  const home = mkdtempSync(join(tmpdir(), 'el-roots-'));
  try {
    const cowork = join(home, 'Library', 'Application Support', 'Claude', 'local-agent-mode-sessions', 'acct-1', 'org-2', 'local_3f2a', '.claude', 'projects', '-sessions-quiet-fox');
    const kimi = join(home, '.kimi-code', 'sessions', 'wd_app_0123456789ab', 'session_0a1b', 'agents', 'main');
    for (const dir of [cowork, kimi]) mkdirSync(dir, { recursive: true });
    writeFileSync(join(cowork, 'c0ffee00-0000-4000-8000-000000000001.jsonl'), `${JSON.stringify({ type: 'user', sessionId: 'c0ffee00', uuid: 'u1', message: { role: 'user', content: 'hi' } })}\n`);
    writeFileSync(join(kimi, 'wire.jsonl'), `${JSON.stringify({ type: 'metadata', protocol_version: '1.5', created_at: 1 })}\n`);
    writeFileSync(join(kimi, '..', '..', 'state.json'), '{}');
    const found = await findSessionSources(defaultSessionRoots({ platform: 'darwin', env: {}, home }));
    assert.deepEqual(found.map((f) => `${f.adapter.assistant} ${f.path.slice(home.length + 1).split(/[\\/]/).slice(-1)[0]}`).sort(), ['claude-code c0ffee00-0000-4000-8000-000000000001.jsonl', 'kimi-code wire.jsonl']);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});
