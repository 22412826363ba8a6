import { createHash } from 'node:crypto';
import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { SAMPLES_DIR } from './paths';
import { sleep } from './wait';

/** What one line of a Claude Code transcript adds, read straight from its JSON. */
export interface LineFacts {
  /** An assistant message (by message id) whose text says something: a completion. */
  completionId?: string;
  /** A tool result that is a test run's outcome, by the tool's exit status. */
  testRun?: 'fail' | 'pass';
}

interface ContentBlock {
  type?: string;
  text?: string;
  is_error?: boolean;
  content?: unknown;
}

/**
 * Reads a sample line the way a person reading the transcript would count it, without
 * the product's parser: a completion is an assistant message with prose (its tool calls
 * are separate records sharing the message id); a test run is the result of a tool call
 * whose command was `npm test`, failed when the tool reported an error.
 */
export function lineFacts(line: string, testToolIds: Set<string>): LineFacts {
  const record = JSON.parse(line) as { type?: string; message?: { id?: string; content?: unknown } };
  const content = Array.isArray(record.message?.content) ? (record.message.content as ContentBlock[]) : [];
  const facts: LineFacts = {};
  if (record.type === 'assistant') {
    if (content.some((b) => b.type === 'text' && (b.text ?? '').trim() !== '')) facts.completionId = record.message?.id;
    for (const b of content as Array<ContentBlock & { id?: string; name?: string; input?: { command?: string } }>) {
      if (b.type === 'tool_use' && b.id && /\bnpm test\b/.test(b.input?.command ?? '')) testToolIds.add(b.id);
    }
  }
  if (record.type === 'user') {
    for (const b of content as Array<ContentBlock & { tool_use_id?: string }>) {
      if (b.type === 'tool_result' && b.tool_use_id && testToolIds.has(b.tool_use_id)) facts.testRun = b.is_error ? 'fail' : 'pass';
    }
  }
  return facts;
}

/**
 * Plays one of the project's sample sessions (media/samples/*.jsonl) into the temporary
 * HOME's Claude Code project folder, line by line with a pause between lines, as a live
 * assistant would append to its transcript. Knows at each moment how many completions
 * and failing test runs have been written, and when each line was.
 */
export class LiveSession {
  readonly lines: string[];
  readonly path: string;
  readonly sessionId: string;
  private readonly facts: LineFacts[];
  private written = 0;
  /** Date.now() when each line was appended. */
  readonly writtenAt: number[] = [];

  constructor(
    sample: string,
    projectDir: string,
    private readonly pauseMs = 200,
  ) {
    this.lines = readFileSync(join(SAMPLES_DIR, sample), 'utf8').split('\n').filter((l) => l.trim() !== '');
    this.sessionId = (JSON.parse(this.lines[0]) as { sessionId: string }).sessionId;
    // Claude Code names a session's transcript after the session id.
    this.path = join(projectDir, `${this.sessionId}.jsonl`);
    const testTools = new Set<string>();
    this.facts = this.lines.map((l) => lineFacts(l, testTools));
  }

  get linesWritten(): number {
    return this.written;
  }

  get done(): boolean {
    return this.written === this.lines.length;
  }

  /** Completions among the first `n` lines (default: those written). */
  completions(n = this.written): number {
    return new Set(this.facts.slice(0, n).flatMap((f) => (f.completionId ? [f.completionId] : []))).size;
  }

  /** Failing test runs since the last passing one, among the first `n` lines. */
  failingStreak(n = this.written): number {
    let streak = 0;
    for (const f of this.facts.slice(0, n)) {
      if (f.testRun === 'fail') streak++;
      if (f.testRun === 'pass') streak = 0;
    }
    return streak;
  }

  /** The number of lines after which the session holds `count` completions. */
  linesForCompletions(count: number): number {
    for (let n = 0; n <= this.lines.length; n++) if (this.completions(n) >= count) return n;
    throw new Error(`${basename(this.path)} has only ${this.completions(this.lines.length)} completions`);
  }

  /** The line after which `runs` failing test runs in a row have been written. */
  linesForFailingStreak(runs: number): number {
    for (let n = 0; n <= this.lines.length; n++) if (this.failingStreak(n) >= runs) return n;
    throw new Error(`${basename(this.path)} never fails ${runs} test runs in a row`);
  }

  /** How many lines had been written at time `t` (Date.now()). */
  linesWrittenBy(t: number): number {
    return this.writtenAt.filter((w) => w <= t).length;
  }

  /** Appends lines until `n` are written, pausing between them. */
  async writeThrough(n: number): Promise<void> {
    while (this.written < Math.min(n, this.lines.length)) {
      if (this.written > 0) await sleep(this.pauseMs);
      appendFileSync(this.path, `${this.lines[this.written]}\n`);
      this.writtenAt.push(Date.now());
      this.written++;
    }
  }

  async finish(): Promise<void> {
    await this.writeThrough(this.lines.length);
  }

  /** The sample file's exact bytes: what the transcript must hold once written. */
  sampleBytes(): Buffer {
    return Buffer.from(this.lines.map((l) => `${l}\n`).join(''));
  }
}

export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Every file of a folder with its SHA-256, to compare before and after a run. */
export function fingerprintFolder(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) out[name] = sha256(readFileSync(join(dir, name)));
  return out;
}
