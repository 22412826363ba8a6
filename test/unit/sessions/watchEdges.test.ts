/**
 * The live watcher at its edges, through real files and fs.watch: lines appended
 * while a file is being read, a file followed twice, and assistants the user
 * turned off. Each test fails if the watcher loses, repeats or wrongly adds events.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { claudeCodeAdapter } from '../../../src/core/sessions/adapters/claudeCode';
import type { NewEvent } from '../../../src/core/sessions/reader';
import { SessionWatcher } from '../../../src/core/sessions/watch';

const base = mkdtempSync(join(tmpdir(), 'el-watch-edges-'));
after(() => rmSync(base, { recursive: true, force: true }));

/** One Claude Code assistant line; `pad` makes it long (a completion with a big tool result inlined). */
const line = (id: string, pad = 0) =>
  JSON.stringify({
    type: 'assistant',
    sessionId: 'edge',
    uuid: `u-${id}`,
    message: { id, role: 'assistant', content: [{ type: 'text', text: `reply ${id} ${'x'.repeat(pad)}` }], stop_reason: 'end_turn' },
  }) + '\n';

async function waitFor(check: () => boolean, what: string, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function folder(name: string): string {
  const dir = join(base, name, '.claude', 'projects', '-home-dev-app');
  mkdirSync(dir, { recursive: true });
  return dir;
}

test('a line appended while the file is being read is delivered without any later change', async () => {
  const dir = folder('mid-read');
  const file = join(dir, 'session.jsonl');
  writeFileSync(file, line('m0'));
  const ids: string[] = [];
  const watcher = await SessionWatcher.start({ roots: [{ path: join(base, 'mid-read'), maxDepth: 6, sniff: true }], onEvents: (events) => ids.push(...events.map((e) => e.event.id)) });
  try {
    // A burst of long lines keeps the reader busy for many reads of the file; the
    // last short line lands while it still reads, and nothing is written after it.
    const burst = Array.from({ length: 400 }, (_, i) => line(`big${i}`, 40_000)).join('');
    appendFileSync(file, burst);
    await sleep(30);
    appendFileSync(file, line('last'));
    await waitFor(() => ids.includes('last'), 'the line appended mid-read');
    assert.equal(ids.length, 402, 'every line once');
  } finally {
    watcher.close();
  }
});

test('following a file that is already followed adds nothing: no event is handed out twice', async () => {
  const dir = folder('twice');
  const file = join(dir, 'session.jsonl');
  writeFileSync(file, line('t0'));
  const seen: NewEvent[] = [];
  const watcher = await SessionWatcher.start({ roots: [{ path: join(base, 'twice'), maxDepth: 6, sniff: true }], onEvents: (events) => seen.push(...events) });
  try {
    await watcher.follow(file, claudeCodeAdapter);
    appendFileSync(file, line('t1'));
    await waitFor(() => seen.some((e) => e.event.id === 't1'), 'the appended line');
    await sleep(100);
    assert.deepEqual(seen.map((e) => e.event.id), ['t0', 't1']);
    assert.deepEqual(watcher.sources(), [file]);
  } finally {
    watcher.close();
  }
});

test('a new session file of an assistant the user turned off is not followed, one of a kept assistant is', async () => {
  const root = join(base, 'filtered');
  const claudeDir = folder('filtered');
  const seen: string[] = [];
  // The user keeps only Codex: the Claude Code folder is watched (it may hold both) but its files are not read.
  const watcher = await SessionWatcher.start({
    roots: [{ path: root, maxDepth: 6, sniff: true, assistants: ['codex'] }],
    onEvents: (events) => seen.push(...events.map((e) => e.event.id)),
    forcePolling: true,
    pollIntervalMs: 30,
  });
  try {
    writeFileSync(join(claudeDir, 'new.jsonl'), line('claude-1'));
    const codexDir = join(root, '.codex', 'sessions', '2026', '01', '02');
    mkdirSync(codexDir, { recursive: true });
    const codexLine = (type: string, payload: object) => JSON.stringify({ timestamp: '2026-01-02T10:00:00.000Z', type, payload }) + '\n';
    writeFileSync(
      join(codexDir, 'rollout-2026-01-02T10-00-00-0198f7a2-1111-7222-8333-944455556666.jsonl'),
      codexLine('session_meta', { id: '0198f7a2-1111-7222-8333-944455556666', cwd: '/home/dev/app' }) +
        codexLine('response_item', { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Codex reply.' }] }),
    );
    await waitFor(() => seen.length > 0, 'the Codex session');
    await sleep(150);
    assert.ok(!seen.includes('claude-1'), `the Claude Code file stays unread: ${seen.join(', ')}`);
    assert.ok(watcher.sources().every((s) => s.includes('.codex')), watcher.sources().join(', '));
  } finally {
    watcher.close();
  }
});
