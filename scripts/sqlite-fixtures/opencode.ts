/**
 * OpenCode >= 1.2 / Kilo schema (anomalyco/opencode packages/opencode/src/session/session.sql.ts,
 * message-v2.ts), trimmed to the columns documented in the notes; rows are made-up sessions.
 */
import { insert } from './sql';

export const OPENCODE_SCHEMA = `
CREATE TABLE project (id TEXT PRIMARY KEY, worktree TEXT NOT NULL, time_created INTEGER NOT NULL, time_updated INTEGER NOT NULL);
CREATE TABLE session (id TEXT PRIMARY KEY, project_id TEXT NOT NULL, workspace_id TEXT, parent_id TEXT, slug TEXT NOT NULL, directory TEXT NOT NULL,
  title TEXT NOT NULL, version TEXT NOT NULL, share_url TEXT, cost REAL, tokens_input INTEGER, tokens_output INTEGER, revert TEXT, permission TEXT,
  time_created INTEGER NOT NULL, time_updated INTEGER NOT NULL, time_compacting INTEGER, time_archived INTEGER);
CREATE TABLE message (id TEXT PRIMARY KEY, session_id TEXT NOT NULL REFERENCES session(id) ON DELETE CASCADE,
  time_created INTEGER NOT NULL, time_updated INTEGER NOT NULL, data TEXT NOT NULL);
CREATE TABLE part (id TEXT PRIMARY KEY, message_id TEXT NOT NULL REFERENCES message(id) ON DELETE CASCADE, session_id TEXT NOT NULL,
  time_created INTEGER NOT NULL, time_updated INTEGER NOT NULL, data TEXT NOT NULL);
CREATE INDEX message_session_idx ON message (session_id);
CREATE INDEX part_message_idx ON part (message_id);
CREATE INDEX part_session_idx ON part (session_id);
`;

const T0 = Date.parse('2026-04-04T10:00:00.000Z');

export interface Turn {
  /** Assistant prose, then an optional shell run. */
  text: string;
  command?: string;
  output?: string;
  exit?: number;
  edit?: { filePath: string; oldString: string; newString: string };
}

let clock = 0;
const at = () => T0 + 1000 * clock++;

/** SQL for one session: a user request, then one assistant message per turn. */
export interface SessionSpec {
  id: string;
  title: string;
  directory: string;
  parentId?: string;
  user: string;
  turns: Turn[];
  model?: string;
}

export function sessionSql(s: SessionSpec): string {
  const lines: string[] = [];
  const created = at();
  const msg = (id: string, data: object, t: number) => insert('message', { id, session_id: s.id, time_created: t, time_updated: t, data });
  const part = (id: string, messageId: string, data: object, t: number) => insert('part', { id, message_id: messageId, session_id: s.id, time_created: t, time_updated: t, data });
  const userId = `msg_${s.id}_u`;
  lines.push(msg(userId, { role: 'user', time: { created }, agent: 'build', model: { providerID: 'anthropic', modelID: s.model ?? 'claude-sonnet-4' } }, created));
  lines.push(part(`prt_${s.id}_u`, userId, { type: 'text', text: s.user }, created));
  s.turns.forEach((turn, i) => {
    const t = at();
    const id = `msg_${s.id}_a${i}`;
    lines.push(msg(id, { role: 'assistant', parentID: userId, time: { created: t, completed: t + 900 }, modelID: s.model ?? 'claude-sonnet-4', providerID: 'anthropic', agent: 'build', path: { cwd: s.directory, root: s.directory }, finish: 'tool-calls' }, t));
    lines.push(part(`prt_${s.id}_a${i}_0`, id, { type: 'step-start' }, t));
    lines.push(part(`prt_${s.id}_a${i}_1`, id, { type: 'text', text: turn.text, time: { start: t, end: t + 100 } }, t));
    if (turn.edit) {
      lines.push(part(`prt_${s.id}_a${i}_2`, id, { type: 'tool', callID: `call_${i}_edit`, tool: 'edit', state: { status: 'completed', input: turn.edit, output: '', title: turn.edit.filePath, metadata: {}, time: { start: t + 200, end: t + 300 } } }, t));
    }
    if (turn.command) {
      lines.push(
        part(`prt_${s.id}_a${i}_3`, id, { type: 'tool', callID: `call_${i}_bash`, tool: 'bash', state: { status: 'completed', input: { command: turn.command, description: 'Run tests' }, output: turn.output ?? '', title: turn.command, metadata: { exit: turn.exit ?? 0, output: turn.output ?? '' }, time: { start: t + 400, end: t + 800 } } }, t),
      );
    }
    lines.push(part(`prt_${s.id}_a${i}_9`, id, { type: 'step-finish', reason: 'tool-calls', cost: 0, tokens: { input: 10, output: 5 } }, t));
  });
  const updated = at();
  lines.unshift(insert('session', { id: s.id, project_id: 'proj_1', parent_id: s.parentId ?? null, slug: s.id, directory: s.directory, title: s.title, version: '1.2.0', time_created: created, time_updated: updated }));
  return lines.join('\n');
}

const FAIL = (n: number) => `bun test v1.2.0\n\nsrc/date.test.ts:\n(fail) parses offsets\n\n 3 pass\n ${n} fail\nRan ${3 + n} tests across 1 files.`;

/** A whole store: the schema, one project and its sessions, in that order. */
function storeSql(worktree: string, sessions: SessionSpec[]): string {
  return [OPENCODE_SCHEMA, insert('project', { id: 'proj_1', worktree, time_created: T0, time_updated: T0 }), ...sessions.map(sessionSql)].join('\n');
}

export function opencodeSql(): string {
  return storeSql('/home/ana/dates', [
    {
      id: 'ses_dates01',
      title: 'Date parser offsets',
      directory: '/home/ana/dates',
      user: 'make the date tests pass',
      turns: [
        { text: 'Running the date tests.', command: 'bun test', output: FAIL(1), exit: 1 },
        { text: 'The parser drops the offset.', edit: { filePath: '/home/ana/dates/src/date.ts', oldString: 'slice(0, 19)', newString: 'slice(0, 25)' }, command: 'bun test', output: FAIL(1), exit: 1 },
        { text: 'Still one failure; the sign is lost too.', command: 'bun test', output: FAIL(1), exit: 1 },
        { text: 'All tests pass now.' },
      ],
    },
    { id: 'ses_dates02', title: 'Explore (subagent)', directory: '/home/ana/dates', parentId: 'ses_dates01', user: 'find where offsets are parsed', turns: [{ text: 'Offsets are parsed in src/date.ts.' }] },
  ]);
}

export function kiloSql(): string {
  return storeSql('/home/ana/retry', [
    {
      id: 'ses_retry01',
      title: 'Add retry',
      directory: '/home/ana/retry',
      user: 'add a retry to fetchJson',
      model: 'kilo/auto',
      turns: [
        { text: 'Checking the current tests.', command: 'npm test', output: 'Tests:       1 failed, 6 passed, 7 total', exit: 1 },
        { text: 'Added the retry loop.', edit: { filePath: '/home/ana/retry/src/fetch.ts', oldString: 'return get(url)', newString: 'return retry(() => get(url), 3)' }, command: 'npm test', output: 'Tests:       7 passed, 7 total', exit: 0 },
      ],
    },
  ]);
}
