/**
 * Seeded fuzzing: every format gets at least 10,000 mutated lines (byte-level
 * damage and valid JSON with the wrong types in the wrong places). No input
 * may throw, and every line that is not a JSON object is counted as bad.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { DocumentAdapter, LineAdapter, SourceIO } from '../../../src/core/sessions/adapter';
import { aiderAdapter } from '../../../src/core/sessions/adapters/aider';
import { claudeCodeAdapter } from '../../../src/core/sessions/adapters/claudeCode';
import { clineAdapter } from '../../../src/core/sessions/adapters/cline';
import { codexAdapter } from '../../../src/core/sessions/adapters/codex';
import { continueAdapter } from '../../../src/core/sessions/adapters/continueDev';
import { copilotCliAdapter } from '../../../src/core/sessions/adapters/copilotCli';
import { cursorAgentAdapter } from '../../../src/core/sessions/adapters/cursorAgent';
import { cursorAgentTextAdapter } from '../../../src/core/sessions/adapters/cursorAgentText';
import { factoryDroidAdapter } from '../../../src/core/sessions/adapters/factoryDroid';
import { openClawAdapter, piAdapter } from '../../../src/core/sessions/adapters/piAgent';
import { qwenCodeAdapter } from '../../../src/core/sessions/adapters/qwenCode';
import { kimiAdapter } from '../../../src/core/sessions/adapters/kimi';
import { kimiCodeAdapter } from '../../../src/core/sessions/adapters/kimiCode';
import { ampAdapter } from '../../../src/core/sessions/adapters/amp';
import { gooseLegacyAdapter } from '../../../src/core/sessions/adapters/gooseLegacy';
import { copilotJsonAdapter, copilotLogAdapter } from '../../../src/core/sessions/adapters/copilot';
import { geminiJsonAdapter, geminiLogAdapter } from '../../../src/core/sessions/adapters/gemini';
import { opencodeAdapter } from '../../../src/core/sessions/adapters/opencode';
import { sweAgentAdapter } from '../../../src/core/sessions/adapters/sweAgent';
import { summarise } from '../../../src/core/sessions/summary';
import { fixtures } from './helpers';
import { seeded as rng } from '../../support/seeded';
import { mutateLine, mutateValue } from '../../support/mutate';

const LINES_PER_FORMAT = 10_000;


function isJsonObject(line: string): boolean {
  try {
    const v = JSON.parse(line);
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  } catch {
    return false;
  }
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isJson(text: string): boolean {
  return parseOrUndefined(text) !== undefined;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

const lineFormats: Array<[LineAdapter, string, boolean]> = [
  [claudeCodeAdapter, 'claude-code/.claude/projects/-home-ana-shop/7d1e0c55-0b8a-4f3e-9d21-5a6b7c8d9e01.jsonl', true],
  [codexAdapter, 'codex/.codex/sessions/2026/04/02/rollout-2026-04-02T09-00-00-01a2b3c4-d5e6-7f80-9123-456789abcdef.jsonl', true],
  [copilotLogAdapter, 'copilot/Code/User/workspaceStorage/0f1e2d3c4b5a69788796a5b4c3d2e1f0/chatSessions/5c2d9a10-0000-4000-8000-00000000a002.jsonl', true],
  [geminiLogAdapter, 'gemini/.gemini/tmp/ex/chats/session-2026-04-02T09-05-3c4d5e6f.jsonl', true],
  [aiderAdapter, 'aider/inventory/.aider.chat.history.md', false],
  [copilotCliAdapter, 'copilot-cli/.copilot/session-state/7c0f2a51-3b4d-4e6f-8a9b-0c1d2e3f4a5b/events.jsonl', true],
  [cursorAgentAdapter, 'cursor-agent/.cursor/projects/home-ana-slug/agent-transcripts/5e6f7a8b-1c2d-4e3f-9a0b-1c2d3e4f5a6b/5e6f7a8b-1c2d-4e3f-9a0b-1c2d3e4f5a6b.jsonl', true],
  [cursorAgentTextAdapter, 'cursor-agent/.cursor/projects/home-ana-invoice/agent-transcripts/2b3c4d5e-6f70-4a81-9b2c-3d4e5f6a7b8c.txt', false],
  [factoryDroidAdapter, 'factory-droid/.factory/sessions/-home-ana-ledger/b7c8d9e0-1f2a-4b3c-8d4e-5f6a7b8c9d01.jsonl', true],
  [piAdapter, 'pi/.pi/agent/sessions/--home-ana-calc--/2026-08-04T09-00-00-000Z_019e2a00-0000-7000-8000-00000000p101.jsonl', true],
  [openClawAdapter, 'openclaw/.openclaw/agents/main/sessions/019e2b00-0000-7000-8000-00000000c1a1.jsonl', true],
  [qwenCodeAdapter, 'qwen-code/.qwen/projects/-home-ana-tokens/chats/019f1000-0000-7000-8000-00000000q001.jsonl', true],
  [kimiAdapter, 'kimi/.kimi/sessions/3f2e1d0c9b8a7f6e5d4c3b2a19081726/8a7b6c5d-0000-4000-8000-00000000k001/context.jsonl', true],
  [kimiCodeAdapter, 'kimi-code/.kimi-code/sessions/wd_home-ana-report_3a1f9c2b7d4e/session_6e5d4c3b-0000-4000-8000-00000000kc01/agents/main/wire.jsonl', true],
  [kimiCodeAdapter, 'kimi-code/.kimi-code/sessions/wd_home-ana-report_3a1f9c2b7d4e/session_6e5d4c3b-0000-4000-8000-00000000kc01/agents/agent-1/wire.jsonl', true],
  [gooseLegacyAdapter, 'goose-legacy/.local/share/goose/sessions/20260331_1.jsonl', true],
];

describe('fuzz: line formats', () => {
  lineFormats.forEach(([adapter, fixture, json], formatIndex) => {
    test(`${adapter.assistant} (${fixture.split('/').slice(-2).join('/')}): ${LINES_PER_FORMAT} mutated lines, no throw, every bad line counted`, () => {
      const rand = rng(0x5e55 + formatIndex);
      const base = readFileSync(join(fixtures, fixture), 'utf8').split('\n');
      const parser = adapter.createParser(`/fuzz/${fixture}`);
      let expectedBad = 0;
      for (let i = 1; i <= LINES_PER_FORMAT; i++) {
        // Keep a valid first line now and then so sessions exist and deeper code runs.
        const source = base[(i - 1) % base.length];
        const line = i % 50 === 1 ? source : mutateLine(source, rand);
        if (json ? line.trim() !== '' && !isJsonObject(line) : line.includes('\u0000')) expectedBad++;
        parser.line(line, i);
        if (i % 997 === 0) parser.flush(false);
      }
      parser.flush(true);
      const sessions = parser.builders().map((b) => b.session);
      const counted = parser.orphanErrors + sessions.reduce((k, s) => k + s.parseErrors, 0);
      if (adapter === claudeCodeAdapter || !json) assert.equal(counted, expectedBad);
      else assert.ok(counted >= expectedBad, `${counted} counted, at least ${expectedBad} expected`);
      assert.ok(json ? expectedBad > LINES_PER_FORMAT / 10 : expectedBad > 0, `the fuzzer produced bad lines (${expectedBad})`);
      for (const s of sessions) {
        summarise(s);
        for (const e of s.events) assert.ok(e.source.line >= 1 && e.source.line <= LINES_PER_FORMAT);
      }
    });
  });
});

/** In-memory files for the document adapters: the real SourceIO contract, fed mutated text. */
function memoryIO(files: Map<string, string>): SourceIO {
  return {
    readText: async (path) => {
      const text = files.get(path);
      if (text === undefined) throw Object.assign(new Error(`ENOENT ${path}`), { code: 'ENOENT' });
      return text;
    },
    list: async (dir) => [...files.keys()].filter((p) => p.startsWith(`${dir}/`) && !p.slice(dir.length + 1).includes('/')).map((p) => p.slice(dir.length + 1)),
  };
}

