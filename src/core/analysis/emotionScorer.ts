import type { ActivationModel } from '../model/types';
import { EmotionReader } from '../emotions/reader';
import type { VectorFile } from '../emotions/vectorFile';
import { meanOfRows } from '../emotions/vectorMath';
import { poolSentences } from './pooling';
import { extractProse, languageProblem, PROSE_LIMITS } from './prose';
import type { CompletionReading, CompletionScorer, Pooling, ReadingModel, SentenceReading, SessionReader, TextReading } from './scoring';
import { TextSessionReader } from './textSessionReader';

export type { TextReading } from './scoring';

/** The pooling completions are read with unless the caller chooses another. */
export const DEFAULT_POOLING: Pooling = { kind: 'mean' };

/**
 * Reads texts with a model against its emotion vectors: the text's mean
 * activation at the vectors' layer, projected and standardised against neutral
 * text of the same length (see EmotionReader). Completions are also read
 * sentence by sentence (see prose.ts) and pooled as the session asks.
 */
export class EmotionScorer implements CompletionScorer {
  readonly reader: EmotionReader;
  readonly model: ReadingModel;
  private readonly layer: number;

  constructor(
    private readonly activations: ActivationModel,
    readonly vectors: VectorFile,
    label = 'embedded USE-lite',
    readonly pooling: Pooling = DEFAULT_POOLING,
  ) {
    this.reader = new EmotionReader(vectors);
    this.layer = vectors.header.feature === 'layer0' ? 0 : activations.layers - 1;
    if (activations.hiddenSize !== vectors.header.dims) {
      throw new Error(`the vectors have ${vectors.header.dims} dimensions, the model ${activations.hiddenSize}`);
    }
    this.model = { id: vectors.header.model.sha256, label };
  }

  openSession(): SessionReader {
    return new TextSessionReader(this, this.pooling);
  }

  get emotions(): readonly string[] {
    return this.reader.emotions;
  }

  /** The whole text's reading; texts past PROSE_LIMITS.maxChars are read up to that point. */
  async readText(text: string, signal?: AbortSignal): Promise<TextReading> {
    const cut = text.length > PROSE_LIMITS.maxChars;
    const a = await this.activations.activations(cut ? text.slice(0, PROSE_LIMITS.maxChars) : text, { signal });
    const rows = a.tokens.length;
    // The worker already sends the last layer's mean (pooled): it is used as sent, not worked out again.
    const mean = this.layer === this.activations.layers - 1 ? a.pooled : meanOfRows(a.perToken[this.layer], rows, this.activations.hiddenSize);
    // An empty text reads as neutral text does: zero on every emotion, and unreadable.
    const scores = rows === 0 ? new Float32Array(this.emotions.length) : this.reader.readText(mean, rows);
    // Not English first: the encoder's tokenizer folds unknown scripts into a few tokens, which would otherwise read as "too short".
    const problem =
      rows === 0 ? 'empty' : (languageProblem(text) ?? (rows < this.reader.minReadableTokens ? `too short to read (${rows} tokens, fewer than ${this.reader.minReadableTokens})` : undefined));
    return { tokens: rows, scores, truncated: a.truncated || cut, readable: problem === undefined, ...(problem ? { unreadable: problem } : {}) };
  }

  /**
   * A completion's reading: the whole text's, each prose sentence's, and their
   * pooling. A completion with no prose (only code or tool output), or whose
   * prose is not English, is unreadable whatever its length.
   */
  async readCompletion(text: string, pooling: Pooling = this.pooling, signal?: AbortSignal): Promise<Omit<CompletionReading, 'withContext'>> {
    const prose = extractProse(text);
    const [whole, sentences] = await Promise.all([
      this.readText(text, signal),
      Promise.all(prose.segments.map((segment) => this.readSentence(segment, signal))),
    ]);
    const proseText = prose.segments.map((s) => s.text).join(' ');
    const problem =
      text.trim() === ''
        ? 'empty'
        : prose.segments.length === 0
          ? 'no prose to read (only code, tool output or paths)'
          : (languageProblem(proseText) ?? (sentences.some((s) => s.readable) || whole.readable ? undefined : whole.unreadable ?? 'too short to read'));
    const pooled = pooling.kind === 'mean' ? undefined : poolSentences(sentences, pooling, this.emotions.length);
    return {
      tokens: whole.tokens,
      scores: pooled ?? whole.scores,
      meanScores: whole.scores,
      sentences,
      pooling,
      truncated: whole.truncated || prose.truncated,
      readable: problem === undefined,
      ...(problem ? { unreadable: problem } : {}),
    };
  }

  private async readSentence(segment: { text: string; start: number; end: number }, signal?: AbortSignal): Promise<SentenceReading> {
    const a = await this.activations.activations(segment.text, { signal });
    const rows = a.tokens.length;
    const scores = rows === 0 ? new Float32Array(this.emotions.length) : this.reader.readText(meanOfRows(a.perToken[this.layer], rows, this.activations.hiddenSize), rows);
    return { start: segment.start, end: segment.end, tokens: rows, readable: rows >= this.reader.minReadableTokens, scores };
  }
}
