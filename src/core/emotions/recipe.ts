import { PCA } from 'ml-pca';
import { chooseShrinkage } from './shrinkage';
import { ldaDirections, withinScatter } from './lda';
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
 *
 * The `lda` recipe keeps the denoising step and replaces the mean difference by
 * shrinkage-LDA directions (see lda.ts), with the shrinkage chosen by
 * cross-validation inside the training texts (see shrinkage.ts).
 */
export type RecipeKind = 'paper' | 'lda';
export const RECIPE_KINDS: readonly RecipeKind[] = ['lda', 'paper'];

export function parseRecipe(name: string): RecipeKind {
  if (!(RECIPE_KINDS as readonly string[]).includes(name)) throw new Error(`unknown recipe '${name}' (one of: ${RECIPE_KINDS.join(', ')})`);
  return name as RecipeKind;
}

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
  /** Mean difference (the paper) or shrinkage LDA; default the paper's. */
  kind?: RecipeKind;
}

export interface RecipeResult {
  /** One unit vector per emotion, in the emotion list's order. */
  vectors: Float32Array[];
  /** Neutral principal directions that were projected out (unit, orthogonal). */
  removed: Float32Array[];
  /** Share of neutral variance those directions explain. */
  removedVarianceShare: number;
  /** For `lda`: the shrinkage kept and the cross-validated top-5 of each one tried. */
  shrinkage?: { chosen: number; tried: Array<{ shrinkage: number; cvTop5: number }> };
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

  const { removed, share } = options.denoise
    ? neutralComponents(neutral, options.neutralVarianceShare)
    : { removed: [], share: 0 };
  if (options.kind === 'lda') {
    const project = (x: Float32Array) => projectOut(x, removed);
    const denoised = byEmotion.map((texts) => texts.map(project));
    const neutralDenoised = neutral.map(project);
    const shrinkage = chooseShrinkage(denoised, neutralDenoised);
    const means = denoised.map((texts) => meanOf(texts));
    const vectors = ldaDirections(withinScatter(denoised, means), means, shrinkage.chosen);
    return { vectors, removed, removedVarianceShare: share, shrinkage };
  }

  const emotionMeans = byEmotion.map((texts) => meanOf(texts));
  const grandMean = meanOf(emotionMeans);

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

/** A copy of x with its components along the unit, orthogonal directions `removed` taken out. */
export function projectOut(x: Float32Array, removed: readonly Float32Array[]): Float32Array {
  const v = Float32Array.from(x);
  for (const u of removed) {
    const along = dot(v, u);
    for (let i = 0; i < v.length; i++) v[i] -= along * u[i];
  }
  return v;
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
