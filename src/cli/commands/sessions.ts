/**
 * `emotion-lens sessions`: lists the assistant sessions found on disk with
 * their completions, test runs and failing streaks. Without --root it looks
 * where each assistant keeps its sessions; each --root DIR instead scans DIR
 * and recognises session files by path and content.
 */
import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultSessionRoots, findSessionSources, scanRoot, type SessionRoot } from '../../core/sessions/discovery';
import { ASSISTANT_NAMES } from '../../shared/assistants';
import { parseSource } from '../../core/sessions/reader';
import { summarise, type SessionSummary } from '../../core/sessions/summary';
import { UsageError, type CliIO, type Command } from '../command';

export interface SourceReport {
  path: string;
  assistant: string;
  sessions: number;
  parseErrors: number;
  /** Records of kinds the reader does not know, per kind, over the source's sessions. */
  unknownRecords?: Record<string, number>;
  error?: string;
}

export interface SessionsReport {
  roots: string[];
  sessions: SessionSummary[];
  sources: SourceReport[];
}

/** Reads every source under the roots; sessions most recently active first. */
export async function collectSessions(roots: SessionRoot[]): Promise<SessionsReport> {
  const found = await findSessionSources(roots);
  const sessions: Array<SessionSummary & { sortKey: number }> = [];
  const sources: SourceReport[] = [];
  for (const source of found) {
    const parsed = await parseSource(source.path, source.adapter);
    const report: SourceReport = { path: source.path, assistant: parsed.assistant, sessions: parsed.sessions.length, parseErrors: parsed.parseErrors };
    if (parsed.error) report.error = parsed.error;
    for (const session of parsed.sessions) {
      for (const [kind, n] of Object.entries(session.unknownRecords ?? {})) (report.unknownRecords ??= {})[kind] = (report.unknownRecords[kind] ?? 0) + n;
    }
    sources.push(report);
    for (const session of parsed.sessions) {
      const summary = summarise(session);
      const when = Date.parse(summary.lastActivity ?? summary.started ?? '');
      sessions.push({ ...summary, sortKey: Number.isNaN(when) ? source.mtimeMs : when });
    }
  }
  sessions.sort((a, b) => b.sortKey - a.sortKey);
  return { roots: roots.map((r) => r.path), sessions: sessions.map(({ sortKey: _sortKey, ...s }) => s), sources };
}

function pad(text: string, width: number): string {
  return text.length >= width ? text.slice(0, width) : text + ' '.repeat(width - text.length);
}

function printTable(report: SessionsReport, io: CliIO, limit: number): void {
  if (report.sessions.length === 0) {
    io.stdout(`No sessions found in:\n${report.roots.map((r) => `  ${r}`).join('\n')}\n`);
    return;
  }
  const header = `${pad('assistant', 20)} ${pad('last activity', 20)} ${'compl'.padStart(6)} ${'tests'.padStart(6)} ${'failed'.padStart(6)} ${'streak'.padStart(6)} ${'errors'.padStart(6)}  source`;
  const rows = report.sessions.slice(0, limit).map((s) =>
    [
      pad(ASSISTANT_NAMES[s.assistant], 20),
      pad((s.lastActivity ?? s.started ?? '').replace('T', ' ').slice(0, 19), 20),
      String(s.completions).padStart(6),
      String(s.testRuns).padStart(6),
      String(s.failedRuns).padStart(6),
      String(s.longestFailingStreak).padStart(6),
      String(s.parseErrors).padStart(6),
      ` ${s.path}${s.id && !s.path.includes(s.id) ? ` (${s.id})` : ''}`,
    ].join(' '),
  );
  io.stdout(`${header}\n${rows.join('\n')}\n`);
  if (report.sessions.length > limit) io.stdout(`… ${report.sessions.length - limit} more (use --limit or --json)\n`);
  const broken = report.sources.filter((s) => s.error || s.parseErrors);
  for (const s of broken) io.stderr(`${s.path}: ${s.error ?? `${s.parseErrors} unreadable line(s) skipped`}\n`);
}

export const command: Command = {
  name: 'sessions',
  summary: 'List assistant sessions found on disk, with test runs and failing streaks',
  usage: 'emotion-lens sessions [--root DIR]... [--json] [--limit N]',
  async run(argv, io) {
    let values: { root?: string[]; json?: boolean; limit?: string };
    try {
      ({ values } = parseArgs({
        args: argv,
        options: { root: { type: 'string', multiple: true }, json: { type: 'boolean' }, limit: { type: 'string' } },
        allowPositionals: false,
        strict: true,
      }));
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    const limit = values.limit === undefined ? 50 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit needs a positive whole number, not "${values.limit}"`);
    let roots: SessionRoot[];
    if (values.root?.length) {
      roots = values.root.map((dir) => {
        const full = resolve(dir);
        try {
          statSync(full);
        } catch {
          throw new UsageError(`--root ${dir}: no such file or folder`);
        }
        return scanRoot(full);
      });
    } else {
      roots = defaultSessionRoots({ platform: process.platform, env: process.env, home: homedir(), workspaceFolders: [process.cwd()] });
    }
    const report = await collectSessions(roots);
    if (values.json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    else printTable(report, io, limit);
    return 0;
  },
};
