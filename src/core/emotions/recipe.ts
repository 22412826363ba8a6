import { PCA } from 'ml-pca';
import { dot, meanOf, norm } from './vectorMath';

/**
 * The paper's recipe for emotion vectors, on features that are already one vector
 * per text (the mean of a text's token activations at one layer, or a pooled vector):
 *
 *   vector(e) = mean over e's texts − mean over every emotion's mean
 *   then project out the top principal components of neutral text that together
 *   explain `neutralVarianceShare` of its variance (denoising), then unit-normalise.
 *
 * Subtracting the mean of the per-emotion means (not of all texts) keeps an emotion
 * with more texts from pulling the shared baseline towards itself.
 */
export interface LabelledFeatures {
  /** Index into the emotion list. */
  emotion: number;
  features: Float32Array;
}

export interface RecipeOptions {
  /** Project out the neutral principal components (the paper's denoising step). */
  denoise: boolean;
  /** Share of the neutral variance the removed components explain together (paper: 0.5). */
  neutralVarianceShare: number;
}

export interface RecipeResult {
  /** One unit vector per emotion, in the emotion list's order. */
  vectors: Float32Array[];
  /** Neutral principal directions that were projected out (unit, orthogonal). */
  removed: Float32Array[];
  /** Share of neutral variance those directions explain. */
  removedVarianceShare: number;
}

export function buildEmotionVectors(
  emotionCount: number,
  train: readonly LabelledFeatures[],
  neutral: readonly Float32Array[],
  options: RecipeOptions,
): RecipeResult {
  const byEmotion: Float32Array[][] = Array.from({ length: emotionCount }, () => []);
  for (const t of train) byEmotion[t.emotion].push(t.features);
  const missing = byEmotion.findIndex((texts) => texts.length === 0);
  if (missing >= 0) throw new Error(`calibration: emotion #${missing} has no training texts`);

  const emotionMeans = byEmotion.map((texts) => meanOf(texts));
  const grandMean = meanOf(emotionMeans);
  const { removed, share } = options.denoise
    ? neutralComponents(neutral, options.neutralVarianceShare)
    : { removed: [], share: 0 };

  const vectors = emotionMeans.map((mean) => {
    const v = new Float32Array(mean.length);
    for (let i = 0; i < v.length; i++) v[i] = mean[i] - grandMean[i];
    for (const u of removed) {
      const along = dot(v, u);
      for (let i = 0; i < v.length; i++) v[i] -= along * u[i];
    }
    const length = norm(v);
    if (length === 0) throw new Error('calibration: an emotion vector vanished after denoising');
    for (let i = 0; i < v.length; i++) v[i] /= length;
    return v;
  });
  return { vectors, removed, removedVarianceShare: share };
}

/**
 * The fewest top principal components of the neutral features whose explained
 * variance adds up to at least `share`.
 */
export function neutralComponents(
  neutral: readonly Float32Array[],
  share: number,
): { removed: Float32Array[]; share: number } {
  if (neutral.length < 2) throw new Error('calibration: denoising needs at least two neutral texts');
  const pca = new PCA(neutral.map((f) => Array.from(f)), { center: true, scale: false });
  const explained = pca.getExplainedVariance();
  const loadings = pca.getEigenvectors(); // columns are components
  const removed: Float32Array[] = [];
  let total = 0;
  for (let k = 0; k < explained.length && total < share; k++) {
    removed.push(Float32Array.from(loadings.getColumn(k)));
    total += explained[k];
  }
  return { removed, share: total };
}
