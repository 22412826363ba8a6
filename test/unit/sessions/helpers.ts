/** Shared paths and one-shot parsing for the session tests. */
import { resolve } from 'node:path';
import type { SessionEvent } from '../../../src/core/sessions/model';
import { parseSource } from '../../../src/core/sessions/reader';
import { recogniseFile } from '../../../src/core/sessions/registry';
import { summarise, type SessionSummary } from '../../../src/core/sessions/summary';

export const repoRoot = resolve(__dirname, '..', '..', '..');
export const fixtures = resolve(repoRoot, 'test', 'fixtures', 'sessions');

export async function parseFixture(relative: string, base = fixtures) {
  const path = resolve(base, relative);
  const adapter = await recogniseFile(path);
  if (!adapter) throw new Error(`no adapter recognises ${path}`);
  const parsed = await parseSource(path, adapter);
  return { parsed, summaries: parsed.sessions.map(summarise), events: parsed.sessions.flatMap((s) => s.events) };
}

export function kinds(events: SessionEvent[]): string[] {
  return events.map((e) => e.kind);
}

export function totals(summaries: SessionSummary[]) {
  const sum = (k: keyof SessionSummary) => summaries.reduce((n, s) => n + (s[k] as number), 0);
  return {
    sessions: summaries.length,
    completions: sum('completions'),
    testRuns: sum('testRuns'),
    failedRuns: sum('failedRuns'),
    longestFailingStreak: Math.max(0, ...summaries.map((s) => s.longestFailingStreak)),
  };
}
