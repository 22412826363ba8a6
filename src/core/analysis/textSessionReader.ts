import type { SessionEvent } from '../sessions/model';
import type { CompletionReading, SessionReader, TextReading, TokenReading } from './scoring';

/** What the reader needs of its scorer (the EmotionScorer): lone texts, read whole or token by token. */
export interface LoneTextScorer {
  readonly emotions: readonly string[];
  readText(text: string, signal?: AbortSignal): Promise<TextReading>;
  readTokens(text: string, emotion: string, signal?: AbortSignal): Promise<TokenReading>;
}

/** Completions shorter than this many words are read with the previous completion of the same turn. */
export const SHORT_COMPLETION_WORDS = 12;

/**
 * The sentence encoder's reader: each completion is read on its own, except that
 * a completion of a few words ("Running the tests now.") carries little alone (a
 * mean over three tokens is mostly noise), so it is read together with the
 * previous completion of the same turn, which is its context. Longer completions
 * are read alone so one never colours the next.
 */
export class TextSessionReader implements SessionReader {
  /** The previous completion's text while no user message has come since. */
  private turnText: string | undefined;

  constructor(private readonly scorer: LoneTextScorer) {}

  read(event: SessionEvent, signal?: AbortSignal): Promise<CompletionReading> | undefined {
    if (event.kind === 'user') this.turnText = undefined;
    if (event.kind !== 'completion') return undefined;
    const words = event.text.split(/\s+/).filter(Boolean).length;
    const withContext = words < SHORT_COMPLETION_WORDS && this.turnText !== undefined;
    const text = withContext ? `${this.turnText}\n${event.text}` : event.text;
    this.turnText = event.text;
    return this.scorer.readText(text, signal).then((reading) => ({ ...reading, withContext }));
  }

  readTokens(completion: { text: string }, emotion: string, signal?: AbortSignal): Promise<TokenReading | undefined> {
    if (!this.scorer.emotions.includes(emotion)) return Promise.resolve(undefined);
    return this.scorer.readTokens(completion.text, emotion, signal);
  }

  close(): void {}
}