/** [adapter, folder whose files it reads, the file it loads] */
const documentFormats: Array<[DocumentAdapter, string, string]> = [
  [copilotJsonAdapter, 'copilot/Code/User/workspaceStorage/0f1e2d3c4b5a69788796a5b4c3d2e1f0', 'copilot/Code/User/workspaceStorage/0f1e2d3c4b5a69788796a5b4c3d2e1f0/chatSessions/5c2d9a10-0000-4000-8000-00000000a001.json'],
  [clineAdapter, 'cline/Code/User/globalStorage/saoudrizwan.claude-dev/tasks/1775120400000', 'cline/Code/User/globalStorage/saoudrizwan.claude-dev/tasks/1775120400000/api_conversation_history.json'],
  [geminiJsonAdapter, 'gemini/.gemini/tmp/9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a0f9e8d', 'gemini/.gemini/tmp/9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a0f9e8d/chats/session-2026-04-02T09-00-3c4d5e6f.json'],
  [continueAdapter, 'continue/.continue/sessions', 'continue/.continue/sessions/9d9d9d9d-1111-4222-8333-00000000c0n1.json'],
  [opencodeAdapter, 'opencode/.local/share/opencode/storage', 'opencode/.local/share/opencode/storage/session/aa11bb22cc33dd44ee55ff6600112233aabbccdd/ses_7a7a7a7a7a7aFIXTURE1.json'],
  [sweAgentAdapter, 'swe-agent/trajectories/ana', 'swe-agent/trajectories/ana/widget__widget-12.traj'],
  [ampAdapter, 'amp/.local/share/amp/threads', 'amp/.local/share/amp/threads/T-4c5d6e7f-0000-4000-8000-00000000a301.json'],
];

