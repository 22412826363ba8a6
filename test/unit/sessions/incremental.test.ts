/**
 * Tailing a file as it is written gives the same events as reading it whole,
 * each handed out once.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseSource, SessionFileReader } from '../../../src/core/sessions/reader';
import { adapterByPath } from '../../../src/core/sessions/registry';
import { fixtures } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'el-incr-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** How each writer flushes: JSONL writers a line at a time; aider a whole reply, or one "> " / "#### " line. */
function writes(relative: string, text: string): string[] {
  const lines = text.split(/(?<=\n)/);
  if (!relative.endsWith('.md')) return lines;
  const out: string[] = [];
  for (const line of lines) {
    const own = line.startsWith('> ') || line.startsWith('#### ') || line.startsWith('# aider');
    if (out.length && !own && !/^(?:> |#### |# aider)/.test(out[out.length - 1])) out[out.length - 1] += line;
    else out.push(line);
  }
  return out;
}

const formats = [
  'claude-code/.claude/projects/-home-ana-shop/7d1e0c55-0b8a-4f3e-9d21-5a6b7c8d9e01.jsonl',
  'codex/.codex/sessions/2026/04/02/rollout-2026-04-02T09-00-00-01a2b3c4-d5e6-7f80-9123-456789abcdef.jsonl',
  'copilot/Code/User/workspaceStorage/0f1e2d3c4b5a69788796a5b4c3d2e1f0/chatSessions/5c2d9a10-0000-4000-8000-00000000a002.jsonl',
  'gemini/.gemini/tmp/ex/chats/session-2026-04-02T09-05-3c4d5e6f.jsonl',
  'aider/inventory/.aider.chat.history.md',
];

describe('incremental reads match one-shot reads', () => {
  for (const relative of formats) {
    test(relative.split('/')[0], async () => {
      const original = join(fixtures, relative);
      const adapter = adapterByPath(original)!;
      const whole = await parseSource(original, adapter);
      const expected = whole.sessions.flatMap((s) => s.events.map((e) => `${s.id} ${e.kind} ${e.id}`));

      const path = join(dir, relative);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, '');
      const reader = new SessionFileReader(path, adapter);
      const got: string[] = [];
      for (const chunk of writes(relative, readFileSync(original, 'utf8'))) {
        appendFileSync(path, chunk);
        for (const { session, event } of (await reader.update()).events) got.push(`${session.id} ${event.kind} ${event.id}`);
      }
      for (const { session, event } of (await reader.update(true)).events) got.push(`${session.id} ${event.kind} ${event.id}`);
      // One-shot output lists session by session; a tail interleaves sessions in file order.
      const bySession = (list: string[]) => [...list].sort((a, b) => a.split(' ')[0].localeCompare(b.split(' ')[0]) || list.indexOf(a) - list.indexOf(b));
      assert.deepEqual(bySession(got), bySession(expected));
    });
  }

  test('Claude Code: text written after the tail caught up mid-response becomes a continuation, not a repeat', async () => {
    const path = join(dir, 'split.jsonl');
    const line = (text: string, stop: string | null) =>
      JSON.stringify({ type: 'assistant', sessionId: 's', uuid: text, message: { id: 'msg_1', role: 'assistant', content: [{ type: 'text', text }], stop_reason: stop } }) + '\n';
    writeFileSync(path, line('First part.', null));
    const reader = new SessionFileReader(path, adapterByPath('/x/.claude/projects/p/s.jsonl')!);
    const first = await reader.update();
    assert.deepEqual(first.events.map((e) => e.event.kind === 'completion' && [e.event.id, e.event.text]), [['msg_1', 'First part.']]);
    appendFileSync(path, line('Second part.', 'end_turn'));
    const second = await reader.update();
    assert.deepEqual(second.events.map((e) => e.event.kind === 'completion' && [e.event.id, e.event.text, e.event.index]), [['msg_1:1', 'Second part.', 1]]);
  });
});
