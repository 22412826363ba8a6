/**
 * The part of the model worker that turns texts into activations: tokenise,
 * cut into windows, queue the windows of every pending request, run them in
 * batches (windows of several requests share a run), then stitch each text's
 * tokens back together. Runs inside the worker thread.
 */
import { AbortError } from '../abortError';
import type { OnnxRunner } from './onnx-runner';
import type { Tokenizer } from './tokenizer';
import { assignOwners, meanRows, planWindows, stitch, type TokenWindow } from './windows';
import type { WorkerResult } from './worker-protocol';

interface PendingRequest {
  id: number;
  tokens: ReturnType<Tokenizer['tokenize']>;
  totalTokens: number;
  windows: TokenWindow[];
  /** rows[w][l]: window w's layer l. */
  rows: Float32Array[][];
  pooled: Float32Array[];
  remaining: number;
  resolve(result: WorkerResult): void;
  reject(err: Error): void;
}

interface WindowJob {
  request: PendingRequest;
  index: number;
  ids: Int32Array;
}

export interface EngineOptions {
  maxBatchRows: number;
  maxBatchTokens: number;
  windowSize: number;
  windowOverlap: number;
}

export class ActivationEngine {
  private readonly queue: WindowJob[] = [];
  private readonly requests = new Map<number, PendingRequest>();
  private pumping = false;
  /** Number of model runs and windows run, for the benchmark and tests. */
  readonly stats = { runs: 0, windows: 0 };

  constructor(
    private readonly runner: OnnxRunner,
    private readonly tokenizer: Tokenizer,
    private readonly options: EngineOptions,
  ) {}

  submit(id: number, text: string, maxTokens: number): Promise<WorkerResult> {
    const all = this.tokenizer.tokenize(text);
    const tokens = all.length > maxTokens ? all.slice(0, maxTokens) : all;
    const windows = planWindows(tokens.length, this.options.windowSize, this.options.windowOverlap);
    return new Promise<WorkerResult>((resolve, reject) => {
      const request: PendingRequest = {
        id,
        tokens,
        totalTokens: all.length,
        windows,
        rows: [],
        pooled: [],
        remaining: windows.length,
        resolve,
        reject,
      };
      if (windows.length === 0) {
        this.finish(request);
        return;
      }
      this.requests.set(id, request);
      windows.forEach((w, index) => {
        const ids = Int32Array.from(tokens.slice(w.start, w.end), (t) => t.id);
        this.queue.push({ request, index, ids });
      });
      void this.pump();
    });
  }

  cancel(id: number): void {
    const request = this.requests.get(id);
    if (!request) return;
    this.requests.delete(id);
    for (let i = this.queue.length - 1; i >= 0; i--) {
      if ((this.queue[i] as WindowJob).request === request) this.queue.splice(i, 1);
    }
    request.reject(new AbortError(`request ${id} was cancelled`));
  }

  /** Windows still waiting to run (all requests). */
  get queuedWindows(): number {
    return this.queue.length;
  }

  private takeBatch(): WindowJob[] {
    const batch: WindowJob[] = [this.queue.shift() as WindowJob];
    let longest = (batch[0] as WindowJob).ids.length;
    while (this.queue.length > 0 && batch.length < this.options.maxBatchRows) {
      const next = this.queue[0] as WindowJob;
      const len = Math.max(longest, next.ids.length);
      if ((batch.length + 1) * len > this.options.maxBatchTokens) break;
      batch.push(this.queue.shift() as WindowJob);
      longest = len;
    }
    return batch;
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.queue.length > 0) {
        // Yield first, so requests and cancels that have already arrived are seen before the
        // batch is formed: windows of requests sent together share one run.
        await new Promise((r) => setImmediate(r));
        if (this.queue.length === 0) break;
        const live = this.takeBatch();
        try {
          const out = await this.runner.run(live.map((job) => job.ids));
          this.stats.runs++;
          this.stats.windows += live.length;
          live.forEach((job, row) => {
            const req = job.request;
            if (this.requests.get(req.id) !== req) return; // cancelled while running
            req.rows[job.index] = out.layers.map((layer) => layer[row] as Float32Array);
            req.pooled[job.index] = out.pooled[row] as Float32Array;
            if (--req.remaining === 0) {
              this.requests.delete(req.id);
              this.finish(req);
            }
          });
        } catch (err) {
          for (const job of live) {
            if (this.requests.get(job.request.id) !== job.request) continue;
            this.cancelSilently(job.request);
            job.request.reject(err instanceof Error ? err : new Error(String(err)));
          }
        }
      }
    } finally {
      this.pumping = false;
    }
  }

  private cancelSilently(request: PendingRequest): void {
    this.requests.delete(request.id);
    for (let i = this.queue.length - 1; i >= 0; i--) {
      if ((this.queue[i] as WindowJob).request === request) this.queue.splice(i, 1);
    }
  }

  private finish(req: PendingRequest): void {
    const { layers, hidden } = this.runner;
    const count = req.tokens.length;
    let perToken: Float32Array[];
    let pooled: Float32Array;
    if (req.windows.length === 0) {
      perToken = Array.from({ length: layers }, () => new Float32Array(0));
      pooled = new Float32Array(hidden);
    } else if (req.windows.length === 1) {
      perToken = req.rows[0] as Float32Array[];
      pooled = req.pooled[0] as Float32Array;
    } else {
      perToken = stitch(req.windows, assignOwners(req.windows, count), req.rows, layers, hidden);
      pooled = meanRows(perToken[layers - 1] as Float32Array, count, hidden);
    }
    req.resolve({
      tokens: req.tokens,
      perToken,
      pooled,
      totalTokens: req.totalTokens,
      truncated: req.totalTokens > count,
      windows: req.windows.length,
    });
  }
}