describe('fuzz: document formats', () => {
  documentFormats.forEach(([adapter, folder, main], formatIndex) => {
    test(`${adapter.assistant}: documents with ${LINES_PER_FORMAT}+ mutated lines, no throw`, async () => {
      const rand = rng(0xd0c + formatIndex);
      const originals = new Map(filesUnder(join(fixtures, folder)).filter((p) => !p.endsWith('.jsonl')).map((p) => [`/fuzz/${relative(fixtures, p).replace(/\\/g, '/')}`, readFileSync(p, 'utf8')]));
      const mainPath = `/fuzz/${main}`;
      let mutatedLines = 0;
      let unreadable = 0;
      while (mutatedLines < LINES_PER_FORMAT) {
        const files = new Map<string, string>();
        for (const [path, text] of originals) {
          const lines = text.split('\n');
          if (rand() < 0.4 && isJson(text)) {
            files.set(path, JSON.stringify(mutateValue(JSON.parse(text), rand), null, 1));
            mutatedLines += lines.length;
            continue;
          }
          for (let k = 0; k < 3; k++) {
            const at = Math.floor(rand() * lines.length);
            lines[at] = mutateLine(lines[at], rand);
            mutatedLines++;
          }
          files.set(path, lines.join('\n'));
        }
        const result = await adapter.load(mainPath, memoryIO(files));
        const mainText = files.get(mainPath) ?? '';
        if (adapter === clineAdapter ? !Array.isArray(parseOrUndefined(mainText)) : !isJsonObject(mainText)) {
          assert.equal(result.sessions.length, 0);
          assert.ok(result.parseErrors >= 1);
          unreadable++;
        }
        for (const s of result.sessions) summarise(s);
      }
      assert.ok(unreadable > 0, 'some documents were broken beyond reading');
    });
  });
});
