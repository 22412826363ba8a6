import type { SessionEvent } from '../sessions/model';
import type { CompletionReading, Pooling, SessionReader } from './scoring';

/** What the reader needs of its scorer (the EmotionScorer): completions read sentence by sentence. */
export interface CompletionTextScorer {
  readonly emotions: readonly string[];
  readCompletion(text: string, pooling: Pooling, signal?: AbortSignal): Promise<Omit<CompletionReading, 'withContext'>>;
}

/**
 * The sentence encoder's reader: each completion is read on its own (one never
 * colours the next), sentence by sentence, and pooled as chosen. A completion
 * too short to read ("Running the tests now.") is marked unreadable rather than
 * read against text it does not contain.
 */
export class TextSessionReader implements SessionReader {
  constructor(
    private readonly scorer: CompletionTextScorer,
    private readonly pooling: Pooling,
  ) {}

  read(event: SessionEvent, signal?: AbortSignal): Promise<CompletionReading> | undefined {
    if (event.kind !== 'completion') return undefined;
    return this.scorer.readCompletion(event.text, this.pooling, signal).then((reading) => ({ ...reading, withContext: false }));
  }

  close(): void {}
}
