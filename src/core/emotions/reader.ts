import { neutralAt } from './lengthLaw';
import { dot } from './vectorMath';
import { VectorFile } from './vectorFile';

/**
 * Below this many tokens a reading is not trusted when the vector file does not
 * say (version 1 files); version 2 files carry the length calibration measured.
 */
const DEFAULT_MIN_READABLE_TOKENS = 6;

/**
 * Reads activations against the emotion vectors. A reading is a z-score: the
 * projection onto an emotion's unit vector, standardised against neutral text of
 * the same length (0 = as neutral text of that many tokens reads, 1 = one such
 * neutral standard deviation above it; see lengthLaw.ts). Nothing reads single
 * tokens any more: a token's projection says little on its own, so the inspector
 * shades sentences (the vector file still records neutral token statistics).
 */
export class EmotionReader {
  readonly emotions: readonly string[];
  /** Readings of fewer tokens are marked unreadable. */
  readonly minReadableTokens: number;
  private readonly index: Map<string, number>;

  constructor(private readonly file: VectorFile) {
    this.emotions = file.header.emotions;
    this.index = new Map(this.emotions.map((name, i) => [name, i]));
    this.minReadableTokens = file.header.lengthLaw?.minReadableTokens ?? DEFAULT_MIN_READABLE_TOKENS;
  }

  get dims(): number {
    return this.file.header.dims;
  }

  indexOf(emotion: string): number {
    const i = this.index.get(emotion);
    if (i === undefined) throw new Error(`unknown emotion '${emotion}'`);
    return i;
  }

  /** z-scores for every emotion, given the mean activation of a text of `tokens` tokens. */
  readText(features: Float32Array, tokens: number): Float32Array {
    this.checkDims(features);
    const out = new Float32Array(this.emotions.length);
    for (let e = 0; e < out.length; e++) {
      const neutral = neutralAt(this.file.lengthLaw, e, tokens);
      out[e] = (dot(features, this.file.vectors[e]) - neutral.mean) / neutral.std;
    }
    return out;
  }



  /** The k highest readings, highest first. */
  top(scores: Float32Array, k: number): Array<[string, number]> {
    return Array.from(scores, (z, i) => [this.emotions[i], z] as [string, number])
      .sort((a, b) => b[1] - a[1])
      .slice(0, k);
  }

  private checkDims(features: Float32Array): void {
    if (features.length !== this.dims) {
      throw new Error(`activation has ${features.length} dimensions, the vectors ${this.dims}`);
    }
  }
}
