import { createHash } from 'node:crypto';
import type { CorpusEntry } from '../corpus/loadCorpus';
import { Activate, FEATURE_KINDS, TextActivations, textFeature, tokenMatrix } from './features';
import { vectorGeometry } from './geometry';
import { accuracy, LabelledScores } from './heldout';
import { EmotionReader } from './reader';
import { buildEmotionVectors } from './recipe';
import { dot, meanAndStd } from './vectorMath';
import { CandidateScore, FeatureKind, VectorFile, VectorFileHeader } from './vectorFile';

/**
 * Builds the 171 emotion vectors for one model from the corpus, choosing the layer
 * and whether to denoise by held-out accuracy rather than by taste.
 *
 * Every text is run through the model once; the candidates (each layer, with and
 * without denoising) are then cheap to build and compare. Held-out texts are never
 * used to build vectors or statistics, only to score candidates.
 */
export interface CalibrationOptions {
  emotions: readonly string[];
  entries: readonly CorpusEntry[];
  activate: Activate;
  model: { id: string; sha256: string };
  /** Candidate features (default: the embedded encoder's two layers). */
  features?: readonly FeatureKind[];
  /** Recorded in the header for a `residual` feature: the layer read. */
  layer?: number;
  neutralVarianceShare?: number;
  onProgress?: (done: number, total: number) => void;
  /** Texts read at once (the model batches their windows). */
  concurrency?: number;
  signal?: AbortSignal;
}

/** A held-out text's readings with the kept vectors, labelled with its emotion and kind. */
export interface HeldoutReading extends LabelledScores {
  kind: CorpusEntry['kind'];
}

export interface Calibration {
  file: VectorFile;
  candidates: CandidateScore[];
  /** Every held-out text read with the kept vectors: what validation measures, without reading the texts again. */
  heldout: HeldoutReading[];
}

interface Encoded {
  entry: CorpusEntry;
  emotion: number;
  activations: TextActivations;
}

export async function calibrate(options: CalibrationOptions): Promise<Calibration> {
  const { emotions, entries } = options;
  const index = new Map(emotions.map((e, i) => [e, i]));
  // Many texts in flight at once let the model batch windows; results keep corpus order.
  const slots: Array<Encoded | undefined> = new Array(entries.length);
  let next = 0;
  let done = 0;
  const work = async (): Promise<void> => {
    while (next < entries.length) {
      options.signal?.throwIfAborted();
      const i = next++;
      const entry = entries[i];
      const activations = await options.activate(entry.text);
      if (activations.tokenCount > 0) {
        slots[i] = { entry, emotion: entry.emotion === null ? -1 : (index.get(entry.emotion) ?? -1), activations };
      }
      options.onProgress?.(++done, entries.length);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 16 }, work));
  const encoded = slots.filter((x): x is Encoded => x !== undefined);

  const isTrainEmotion = (x: Encoded) => x.entry.kind !== 'neutral' && x.entry.split === 'train' && x.emotion >= 0;
  const trainNeutral = encoded.filter((x) => x.entry.kind === 'neutral' && x.entry.split === 'train');
  const share = options.neutralVarianceShare ?? 0.5;
  const corpusSha256 = corpusHash(entries);

  const candidates: Array<CandidateScore & { file: VectorFile; heldout: HeldoutReading[] }> = [];
  const features = options.features ?? FEATURE_KINDS;
  for (const feature of features) {
    for (const denoise of [true, false]) {
      const file = buildFile(emotions, encoded, trainNeutral, isTrainEmotion, feature, denoise, share, options.model, corpusSha256);
      if (options.layer !== undefined) file.header.layer = options.layer;
      const reader = new EmotionReader(file);
      const heldout: HeldoutReading[] = encoded
        .filter((x) => x.entry.kind !== 'neutral' && x.entry.split === 'heldout' && x.emotion >= 0)
        .map((x) => ({ kind: x.entry.kind, emotion: x.emotion, scores: reader.readText(textFeature(x.activations, feature)) }));
      const stories = accuracy(heldout.filter((h) => h.kind === 'story'));
      const assistant = accuracy(heldout.filter((h) => h.kind === 'assistant'));
      candidates.push({ feature, denoise, storyTop1: stories.top1, storyTop5: stories.top5, assistantTop5: assistant.top5, file, heldout });
    }
  }

  const ranked = [...candidates].sort(
    (a, b) => b.storyTop5 - a.storyTop5 || b.assistantTop5 - a.assistantTop5 || b.storyTop1 - a.storyTop1,
  );
  const best = ranked[0];
  const scores = candidates.map(({ file: _file, heldout: _heldout, ...score }) => score);
  best.file.header.choice = {
    candidates: scores,
    reason:
      `kept ${best.feature}${best.denoise ? ' with' : ' without'} denoising: the highest held-out story top-5 ` +
      `accuracy (${pct(best.storyTop5)}; ties broken by assistant-passage top-5, then story top-1) of ` +
      `${candidates.length} candidates (${features.length > 1 ? 'each layer' : features[0]}, with and without denoising).`,
  };
  return { file: best.file, candidates: scores, heldout: best.heldout };
}

