import { CalibrationData, CutText, isNeutralPassage, isStatusLine, isTrain, READABILITY_LENGTHS } from './calibrationData';
import { vectorGeometry } from './geometry';
import { accuracy, HeldoutReading, rankOf, rocAuc } from './heldout';
import { fitLengthLaw, LengthLaw } from './lengthLaw';
import { EmotionReader } from './reader';
import { buildEmotionVectors, RecipeKind } from './recipe';
import { dot, meanAndStd } from './vectorMath';
import { CandidateScore, FeatureKind, VectorFile, VectorFileHeader } from './vectorFile';

/** One candidate recipe built from the calibration data and scored on the held-out split. */
export interface Candidate {
  score: CandidateScore;
  file: VectorFile;
  heldout: HeldoutReading[];
}

export interface CandidateOptions {
  emotions: readonly string[];
  data: CalibrationData;
  recipe: RecipeKind;
  feature: FeatureKind;
  denoise: boolean;
  neutralVarianceShare: number;
  model: { id: string; sha256: string };
  corpusSha256: string;
}

/** A cut emotional passage must put its own emotion in its top 5 at least this often to count as readable. */
const READABLE_TOP5 = 0.5;

export function buildCandidate(options: CandidateOptions): Candidate {
  const { emotions, data, feature } = options;
  const of = (x: { features: Map<FeatureKind, Float32Array> }) => x.features.get(feature)!;
  const trainEmotion = data.texts.filter((t) => t.entry.kind !== 'neutral' && isTrain(t) && t.emotion >= 0);
  const passages = data.texts.filter((t) => isNeutralPassage(t) && isTrain(t));
  const statusLines = data.texts.filter((t) => isStatusLine(t) && isTrain(t));
  const recipe = buildEmotionVectors(
    emotions.length,
    trainEmotion.map((t) => ({ emotion: t.emotion, features: of(t) })),
    passages.map(of),
    { denoise: options.denoise, neutralVarianceShare: options.neutralVarianceShare, kind: options.recipe },
  );
  const { vectors } = recipe;
  const dims = vectors[0].length;

  // Neutral statistics per emotion: of whole passages, of their single tokens, and as a law in length.
  const stats = (values: (v: Float32Array) => number[]) => {
    const mean = new Float32Array(emotions.length);
    const std = new Float32Array(emotions.length);
    vectors.forEach((v, e) => {
      const s = meanAndStd(values(v));
      mean[e] = s.mean;
      std[e] = s.std || 1;
    });
    return { mean, std };
  };
  const text = stats((v) => passages.map((t) => dot(of(t), v)));
  const token = stats((v) => data.neutralTokens.get(feature)!.flatMap((m) => projectRows(m, v, dims)));
  const complete = [...passages, ...statusLines];
  const law: LengthLaw = { a: new Float32Array(emotions.length), b: new Float32Array(emotions.length), c: new Float32Array(emotions.length), d: new Float32Array(emotions.length) };
  vectors.forEach((v, e) => {
    const fit = fitLengthLaw(
      complete.map((t) => ({ tokens: t.tokens, value: dot(of(t), v) })),
      data.neutralCuts.map((c) => ({ tokens: c.tokens, value: dot(of(c), v) })),
      passages.map((t) => ({ tokens: t.tokens, value: dot(of(t), v) })),
    );
    law.a[e] = fit.a;
    law.b[e] = fit.b;
    law.c[e] = fit.c;
    law.d[e] = fit.d;
  });

  const geometry = vectorGeometry(vectors);
  const header: VectorFileHeader = {
    format: 'emotion-lens-vectors',
    version: 2,
    emotions: [...emotions],
    dims,
    model: options.model,
    feature,
    aggregation: "mean of the layer over a text's tokens (a completion: over each sentence, see the session readers)",
    recipe: {
      kind: options.recipe,
      ...(recipe.shrinkage ? { shrinkage: recipe.shrinkage.chosen } : {}),
      denoise: options.denoise,
      neutralVarianceShare: options.neutralVarianceShare,
      removedComponents: recipe.removed.length,
      removedVarianceShare: round(recipe.removedVarianceShare),
    },
    corpus: { sha256: options.corpusSha256, trainTexts: trainEmotion.length, neutralTexts: passages.length },
    choice: { candidates: [], reason: '' },
    pcaExplainedVariance: geometry.explained.slice(0, 10).map(round),
    lengthLaw: {
      form: 'neutral mean(n) = a + b/sqrt(n) (complete neutral texts), variance(n) = c + d/n (d: cut and complete texts; c: whole passages), n = tokens read',
      completeTexts: complete.length,
      cutTexts: data.neutralCuts.length,
      minReadableTokens: 0,
      reason: '',
    },
  };
  const file: VectorFile = { header, vectors, textMean: text.mean, textStd: text.std, tokenMean: token.mean, tokenStd: token.std, coords: geometry.coords, lengthLaw: law };
  const reader = new EmotionReader(file);
  Object.assign(header.lengthLaw!, readableLength(reader, data.assistantCuts, of));

  const heldout: HeldoutReading[] = data.texts
    .filter((t) => t.entry.kind !== 'neutral' && t.entry.split === 'heldout' && t.emotion >= 0)
    .map((t) => ({ kind: t.entry.kind, emotion: t.emotion, scores: reader.readText(of(t), t.tokens) }));
  return { score: scoreOf(options, recipe.shrinkage?.chosen, heldout, emotions), file, heldout };
}

