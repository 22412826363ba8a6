import { rankOf } from './heldout';
import { ldaDirections, withinScatter } from './lda';
import { dot, meanAndStd, meanOf } from './vectorMath';

/** The shrinkage values tried; 1 is the plain mean difference (on denoised features). */
export const SHRINKAGE_GRID: readonly number[] = [0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1];
export const SHRINKAGE_FOLDS = 5;

/**
 * Chooses the LDA shrinkage by k-fold cross-validation inside the training texts
 * only (the held-out split is never seen here): each fold's texts are read with
 * directions built from the other folds, standardised against the neutral texts
 * as readings are, and scored by how often their own emotion is in the top 5.
 * Text j of an emotion goes to fold j mod k, so every fold holds every emotion
 * that has at least k texts, and the choice is the same on every run.
 */
export function chooseShrinkage(
  byEmotion: readonly Float32Array[][],
  neutral: readonly Float32Array[],
  grid: readonly number[] = SHRINKAGE_GRID,
  folds = SHRINKAGE_FOLDS,
): { chosen: number; tried: Array<{ shrinkage: number; cvTop5: number }> } {
  const hits = grid.map(() => 0);
  let scored = 0;
  for (let fold = 0; fold < folds; fold++) {
    const train = byEmotion.map((texts) => texts.filter((_, j) => j % folds !== fold));
    if (train.some((texts) => texts.length === 0)) continue;
    const test = byEmotion.flatMap((texts, emotion) => texts.filter((_, j) => j % folds === fold).map((features) => ({ emotion, features })));
    const means = train.map((texts) => meanOf(texts));
    const scatter = withinScatter(train, means);
    grid.forEach((shrinkage, g) => {
      const vectors = ldaDirections(scatter, means, shrinkage);
      const stats = vectors.map((v) => meanAndStd(neutral.map((n) => dot(n, v))));
      for (const t of test) {
        const scores = Float32Array.from(vectors, (v, e) => (dot(t.features, v) - stats[e].mean) / (stats[e].std || 1));
        if (rankOf(scores, t.emotion) <= 5) hits[g]++;
      }
    });
    scored += test.length;
  }
  const tried = grid.map((shrinkage, g) => ({ shrinkage, cvTop5: round(hits[g] / Math.max(1, scored)) }));
  // Ties go to the larger shrinkage: the simpler model, closer to the mean difference.
  const best = tried.reduce((a, b) => (b.cvTop5 > a.cvTop5 || (b.cvTop5 === a.cvTop5 && b.shrinkage > a.shrinkage) ? b : a));
  return { chosen: best.shrinkage, tried };
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
