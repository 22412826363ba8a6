/**
 * Append latency of file-based stores, as the extension sees it: session files
 * laid out under a made-up home where each assistant keeps them, found through
 * the default roots (defaultSessionRoots), followed by the real SessionWatcher
 * (fs.watch per folder, debounce, tail). Each append is one complete line that
 * becomes one completion; the time from the write to the event is measured.
 * Appends come at uneven intervals, as an assistant writes, and several runs
 * (each with a fresh watcher) are summarised by their medians. Each run ends
 * with one new session per store, in a folder the watcher has not seen yet. Printed, never
 * asserted: timing in tests would make them flaky.
 */
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { defaultSessionRoots } from './discovery';
import type { NewEvent } from './reader';
import { SessionWatcher } from './watch';

/**
 * One store: where its file lives under home, where a new session of run `n` starts (in a folder
 * that does not exist yet, as the assistant makes one), its opening lines, and an appended line
 * whose completion says `text`.
 */
interface AppendFormat {
  name: string;
  path: string;
  newPath(n: number): string;
  header: string[];
  line(text: string): string;
}

const FORMATS: readonly AppendFormat[] = [
  {
    name: 'Claude Code JSONL',
    path: '.claude/projects/-home-dev-app/0b6c1d2e-0000-4000-8000-00000000be01.jsonl',
    newPath: (n) => `.claude/projects/-home-dev-other${n}/0b6c1d2e-0000-4000-8000-0000000${n}ce01.jsonl`,
    header: [],
    line: (text) => JSON.stringify({ type: 'assistant', sessionId: 'bench', uuid: text, message: { id: text, role: 'assistant', content: [{ type: 'text', text }], stop_reason: 'end_turn' } }),
  },
  {
    name: 'Codex JSONL',
    path: '.codex/sessions/2026/12/07/rollout-2026-12-07T09-00-00-0b6c1d2e-0000-4000-8000-00000000be02.jsonl',
    newPath: (n) => `.codex/sessions/2026/12/${10 + n}/rollout-2026-12-${10 + n}T09-00-00-0b6c1d2e-0000-4000-8000-0000000${n}ce02.jsonl`,
    header: [JSON.stringify({ timestamp: '2026-12-07T09:00:00.000Z', type: 'session_meta', payload: { id: '0b6c1d2e-0000-4000-8000-00000000be02', cwd: '/home/dev/app', cli_version: '0.150.0' } })],
    line: (text) => JSON.stringify({ timestamp: '2026-12-07T09:00:01.000Z', type: 'response_item', payload: { type: 'message', role: 'assistant', content: [{ type: 'output_text', text }] } }),
  },
  {
    name: 'Copilot CLI events.jsonl',
    path: '.copilot/session-state/0b6c1d2e-0000-4000-8000-00000000be03/events.jsonl',
    newPath: (n) => `.copilot/session-state/0b6c1d2e-0000-4000-8000-0000000${n}ce03/events.jsonl`,
    header: [JSON.stringify({ type: 'session.start', id: 'e0', data: { sessionId: '0b6c1d2e-0000-4000-8000-00000000be03', producer: 'copilot-agent', startTime: '2026-12-07T09:00:00.000Z', context: { cwd: '/home/dev/app' } } })],
    line: (text) => JSON.stringify({ type: 'assistant.message', id: text, data: { content: text, toolRequests: [] } }),
  },
  {
    // The older plain-text transcript: a paragraph is handed out once the writer pauses after it.
    name: 'Cursor Agent .txt',
    path: '.cursor/projects/home-dev-app/agent-transcripts/0b6c1d2e-0000-4000-8000-00000000be04.txt',
    newPath: (n) => `.cursor/projects/home-dev-other${n}/agent-transcripts/0b6c1d2e-0000-4000-8000-0000000${n}ce04.txt`,
    header: ['user:', '<user_query>', 'fix the tests', '</user_query>', '', 'assistant:'],
    line: (text) => text,
  },
];

export interface LatencyFigures {
  p50: number;
  p95: number;
  max: number;
}

export interface AppendBenchFigures {
  runs: number;
  appendsPerRun: number;
  /** Per store: the median over runs of each run's p50, p95 and max, in ms. */
  formats: Array<{ name: string } & LatencyFigures>;
  /** Per store: a new session's first line, written into a new folder, to its event: median and max over runs, in ms. */
  newSessions: Array<{ name: string; median: number; max: number }>;
}

export interface AppendBenchOptions {
  runs?: number;
  appendsPerRun?: number;
  /** Pause between appends, drawn evenly from this range (ms). */
  intervalMs?: [number, number];
  print?: (line: string) => void;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 0.5);
const round = (ms: number) => +ms.toFixed(1);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Appended text -> the moment its completion was handed out. */
class Arrivals {
  private readonly waiting = new Map<string, () => void>();

