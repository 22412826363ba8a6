/**
 * Benchmarks for session sources, printed as figures (not asserted in tests,
 * where timing would make them flaky): parse throughput on a synthetic Claude
 * Code transcript, latency from an appended line to its event, and CPU use
 * while 1,000 session files sit idle under watch.
 */
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { claudeCodeAdapter } from './adapters/claudeCode';
import { scanRoot } from './discovery';
import { parseSource } from './reader';
import { SessionWatcher } from './watch';

export interface SessionsBenchFigures {
  parse: { megabytes: number; seconds: number; megabytesPerSecond: number; events: number };
  appendLatencyMs: { samples: number; median: number; p95: number; max: number };
  idle: { files: number; seconds: number; cpuPercent: number; watchedFolders: number; polledFolders: number };
}

export interface SessionsBenchOptions {
  /** Size of the synthetic transcript. */
  megabytes?: number;
  appends?: number;
  idleFiles?: number;
  idleSeconds?: number;
  print?: (line: string) => void;
}

/** A realistic mix: prompts, multi-line responses with thinking, text and tool_use, tool results with output. */
export function syntheticClaudeLines(targetBytes: number, sessionId: string, firstTurn = 0): string[] {
  const lines: string[] = [];
  let bytes = 0;
  const output = Array.from({ length: 30 }, (_, i) => `  ✓ case ${i} passes (${i} ms)`).join('\n');
  const push = (record: object) => {
    const line = JSON.stringify(record);
    lines.push(line);
    bytes += line.length + 1;
  };
  const common = { sessionId, cwd: '/home/dev/app', version: '2.1.50', gitBranch: 'main', isSidechain: false, userType: 'external' };
  for (let turn = firstTurn; bytes < targetBytes; turn++) {
    const t = new Date(Date.UTC(2026, 3, 2, 9, 0, turn % 60)).toISOString();
    push({ ...common, type: 'user', uuid: `u${turn}`, timestamp: t, message: { role: 'user', content: `Please fix failing case ${turn} in the parser and rerun the suite.` } });
    const message = (content: object[], stop: string | null) => ({ id: `msg_${turn}`, type: 'message', role: 'assistant', model: 'claude-sonnet-4-5', content, stop_reason: stop, usage: { input_tokens: 12, output_tokens: 80 } });
    push({ ...common, type: 'assistant', uuid: `a${turn}-1`, timestamp: t, requestId: `req_${turn}`, message: message([{ type: 'thinking', thinking: 'The failure is in the tokenizer; check the empty-input branch first. '.repeat(4), signature: 'x'.repeat(200) }], null) });
    push({ ...common, type: 'assistant', uuid: `a${turn}-2`, timestamp: t, requestId: `req_${turn}`, message: message([{ type: 'text', text: `I found the cause of failure ${turn}: the tokenizer drops the last token when the input ends without a newline. I will fix it and run the tests again.` }], null) });
    push({ ...common, type: 'assistant', uuid: `a${turn}-3`, timestamp: t, requestId: `req_${turn}`, message: message([{ type: 'tool_use', id: `toolu_${turn}`, name: 'Bash', input: { command: 'npm test', description: 'Run tests' } }], 'tool_use') });
    const failed = turn % 3 !== 2;
    const result = `${output}\nTests: ${failed ? '1 failed, ' : ''}30 passed, ${failed ? 31 : 30} total`;
    push({ ...common, type: 'user', uuid: `r${turn}`, timestamp: t, message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: `toolu_${turn}`, is_error: failed, content: failed ? `Exit code 1\n${result}` : result }] }, toolUseResult: failed ? `Error: Exit code 1\n${result}` : { stdout: result, stderr: '', interrupted: false, isImage: false } });
  }
  return lines;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

