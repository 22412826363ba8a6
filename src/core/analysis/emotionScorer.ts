import type { ActivationModel, Token } from '../model/types';
import { EmotionReader } from '../emotions/reader';
import type { VectorFile } from '../emotions/vectorFile';
import { meanOfRows } from '../emotions/vectorMath';

export interface TextReading {
  tokens: number;
  /** z-scores for every emotion, in the vector file's order. */
  scores: Float32Array;
  truncated: boolean;
}

export interface TokenReading {
  tokens: Token[];
  /** One z-score per token for the asked emotion. */
  values: Float32Array;
}

/**
 * Reads texts with a model against its emotion vectors: the text's mean
 * activation at the vectors' layer, projected and standardised (see EmotionReader).
 */
export class EmotionScorer {
  readonly reader: EmotionReader;
  private readonly layer: number;

  constructor(
    private readonly model: ActivationModel,
    readonly vectors: VectorFile,
  ) {
    this.reader = new EmotionReader(vectors);
    this.layer = vectors.header.feature === 'layer0' ? 0 : model.layers - 1;
    if (model.hiddenSize !== vectors.header.dims) {
      throw new Error(`the vectors have ${vectors.header.dims} dimensions, the model ${model.hiddenSize}`);
    }
  }

  get emotions(): readonly string[] {
    return this.reader.emotions;
  }

  async readText(text: string, signal?: AbortSignal): Promise<TextReading> {
    const a = await this.model.activations(text, { signal });
    const rows = a.tokens.length;
    // An empty text reads as neutral text does: zero on every emotion.
    const scores = rows === 0 ? new Float32Array(this.emotions.length) : this.reader.readText(meanOfRows(a.perToken[this.layer], rows, this.model.hiddenSize));
    return { tokens: rows, scores, truncated: a.truncated };
  }

  async readTokens(text: string, emotion: string, signal?: AbortSignal): Promise<TokenReading> {
    const a = await this.model.activations(text, { signal });
    return { tokens: a.tokens, values: this.reader.readTokensFor(emotion, a.perToken[this.layer]) };
  }
}
