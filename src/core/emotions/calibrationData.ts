import type { CorpusEntry } from '../corpus/loadCorpus';
import { STATUS_LINE_TOPIC } from '../corpus/topics';
import { Activate, TextActivations, textFeature, tokenMatrix } from './features';
import { FeatureKind } from './vectorFile';

/**
 * Everything calibration reads from the model, read once: each corpus text's
 * feature per candidate layer, the neutral passages' tokens, and neutral passages
 * and training assistant passages cut to a few lengths (for the length law and
 * for the shortest readable length).
 */
export interface EncodedText {
  entry: CorpusEntry;
  /** Index into the emotion list; -1 for neutral text. */
  emotion: number;
  tokens: number;
  features: Map<FeatureKind, Float32Array>;
}

export interface CutText {
  source: EncodedText;
  tokens: number;
  features: Map<FeatureKind, Float32Array>;
}

export interface CalibrationData {
  texts: EncodedText[];
  /** Neutral training passages' per-token rows per feature (for the single-token statistics). */
  neutralTokens: Map<FeatureKind, Float32Array[]>;
  /** Neutral training passages cut to NEUTRAL_CUT_LENGTHS tokens. */
  neutralCuts: CutText[];
  /** Training assistant passages cut to READABILITY_LENGTHS tokens. */
  assistantCuts: CutText[];
}

/** Lengths neutral passages are cut to when fitting the length law's variance. */
export const NEUTRAL_CUT_LENGTHS: readonly number[] = [4, 6, 8, 12, 16, 24, 32, 48, 64, 96];
/** Lengths emotional passages are cut to when measuring the shortest readable length. */
export const READABILITY_LENGTHS: readonly number[] = [3, 4, 6, 8, 12, 16];

export const isNeutralPassage = (t: EncodedText) => t.entry.kind === 'neutral' && t.entry.topic !== STATUS_LINE_TOPIC;
export const isStatusLine = (t: EncodedText) => t.entry.kind === 'neutral' && t.entry.topic === STATUS_LINE_TOPIC;
export const isTrain = (t: EncodedText) => t.entry.split === 'train';

export interface ReadOptions {
  emotions: readonly string[];
  entries: readonly CorpusEntry[];
  activate: Activate;
  features: readonly FeatureKind[];
  /** Cut a text by taking its first n token rows (exact for a causal language model) instead of reading the cut text again. */
  cutByPrefix: boolean;
  concurrency: number;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export async function readCalibrationData(options: ReadOptions): Promise<CalibrationData> {
  const { entries, features } = options;
  const index = new Map(options.emotions.map((e, i) => [e, i]));
  const texts: Array<EncodedText | undefined> = new Array(entries.length);
  const neutralTokens = new Map<FeatureKind, Float32Array[]>(features.map((f) => [f, []]));
  const neutralCuts: CutText[] = [];
  const assistantCuts: CutText[] = [];
  const featuresOf = (a: TextActivations) => new Map(features.map((f) => [f, textFeature(a, f)]));

  // Whole texts first (they decide which cuts are needed), then the cuts.
  const cutJobs: Array<{ source: EncodedText; length: number; into: CutText[]; whole?: TextActivations }> = [];
  let done = 0;
  const total = () => entries.length + cutJobs.length;
  await pool(entries.length, options, async (i) => {
    const entry = entries[i];
    const a = await options.activate(entry.text);
    if (a.tokenCount === 0) return;
    const text: EncodedText = { entry, emotion: entry.emotion === null ? -1 : (index.get(entry.emotion) ?? -1), tokens: a.tokenCount, features: featuresOf(a) };
    texts[i] = text;
    const neutralPassage = isNeutralPassage(text) && isTrain(text);
    const trainAssistant = entry.kind === 'assistant' && isTrain(text) && text.emotion >= 0;
    if (neutralPassage) for (const f of features) neutralTokens.get(f)!.push(tokenMatrix(a, f));
    const keep = options.cutByPrefix ? a : undefined;
    if (neutralPassage) for (const length of NEUTRAL_CUT_LENGTHS) if (length < a.tokenCount) cutJobs.push({ source: text, length, into: neutralCuts, whole: keep });
    if (trainAssistant) for (const length of READABILITY_LENGTHS) if (length < a.tokenCount) cutJobs.push({ source: text, length, into: assistantCuts, whole: keep });
    options.onProgress?.(++done, entries.length);
  });
  await pool(cutJobs.length, options, async (i) => {
    const job = cutJobs[i];
    const a = job.whole ? prefix(job.whole, job.length) : await options.activate(job.source.entry.text, { maxTokens: job.length });
    if (a.tokenCount > 0) job.into.push({ source: job.source, tokens: a.tokenCount, features: featuresOf(a) });
    options.onProgress?.(++done, total());
  });
  return { texts: texts.filter((t): t is EncodedText => t !== undefined), neutralTokens, neutralCuts, assistantCuts };
}

/** The activations of a text's first n tokens, as a causal model gives them. */
function prefix(a: TextActivations, n: number): TextActivations {
  return { tokenCount: n, dims: a.dims, layers: a.layers.map((m) => m.subarray(0, n * a.dims)) };
}

/** Runs `job(0..count-1)` with a few in flight at once, so the model can batch. */
async function pool(count: number, options: Pick<ReadOptions, 'concurrency' | 'signal'>, job: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const work = async (): Promise<void> => {
    while (next < count) {
      options.signal?.throwIfAborted();
      await job(next++);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, work));
}