/**
 * The shortest length whose readings are worth showing: training assistant
 * passages are cut to a few lengths and read; the first length at which a cut
 * passage puts its own emotion in the top 5 at least half the time (chance is
 * 5 in 171) is the minimum.
 */
function readableLength(reader: EmotionReader, cuts: readonly CutText[], of: (c: CutText) => Float32Array): { minReadableTokens: number; reason: string } {
  const rates = READABILITY_LENGTHS.map((length) => {
    const at = cuts.filter((c) => c.tokens === length);
    const hits = at.filter((c) => rankOf(reader.readText(of(c), c.tokens), c.source.emotion) <= 5).length;
    return { length, rate: at.length ? hits / at.length : 0, texts: at.length };
  });
  const first = rates.find((r) => r.texts > 0 && r.rate >= READABLE_TOP5);
  const minReadableTokens = first?.length ?? READABILITY_LENGTHS[READABILITY_LENGTHS.length - 1];
  const table = rates.map((r) => `${r.length}: ${pct(r.rate)}`).join(', ');
  return {
    minReadableTokens,
    reason: `training assistant passages cut to n tokens put their own emotion in the top 5 at (${table}); the first n reaching ${pct(READABLE_TOP5)} is the minimum`,
  };
}

function scoreOf(options: CandidateOptions, shrinkage: number | undefined, heldout: readonly HeldoutReading[], emotions: readonly string[]): CandidateScore {
  const stories = accuracy(heldout.filter((h) => h.kind === 'story'));
  const assistant = accuracy(heldout.filter((h) => h.kind === 'assistant'));
  const desperate = emotions.indexOf('desperate');
  const calm = emotions.indexOf('calm');
  const passages = heldout.filter((h) => h.kind === 'assistant' && h.emotion === desperate);
  const auc = rocAuc(
    heldout.filter((h) => h.emotion === desperate).map((h) => h.scores[desperate]),
    heldout.filter((h) => h.emotion === calm).map((h) => h.scores[desperate]),
  );
  return {
    recipe: options.recipe,
    feature: options.feature,
    denoise: options.denoise,
    ...(shrinkage === undefined ? {} : { shrinkage }),
    storyTop1: round(stories.top1),
    storyTop5: round(stories.top5),
    assistantTop5: round(assistant.top5),
    ...(desperate < 0 ? {} : { desperateInTop5: { hits: passages.filter((h) => rankOf(h.scores, desperate) <= 5).length, of: passages.length } }),
    ...(desperate < 0 || calm < 0 || Number.isNaN(auc) ? {} : { desperateCalmAuc: round(auc) }),
  };
}

function projectRows(matrix: Float32Array, v: Float32Array, dims: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < matrix.length / dims; r++) {
    let sum = 0;
    for (let i = 0; i < dims; i++) sum += matrix[r * dims + i] * v[i];
    out.push(sum);
  }
  return out;
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}
