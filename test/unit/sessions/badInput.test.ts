/**
 * Bad input never crashes a reader: bad lines are skipped and counted, good
 * ones still become events, unreadable files are reported.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SessionAdapter } from '../../../src/core/sessions/adapter';
import { aiderAdapter } from '../../../src/core/sessions/adapters/aider';
import { claudeCodeAdapter } from '../../../src/core/sessions/adapters/claudeCode';
import { parseSource } from '../../../src/core/sessions/reader';
import { ADAPTERS } from '../../../src/core/sessions/registry';
import { fixtures, repoRoot } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'el-bad-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const file = (name: string, content: string | Buffer) => {
  const folder = join(dir, String(n++));
  mkdirSync(folder, { recursive: true });
  const path = join(folder, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
  return path;
};

const claudeFixture = readFileSync(join(fixtures, 'claude-code/.claude/projects/-home-ana-shop/7d1e0c55-0b8a-4f3e-9d21-5a6b7c8d9e01.jsonl'), 'utf8');
const good = claudeFixture.split('\n').filter(Boolean);
const countEvents = async (path: string, adapter: SessionAdapter = claudeCodeAdapter) => {
  const parsed = await parseSource(path, adapter);
  return { parsed, events: parsed.sessions.reduce((k, s) => k + s.events.length, 0) };
};

describe('bad lines are skipped and counted', () => {
  test('truncated lines, invalid JSON and binary garbage between good lines', async () => {
    const baseline = await countEvents(file('ok.jsonl', claudeFixture));
    const mixed = [
      good[0],
      good[1].slice(0, 40),
      good[1],
      '{not json',
      ...good.slice(2, 6),
      Buffer.from([0x00, 0xff, 0xfe, 0x81, 0x1b, 0x5b, 0x32]).toString('latin1'),
      '[1, 2, 3]',
      '',
      ...good.slice(6),
    ].join('\n');
    const { parsed, events } = await countEvents(file('mixed.jsonl', mixed));
    assert.equal(parsed.parseErrors, 4, 'truncated line, invalid JSON, garbage, a JSON array: four bad lines');
    assert.equal(events, baseline.events, 'every good line still read');
  });

  test('a 10 MB line is read; a 10 MB line of garbage is one error', async () => {
    const huge = 'x'.repeat(10 * 1024 * 1024);
    const bigReply = JSON.stringify({ type: 'assistant', sessionId: 's', uuid: 'u1', message: { id: 'm1', role: 'assistant', content: [{ type: 'text', text: huge }], stop_reason: 'end_turn' } });
    const { parsed } = await countEvents(file('big.jsonl', `${bigReply}\n${huge}\n${good[1]}\n`));
    assert.equal(parsed.parseErrors, 1);
    const completion = parsed.sessions[0].events.find((e) => e.kind === 'completion');
    assert.equal(completion?.kind === 'completion' && completion.text.length, huge.length);
  });

  test('a UTF-16 transcript reads like its UTF-8 original', async () => {
    const utf8 = await countEvents(file('a.jsonl', claudeFixture));
    const utf16 = await countEvents(file('b.jsonl', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(claudeFixture, 'utf16le')])));
    assert.equal(utf16.parsed.parseErrors, 0);
    assert.equal(utf16.events, utf8.events);
  });

  test('Latin-1 bytes in an aider history do not stop it', async () => {
    const text = Buffer.concat([Buffer.from('# aider chat started at 2026-04-01 10:00:00\n\n#### caf'), Buffer.from([0xe9]), Buffer.from(' menu\n\nFixed the caf\xe9 menu.\n', 'latin1')]);
    const { parsed } = await countEvents(file('.aider.chat.history.md', text), aiderAdapter);
    assert.deepEqual(parsed.sessions[0].events.map((e) => e.kind), ['user', 'completion']);
  });
});

describe('empty, vanished and unreadable files', () => {
  for (const adapter of ADAPTERS) {
    test(`${adapter.assistant} (${adapter.mode}): an empty file gives no session and no crash`, async () => {
      const parsed = await parseSource(file('empty', ''), adapter);
      assert.equal(parsed.sessions.length, 0);
      assert.equal(parsed.error, undefined);
    });
    test(`${adapter.assistant} (${adapter.mode}): a file that does not exist is reported, not thrown`, async () => {
      const parsed = await parseSource(join(dir, 'missing', 'nothing.json'), adapter);
      assert.equal(parsed.sessions.length, 0);
      assert.match(parsed.error ?? '', /vanished/);
    });
  }

  test('a file the user may not read is reported as permission denied', async () => {
    // Laid out as Claude Code does, so the file is recognised by its path without being read.
    const path = file(join('.claude', 'projects', '-home-dev-app', 'locked.jsonl'), claudeFixture);
    chmodSync(path, 0o000);
    for (let folder = join(path, '..'); folder.startsWith(dir); folder = join(folder, '..')) chmodSync(folder, 0o755);
    if (process.getuid?.() !== 0) {
      const parsed = await parseSource(path, claudeCodeAdapter);
      assert.equal(parsed.error, 'permission denied');
      return;
    }
    // root reads everything: check as an unprivileged user, through the built CLI
    // copied to a world-readable place (the clone itself may sit where that user
    // cannot look).
    const cliCopy = join(dir, 'cli.js');
    copyFileSync(join(repoRoot, 'dist', 'cli.js'), cliCopy);
    chmodSync(cliCopy, 0o755);
    const child = spawnSync(process.execPath, [cliCopy, 'sessions', '--root', join(path, '..', '..', '..', '..'), '--json'], { cwd: dir, uid: 65534, gid: 65534, encoding: 'utf8' });
    assert.equal(child.status, 0, child.stderr);
    const report = JSON.parse(child.stdout) as { sessions: unknown[]; sources: Array<{ path: string; error?: string }> };
    assert.deepEqual(report.sessions, []);
    assert.deepEqual(report.sources.map((s) => [s.path, s.error]), [[path, 'permission denied']]);
  });
});
