/**
 * The tiny LM's random weights, registered once as initializers of the main graph
 * (the merged layout's two branches share them, as Optimum's merged decoders do).
 *
 * Each tensor is drawn from its own seeded stream (see random.ts), then stored as
 * float32, float16, or, for the int8 variant's big MatMuls and the embedding table,
 * as symmetric per-tensor int8 with a float scale and an int8 zero point of 0: what
 * onnxruntime's `quantize_dynamic(weight_type=QInt8)` writes for onnx-community
 * `_int8` / `_quantized` files.
 */
import { fillNormal, fillNormalBins, hashSeed, normalTable } from './random';
import { toHalfBytes } from './halfFloat';
import { f32Tensor, type GraphBuilder, type Tensor } from './onnxGraph';

export type FloatType = 'float32' | 'float16';

export interface WeightPlan {
  seed: number;
  dtype: FloatType;
  int8: boolean;
}

export interface QuantizedWeight {
  quantized: string;
  scale: string;
  zeroPoint: string;
}

/** First number of the `onnx::MatMul_N` names the exporter gives transposed Linear weights. */
const MATMUL_NAME_BASE = 4000;

export class Weights {
  /** Number of weight values (parameters) registered so far. */
  parameters = 0;
  private readonly names = new Map<string, string | QuantizedWeight>();
  private matmuls = 0;

  constructor(
    private readonly main: GraphBuilder,
    readonly plan: WeightPlan,
  ) {}

  private draw(key: string, dims: number[], std: number, mean: number): Float32Array {
    const n = dims.reduce((a, b) => a * b, 1);
    this.parameters += n;
    return fillNormal(new Float32Array(n), hashSeed(this.plan.seed, key), std, mean);
  }

  private floatTensor(dims: number[], values: Float32Array): Tensor {
    return this.plan.dtype === 'float16' ? { dtype: 'float16', dims, bytes: toHalfBytes(values) } : f32Tensor(dims, values);
  }

  /** A float weight stored under its PyTorch name (norm weights, biases, a float embedding). */
  float(key: string, dims: number[], std: number, mean = 0): string {
    const known = this.names.get(key);
    if (typeof known === 'string') return known;
    const name = this.main.initializer(key, this.floatTensor(dims, this.draw(key, dims, std, mean)));
    this.names.set(key, name);
    return name;
  }

  /** A Linear layer's weight, already transposed to [in, out] for MatMul, named `onnx::MatMul_N`. */
  matmul(key: string, dims: [number, number], std: number): string {
    const known = this.names.get(key);
    if (typeof known === 'string') return known;
    const name = `onnx::MatMul_${MATMUL_NAME_BASE + this.matmuls++}`;
    this.main.initializer(name, this.floatTensor(dims, this.draw(key, dims, std, 0)));
    this.names.set(key, name);
    return name;
  }

  /**
   * An int8 weight with its scale and zero point. `name` is the float initializer's name
   * the quantizer started from (`onnx::MatMul_N` or `model.embed_tokens.weight`).
   */
  quantized(key: string, dims: number[], std: number, name?: string): QuantizedWeight {
    const known = this.names.get(key);
    if (known && typeof known !== 'string') return known;
    const base = name ?? `onnx::MatMul_${MATMUL_NAME_BASE + this.matmuls++}`;
    // Quantize through the bins: the weight std * table[bin] becomes lut[bin], the same as
    // rounding std * table[bin] / scale, with no float tensor in between (fast for 240M weights).
    const n = dims.reduce((a, b) => a * b, 1);
    this.parameters += n;
    const bins = fillNormalBins(new Uint16Array(n), hashSeed(this.plan.seed, key));
    let lo = 65535;
    let hi = 0;
    for (let i = 0; i < n; i++) {
      const b = bins[i] as number;
      if (b < lo) lo = b;
      if (b > hi) hi = b;
    }
    const table = normalTable();
    const maxAbs = Math.max(-(table[lo] as number), table[hi] as number);
    const scale = (std * maxAbs) / 127;
    const lut = new Int8Array(65536);
    for (let b = 0; b < 65536; b++) lut[b] = Math.max(-127, Math.min(127, Math.round(((table[b] as number) * 127) / maxAbs)));
    const q = new Int8Array(n);
    for (let i = 0; i < n; i++) q[i] = lut[bins[i] as number] as number;
    const w: QuantizedWeight = {
      quantized: this.main.initializer(`${base}_quantized`, { dtype: 'int8', dims, bytes: new Uint8Array(q.buffer) }),
      scale: this.main.initializer(`${base}_scale`, f32Tensor([], [scale])),
      zeroPoint: this.main.initializer(`${base}_zero_point`, { dtype: 'int8', dims: [], bytes: new Uint8Array(1) }),
    };
    this.names.set(key, w);
    return w;
  }
}
