import type { EmotionReader } from '../emotions/reader';
import { meanOfRows } from '../emotions/vectorMath';
import type { ChatMessage } from '../lm/types';
import type { Token } from '../model/types';
import type { SessionEvent } from '../sessions/model';
import type { CompletionReading, SessionReader } from './scoring';

/** One assistant message read in its conversation: its tokens and their residual rows. */
export interface AssistantRows {
  messageIndex: number;
  tokens: Token[];
  /** Row-major [tokens x hidden] at the model's read layer. */
  rows: Float32Array;
  truncated?: boolean;
}

/** Reads assistant messages of a conversation in context (the language-model worker). */
export interface ConversationReader {
  /** What the loaded model reported: `hidden` is the width of its residual rows. */
  readonly info: { hidden: number };
  read(sessionKey: string, messages: ChatMessage[], signal?: AbortSignal): Promise<AssistantRows[]>;
  forget(sessionKey: string): void;
}

/** Tool output longer than this is cut in the middle before the model sees it: its start and end carry the verdict. */
const TOOL_OUTPUT_CHARS = 2000;
interface Pending {
  messageIndex: number;
  resolve(reading: CompletionReading): void;
  reject(error: unknown): void;
}

/**
 * A language model's reader for one session: the session becomes a conversation
 * (user messages, tool output as the user's turn, assistant completions) and each
 * completion is read in place, after everything that came before it. Completions
 * asked for together are read in one pass; the worker carries its KV cache
 * forward, so a new completion costs only its new tokens.
 */
export class LmSessionReader implements SessionReader {
  private readonly messages: ChatMessage[] = [];
  private readonly messageOf = new Map<number, number>();
  private pending: Pending[] = [];
  private flushing = false;
  private closed = false;

  constructor(
    private readonly key: string,
    private readonly source: ConversationReader,
    private readonly reader: EmotionReader,
  ) {}

  read(event: SessionEvent, signal?: AbortSignal): Promise<CompletionReading> | undefined {
    if (event.kind === 'user') this.messages.push({ role: 'user', content: event.text });
    if (event.kind === 'tool-run') this.messages.push({ role: 'user', content: toolTurn(event.command, event.output, event.exitCode) });
    if (event.kind !== 'completion') return undefined;
    const messageIndex = this.messages.push({ role: 'assistant', content: event.text }) - 1;
    this.messageOf.set(messageIndex, event.index);
    return new Promise<CompletionReading>((resolve, reject) => {
      this.pending.push({ messageIndex, resolve, reject });
      // Completions asked for in the same tick are read in one pass.
      if (!this.flushing) {
        this.flushing = true;
        setImmediate(() => void this.flush(signal));
      }
    });
  }

  close(): void {
    this.closed = true;
    this.source.forget(this.key);
  }

  private async flush(signal?: AbortSignal): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    this.flushing = false;
    if (batch.length === 0) return;
    try {
      if (this.closed) throw new Error('the session was closed');
      const readings = await this.source.read(this.key, this.messages.slice(), signal);
      const byMessage = new Map(readings.map((r) => [r.messageIndex, r]));
      for (const p of batch) {
        const r = byMessage.get(p.messageIndex);
        if (!r) p.reject(new Error('the model returned no reading for a completion'));
        else p.resolve(this.score(r));
      }
    } catch (error) {
      for (const p of batch) p.reject(error);
    }
  }

  private score(r: AssistantRows): CompletionReading {
    const count = r.tokens.length;
    const scores = count === 0 ? new Float32Array(this.reader.emotions.length) : this.reader.readText(meanOfRows(r.rows, count, this.source.info.hidden), count);
    const readable = count >= this.reader.minReadableTokens;
    return {
      tokens: count,
      scores,
      meanScores: scores,
      // A language model reads the completion in its conversation: one reading, no sentence pooling.
      pooling: { kind: 'mean' },
      sentences: [],
      truncated: r.truncated ?? false,
      withContext: true,
      readable,
      ...(readable ? {} : { unreadable: count === 0 ? 'empty' : `too short to read (${count} tokens, fewer than ${this.reader.minReadableTokens})` }),
    };
  }

}

/** A tool run as the model sees it: what ran, how it ended, and its output (cut in the middle when long). */
export function toolTurn(command: string, output: string, exitCode?: number): string {
  const cut =
    output.length <= TOOL_OUTPUT_CHARS
      ? output
      : `${output.slice(0, TOOL_OUTPUT_CHARS / 2)}\n[…]\n${output.slice(output.length - TOOL_OUTPUT_CHARS / 2)}`;
  return `$ ${command}${exitCode === undefined ? '' : ` (exit code ${exitCode})`}\n${cut}`;
}
