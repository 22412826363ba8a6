/**
 * One onnxruntime-node session over a converted model, with the session options
 * the benchmark settled on, and a batch call: several token windows in, one
 * [rows, tokens] run, per-row outputs back.
 *
 * onnxruntime-node's `run` computes synchronously on the calling thread, so this
 * class belongs in a worker thread (see worker.ts); the benchmark also uses it
 * directly to time the model alone.
 */
import type * as Ort from 'onnxruntime-node';
import { availableParallelism } from 'node:os';
import { ortRuntime as ort } from './ortRuntime';

export interface RunnerOptions {
  /** Intra-op threads; default: all cores, at most 2 (more gives nothing for matrices this size). */
  threads?: number;
  /** Let idle ORT threads spin between runs: lower latency, burns CPU while waiting. Default false. */
  spinning?: boolean;
  graphOptimization?: 'disabled' | 'basic' | 'extended' | 'all';
}

export interface BatchOutput {
  /** layers[l][row]: row-major [windowLength x hidden] for that row's own tokens (padding cut off). */
  layers: Float32Array[][];
  /** pooled[row]: [hidden] */
  pooled: Float32Array[];
  /** embedding[row]: [hidden] */
  embedding: Float32Array[];
}

export function defaultThreads(): number {
  return Math.max(1, Math.min(2, availableParallelism()));
}

export function sessionOptions(opts: RunnerOptions = {}): Ort.InferenceSession.SessionOptions {
  return {
    executionProviders: ['cpu'],
    graphOptimizationLevel: opts.graphOptimization ?? 'all',
    intraOpNumThreads: opts.threads ?? defaultThreads(),
    // The graph is one chain of large matmuls: nothing to run in parallel between nodes.
    interOpNumThreads: 1,
    executionMode: 'sequential',
    enableCpuMemArena: true,
    enableMemPattern: true,
    extra: { session: { intra_op: { allow_spinning: opts.spinning ? '1' : '0' } } },
  };
}

export class OnnxRunner {
  private readonly inputBuffers = new Map<number, BigInt64Array>();

  private constructor(
    private readonly session: Ort.InferenceSession,
    readonly layers: number,
    readonly hidden: number,
    readonly padId: number,
  ) {}

  static async create(model: Uint8Array, shape: { layers: number; hidden: number; padId: number }, opts: RunnerOptions = {}): Promise<OnnxRunner> {
    const session = await ort().InferenceSession.create(model, sessionOptions(opts));
    const expected = [...Array.from({ length: shape.layers }, (_, l) => `layer${l}`), 'pooled', 'embedding'];
    const missing = expected.filter((name) => !session.outputNames.includes(name));
    if (missing.length > 0 || !session.inputNames.includes('input_ids')) {
      await session.release();
      throw new Error(`model does not have the expected inputs/outputs (missing: ${['input_ids', ...missing].join(', ')})`);
    }
    return new OnnxRunner(session, shape.layers, shape.hidden, shape.padId);
  }

  /** Runs windows of token ids as one batch, padded to the longest with the pad id. */
  async run(windows: ReadonlyArray<ArrayLike<number>>): Promise<BatchOutput> {
    const rows = windows.length;
    const length = Math.max(1, ...windows.map((w) => w.length));
    // Reuse the input buffer for a given size: steady-state batches allocate nothing here.
    const size = rows * length;
    let ids = this.inputBuffers.get(size);
    if (!ids) {
      ids = new BigInt64Array(size);
      if (this.inputBuffers.size > 16) this.inputBuffers.clear();
      this.inputBuffers.set(size, ids);
    }
    const pad = BigInt(this.padId);
    for (let r = 0; r < rows; r++) {
      const w = windows[r] as ArrayLike<number>;
      const base = r * length;
      for (let i = 0; i < length; i++) ids[base + i] = i < w.length ? BigInt(w[i] as number) : pad;
    }
    const out = await this.session.run({ input_ids: new (ort().Tensor)('int64', ids, [rows, length]) });

    const read = (name: string): Float32Array => {
      const t = out[name];
      if (!t || t.type !== 'float32') throw new Error(`model output ${name} is missing or not float32`);
      return t.data as Float32Array;
    };
    const D = this.hidden;
    const layers = Array.from({ length: this.layers }, (_, l) => {
      const all = read(`layer${l}`);
      // Copy each row's real tokens out: the ORT buffer is reused and the rows are transferred separately.
      return windows.map((w, r) => all.slice(r * length * D, (r * length + w.length) * D));
    });
    const pooledAll = read('pooled');
    const embeddingAll = read('embedding');
    return {
      layers,
      pooled: windows.map((_, r) => pooledAll.slice(r * D, (r + 1) * D)),
      embedding: windows.map((_, r) => embeddingAll.slice(r * D, (r + 1) * D)),
    };
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}
