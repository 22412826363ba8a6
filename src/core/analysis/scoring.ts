import type { EmotionReader } from '../emotions/reader';
import type { VectorFile } from '../emotions/vectorFile';
import type { SessionEvent } from '../sessions/model';

/** A text's reading: one z-score per emotion, against neutral text of the same length. */
export interface TextReading {
  tokens: number;
  /** z-scores for every emotion, in the vector file's order. */
  scores: Float32Array;
  truncated: boolean;
  /** False when the reading is not to be trusted (too short, no prose, not English); `unreadable` says why. */
  readable: boolean;
  unreadable?: string;
}

/** One sentence (or a few short ones joined) of a completion, read on its own. */
export interface SentenceReading {
  /** Character span in the completion's text. */
  start: number;
  end: number;
  tokens: number;
  readable: boolean;
  scores: Float32Array;
}

/**
 * How a completion's sentence readings become its reading, per emotion:
 * `mean` is the reading of the whole text (the mean over all its tokens);
 * `max` the highest readable sentence; `top-k` the mean of the k highest.
 */
export type Pooling = { kind: 'mean' } | { kind: 'max' } | { kind: 'top-k'; k: number };

export interface CompletionReading extends TextReading {
  /** True when the text was read together with earlier text of its session (see the readers). */
  withContext: boolean;
  /** How `scores` were pooled. */
  pooling: Pooling;
  /** The whole text's reading (mean over all tokens), whatever the pooling. */
  meanScores: Float32Array;
  /** Per-sentence readings of the prose (code, tool output, traces and paths left out); empty for a language model's in-context reading. */
  sentences: SentenceReading[];
}

/** The model that produced a session's readings; readings of different models are never mixed. */
export interface ReadingModel {
  id: string;
  /** What the timeline shows, e.g. "embedded USE-lite" or a local model's name. */
  label: string;
}

/**
 * What the analysis needs from a model: a reader per session that is handed every
 * event of the session in order. A sentence encoder reads each completion on its
 * own; a language model reads it in the conversation it belongs to.
 */
export interface CompletionScorer {
  readonly emotions: readonly string[];
  readonly model: ReadingModel;
  /** The vectors readings are made against (their geometry draws the map). */
  readonly vectors: VectorFile;
  openSession(sessionKey: string): SessionReader;
}

export interface SessionReader {
  /**
   * Sees every event in order. For a completion it returns the reading to come;
   * calls for several events may be outstanding at once (the model batches them).
   */
  read(event: SessionEvent, signal?: AbortSignal): Promise<CompletionReading> | undefined;
  /** Frees what the reader holds for its session (a language model's cache). */
  close(): void;
}

/** A scorer that also reads lone texts (held-out corpus texts, `score` input): the embedded model or a local one. */
export interface TextScorer extends CompletionScorer {
  readonly reader: EmotionReader;
  readText(text: string, signal?: AbortSignal): Promise<TextReading>;
}
