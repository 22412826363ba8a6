/**
 * Benchmarks of the whole pipeline on the embedded model, printed as figures:
 * - backfill: a transcript of N completions read, scored and monitored from scratch;
 * - append-to-event: a completion appended to a watched transcript until its
 *   reading reaches the monitor, and the append that trips the alert until the alert.
 */
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EmotionScorer } from '../../core/analysis/emotionScorer';
import { LiveMonitor } from '../../core/analysis/liveMonitor';
import { SessionAnalysis } from '../../core/analysis/sessionAnalysis';
import { DEFAULT_MONITOR_SETTINGS } from '../../core/monitor/types';
import { claudeCodeAdapter } from '../../core/sessions/adapters/claudeCode';
import { scanRoot } from '../../core/sessions/discovery';
import { parseSource } from '../../core/sessions/reader';

export interface PipelineBenchFigures {
  backfill: { completions: number; seconds: number; completionsPerSecond: number; firstHalfMsPerCompletion: number; secondHalfMsPerCompletion: number };
  appendToReading: { samples: number; median: number; p95: number; max: number };
  appendToAlert: { samples: number; median: number; p95: number; max: number };
}

export interface PipelineBenchOptions {
  scorer: EmotionScorer;
  /** Texts to use as completions (the corpus's assistant passages make a realistic mix). */
  texts: readonly string[];
  completions?: number;
  /** How many times the sample session is written live. */
  liveRuns?: number;
  samplePath: string;
  log?: (line: string) => void;
}

export async function benchPipeline(options: PipelineBenchOptions): Promise<PipelineBenchFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'el-bench-pipeline-'));
  try {
    const backfill = await benchBackfill(options, dir);
    options.log?.(`backfill: ${backfill.completions} completions in ${backfill.seconds.toFixed(1)} s`);
    const live = await benchLive(options, dir);
    return { backfill, ...live };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function benchBackfill(options: PipelineBenchOptions, dir: string): Promise<PipelineBenchFigures['backfill']> {
  const n = options.completions ?? 1000;
  const path = join(dir, 'backfill.jsonl');
  const lines: string[] = [];
  const base = { sessionId: 'bench-backfill', cwd: '/home/dev/app', isSidechain: false, userType: 'external', version: '2.1.40' };
  let clock = Date.parse('2026-11-01T09:00:00Z');
  const at = () => new Date((clock += 5000)).toISOString();
  lines.push(JSON.stringify({ ...base, type: 'user', uuid: 'u0', timestamp: at(), message: { role: 'user', content: 'Please fix the failing tests.' } }));
  for (let i = 0; i < n; i++) {
    const id = `msg_${i}`;
    const tool = `toolu_${i}`;
    lines.push(JSON.stringify({ ...base, type: 'assistant', uuid: `a${i}`, timestamp: at(), requestId: `req_${i}`, message: { id, role: 'assistant', type: 'message', content: [{ type: 'text', text: options.texts[i % options.texts.length] }, { type: 'tool_use', id: tool, name: 'Bash', input: { command: 'npm test' } }] } }));
    const failed = i % 7 !== 6;
    const output = failed ? 'Exit code 1\nTests: 1 failed, 11 passed, 12 total' : 'Tests: 12 passed, 12 total';
    lines.push(JSON.stringify({ ...base, type: 'user', uuid: `r${i}`, timestamp: at(), message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: tool, is_error: failed, content: output }] } }));
  }
  writeFileSync(path, lines.join('\n') + '\n');
  const started = performance.now();
  const parsed = await parseSource(path, claudeCodeAdapter);
  const [session] = parsed.sessions;
  const analysis = new SessionAnalysis(session, options.scorer, DEFAULT_MONITOR_SETTINGS);
  const half = Math.floor(session.events.length / 2);
  const t0 = performance.now();
  await analysis.add(session.events.slice(0, half));
  const t1 = performance.now();
  const firstHalf = analysis.completions.length;
  await analysis.add(session.events.slice(half));
  const t2 = performance.now();
  const seconds = (t2 - started) / 1000;
  return {
    completions: analysis.completions.length,
    seconds,
    completionsPerSecond: analysis.completions.length / seconds,
    firstHalfMsPerCompletion: (t1 - t0) / firstHalf,
    secondHalfMsPerCompletion: (t2 - t1) / (analysis.completions.length - firstHalf),
  };
}

async function benchLive(options: PipelineBenchOptions, dir: string): Promise<Omit<PipelineBenchFigures, 'backfill'>> {
  const sample = readFileSync(options.samplePath, 'utf8').split('\n').filter(Boolean);
  const toReading: number[] = [];
  const toAlert: number[] = [];
  for (let run = 0; run < (options.liveRuns ?? 5); run++) {
    const project = join(dir, `live-${run}`, '.claude', 'projects', '-home-dev-slugger');
    mkdirSync(project, { recursive: true });
    const path = join(project, `session-${run}.jsonl`);
    const writtenAt = new Map<string, number>();
    let lastWrite = 0;
    let seen = 0;
    let alerted = false;
    const monitor = await LiveMonitor.start({
      roots: [scanRoot(join(dir, `live-${run}`))],
      openScorer: async () => options.scorer,
      settings: DEFAULT_MONITOR_SETTINGS,
      analyseSince: 0,
      onChange: (change) => {
        if (change.kind !== 'analysed') return;
        const now = performance.now();
        const analysis = monitor.get(change.key)?.analysis;
        for (const c of analysis?.completions.slice(seen) ?? []) {
          const written = writtenAt.get(c.id.split(':')[0]);
          if (written !== undefined) toReading.push(now - written);
        }
        seen = analysis?.completions.length ?? seen;
        if (!alerted && change.update.alerts.some((a) => a.kind === 'desperation')) {
          alerted = true;
          toAlert.push(now - lastWrite);
        }
      },
    });
    try {
      for (const line of sample) {
        const record = JSON.parse(line) as { type: string; message?: { id?: string; content?: unknown } };
        lastWrite = performance.now();
        if (record.type === 'assistant' && record.message?.id && !writtenAt.has(record.message.id)) writtenAt.set(record.message.id, lastWrite);
        appendFileSync(path, line + '\n');
        await new Promise((r) => setTimeout(r, 120)); // an assistant writes a line every few seconds; 120 ms keeps appends apart
      }
      await new Promise((r) => setTimeout(r, 500));
    } finally {
      monitor.dispose();
    }
  }
  return { appendToReading: stats(toReading), appendToAlert: stats(toAlert) };
}

function stats(values: number[]): { samples: number; median: number; p95: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  const round = (x: number) => Math.round(x * 10) / 10;
  return { samples: sorted.length, median: round(at(0.5)), p95: round(at(0.95)), max: round(sorted.at(-1) ?? NaN) };
}
