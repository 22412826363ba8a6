/**
 * The caller's side of the language-model worker: reads conversations in
 * context without ever blocking the caller's thread (the extension host, the
 * CLI). One worker, one model, a KV cache per session key inside the worker.
 *
 * Reads of one session run in order inside the worker; reads of different
 * sessions share it, their chunks taking turns (one model, one CPU budget).
 * Cancelling rejects at once with an AbortError; the worker stops between two
 * chunks and the session's cache stays consistent. If the worker dies, every
 * pending and later call fails with a clear error: open a new client.
 */
import type { Worker } from 'node:worker_threads';
import { AbortError } from '../abortError';
import type { AssistantReading } from './contextReader';
import { spawnWorker } from '../model/spawn-worker';
import type { ChatMessage, PreparedLm } from './types';
import {
  deserializeError,
  type FromLmWorker,
  type LmWorkerOptions,
  type LoadedInfo,
  type SessionStats,
  type ToLmWorker,
} from './worker-protocol';

export interface LmClientOptions {
  /** Path of the worker script: dist/lmWorker.js, or src/core/lm/worker.ts under tsx. */
  workerPath: string;
  threads?: number;
  maxContextTokens?: number;
  maxSessions?: number;
  chunkTokens?: number;
}

interface Pending {
  resolve(value: unknown): void;
  reject(err: Error): void;
}

export class LmClient {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private failure: Error | undefined;

  private constructor(
    private readonly worker: Worker,
    /** What the worker reported once the model was loaded. */
    readonly info: LoadedInfo,
  ) {
    worker.on('message', (msg: FromLmWorker) => this.onMessage(msg));
    worker.on('error', (err) => this.fail(new Error(`the language-model worker crashed: ${err.message}`)));
    worker.on('exit', (code) => this.fail(new Error(`the language-model worker stopped (exit code ${code})`)));
    this.updateRef();
  }

  /** Starts the worker and loads the model; rejects with the loader's own message if it cannot. */
  static async open(prepared: PreparedLm, options: LmClientOptions): Promise<LmClient> {
    const worker = spawnWorker(options.workerPath);
    const loadOptions: LmWorkerOptions = {
      prepared,
      threads: options.threads,
      maxContextTokens: options.maxContextTokens,
      maxSessions: options.maxSessions,
      chunkTokens: options.chunkTokens,
    };
    let detach = (): void => undefined;
    let info: LoadedInfo;
    try {
      info = await new Promise<LoadedInfo>((resolve, reject) => {
        const onMessage = (msg: FromLmWorker): void => {
          if (msg.type === 'loaded') resolve(msg.info);
          else if (msg.type === 'load-failed') reject(deserializeError(msg.error));
        };
        const onError = (err: Error): void => reject(new Error(`the language-model worker crashed while loading: ${err.message}`));
        const onExit = (code: number): void => reject(new Error(`the language-model worker stopped while loading (exit code ${code})`));
        worker.on('message', onMessage).on('error', onError).on('exit', onExit);
        detach = () => void worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        worker.postMessage({ type: 'load', options: loadOptions } satisfies ToLmWorker);
      });
    } catch (err) {
      await worker.terminate();
      throw err;
    } finally {
      detach();
    }
    return new LmClient(worker, info);
  }

  /**
   * Readings of the assistant messages of `messages` not returned before for this
   * session (normally: the new ones). `messages` is the whole conversation so far.
   */
  read(sessionKey: string, messages: ReadonlyArray<ChatMessage>, signal?: AbortSignal): Promise<AssistantReading[]> {
    if (signal?.aborted) return Promise.reject(new AbortError('the read was cancelled'));
    const plain = messages.map((m) => ({ role: m.role, content: m.content }));
    return this.request<AssistantReading[]>((id) => ({ type: 'read', id, sessionKey, messages: plain }), signal);
  }

  /** Cache figures of a session, or undefined when the worker holds none for it. */
  stats(sessionKey: string): Promise<SessionStats | undefined> {
    return this.request<SessionStats | undefined>((id) => ({ type: 'stats', id, sessionKey }));
  }

  /** Drops a session's cache (its next read starts from nothing). */
  forget(sessionKey: string): void {
    if (!this.failure) this.worker.postMessage({ type: 'forget', sessionKey } satisfies ToLmWorker);
  }

  async dispose(): Promise<void> {
    this.fail(new Error('the language-model client was disposed'));
    await this.worker.terminate();
  }

  private request<T>(message: (id: number) => ToLmWorker, signal?: AbortSignal): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const onAbort = (): void => {
        if (!this.pending.delete(id)) return;
        this.worker.postMessage({ type: 'cancel', id } satisfies ToLmWorker);
        this.updateRef();
        reject(new AbortError('the read was cancelled'));
      };
      this.pending.set(id, {
        resolve: (value) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(value as T);
        },
        reject: (err) => {
          signal?.removeEventListener('abort', onAbort);
          reject(err);
        },
      });
      signal?.addEventListener('abort', onAbort, { once: true });
      this.updateRef();
      this.worker.postMessage(message(id));
    });
  }

  private settle(id: number, fn: (p: Pending) => void): void {
    const p = this.pending.get(id);
    if (!p) return; // cancelled meanwhile
    this.pending.delete(id);
    fn(p);
  }

  private onMessage(msg: FromLmWorker): void {
    switch (msg.type) {
      case 'readings':
        this.settle(msg.id, (p) => p.resolve(msg.readings));
        break;
      case 'stats':
        this.settle(msg.id, (p) => p.resolve(msg.stats));
        break;
      case 'failed':
        this.settle(msg.id, (p) => p.reject(deserializeError(msg.error)));
        break;
      default:
        break;
    }
    this.updateRef();
  }

  private fail(err: Error): void {
    this.failure ??= err;
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) p.reject(err);
  }

  /** Keep the process alive only while work is pending, so an idle client never holds a CLI open. */
  private updateRef(): void {
    if (this.failure) return;
    if (this.pending.size > 0) this.worker.ref();
    else this.worker.unref();
  }
}