export async function runSessionsBench(options: SessionsBenchOptions = {}): Promise<SessionsBenchFigures> {
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const dir = mkdtempSync(join(tmpdir(), 'el-sessions-bench-'));
  try {
    // 1. Parse throughput: the file is written in slices so the generator leaves no garbage behind,
    // then read twice (a cold and a warm JIT); both are reported.
    const big = join(dir, 'big.jsonl');
    const targetBytes = (options.megabytes ?? 64) * 1024 * 1024;
    writeFileSync(big, '');
    for (let written = 0, slice = 0; written < targetBytes; slice++) {
      const chunk = syntheticClaudeLines(Math.min(4 * 1024 * 1024, targetBytes - written), `bench`, slice * 100_000).join('\n') + '\n';
      appendFileSync(big, chunk);
      written += chunk.length;
    }
    const size = statSync(big).size;
    const megabytes = size / 1024 / 1024;
    const runs: number[] = [];
    let events = 0;
    let bad = 0;
    for (let run = 0; run < 2; run++) {
      const started = process.hrtime.bigint();
      const parsed = await parseSource(big, claudeCodeAdapter);
      runs.push(Number(process.hrtime.bigint() - started) / 1e9);
      events = parsed.sessions.reduce((n, s) => n + s.events.length, 0);
      bad = parsed.parseErrors;
    }
    const seconds = Math.min(...runs);
    const parse = { megabytes: +megabytes.toFixed(1), seconds: +seconds.toFixed(2), megabytesPerSecond: +(megabytes / seconds).toFixed(1), events };
    print(
      `parse: ${parse.megabytes} MB Claude Code JSONL: cold ${runs[0].toFixed(2)} s (${(megabytes / runs[0]).toFixed(1)} MB/s), warm ${runs[1].toFixed(2)} s (${(megabytes / runs[1]).toFixed(1)} MB/s); ${events} events, ${bad} bad lines`,
    );
    rmSync(big);

    // 2. Appended line -> event.
    const project = join(dir, 'live', '.claude', 'projects', '-home-dev-app');
    mkdirSync(project, { recursive: true });
    const live = join(project, 'live.jsonl');
    writeFileSync(live, '');
    let resolveEvent: (() => void) | undefined;
    const watcher = await SessionWatcher.start({
      roots: [scanRoot(join(dir, 'live'))],
      onEvents: () => resolveEvent?.(),
    });
    const latencies: number[] = [];
    const appends = options.appends ?? 50;
    for (let i = 0; i < appends; i++) {
      const line = JSON.stringify({ type: 'assistant', sessionId: 'live', uuid: `l${i}`, message: { id: `lm${i}`, role: 'assistant', content: [{ type: 'text', text: `reply ${i}` }], stop_reason: 'end_turn' } }) + '\n';
      // The timer both bounds the wait and keeps the process alive (watchers do not hold it open).
      let guard: NodeJS.Timeout | undefined;
      const arrived = new Promise<void>((resolve, reject) => {
        resolveEvent = resolve;
        guard = setTimeout(() => reject(new Error(`append ${i}: no event within 5 s`)), 5000);
      }).finally(() => clearTimeout(guard));
      const t0 = process.hrtime.bigint();
      appendFileSync(live, line);
      await arrived;
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      await new Promise((r) => setTimeout(r, 20));
    }
    watcher.close();
    latencies.sort((a, b) => a - b);
    const appendLatencyMs = { samples: latencies.length, median: +percentile(latencies, 0.5).toFixed(1), p95: +percentile(latencies, 0.95).toFixed(1), max: +latencies[latencies.length - 1].toFixed(1) };
    print(`append -> event: median ${appendLatencyMs.median} ms, p95 ${appendLatencyMs.p95} ms, max ${appendLatencyMs.max} ms over ${appendLatencyMs.samples} appends`);

    // 3. Idle CPU with many session files watched.
    const files = options.idleFiles ?? 1000;
    const idleRoot = join(dir, 'idle', '.claude', 'projects');
    const sample = syntheticClaudeLines(4000, 'idle').join('\n') + '\n';
    for (let i = 0; i < files; i++) {
      const folder = join(idleRoot, `-home-dev-app${i % 40}`);
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, `${i}.jsonl`), sample);
    }
    const idleWatcher = await SessionWatcher.start({ roots: [scanRoot(join(dir, 'idle'))], onEvents: () => undefined });
    const idleSeconds = options.idleSeconds ?? 10;
    // Let the garbage of the earlier steps be collected before measuring.
    await new Promise((r) => setTimeout(r, 2000));
    const cpu0 = process.cpuUsage();
    const wall0 = process.hrtime.bigint();
    await new Promise((r) => setTimeout(r, idleSeconds * 1000));
    const cpu = process.cpuUsage(cpu0);
    const wall = Number(process.hrtime.bigint() - wall0) / 1e3;
    const counts = idleWatcher.folderCounts();
    idleWatcher.close();
    const idle = { files: idleWatcher.sources().length, seconds: idleSeconds, cpuPercent: +((100 * (cpu.user + cpu.system)) / wall).toFixed(3), watchedFolders: counts.watched, polledFolders: counts.polled };
    print(`idle: ${idle.files} session files, ${idle.watchedFolders} folders watched, ${idle.polledFolders} polled, CPU ${idle.cpuPercent}% over ${idleSeconds} s`);
    return { parse, appendLatencyMs, idle };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
