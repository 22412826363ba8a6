import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { meanOf } from './vectorMath';

/**
 * Shrinkage linear discriminant directions, one per emotion:
 *
 *   w(e) = S⁻¹ (mean(e) − mean of the emotion means),   S = (1 − λ)·Sw + λ·(tr Sw / d)·I
 *
 * where Sw is the covariance of the texts around their own emotion's mean (pooled
 * over emotions). The paper's mean difference treats every direction of the
 * activation space alike; dividing by Sw turns down directions in which texts of
 * one emotion already vary a lot (topic, length, wording), so what is left is
 * what tells emotions apart. With 512 dimensions and ~14 texts per emotion Sw is
 * poorly estimated, hence the shrinkage λ toward a scaled identity; λ = 1 gives
 * back the mean difference.
 *
 * Features are expected already denoised (the neutral principal components
 * projected out): those directions then have no within-emotion variance, the
 * identity part keeps S invertible there, and each w(e) stays orthogonal to them.
 */
export interface WithinScatter {
  /** Eigenvectors of Sw (columns) and their eigenvalues: S⁻¹ for any λ is then cheap. */
  vectors: Matrix;
  values: number[];
  /** tr(Sw) / d: the scale of the identity the covariance shrinks toward. */
  scale: number;
}

/** Pooled within-emotion covariance of `byEmotion` (each emotion's texts around its own mean), diagonalised. */
export function withinScatter(byEmotion: readonly Float32Array[][], means: readonly Float32Array[]): WithinScatter {
  const dims = means[0].length;
  const rows: number[][] = [];
  byEmotion.forEach((texts, e) => {
    for (const x of texts) rows.push(Array.from(x, (v, i) => v - means[e][i]));
  });
  const centred = new Matrix(rows);
  const dof = Math.max(1, rows.length - byEmotion.length);
  const sw = centred.transpose().mmul(centred).div(dof);
  const eig = new EigenvalueDecomposition(sw, { assumeSymmetric: true });
  const values = eig.realEigenvalues.map((v) => Math.max(0, v));
  return { vectors: eig.eigenvectorMatrix, values, scale: values.reduce((a, b) => a + b, 0) / dims };
}

/** Unit directions S⁻¹(mean(e) − grand mean) for one shrinkage λ in [0, 1]. */
export function ldaDirections(scatter: WithinScatter, means: readonly Float32Array[], shrinkage: number): Float32Array[] {
  const grand = meanOf(means);
  const { vectors, values, scale } = scatter;
  const inverse = values.map((v) => 1 / ((1 - shrinkage) * v + shrinkage * scale));
  const diffs = new Matrix(means.map((m) => Array.from(m, (v, i) => v - grand[i])));
  // (diffs · V) scaled per eigen-direction, then back: rows are w(e).
  const inEigen = diffs.mmul(vectors);
  for (let r = 0; r < inEigen.rows; r++) for (let c = 0; c < inEigen.columns; c++) inEigen.set(r, c, inEigen.get(r, c) * inverse[c]);
  const w = inEigen.mmul(vectors.transpose());
  return Array.from({ length: w.rows }, (_, r) => {
    const v = Float32Array.from(w.getRow(r));
    let length = 0;
    for (const x of v) length += x * x;
    length = Math.sqrt(length);
    if (length === 0) throw new Error('calibration: an emotion direction vanished');
    for (let i = 0; i < v.length; i++) v[i] /= length;
    return v;
  });
}
