/** Default locations and environment variables of the stores added in 2026. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSessionRoots } from '../../../src/core/sessions/discovery';

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

  test('OPENCODE_DB and KILO_DB name another file, absolute or relative to the data folder; :memory: is nothing', () => {
    const p = roots({ platform: 'linux', env: { OPENCODE_DB: 'opencode-dev.db', KILO_DB: '/srv/kilo.db' }, home: '/home/ana' });
    assert.ok(p.includes('/home/ana/.local/share/opencode/opencode-dev.db opencode'));
    assert.ok(p.includes('/srv/kilo.db kilo-code'));
    assert.equal(roots({ platform: 'linux', env: { OPENCODE_DB: ':memory:' }, home: '/h' }).filter((r) => r.includes(':memory:')).length, 0);
  });
});
