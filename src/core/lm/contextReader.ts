/**
 * Reads the assistant messages of ONE conversation in context, with the KV cache.
 *
 * Each read() renders and tokenizes the conversation so far, keeps the cached
 * positions its ids share with what was fed before (the longest common prefix),
 * feeds only the rest, and returns the residual rows of every assistant message
 * not returned yet. Appending a message therefore costs its own tokens plus the
 * template's few wrapper tokens.
 *
 * The window is bounded (maxContextTokens, never more than the model's positions).
 * When the conversation outgrows it, the oldest whole messages are dropped (a
 * leading system message stays) until what is left fills at most HALF the window,
 * and the cache is rebuilt from there: one re-prefill per half window of new text,
 * not one per message. A conversation given all at once is read exactly as if its
 * messages had been added one by one, so readings do not depend on how often
 * read() was called. An assistant message longer than the whole window is read in
 * its last part (`truncated: true`).
 *
 * A cancelled or failed read leaves the cache matching what was fed; readings
 * already computed are kept and come with the next read.
 */
import { createHash } from 'node:crypto';
import { AbortError } from '../abortError';
import type { Token } from '../model/tokenizer';
import type { AssistantTokens, ChatEncoder } from './chat';
import { KvCache, type KvShape } from './kvCache';
import type { RunOutput } from './runner';
import type { ChatMessage } from './types';

export interface AssistantReading {
  /** Index of the message in the conversation passed to read(). */
  messageIndex: number;
  tokens: Token[];
  /** Row-major [tokens.length x hidden]: the residual at the tap for each token. */
  rows: Float32Array;
  /** Only the last part of the message was read: it is longer than the window. */
  truncated: boolean;
}

export interface ContextReaderOptions {
  /** Window in tokens; default 4096, never more than the model's max positions. */
  maxContextTokens?: number;
  /** Tokens per model run: bounds memory and how long a cancel waits. Default 256. */
  chunkTokens?: number;
}

export interface ContextStats {
  /** Tokens run through the model since this reader was made. */
  fedTokens: number;
  /** Positions in the cache now. */
  cachedTokens: number;
  /** Times the window moved on and the cache was rebuilt. */
  reprefills: number;
}

/** What the reader needs from a runner (LmRunner). */
export interface TapRunner {
  readonly hidden: number;
  readonly kvShape: KvShape;
  readonly maxPositions: number | undefined;
  run(ids: ReadonlyArray<number>, past?: KvCache): Promise<RunOutput>;
}

export const DEFAULT_MAX_CONTEXT_TOKENS = 4096;
export const DEFAULT_CHUNK_TOKENS = 256;
const MIN_CONTEXT_TOKENS = 16;

/** An assistant message in a window: its token range there, with its index in the whole conversation. */
interface WindowMessage {
  messageIndex: number;
  tokenStart: number;
  tokenEnd: number;
  /** Leading tokens cut off with the start of a window too long for it. */
  dropped: number;
  truncated: boolean;
  /** The encoder's entry (its tokens are worked out only when read). */
  source: AssistantTokens;
}

/** One window's tokens. */
interface WindowTokens {
  ids: number[];
  /** Tokens of the whole rendering, before a window too long was cut to its last part. */
  total: number;
  assistant: WindowMessage[];
}

/** Chained hashes: hashes[i] identifies messages[0..i]. */
function prefixHashes(messages: ReadonlyArray<ChatMessage>): string[] {
  let previous = '';
  return messages.map((m) => {
    previous = createHash('sha1').update(previous).update('\0').update(m.role).update('\0').update(m.content).digest('hex');
    return previous;
  });
}

/** Token range only (the encoder's `tokens` stay unread). */
function range(a: AssistantTokens): { tokenStart: number; tokenEnd: number } {
  return { tokenStart: a.tokenStart, tokenEnd: a.tokenEnd };
}

function commonPrefix(a: ReadonlyArray<number>, b: ReadonlyArray<number>): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  return i;
}

