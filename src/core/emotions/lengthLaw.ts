/**
 * How neutral text reads as a function of its length in tokens. A reading is the
 * projection of a text's mean activation, and a mean over 5 tokens spreads far
 * wider than one over 100: standardising a short status line ("Running the tests
 * now.") against long neutral passages made it read 5-10 neutral standard
 * deviations from 0. So each emotion's neutral statistics are a law in n:
 *
 *   mean(n) = a + b / √n          fitted on complete neutral texts (short status
 *                                 lines and passages), because a complete short
 *                                 sentence reads differently from a fragment cut
 *                                 out of a longer text;
 *   var(n)  = c + d / n           d (what averaging fewer tokens adds) fitted on
 *                                 neutral passages cut to 4-96 tokens and on the
 *                                 complete texts binned by length; c then set so
 *                                 that whole neutral passages read with variance 1,
 *                                 as they did before the law (the spread between
 *                                 whole texts is best measured on whole texts, and
 *                                 a c taken from the fit alone mis-scaled emotions
 *                                 against each other at 50-150 tokens: held-out
 *                                 story top-5 fell from 41% to 37%).
 */
export interface LengthLaw {
  /** Per emotion, in the vector file's order. */
  a: Float32Array;
  b: Float32Array;
  c: Float32Array;
  d: Float32Array;
}

/** One neutral text's projection on an emotion direction, with its length in tokens. */
export interface LengthSample {
  tokens: number;
  value: number;
}

/** Neutral statistics of one emotion at a length: what a reading of n tokens is standardised against. */
export function neutralAt(law: LengthLaw, emotion: number, tokens: number): { mean: number; std: number } {
  const n = Math.max(1, tokens);
  const variance = law.c[emotion] + law.d[emotion] / n;
  return { mean: law.a[emotion] + law.b[emotion] / Math.sqrt(n), std: Math.sqrt(Math.max(variance, 1e-12)) };
}

/**
 * The fit for one emotion: complete texts for the mean, complete and cut texts for
 * the variance's length term, and `whole` (whole neutral passages, default the
 * complete texts) for its constant.
 */
export function fitLengthLaw(complete: readonly LengthSample[], cut: readonly LengthSample[], whole: readonly LengthSample[] = complete): { a: number; b: number; c: number; d: number } {
  const mean = leastSquares(complete.map((s) => [1 / Math.sqrt(s.tokens), s.value, 1]));
  const meanAt = (n: number) => mean.intercept + mean.slope / Math.sqrt(n);
  // Variance points: per length bin, the spread of the cut fragments around their
  // own bin mean, and of the complete texts around the mean law.
  const points: number[][] = [];
  for (const bin of binByLength(cut)) {
    const m = bin.reduce((s, x) => s + x.value, 0) / bin.length;
    const v = bin.reduce((s, x) => s + (x.value - m) ** 2, 0) / Math.max(1, bin.length - 1);
    points.push([1 / medianTokens(bin), v, bin.length]);
  }
  for (const bin of binByLength(complete)) {
    const v = bin.reduce((s, x) => s + (x.value - meanAt(x.tokens)) ** 2, 0) / bin.length;
    points.push([1 / medianTokens(bin), v, bin.length]);
  }
  const variance = leastSquares(points);
  // A negative part would make a variance negative at some length: fall back to
  // the weighted mean variance with no length term.
  if (variance.intercept <= 0 || variance.slope < 0) {
    const w = points.reduce((s, p) => s + p[2], 0);
    return { a: mean.intercept, b: mean.slope, c: points.reduce((s, p) => s + p[1] * p[2], 0) / w, d: 0 };
  }
  const d = variance.slope;
  let excess = 0;
  for (const s of whole) excess += (s.value - meanAt(s.tokens)) ** 2 - d / s.tokens;
  const c = whole.length > 0 ? excess / whole.length : variance.intercept;
  // Whole texts that vary less than the length term alone predicts: keep the fitted constant.
  return { a: mean.intercept, b: mean.slope, c: c > 0 ? c : variance.intercept, d };
}

/** Weighted least squares y = intercept + slope·x over [x, y, weight] rows. */
function leastSquares(rows: readonly number[][]): { intercept: number; slope: number } {
  let sw = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (const [x, y, w] of rows) {
    sw += w;
    sx += w * x;
    sy += w * y;
    sxx += w * x * x;
    sxy += w * x * y;
  }
  const denominator = sw * sxx - sx * sx;
  if (sw === 0) return { intercept: 0, slope: 0 };
  if (Math.abs(denominator) < 1e-12) return { intercept: sy / sw, slope: 0 };
  const slope = (sw * sxy - sx * sy) / denominator;
  return { intercept: (sy - slope * sx) / sw, slope };
}

/** Samples grouped into length bins whose edges grow by half each time (4-5, 6-8, 9-13 …). */
function binByLength(samples: readonly LengthSample[]): LengthSample[][] {
  const bins = new Map<number, LengthSample[]>();
  for (const s of samples) {
    const key = Math.floor(Math.log(Math.max(1, s.tokens)) / Math.log(1.5));
    const bin = bins.get(key);
    if (bin) bin.push(s);
    else bins.set(key, [s]);
  }
  return [...bins.values()].filter((bin) => bin.length >= 10);
}

function medianTokens(bin: readonly LengthSample[]): number {
  const sorted = bin.map((s) => s.tokens).sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)];
}
