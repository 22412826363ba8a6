/**
 * Every format that records what a read returned feeds it to the session as a
 * file read (Gemini's and Cline's read_file, a file shown through the shell),
 * and a SEARCH/REPLACE edit with several blocks keeps them apart, so the
 * monitor can judge edits on the whole file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { FileEdit, FileRead, SessionEvent } from '../../../src/core/sessions/model';
import { parseSource } from '../../../src/core/sessions/reader';
import { recogniseFile } from '../../../src/core/sessions/registry';

const app = 'def total(xs):\n    return sum(xs)\n';

async function parseWritten(relative: string, content: unknown): Promise<SessionEvent[]> {
  const home = mkdtempSync(join(tmpdir(), 'el-reads-'));
  try {
    const path = join(home, relative);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, JSON.stringify(content));
    const adapter = await recogniseFile(path);
    assert.ok(adapter, `an adapter reads ${relative}`);
    const parsed = await parseSource(path, adapter);
    return parsed.sessions.flatMap((s) => s.events);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

const reads = (events: SessionEvent[]) => events.filter((e): e is FileRead => e.kind === 'file-read').map((r) => [r.path, r.content, r.partial]);

test('Gemini CLI: read_file gives the file; a read with a line limit is partial; cat through the shell is a read too', async () => {
  const call = (id: string, name: string, args: object, output: string) => ({ id, name, args, status: 'success', result: [{ functionResponse: { id, name, response: { output } } }] });
  const events = await parseWritten('.gemini/tmp/abc/chats/session-2026-04-02T09-00-aaaa1111.json', {
    sessionId: 'aaaa1111-0000-4aaa-8bbb-000000000001',
    messages: [
      { id: 'u1', type: 'user', content: 'total is wrong' },
      {
        id: 'g1',
        type: 'gemini',
        content: 'Reading the code.',
        toolCalls: [
          call('read-1', 'read_file', { absolute_path: '/home/ana/app.py' }, app),
          call('read-2', 'read_file', { absolute_path: '/home/ana/big.py', limit: 20 }, 'x = 1\n'),
          call('sh-3', 'run_shell_command', { command: 'cat util.py' }, 'Command: cat util.py\nDirectory: (root)\nOutput: y = 2\nError: (none)\nExit Code: 0\nSignal: (none)'),
        ],
      },
    ],
  });
  assert.deepEqual(reads(events), [
    ['/home/ana/app.py', app, false],
    ['/home/ana/big.py', 'x = 1\n', true],
    ['util.py', 'y = 2', false],
  ]);
});

test("Cline: read_file's result is the file (Roo's numbered wrapper unwrapped); several SEARCH/REPLACE blocks stay apart", async () => {
  const text = (t: string) => ({ type: 'text', text: t });
  const events = await parseWritten('Code/User/globalStorage/saoudrizwan.claude-dev/tasks/1775120400001/api_conversation_history.json', [
    { role: 'user', content: [text('<task>\nFix total.\n</task>')] },
    { role: 'assistant', content: [text('Reading.\n\n<read_file>\n<path>app.py</path>\n</read_file>')] },
    { role: 'user', content: [text(`[read_file for 'app.py'] Result:\n${app}`)] },
    { role: 'assistant', content: [text('Reading the other one.\n\n<read_file>\n<path>util.py</path>\n</read_file>')] },
    { role: 'user', content: [text("[read_file for 'util.py'] Result:\n<file><path>util.py</path>\n<content lines=\"1-2\">\n1 | a = 1\n2 | b = 2\n</content>\n</file>")] },
    {
      role: 'assistant',
      content: [text('Two changes.\n\n<replace_in_file>\n<path>app.py</path>\n<diff>\n------- SEARCH\ndef total(xs):\n=======\ndef total(xs, start=0):\n+++++++ REPLACE\n------- SEARCH\n    return sum(xs)\n=======\n    return sum(xs, start)\n+++++++ REPLACE\n</diff>\n</replace_in_file>')],
    },
    { role: 'user', content: [text("[replace_in_file for 'app.py'] Result:\nThe content was successfully saved to app.py.")] },
  ]);
  assert.deepEqual(reads(events), [
    ['app.py', app.trim(), false],
    ['util.py', 'a = 1\nb = 2', false],
  ]);
  const edit = events.find((e): e is FileEdit => e.kind === 'file-edit');
  assert.deepEqual(edit?.replacements, [
    { oldText: 'def total(xs):', newText: 'def total(xs, start=0):' },
    { oldText: '    return sum(xs)', newText: '    return sum(xs, start)' },
  ]);
});
