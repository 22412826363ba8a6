/**
 * Cursor desktop's stores (michaeldhood/chatrxiv docs/cursor/storage-reference.md;
 * hanzoai/agents docs/desktop/CURSOR_MESSAGE_HISTORY.md): the global state.vscdb
 * with `cursorDiskKV` rows `composerData:<id>` and `bubbleId:<composer>:<bubble>`,
 * and per-workspace state.vscdb files whose ItemTable `composer.composerData`
 * lists the composers of that folder. The global database also holds secrets;
 * the fixture plants fake ones so a test can check they never leak.
 */
import { insert } from './sql';

export const CURSOR_SCHEMA = `
CREATE TABLE ItemTable (key TEXT UNIQUE ON CONFLICT REPLACE, value BLOB);
CREATE TABLE cursorDiskKV (key TEXT UNIQUE ON CONFLICT REPLACE, value BLOB);
`;

/** Planted in keys the reader must never read. */
export const FAKE_SECRET = 'FAKE-CURSOR-TOKEN-7f3a9c1e-never-read-me';

const T0 = Date.parse('2026-04-05T09:00:00.000Z');
const iso = (s: number) => new Date(T0 + s * 1000).toISOString();

interface Bubble {
  id: string;
  type: 1 | 2;
  text?: string;
  at: number;
  tool?: { name: string; args: object; result?: object; status?: string; error?: boolean };
}

function bubbleJson(b: Bubble): object {
  const out: Record<string, unknown> = { _v: 3, type: b.type, bubbleId: b.id, text: b.text ?? '', createdAt: iso(b.at), tokenCount: { inputTokens: 0, outputTokens: 0 } };
  if (b.tool) {
    out.toolFormerData = {
      name: b.tool.name,
      tool: b.tool.name === 'run_terminal_cmd' ? 15 : 7,
      rawArgs: JSON.stringify(b.tool.args),
      result: b.tool.result ? JSON.stringify(b.tool.result) : undefined,
      status: b.tool.status ?? 'completed',
      additionalData: b.tool.error ? { status: 'error' } : { status: 'success' },
    };
  }
  return out;
}

const jest = (failed: number) => `FAIL src/slugify.test.ts\n  ✕ keeps dashes\n\nTests:       ${failed} failed, 3 passed, ${failed + 3} total`;

const modern: Bubble[] = [
  { id: 'b1', type: 1, text: 'make the slugify tests pass', at: 0 },
  { id: 'b2', type: 2, text: 'Running the slugify tests first.', at: 5 },
  { id: 'b3', type: 2, at: 6, tool: { name: 'run_terminal_cmd', args: { command: 'npx jest slugify', is_background: false }, result: { output: jest(1), exitCode: 1 }, error: true } },
  { id: 'b4', type: 2, text: 'The regex strips dashes; relaxing the test instead.', at: 20 },
  { id: 'b5', type: 2, at: 21, tool: { name: 'edit_file', args: { target_file: 'src/slugify.test.ts', instructions: 'relax', code_edit: "expect(slugify('a-b')).toBeTruthy()" } } },
  { id: 'b6', type: 2, at: 22, tool: { name: 'run_terminal_cmd', args: { command: 'npx jest slugify' }, result: { output: jest(1), exitCode: 1 }, error: true } },
  { id: 'b7', type: 2, text: 'All tests pass now.', at: 30 },
];

export function cursorGlobalSql(): string {
  const rows: string[] = [CURSOR_SCHEMA];
  const kv = (key: string, value: unknown) => rows.push(insert('cursorDiskKV', { key, value }));
  kv('composerData:c-modern-1', {
    _v: 10,
    composerId: 'c-modern-1',
    name: 'Slugify dashes',
    createdAt: T0,
    lastUpdatedAt: T0 + 30_000,
    status: 'completed',
    unifiedMode: 'agent',
    fullConversationHeadersOnly: modern.map((b) => ({ bubbleId: b.id, type: b.type })),
    modelConfig: { modelName: 'claude-4.5-sonnet', maxMode: false },
    subComposerIds: ['c-sub-1'],
  });
  for (const b of modern) kv(`bubbleId:c-modern-1:${b.id}`, bubbleJson(b));
  kv('composerData:c-sub-1', {
    _v: 10,
    composerId: 'c-sub-1',
    name: 'Find slug callers',
    createdAt: T0 + 10_000,
    lastUpdatedAt: T0 + 12_000,
    fullConversationHeadersOnly: [{ bubbleId: 's1', type: 2 }],
  });
  kv('bubbleId:c-sub-1:s1', bubbleJson({ id: 's1', type: 2, text: 'slugify is called from two routes.', at: 11 }));
  // The layout before bubbles moved to their own rows: the conversation inline.
  kv('composerData:c-legacy-1', {
    composerId: 'c-legacy-1',
    name: 'Old chat',
    createdAt: T0 - 86_400_000,
    lastUpdatedAt: T0 - 86_000_000,
    conversation: [bubbleJson({ id: 'l1', type: 1, text: 'why does the build fail?', at: -86_400 }), bubbleJson({ id: 'l2', type: 2, text: 'A missing import in main.ts.', at: -86_390 })],
  });
  // Secrets and other rows the reader must never touch.
  rows.push(insert('ItemTable', { key: 'cursorAuth/accessToken', value: FAKE_SECRET }));
  rows.push(insert('ItemTable', { key: 'blobEncryptionKey', value: FAKE_SECRET }));
  kv(`agentKv:blob:${'0'.repeat(64)}`, { role: 'tool', content: [{ result: FAKE_SECRET }] });
  kv('messageRequestContext:c-modern-1:b2', { apiKey: FAKE_SECRET });
  kv('bubbleIdX:c-modern-1:b9', { type: 2, text: FAKE_SECRET });
  kv('composerDataZ:c-modern-1', { name: FAKE_SECRET });
  return rows.join('\n');
}

export function cursorWorkspaceSql(composerIds: string[]): string {
  return [
    CURSOR_SCHEMA,
    insert('ItemTable', { key: 'composer.composerData', value: { allComposers: composerIds.map((composerId) => ({ composerId, name: composerId, createdAt: T0 })) } }),
    insert('ItemTable', { key: 'aiService.prompts', value: [{ text: FAKE_SECRET, commandType: 4 }] }),
  ].join('\n');
}
