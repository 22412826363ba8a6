/**
 * Goose's sessions/sessions.db, schema v5 (block/goose crates/goose/src/session/session_manager.rs;
 * message content from crates/goose/src/conversation/message.rs). The tool call / result wrappers
 * ({status, value}) follow the Rust enums' serde shape; rows are a made-up session.
 */
import { insert } from './sql';

export const GOOSE_SCHEMA = `
CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE sessions (id TEXT PRIMARY KEY, name TEXT NOT NULL DEFAULT '', description TEXT NOT NULL DEFAULT '', user_set_name BOOLEAN DEFAULT FALSE,
  session_type TEXT NOT NULL DEFAULT 'user', working_dir TEXT NOT NULL, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  extension_data TEXT DEFAULT '{}', total_tokens INTEGER, input_tokens INTEGER, output_tokens INTEGER, accumulated_total_tokens INTEGER,
  accumulated_input_tokens INTEGER, accumulated_output_tokens INTEGER, schedule_id TEXT, recipe_json TEXT, user_recipe_values_json TEXT);
CREATE TABLE messages (id INTEGER PRIMARY KEY AUTOINCREMENT, session_id TEXT NOT NULL REFERENCES sessions(id), role TEXT NOT NULL,
  content_json TEXT NOT NULL, created_timestamp INTEGER NOT NULL, timestamp TIMESTAMP DEFAULT CURRENT_TIMESTAMP, tokens INTEGER, metadata_json TEXT);
CREATE INDEX idx_messages_session ON messages(session_id);
`;

const T0 = Date.parse('2026-04-07T14:00:00.000Z') / 1000;
const text = (t: string) => ({ type: 'text', text: t });
const call = (id: string, command: string) => ({ type: 'toolRequest', id, toolCall: { status: 'success', value: { name: 'developer__shell', arguments: { command } } } });
const result = (id: string, output: string) => ({ type: 'toolResponse', id, toolResult: { status: 'success', value: [{ type: 'text', text: output }] } });

export function gooseSql(): string {
  const rows = [
    GOOSE_SCHEMA,
    insert('schema_version', { version: 5 }),
    insert('sessions', { id: '20260407_1', name: 'Fix the parser test', working_dir: '/home/ana/toml', session_type: 'user', created_at: '2026-04-07 14:00:00', updated_at: '2026-04-07 14:05:00' }),
  ];
  const messages: Array<[string, object[]]> = [
    ['user', [text('cargo test fails in the parser, fix it')]],
    ['assistant', [text('Running the tests.'), call('c1', 'cargo test')]],
    ['user', [result('c1', 'test parser::tables ... FAILED\n\ntest result: FAILED. 11 passed; 1 failed; 0 ignored')]],
    ['assistant', [{ type: 'thinking', thinking: 'table headers', signature: 'x' }, text('Table headers with dots are split wrongly.'), call('c2', 'cargo test')]],
    ['user', [result('c2', 'test result: FAILED. 11 passed; 1 failed; 0 ignored')]],
    ['assistant', [text('Both runs failed; the fix needs the quoted-key case too.')]],
  ];
  messages.forEach(([role, content], i) => rows.push(insert('messages', { session_id: '20260407_1', role, content_json: content, created_timestamp: T0 + 10 * i, metadata_json: '{}' })));
  return rows.join('\n');
}
