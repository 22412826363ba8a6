import { EmotionReader } from '../emotions/reader';
import type { VectorFile } from '../emotions/vectorFile';
import { meanOfRows } from '../emotions/vectorMath';
import type { ChatMessage } from '../lm/types';
import { LmSessionReader, type AssistantRows, type ConversationReader } from './lmSessionReader';
import type { CompletionScorer, ReadingModel, SessionReader, TextReading } from './scoring';

/**
 * The one framing a lone text is read in (calibration texts, `score`, `validate`):
 * as the assistant's answer to a fixed short request. Completions in sessions are
 * assistant messages too, so the vectors are built where they are used. One
 * framing for every kind of text means the framing cancels out of the vectors.
 */
export const LONE_TEXT_REQUEST = 'Continue.';
/** The conversation lone texts are read in; its shared prefix stays in the KV cache between texts. */
const LONE_TEXT_SESSION = '\0lone-texts';

export function loneTextConversation(text: string): ChatMessage[] {
  return [
    { role: 'user', content: LONE_TEXT_REQUEST },
    { role: 'assistant', content: text },
  ];
}

/** Reads a lone text in the fixed framing: its tokens' residual rows. */
export async function readLoneText(source: ConversationReader, text: string, signal?: AbortSignal): Promise<AssistantRows> {
  const readings = await source.read(LONE_TEXT_SESSION, loneTextConversation(text), signal);
  const reading = readings.find((r) => r.messageIndex === 1);
  if (!reading) throw new Error('the model returned no reading for the text');
  return reading;
}

/**
 * A user's own language model read against vectors calibrated for it on this
 * machine. Sessions are read in context (see LmSessionReader).
 */
export class LmScorer implements CompletionScorer {
  readonly reader: EmotionReader;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly source: ConversationReader,
    readonly vectors: VectorFile,
    readonly model: ReadingModel,
  ) {
    if (source.info.hidden !== vectors.header.dims) {
      throw new Error(`the vectors have ${vectors.header.dims} dimensions, the model ${source.info.hidden}: calibrate the model again`);
    }
    this.reader = new EmotionReader(vectors);
  }

  get emotions(): readonly string[] {
    return this.reader.emotions;
  }

  openSession(sessionKey: string): SessionReader {
    return new LmSessionReader(sessionKey, this.source, this.reader);
  }

  /**
   * A lone text's reading (see LONE_TEXT_REQUEST). Lone texts share one
   * conversation in the worker, so they are read one after another.
   */
  readText(text: string, signal?: AbortSignal): Promise<TextReading> {
    const next = this.queue.then(() => readLoneText(this.source, text, signal)).then((r) => ({
      tokens: r.tokens.length,
      scores: r.tokens.length === 0 ? new Float32Array(this.emotions.length) : this.reader.readText(meanOfRows(r.rows, r.tokens.length, this.source.info.hidden), r.tokens.length),
      truncated: r.truncated ?? false,
      readable: r.tokens.length >= this.reader.minReadableTokens,
      ...(r.tokens.length >= this.reader.minReadableTokens ? {} : { unreadable: r.tokens.length === 0 ? 'empty' : 'too short to read' }),
    }));
    this.queue = next.catch(() => undefined);
    return next;
  }
}
