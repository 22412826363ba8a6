/**
 * Seeded random numbers for the tiny LM's weights. Each tensor gets its own mulberry32
 * stream (as test/support/seeded.ts), seeded from the model seed and the tensor's name,
 * so a weight does not change when another tensor is added or the generation order
 * changes, and the fp32, fp16 and int8 variants share the same underlying weights.
 *
 * Normal values come from a 65,536-entry inverse-CDF table (two per 32-bit draw) rather
 * than Box-Muller: a Qwen-0.5B-shaped proxy has 240M weights, and the table makes
 * them in about a second instead of fifteen. The distribution is a normal truncated at
 * about 4.3 sigma, which is all random test weights need.
 */

/** FNV-1a over the UTF-16 code units of `text`, mixed with `seed`. */
export function hashSeed(seed: number, text: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** Inverse of the standard normal CDF (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const tail = (q: number): number =>
    (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  const low = 0.02425;
  if (p < low) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - low) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}

let table: Float64Array | undefined;

/** Normal quantiles at the midpoints of 65,536 equal-probability bins (increasing with the bin). */
export function normalTable(): Float64Array {
  if (!table) {
    table = new Float64Array(65536);
    for (let i = 0; i < 65536; i++) table[i] = normalQuantile((i + 0.5) / 65536);
  }
  return table;
}

/** Fills `out` with bins of normalTable(), uniformly at random, from a mulberry32 stream seeded with `seed`. */
export function fillNormalBins(out: Uint16Array, seed: number): Uint16Array {
  const n = out.length;
  let a = seed >>> 0;
  for (let i = 0; i < n; i += 2) {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    x = (x ^ (x >>> 14)) >>> 0;
    out[i] = x & 0xffff;
    if (i + 1 < n) out[i + 1] = x >>> 16;
  }
  return out;
}

/** Fills `out` with normal(mean, std) values: the same stream as fillNormalBins, through the table. */
export function fillNormal(out: Float32Array, seed: number, std: number, mean = 0): Float32Array {
  const t = normalTable();
  const bins = fillNormalBins(new Uint16Array(out.length), seed);
  for (let i = 0; i < out.length; i++) out[i] = mean + std * (t[bins[i] as number] as number);
  return out;
}
