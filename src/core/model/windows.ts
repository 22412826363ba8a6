/**
 * Cuts a long token sequence into overlapping windows the model can read (it
 * never saw positions past 128) and decides which window each token's reading
 * comes from: the one where the token sits closest to the centre, so every
 * token has context on both sides wherever the text allows.
 */

export interface TokenWindow {
  /** First token index (inclusive). */
  start: number;
  /** Last token index (exclusive). */
  end: number;
}

export const DEFAULT_WINDOW = 128;
export const DEFAULT_OVERLAP = 32;

/**
 * Windows of exactly `size` tokens (a shorter text gets one window of its own
 * length), spread evenly so that the first starts at 0, the last ends at `count`,
 * and neighbours overlap by at least `overlap` tokens.
 */
export function planWindows(count: number, size = DEFAULT_WINDOW, overlap = DEFAULT_OVERLAP): TokenWindow[] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`window size must be a positive integer, got ${size}`);
  if (!Number.isInteger(overlap) || overlap < 0 || overlap >= size) {
    throw new RangeError(`window overlap must be an integer in [0, ${size}), got ${overlap}`);
  }
  if (count <= 0) return [];
  if (count <= size) return [{ start: 0, end: count }];
  const stride = size - overlap;
  const n = Math.ceil((count - size) / stride) + 1;
  const span = count - size;
  return Array.from({ length: n }, (_, k) => {
    const start = Math.round((k * span) / (n - 1));
    return { start, end: start + size };
  });
}

/** For each token, the index of the window whose centre is nearest (ties go to the earlier window). */
export function assignOwners(windows: readonly TokenWindow[], count: number): Int32Array {
  const owner = new Int32Array(count);
  let k = 0;
  for (let t = 0; t < count; t++) {
    while (k + 1 < windows.length) {
      const a = windows[k] as TokenWindow;
      const b = windows[k + 1] as TokenWindow;
      if (t < b.start) break;
      const da = Math.abs(t - (a.start + a.end - 1) / 2);
      const db = Math.abs(t - (b.start + b.end - 1) / 2);
      if (db < da || t >= a.end) k++;
      else break;
    }
    owner[t] = k;
  }
  return owner;
}

/**
 * Builds one [count x width] array per layer from per-window rows, taking each
 * token's row from its owner window. windowRows[w][l] is window w's layer l,
 * row-major [windowLength x width].
 */
export function stitch(
  windows: readonly TokenWindow[],
  owners: Int32Array,
  windowRows: ReadonlyArray<ReadonlyArray<Float32Array>>,
  layers: number,
  width: number,
): Float32Array[] {
  const count = owners.length;
  return Array.from({ length: layers }, (_, l) => {
    const out = new Float32Array(count * width);
    for (let t = 0; t < count; t++) {
      const w = owners[t] as number;
      const rows = (windowRows[w] as ReadonlyArray<Float32Array>)[l] as Float32Array;
      const local = t - (windows[w] as TokenWindow).start;
      out.set(rows.subarray(local * width, (local + 1) * width), t * width);
    }
    return out;
  });
}

/** Mean of the rows of a row-major [count x width] array (float64 accumulation); zeros when count is 0. */
export function meanRows(rows: Float32Array, count: number, width: number): Float32Array {
  const acc = new Float64Array(width);
  for (let t = 0; t < count; t++) {
    const base = t * width;
    for (let d = 0; d < width; d++) acc[d] = (acc[d] as number) + (rows[base + d] as number);
  }
  const mean = new Float32Array(width);
  if (count > 0) for (let d = 0; d < width; d++) mean[d] = (acc[d] as number) / count;
  return mean;
}
