import { dot } from './vectorMath';
import { VectorFile } from './vectorFile';

/**
 * Reads activations against the emotion vectors. A reading is a z-score: the
 * projection onto an emotion's unit vector, standardised against neutral text
 * (0 = as neutral text reads, 1 = one neutral standard deviation above it).
 * Whole texts use the statistics of neutral texts' mean activations; single tokens
 * use those of neutral single tokens, which spread wider.
 */
export class EmotionReader {
  readonly emotions: readonly string[];
  private readonly index: Map<string, number>;

  constructor(private readonly file: VectorFile) {
    this.emotions = file.header.emotions;
    this.index = new Map(this.emotions.map((name, i) => [name, i]));
  }

  get dims(): number {
    return this.file.header.dims;
  }

  indexOf(emotion: string): number {
    const i = this.index.get(emotion);
    if (i === undefined) throw new Error(`unknown emotion '${emotion}'`);
    return i;
  }

  /** z-scores for every emotion, given a text's mean activation. */
  readText(features: Float32Array): Float32Array {
    return this.read(features, this.file.textMean, this.file.textStd);
  }

  /** z-scores for every emotion, given one token's activation. */
  readToken(activation: Float32Array): Float32Array {
    return this.read(activation, this.file.tokenMean, this.file.tokenStd);
  }

  /** One emotion's per-token z-scores over a row-major [tokens x dims] matrix. */
  readTokensFor(emotion: string, perToken: Float32Array): Float32Array {
    const e = this.indexOf(emotion);
    const d = this.dims;
    const v = this.file.vectors[e];
    const rows = perToken.length / d;
    const out = new Float32Array(rows);
    for (let r = 0; r < rows; r++) {
      let sum = 0;
      for (let i = 0; i < d; i++) sum += perToken[r * d + i] * v[i];
      out[r] = (sum - this.file.tokenMean[e]) / this.file.tokenStd[e];
    }
    return out;
  }

  /** The k highest readings, highest first. */
  top(scores: Float32Array, k: number): Array<[string, number]> {
    return Array.from(scores, (z, i) => [this.emotions[i], z] as [string, number])
      .sort((a, b) => b[1] - a[1])
      .slice(0, k);
  }

  private read(features: Float32Array, mean: Float32Array, std: Float32Array): Float32Array {
    if (features.length !== this.dims) {
      throw new Error(`activation has ${features.length} dimensions, the vectors ${this.dims}`);
    }
    const out = new Float32Array(this.emotions.length);
    for (let e = 0; e < out.length; e++) out[e] = (dot(features, this.file.vectors[e]) - mean[e]) / std[e];
    return out;
  }
}
