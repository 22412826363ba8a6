import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanRoot } from '../../../src/core/sessions/discovery';
import type { NewEvent } from '../../../src/core/sessions/reader';
import { SessionWatcher } from '../../../src/core/sessions/watch';

const base = mkdtempSync(join(tmpdir(), 'el-watch-'));
after(() => rmSync(base, { recursive: true, force: true }));

const line = (session: string, i: number) =>
  JSON.stringify({
    type: 'assistant',
    sessionId: session,
    uuid: `${session}-u${i}`,
    message: { id: `${session}-m${i}`, role: 'assistant', content: [{ type: 'text', text: `reply ${i}` }], stop_reason: 'end_turn' },
  }) + '\n';

async function waitFor(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

for (const mode of ['fs.watch', 'polling'] as const) {
  describe(`SessionWatcher (${mode})`, () => {
    test('follows appends, finds new files and folders, ends deleted sessions', async () => {
      const root = join(base, mode, '.claude', 'projects');
      const project = join(root, '-home-ana-app');
      mkdirSync(project, { recursive: true });
      const first = join(project, 'one.jsonl');
      writeFileSync(first, line('one', 1));
      const seen: Array<NewEvent & { initial: boolean }> = [];
      const ended: string[] = [];
      const watcher = await SessionWatcher.start({
        roots: [scanRoot(join(base, mode))],
        onEvents: (events, info) => seen.push(...events.map((e) => ({ ...e, initial: info.initial }))),
        onEnded: (path) => ended.push(path),
        forcePolling: mode === 'polling',
        pollIntervalMs: 40,
      });
      try {
        assert.deepEqual(seen.map((e) => [e.event.id, e.initial]), [['one-m1', true]]);
        if (mode === 'fs.watch') assert.equal(watcher.folderCounts().polled, 0);

        appendFileSync(first, line('one', 2));
        await waitFor(() => seen.length === 2, 'the appended line');
        assert.deepEqual([seen[1].event.id, seen[1].initial], ['one-m2', false]);

        const second = join(project, 'two.jsonl');
        writeFileSync(second, line('two', 1));
        await waitFor(() => seen.some((e) => e.event.id === 'two-m1'), 'a new session file');

        const otherProject = join(root, '-home-ana-other');
        mkdirSync(otherProject);
        writeFileSync(join(otherProject, 'three.jsonl'), line('three', 1));
        await waitFor(() => seen.some((e) => e.event.id === 'three-m1'), 'a session in a new folder');

        unlinkSync(second);
        await waitFor(() => ended.includes(second), 'the deleted session to end');
        assert.ok(!watcher.sources().includes(second));
        assert.equal(new Set(seen.map((e) => e.event.id)).size, seen.length, 'no event handed out twice');
      } finally {
        watcher.close();
      }
    });
  });
}
