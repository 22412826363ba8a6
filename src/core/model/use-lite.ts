/**
 * The embedded default model (USE-lite) as an ActivationModel. Inference runs
 * in a worker thread the caller names (the extension ships dist/modelWorker.js;
 * tests under tsx point at src/core/model/worker.ts); this side only posts
 * messages, so the caller's event loop never waits on the model.
 *
 * The worker starts lazily, loads the model once from `modelDir` (checking
 * SHA-256s against the manifest), and is restarted on the next call if it dies.
 */
import { resolve } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { AbortError } from '../abortError';
import { USE_LITE_ID, USE_LITE_MANIFEST, type ModelManifest } from './manifest';
import type { RunnerOptions } from './onnx-runner';
import { spawnWorker } from './spawn-worker';
import type { ActivationModel, ActivationOptions, Activations } from './types';
import { DEFAULT_OVERLAP, DEFAULT_WINDOW } from './windows';
import { deserializeError, type FromWorker, type ToWorker, type WorkerLoadOptions } from './worker-protocol';

export interface UseLiteOptions {
  /** Folder with use-lite.manifest.json, use-lite.onnx and use-lite.vocab.json. */
  modelDir: string;
  /** Path of the worker script (dist/modelWorker.js, or src/core/model/worker.ts under tsx). */
  workerPath: string;
  runner?: RunnerOptions;
  /** Tokens past this are dropped; default 8192 (about 30 KB of English). */
  maxTokens?: number;
  maxBatchRows?: number;
  maxBatchTokens?: number;
  windowOverlap?: number;
}

export const DEFAULT_MAX_TOKENS = 8192;
const ABORTED = 'the activations request was aborted';

interface Pending {
  resolve(a: Activations): void;
  reject(e: Error): void;
}

export class UseLiteModel implements ActivationModel {
  readonly id = USE_LITE_ID;
  readonly layers = 2;
  readonly hiddenSize = 512;
  /** Set once loaded. */
  manifest: ModelManifest | undefined;
  loadMs: number | undefined;

  private worker: Worker | undefined;
  private loadPromise: Promise<void> | undefined;
  private loadWaiter: { resolve(): void; reject(e: Error): void } | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private disposed = false;

  constructor(private readonly options: UseLiteOptions) {}

  load(): Promise<void> {
    if (this.disposed) return Promise.reject(new Error('the model was disposed'));
    if (!this.loadPromise) {
      const worker = this.startWorker();
      this.loadPromise = new Promise<void>((resolve, reject) => {
        this.loadWaiter = { resolve, reject };
      });
      // A failed load is not cached: the next call tries again (the user may have repaired the files).
      this.loadPromise.catch(() => {
        if (this.worker === worker) this.stopWorker();
      });
      const options: WorkerLoadOptions = {
        modelDir: resolve(this.options.modelDir),
        manifestName: USE_LITE_MANIFEST,
        runner: this.options.runner ?? {},
        maxBatchRows: this.options.maxBatchRows ?? 8,
        maxBatchTokens: this.options.maxBatchTokens ?? 4 * DEFAULT_WINDOW,
        windowSize: DEFAULT_WINDOW,
        windowOverlap: this.options.windowOverlap ?? DEFAULT_OVERLAP,
      };
      this.updateRef();
      this.post({ type: 'load', options });
    }
    return this.loadPromise;
  }

  async activations(text: string, options: ActivationOptions = {}): Promise<Activations> {
    const { signal } = options;
    if (signal?.aborted) throw new AbortError(ABORTED);
    if (typeof text !== 'string') throw new TypeError('activations() needs a string');
    await this.load();
    if (signal?.aborted) throw new AbortError(ABORTED);
    // The worker may have died between loading and now; the next load starts a new one.
    if (!this.worker) await this.load();
    const maxTokens = Math.max(0, Math.floor(options.maxTokens ?? this.options.maxTokens ?? DEFAULT_MAX_TOKENS));
    const id = this.nextId++;
    return new Promise<Activations>((resolve, reject) => {
      const onAbort = (): void => {
        if (!this.pending.delete(id)) return;
        this.post({ type: 'cancel', id });
        this.updateRef();
        reject(new AbortError(ABORTED));
      };
      this.pending.set(id, {
        resolve: (a) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(a);
        },
        reject: (e) => {
          signal?.removeEventListener('abort', onAbort);
          reject(e);
        },
      });
      signal?.addEventListener('abort', onAbort, { once: true });
      this.updateRef();
      this.post({ type: 'activations', id, text, maxTokens });
    });
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.failAll(new Error('the model was disposed'));
    await this.stopWorker();
  }

  private post(message: ToWorker): void {
    this.worker?.postMessage(message);
  }

  private startWorker(): Worker {
    const worker = spawnWorker(this.options.workerPath);
    this.worker = worker;
    worker.on('message', (msg: FromWorker) => this.onMessage(msg));
    worker.on('error', (err) => {
      if (this.worker !== worker) return;
      this.stopWorker();
      this.failAll(new Error(`model worker crashed: ${err.message}`));
    });
    worker.on('exit', (code) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.loadPromise = undefined;
      this.failAll(new Error(`model worker exited unexpectedly (code ${code})`));
    });
    this.updateRef();
    return worker;
  }

  private stopWorker(): Promise<number> | undefined {
    const worker = this.worker;
    this.worker = undefined;
    this.loadPromise = undefined;
    return worker?.terminate();
  }

  private failAll(err: Error): void {
    this.loadWaiter?.reject(err);
    this.loadWaiter = undefined;
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) p.reject(err);
  }

  /** Keep the process alive only while work is pending, so an idle model never holds a CLI open. */
  private updateRef(): void {
    if (!this.worker) return;
    if (this.pending.size > 0 || this.loadWaiter) this.worker.ref();
    else this.worker.unref();
  }

  private onMessage(msg: FromWorker): void {
    switch (msg.type) {
      case 'loaded':
        this.manifest = msg.manifest;
        this.loadMs = msg.loadMs;
        this.loadWaiter?.resolve();
        this.loadWaiter = undefined;
        break;
      case 'load-failed':
        this.loadWaiter?.reject(deserializeError(msg.error));
        this.loadWaiter = undefined;
        break;
      case 'result': {
        const p = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        p?.resolve(msg.result);
        break;
      }
      case 'failed': {
        const p = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        p?.reject(deserializeError(msg.error));
        break;
      }
    }
    this.updateRef();
  }
}
