/**
 * L2-regularised logistic regression over sparse features, fitted by full-batch
 * AdaGrad for a fixed number of passes: no randomness, so the same data always
 * gives the same weights (the committed weights can be reproduced exactly).
 */

export interface SparseRow {
  /** (feature index, value) pairs. */
  x: Array<[number, number]>;
  y: 0 | 1;
  /** How much this row counts in the loss (default 1). */
  weight?: number;
}

export interface FittedModel {
  bias: number;
  weights: Float64Array;
}

export interface FitOptions {
  /** Strength of the L2 penalty on the mean log loss (the bias is not penalised). */
  lambda: number;
  passes?: number;
  learningRate?: number;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function fitLogistic(rows: readonly SparseRow[], dims: number, options: FitOptions): FittedModel {
  const { lambda, passes = 600, learningRate = 0.3 } = options;
  const weights = new Float64Array(dims);
  const squares = new Float64Array(dims);
  const gradient = new Float64Array(dims);
  let bias = 0;
  let biasSquares = 0;
  const n = Math.max(1, rows.reduce((sum, r) => sum + (r.weight ?? 1), 0));
  for (let pass = 0; pass < passes; pass++) {
    gradient.fill(0);
    let biasGradient = 0;
    for (const row of rows) {
      let z = bias;
      for (const [i, v] of row.x) z += weights[i] * v;
      const error = (sigmoid(z) - row.y) * (row.weight ?? 1);
      biasGradient += error / n;
      for (const [i, v] of row.x) gradient[i] += (error * v) / n;
    }
    for (let i = 0; i < dims; i++) {
      const g = gradient[i] + lambda * weights[i];
      if (g === 0) continue;
      squares[i] += g * g;
      weights[i] -= (learningRate * g) / Math.sqrt(squares[i]);
    }
    biasSquares += biasGradient * biasGradient;
    if (biasSquares > 0) bias -= (learningRate * biasGradient) / Math.sqrt(biasSquares);
  }
  return { bias, weights };
}

export function predict(model: FittedModel, row: SparseRow): number {
  let z = model.bias;
  for (const [i, v] of row.x) z += model.weights[i] * v;
  return sigmoid(z);
}