export class ContextReader {
  readonly maxContextTokens: number;
  private readonly chunkTokens: number;
  private cache: KvCache;
  /** Ids whose keys/values are in the cache, position by position. */
  private fedIds: number[] = [];
  /** First non-system message in the window. */
  private windowStart = 0;
  /** Prefix hash of the message just before the window, when it moved: tells an earlier change. */
  private windowAnchor: string | undefined;
  /** messageIndex -> prefix hash of the conversation when its reading was returned. */
  private readonly returned = new Map<number, string>();
  /** Readings computed by a read that was then cancelled or failed: delivered by the next read. */
  private readonly undelivered = new Map<number, { hash: string; reading: AssistantReading }>();
  private readonly counters = { fedTokens: 0, reprefills: 0 };
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly runner: TapRunner,
    private readonly encoder: ChatEncoder,
    options: ContextReaderOptions = {},
  ) {
    const limit = runner.maxPositions ?? Number.POSITIVE_INFINITY;
    this.maxContextTokens = Math.max(MIN_CONTEXT_TOKENS, Math.floor(Math.min(options.maxContextTokens ?? DEFAULT_MAX_CONTEXT_TOKENS, limit)));
    this.chunkTokens = Math.max(1, Math.floor(options.chunkTokens ?? DEFAULT_CHUNK_TOKENS));
    this.cache = KvCache.empty(runner.kvShape);
  }

  stats(): ContextStats {
    return { ...this.counters, cachedTokens: this.cache.length };
  }

  /** Memory the cache holds, in bytes. */
  get cacheBytes(): number {
    return this.cache.bytes;
  }

  /** Reads are serialised: a read starts once the previous one has settled. */
  read(messages: ReadonlyArray<ChatMessage>, signal?: AbortSignal): Promise<AssistantReading[]> {
    const run = this.queue.then(() => this.readNow(messages.slice(), signal));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async readNow(messages: ChatMessage[], signal: AbortSignal | undefined): Promise<AssistantReading[]> {
    if (signal?.aborted) throw new AbortError('the read was cancelled');
    const hashes = prefixHashes(messages);
    const system = messages[0]?.role === 'system' ? 1 : 0;
    // Messages before the window changed (or the conversation is another one): start over,
    // as a fresh reader would; readings already returned are not returned again.
    if (this.windowStart > 0 && hashes[this.windowStart - 1] !== this.windowAnchor) this.windowStart = 0;
    const needed = (i: number): boolean =>
      messages[i]?.role === 'assistant' && this.returned.get(i) !== hashes[i] && this.undelivered.get(i)?.hash !== hashes[i];

    const encoded = new Map<string, WindowTokens>();
    const encode = (from: number, to: number): WindowTokens => {
      const key = `${from}:${to}`;
      let w = encoded.get(key);
      if (!w) {
        w = this.encodeWindow(messages, system, from, to);
        encoded.set(key, w);
      }
      return w;
    };
    // Characters before each message: a window with more than limit x maxCharsPerToken
    // characters cannot fit, and is not tokenized to find that out (a long session read
    // at once would otherwise be tokenized over and over).
    const charsBefore = [0];
    for (const m of messages) charsBefore.push((charsBefore[charsBefore.length - 1] as number) + m.content.length);
    const systemChars = system ? (messages[0] as ChatMessage).content.length : 0;
    const fits = (from: number, to: number, limit = this.maxContextTokens): boolean => {
      const chars = (charsBefore[to] as number) - (charsBefore[from] as number) + (from > 0 ? systemChars : 0);
      if (chars > limit * this.encoder.maxCharsPerToken) return false;
      return encode(from, to).total <= limit;
    };

    const n = messages.length;
    let ws = Math.max(this.windowStart, system);
    while (ws < n) {
      if (n - ws === 1 || fits(ws, n)) {
        await this.feed(encode(ws, n), needed, hashes, signal);
        break;
      }
      // The window overflows somewhere before the end: find the longest prefix that fits
      // (exponential probe, then bisection); message `e` is the one whose arrival overflows it.
      let good = ws; // [ws, good) fits (empty when good == ws)
      let bad = n;
      for (let step = 1; ws + step < n; step *= 2) {
        if (fits(ws, ws + step)) good = ws + step;
        else {
          bad = ws + step;
          break;
        }
      }
      while (bad - good > 1) {
        const mid = (good + bad) >> 1;
        if (fits(ws, mid)) good = mid;
        else bad = mid;
      }
      // Read what the window held before it overflowed; a single message too long for the
      // window is read in its last part.
      const before = good > ws ? encode(ws, good) : encode(ws, ws + 1);
      if (before.assistant.some((a) => needed(a.messageIndex))) await this.feed(before, needed, hashes, signal);
      const e = good > ws ? good : ws + 1;
      if (e >= n) break;
      // Drop the oldest messages until the window with message e fills at most half of it.
      let lo = ws + 1;
      let hi = e;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (fits(mid, e + 1, this.maxContextTokens >> 1)) hi = mid;
        else lo = mid + 1;
      }
      ws = lo;
      this.windowStart = ws;
      this.windowAnchor = hashes[ws - 1];
      this.counters.reprefills++;
    }

    // Deliver, in conversation order, everything computed for the current conversation.
    const out: AssistantReading[] = [];
    for (const [i, { hash, reading }] of [...this.undelivered].sort((a, b) => a[0] - b[0])) {
      if (hashes[i] === hash) {
        out.push(reading);
        this.returned.set(i, hash);
      }
    }
    this.undelivered.clear();
    for (const i of [...this.returned.keys()]) if (i >= n) this.returned.delete(i);
    return out;
  }

  /** Renders messages [from, to) (with a leading system message) and maps indices back. */
  private encodeWindow(messages: ChatMessage[], system: number, from: number, to: number): WindowTokens {
    const indices = [...(system && from > 0 ? [0] : []), ...Array.from({ length: to - from }, (_, k) => from + k)];
    const { ids, assistant } = this.encoder.encode(indices.map((i) => messages[i] as ChatMessage));
    const mapped = assistant.map(
      (a): WindowMessage => ({ ...range(a), messageIndex: indices[a.messageIndex] as number, dropped: 0, truncated: false, source: a }),
    );
    const cut = ids.length - this.maxContextTokens;
    if (cut <= 0) return { ids, total: ids.length, assistant: mapped };
    // Longer than the window even alone: keep the last part.
    const kept: WindowMessage[] = [];
    for (const a of mapped) {
      if (a.tokenEnd <= cut) continue;
      const dropped = Math.max(0, cut - a.tokenStart);
      kept.push({ ...a, tokenStart: a.tokenStart - cut + dropped, tokenEnd: a.tokenEnd - cut, dropped, truncated: dropped > 0 });
    }
    return { ids: ids.slice(cut), total: ids.length, assistant: kept };
  }

  /** Brings the cache to `window.ids`, computing every needed assistant message's rows. */
  private async feed(
    window: WindowTokens,
    needed: (i: number) => boolean,
    hashes: string[],
    signal: AbortSignal | undefined,
  ): Promise<void> {
    const { ids } = window;
    const wanted = window.assistant.filter((a) => needed(a.messageIndex));
    let from = commonPrefix(this.fedIds, ids);
    for (const a of wanted) if (a.tokenEnd > a.tokenStart) from = Math.min(from, a.tokenStart);
    if (from < this.fedIds.length) {
      this.cache = this.cache.truncate(from);
      this.fedIds.length = from;
    }
    const D = this.runner.hidden;
    const rows = wanted.map((a) => new Float32Array((a.tokenEnd - a.tokenStart) * D));
    for (let at = from; at < ids.length; at += this.chunkTokens) {
      if (signal?.aborted) throw new AbortError('the read was cancelled');
      const chunk = ids.slice(at, at + this.chunkTokens);
      const { residual, present } = await this.runner.run(chunk, this.cache);
      this.cache = present;
      this.fedIds.push(...chunk);
      this.counters.fedTokens += chunk.length;
      wanted.forEach((a, k) => {
        const lo = Math.max(a.tokenStart, at);
        const hi = Math.min(a.tokenEnd, at + chunk.length);
        if (hi > lo) (rows[k] as Float32Array).set(residual.subarray((lo - at) * D, (hi - at) * D), (lo - a.tokenStart) * D);
      });
      // Let a waiting cancel (a message to the worker) be seen between chunks.
      if (at + this.chunkTokens < ids.length) await new Promise((r) => setImmediate(r));
    }
    wanted.forEach((a, k) => {
      this.undelivered.set(a.messageIndex, {
        hash: hashes[a.messageIndex] as string,
        reading: {
          messageIndex: a.messageIndex,
          tokens: a.dropped > 0 ? a.source.tokens.slice(a.dropped) : a.source.tokens,
          rows: rows[k] as Float32Array,
          truncated: a.truncated,
        },
      });
    });
  }
}