function buildFile(
  emotions: readonly string[],
  encoded: readonly Encoded[],
  trainNeutral: readonly Encoded[],
  isTrainEmotion: (x: Encoded) => boolean,
  feature: FeatureKind,
  denoise: boolean,
  neutralVarianceShare: number,
  model: { id: string; sha256: string },
  corpusSha256: string,
): VectorFile {
  const train = encoded.filter(isTrainEmotion).map((x) => ({ emotion: x.emotion, features: textFeature(x.activations, feature) }));
  const neutralFeatures = trainNeutral.map((x) => textFeature(x.activations, feature));
  const recipe = buildEmotionVectors(emotions.length, train, neutralFeatures, { denoise, neutralVarianceShare });
  const dims = recipe.vectors[0].length;

  // Neutral statistics per emotion: of whole neutral texts, and of their single tokens.
  const stats = (samples: (v: Float32Array) => number[]) => {
    const mean = new Float32Array(emotions.length);
    const std = new Float32Array(emotions.length);
    recipe.vectors.forEach((v, e) => {
      const s = meanAndStd(samples(v));
      mean[e] = s.mean;
      std[e] = s.std || 1;
    });
    return { mean, std };
  };
  const text = stats((v) => neutralFeatures.map((f) => dot(f, v)));
  const token = stats((v) =>
    trainNeutral.flatMap((x) => {
      const m = tokenMatrix(x.activations, feature);
      const out: number[] = [];
      for (let r = 0; r < x.activations.tokenCount; r++) {
        let sum = 0;
        for (let i = 0; i < dims; i++) sum += m[r * dims + i] * v[i];
        out.push(sum);
      }
      return out;
    }),
  );

  const geometry = vectorGeometry(recipe.vectors);
  const header: VectorFileHeader = {
    format: 'emotion-lens-vectors',
    version: 1,
    emotions: [...emotions],
    dims,
    model,
    feature,
    aggregation: 'mean of the layer over all of a text\'s tokens',
    recipe: {
      denoise,
      neutralVarianceShare,
      removedComponents: recipe.removed.length,
      removedVarianceShare: round(recipe.removedVarianceShare),
    },
    corpus: {
      sha256: corpusSha256,
      trainTexts: encoded.filter(isTrainEmotion).length,
      neutralTexts: trainNeutral.length,
    },
    choice: { candidates: [], reason: '' },
    pcaExplainedVariance: geometry.explained.slice(0, 10).map(round),
  };
  return {
    header,
    vectors: recipe.vectors,
    textMean: text.mean,
    textStd: text.std,
    tokenMean: token.mean,
    tokenStd: token.std,
    coords: geometry.coords,
  };
}

/**
 * A hash of the corpus content that matters to calibration (ids, labels, splits,
 * texts), independent of how the entries are spread over files.
 */
export function corpusHash(entries: readonly Pick<CorpusEntry, 'id' | 'emotion' | 'kind' | 'split' | 'text'>[]): string {
  const hash = createHash('sha256');
  for (const e of [...entries].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    hash.update(JSON.stringify([e.id, e.emotion, e.kind, e.split, e.text]));
    hash.update('\n');
  }
  return hash.digest('hex');
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}
