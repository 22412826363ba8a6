/** Small dense-vector helpers on Float32Array; the heavy linear algebra is ml-matrix's. */

export function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}

export function norm(a: Float32Array): number {
  return Math.sqrt(dot(a, a));
}

/** The mean of equal-length vectors, accumulated in float64 so long sums stay exact. */
export function meanOf(vectors: readonly Float32Array[], dims = vectors[0]?.length ?? 0): Float32Array {
  const sum = new Float64Array(dims);
  for (const v of vectors) for (let i = 0; i < dims; i++) sum[i] += v[i];
  const out = new Float32Array(dims);
  for (let i = 0; i < dims; i++) out[i] = vectors.length ? sum[i] / vectors.length : 0;
  return out;
}

/** Mean over the rows of a row-major [rows x dims] matrix (e.g. a text's tokens). */
export function meanOfRows(matrix: Float32Array, rows: number, dims: number): Float32Array {
  const sum = new Float64Array(dims);
  for (let r = 0; r < rows; r++) for (let i = 0; i < dims; i++) sum[i] += matrix[r * dims + i];
  const out = new Float32Array(dims);
  for (let i = 0; i < dims; i++) out[i] = rows ? sum[i] / rows : 0;
  return out;
}

export function meanAndStd(values: ArrayLike<number>): { mean: number; std: number } {
  let mean = 0;
  for (let i = 0; i < values.length; i++) mean += values[i];
  mean /= values.length || 1;
  let sq = 0;
  for (let i = 0; i < values.length; i++) sq += (values[i] - mean) ** 2;
  return { mean, std: Math.sqrt(sq / Math.max(1, values.length - 1)) };
}

export function pearson(x: readonly number[], y: readonly number[]): number {
  const mx = meanAndStd(x).mean;
  const my = meanAndStd(y).mean;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxx && syy ? sxy / Math.sqrt(sxx * syy) : 0;
}