  expect(text: string, timeoutMs: number): Promise<void> {
    let guard: NodeJS.Timeout | undefined;
    // The timer also keeps the process alive: watchers do not hold it open.
    return new Promise<void>((resolve, reject) => {
      this.waiting.set(text, resolve);
      guard = setTimeout(() => reject(new Error(`"${text}": no event within ${timeoutMs} ms`)), timeoutMs);
    }).finally(() => {
      clearTimeout(guard);
      this.waiting.delete(text);
    });
  }

  onEvents(events: NewEvent[]): void {
    for (const { event } of events) if (event.kind === 'completion') this.waiting.get(event.text)?.();
  }
}

/** One run: appends to the existing files (samples per store), then one new session per store (added to `firsts`). */
async function oneRun(home: string, run: number, appends: number, interval: [number, number], rand: () => number, firsts: Map<string, number[]>): Promise<Map<string, number[]>> {
  const arrivals = new Arrivals();
  const watcher = await SessionWatcher.start({
    roots: defaultSessionRoots({ platform: process.platform, env: {}, home }),
    onEvents: (events) => arrivals.onEvents(events),
  });
  const samples = new Map<string, number[]>(FORMATS.map((f) => [f.name, []]));
  try {
    const missing = FORMATS.filter((f) => !watcher.sources().includes(join(home, f.path)));
    if (missing.length) throw new Error(`not found by the default roots: ${missing.map((f) => f.name).join(', ')}`);
    for (let i = 0; i < appends; i++) {
      // Round-robin over the stores, so each sees the same conditions.
      for (const format of FORMATS) {
        const text = `run ${run} append ${i} to ${format.name}`;
        const arrived = arrivals.expect(text, 5000);
        const t0 = process.hrtime.bigint();
        appendFileSync(join(home, format.path), `${format.line(text)}\n`);
        await arrived;
        samples.get(format.name)!.push(Number(process.hrtime.bigint() - t0) / 1e6);
        await sleep(interval[0] + rand() * (interval[1] - interval[0]));
      }
    }
    for (const format of FORMATS) {
      const text = `run ${run}: a new session of ${format.name}`;
      const arrived = arrivals.expect(text, 5000);
      const t0 = process.hrtime.bigint();
      const path = join(home, format.newPath(run));
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, [...format.header, format.line(text)].map((l) => `${l}\n`).join(''));
      await arrived;
      firsts.get(format.name)!.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  } finally {
    watcher.close();
  }
  return samples;
}

export async function runAppendBench(options: AppendBenchOptions = {}): Promise<AppendBenchFigures> {
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const runs = options.runs ?? 5;
  const appends = options.appendsPerRun ?? 40;
  const interval = options.intervalMs ?? [5, 120];
  let seed = 0x5eed;
  // A fixed sequence of pauses, so runs are comparable between machines and versions.
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const perRun = new Map<string, LatencyFigures[]>(FORMATS.map((f) => [f.name, []]));
  const firsts = new Map<string, number[]>(FORMATS.map((f) => [f.name, []]));
  for (let run = 0; run < runs; run++) {
    const home = mkdtempSync(join(tmpdir(), 'el-append-bench-'));
    try {
      for (const format of FORMATS) {
        mkdirSync(dirname(join(home, format.path)), { recursive: true });
        writeFileSync(join(home, format.path), format.header.map((l) => `${l}\n`).join(''));
      }
      const samples = await oneRun(home, run, appends, interval, rand, firsts);
      for (const [name, ms] of samples) {
        const sorted = [...ms].sort((a, b) => a - b);
        perRun.get(name)!.push({ p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), max: sorted[sorted.length - 1] });
      }
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  }
  const formats = FORMATS.map((f) => {
    const figures = perRun.get(f.name)!;
    return { name: f.name, p50: round(median(figures.map((x) => x.p50))), p95: round(median(figures.map((x) => x.p95))), max: round(median(figures.map((x) => x.max))) };
  });
  const newSessions = FORMATS.map((f) => ({ name: f.name, median: round(median(firsts.get(f.name)!)), max: round(Math.max(...firsts.get(f.name)!)) }));
  print(`append -> event, ${runs} runs x ${appends} appends per store, pauses ${interval[0]}-${interval[1]} ms; medians over runs:`);
  for (const f of formats) print(`  ${f.name.padEnd(26)} p50 ${f.p50} ms, p95 ${f.p95} ms, max ${f.max} ms`);
  print(`new session in a new folder -> first event, one per store per run:`);
  for (const f of newSessions) print(`  ${f.name.padEnd(26)} median ${f.median} ms, max ${f.max} ms`);
  return { runs, appendsPerRun: appends, formats, newSessions };
}
