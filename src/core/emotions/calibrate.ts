import { createHash } from 'node:crypto';
import type { CorpusEntry } from '../corpus/loadCorpus';
import { Activate, FEATURE_KINDS } from './features';
import { readCalibrationData, isNeutralPassage, isTrain } from './calibrationData';
import { buildCandidate, type Candidate } from './candidate';
import type { HeldoutReading } from './heldout';
import { RECIPE_KINDS, type RecipeKind } from './recipe';
import { CandidateScore, FeatureKind, VectorFile } from './vectorFile';

export type { HeldoutReading } from './heldout';

/**
 * Builds the 171 emotion vectors for one model from the corpus, choosing the
 * recipe (the paper's mean difference or shrinkage LDA), the layer and whether to
 * denoise by held-out accuracy rather than by taste.
 *
 * Every text is read by the model once; the candidates are then cheap to build
 * and compare. Held-out texts are never used to build vectors or statistics, only
 * to score candidates.
 */
export interface CalibrationOptions {
  emotions: readonly string[];
  entries: readonly CorpusEntry[];
  activate: Activate;
  model: { id: string; sha256: string };
  /** Candidate features (default: the embedded encoder's two layers). */
  features?: readonly FeatureKind[];
  /** Candidate recipes (default: both). `['paper']` rebuilds the paper's vectors for comparison. */
  recipes?: readonly RecipeKind[];
  /** Recorded in the header for a `residual` feature: the layer read. */
  layer?: number;
  neutralVarianceShare?: number;
  /** Cut texts by their first token rows (exact for a causal LM) rather than reading them again. */
  cutByPrefix?: boolean;
  onProgress?: (done: number, total: number) => void;
  /** Texts read at once (the model batches their windows). */
  concurrency?: number;
  signal?: AbortSignal;
}

export interface Calibration {
  file: VectorFile;
  candidates: CandidateScore[];
  /** Every held-out text read with the kept vectors: what validation measures, without reading the texts again. */
  heldout: HeldoutReading[];
}

export async function calibrate(options: CalibrationOptions): Promise<Calibration> {
  const { emotions, entries } = options;
  const features = options.features ?? FEATURE_KINDS;
  const recipes = options.recipes ?? RECIPE_KINDS;
  const data = await readCalibrationData({
    emotions,
    entries,
    activate: options.activate,
    features,
    cutByPrefix: options.cutByPrefix ?? false,
    concurrency: options.concurrency ?? 16,
    onProgress: options.onProgress,
    signal: options.signal,
  });
  if (!data.texts.some((t) => isNeutralPassage(t) && isTrain(t))) throw new Error('calibration: the corpus has no neutral training passages');
  const corpus = { sha256: corpusHash(entries) };

  const candidates: Candidate[] = [];
  for (const recipe of recipes) {
    for (const feature of features) {
      for (const denoise of [true, false]) {
        options.signal?.throwIfAborted();
        const candidate = buildCandidate({ emotions, data, recipe, feature, denoise, neutralVarianceShare: options.neutralVarianceShare ?? 0.5, model: options.model, corpusSha256: corpus.sha256 });
        if (options.layer !== undefined) candidate.file.header.layer = options.layer;
        candidates.push(candidate);
      }
    }
  }

  const ranked = [...candidates].sort(
    (a, b) => b.score.storyTop5 - a.score.storyTop5 || b.score.assistantTop5 - a.score.assistantTop5 || b.score.storyTop1 - a.score.storyTop1,
  );
  const best = ranked[0];
  const scores = candidates.map((c) => c.score);
  const what = `${best.score.recipe === 'lda' ? `shrinkage LDA (shrinkage ${best.score.shrinkage})` : "the paper's mean difference"} on ${best.score.feature}${best.score.denoise ? ' with' : ' without'} denoising`;
  best.file.header.choice = {
    candidates: scores,
    reason:
      `kept ${what}: the highest held-out story top-5 accuracy (${pct(best.score.storyTop5)}; ties broken by ` +
      `assistant-passage top-5, then story top-1) of ${candidates.length} candidates (${recipes.join(' and ')} recipes; ` +
      `${features.length > 1 ? 'each layer' : features[0]}; with and without denoising).`,
  };
  return { file: best.file, candidates: scores, heldout: best.heldout };
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

function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}
