/**
 * One onnxruntime-node session over a prepared (cut) language model: token ids
 * in, with the KV cache of what came before; the residual at the tap for those
 * tokens and the extended cache out. Only the tap and the presents are fetched.
 *
 * onnxruntime-node computes on the calling thread, so this belongs in a worker
 * (see worker.ts); tests and the benchmark use it directly.
 */
import type * as Ort from 'onnxruntime-node';
import { availableParallelism } from 'node:os';
import { ortRuntime as ort } from '../model/ortRuntime';
import { KvCache, type KvShape } from './kvCache';
import { loadPrepared } from './loadPrepared';
import type { PreparedLm } from './types';

export interface LmRunnerOptions {
  /** Intra-op threads; default min(4, cores). */
  threads?: number;
}

export function defaultLmThreads(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

export interface RunOutput {
  /** Row-major [ids.length x hidden] residual at the tap. */
  residual: Float32Array;
  /** The cache extended by these ids. */
  present: KvCache;
}

const PAST = /^past_key_values\.(\d+)\.(key|value)$/;

/**
 * Opens the derived graph. Its weights stay in the user's model folder while the
 * graph itself lives in our cache; loadPrepared() names that folder as the
 * external-data folder.
 */
async function openSession(prepared: PreparedLm, threads: number): Promise<Ort.InferenceSession> {
  const { path, options } = loadPrepared(prepared, {
    executionProviders: ['cpu'],
    graphOptimizationLevel: 'all',
    intraOpNumThreads: threads,
    // One chain of matmuls: nothing to run in parallel between nodes.
    interOpNumThreads: 1,
    executionMode: 'sequential',
    enableCpuMemArena: true,
    enableMemPattern: true,
    extra: { session: { intra_op: { allow_spinning: '0' } } },
  });
  return ort().InferenceSession.create(path, options);
}

export class LmRunner {
  readonly hidden: number;
  readonly kvShape: KvShape;
  /** Positions the model accepts, when config.json says. */
  readonly maxPositions: number | undefined;
  private readonly fetches: string[];
  private readonly hasPositions: boolean;
  private readonly hasMask: boolean;

  private constructor(
    private readonly session: Ort.InferenceSession,
    readonly prepared: PreparedLm,
  ) {
    const arch = prepared.folder.architecture;
    this.hidden = arch.hiddenSize;
    this.maxPositions = arch.maxPositions;
    this.kvShape = { layers: prepared.kvLayers, kvHeads: arch.kvHeads, headDim: arch.headDim };
    this.fetches = [prepared.tapName];
    for (let i = 0; i < prepared.kvLayers; i++) this.fetches.push(`present.${i}.key`, `present.${i}.value`);
    this.hasPositions = session.inputNames.includes('position_ids');
    this.hasMask = session.inputNames.includes('attention_mask');
  }

  static async create(prepared: PreparedLm, options: LmRunnerOptions = {}): Promise<LmRunner> {
    const threads = Math.max(1, Math.floor(options.threads ?? defaultLmThreads()));
    let session: Ort.InferenceSession;
    try {
      session = await openSession(prepared, threads);
    } catch (err) {
      throw new Error(`cannot load the language model ${prepared.derivedPath}: ${err instanceof Error ? err.message : String(err)}`);
    }
    const problems: string[] = [];
    if (!session.inputNames.includes('input_ids')) problems.push('no input_ids input');
    for (const name of session.inputNames) {
      const past = PAST.exec(name);
      if (name === 'input_ids' || name === 'attention_mask' || name === 'position_ids') continue;
      if (past && Number(past[1]) < prepared.kvLayers) continue;
      problems.push(`input ${name} cannot be fed`);
    }
    const runner = new LmRunner(session, prepared);
    const missing = runner.fetches.filter((n) => !session.outputNames.includes(n));
    if (missing.length > 0) problems.push(`missing outputs ${missing.join(', ')}`);
    if (problems.length > 0) {
      await session.release();
      throw new Error(`the prepared model ${prepared.derivedPath} does not have the expected inputs/outputs: ${problems.join('; ')}`);
    }
    return runner;
  }

  /** Runs `ids` after the cached positions of `past` (none: from position 0). */
  async run(ids: ReadonlyArray<number>, past?: KvCache): Promise<RunOutput> {
    const cache = past ?? KvCache.empty(this.kvShape);
    const n = ids.length;
    if (n === 0) return { residual: new Float32Array(0), present: cache };
    const P = cache.length;
    const { Tensor } = ort();
    const feeds: Record<string, Ort.Tensor> = {
      input_ids: new Tensor('int64', BigInt64Array.from(ids, (id) => BigInt(id)), [1, n]),
    };
    if (this.hasMask) feeds.attention_mask = new Tensor('int64', new BigInt64Array(P + n).fill(1n), [1, P + n]);
    if (this.hasPositions) {
      const positions = new BigInt64Array(n);
      for (let i = 0; i < n; i++) positions[i] = BigInt(P + i);
      feeds.position_ids = new Tensor('int64', positions, [1, n]);
    }
    cache.layers.forEach((layer, i) => {
      feeds[`past_key_values.${i}.key`] = new Tensor('float32', layer.key, cache.dims);
      feeds[`past_key_values.${i}.value`] = new Tensor('float32', layer.value, cache.dims);
    });
    const out = await this.session.run(feeds, this.fetches);
    const read = (name: string, size: number): Float32Array => {
      const t = out[name];
      if (!t || t.type !== 'float32') throw new Error(`model output ${name} is missing or not float32 (${t?.type ?? 'none'})`);
      const data = t.data as Float32Array;
      if (data.length !== size) throw new Error(`model output ${name} has ${data.length} values, expected ${size}`);
      return data;
    };
    const residual = read(this.prepared.tapName, n * this.hidden);
    const kvSize = this.kvShape.kvHeads * (P + n) * this.kvShape.headDim;
    const layers = Array.from({ length: this.kvShape.layers }, (_, i) => ({
      key: read(`present.${i}.key`, kvSize),
      value: read(`present.${i}.value`, kvSize),
    }));
    return { residual, present: KvCache.of(this.kvShape, P + n, layers) };
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}
