import type { ActivationModel } from '../model/types';
import { EmotionReader } from '../emotions/reader';
import type { VectorFile } from '../emotions/vectorFile';
import { meanOfRows } from '../emotions/vectorMath';
import type { CompletionScorer, ReadingModel, SessionReader, TextReading, TokenReading } from './scoring';
import { TextSessionReader } from './textSessionReader';

export type { TextReading, TokenReading } from './scoring';

/**
 * Reads texts with a model against its emotion vectors: the text's mean
 * activation at the vectors' layer, projected and standardised (see EmotionReader).
 */
export class EmotionScorer implements CompletionScorer {
  readonly reader: EmotionReader;
  readonly model: ReadingModel;
  private readonly layer: number;

  constructor(
    private readonly activations: ActivationModel,
    readonly vectors: VectorFile,
    label = 'embedded USE-lite',
  ) {
    this.reader = new EmotionReader(vectors);
    this.layer = vectors.header.feature === 'layer0' ? 0 : activations.layers - 1;
    if (activations.hiddenSize !== vectors.header.dims) {
      throw new Error(`the vectors have ${vectors.header.dims} dimensions, the model ${activations.hiddenSize}`);
    }
    this.model = { id: vectors.header.model.sha256, label };
  }

  openSession(): SessionReader {
    return new TextSessionReader(this);
  }

  get emotions(): readonly string[] {
    return this.reader.emotions;
  }

  async readText(text: string, signal?: AbortSignal): Promise<TextReading> {
    const a = await this.activations.activations(text, { signal });
    const rows = a.tokens.length;
    // The worker already sends the last layer's mean (pooled): it is used as sent, not worked out again.
    const mean = this.layer === this.activations.layers - 1 ? a.pooled : meanOfRows(a.perToken[this.layer], rows, this.activations.hiddenSize);
    // An empty text reads as neutral text does: zero on every emotion.
    const scores = rows === 0 ? new Float32Array(this.emotions.length) : this.reader.readText(mean);
    return { tokens: rows, scores, truncated: a.truncated };
  }

  async readTokens(text: string, emotion: string, signal?: AbortSignal): Promise<TokenReading> {
    const a = await this.activations.activations(text, { signal });
    return { tokens: a.tokens, values: this.reader.readTokensFor(emotion, a.perToken[this.layer]) };
  }
}
