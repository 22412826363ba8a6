/**
 * Scaling of per-token heatmaps, as in the paper's figures: colour is scaled to the
 * transcript's 99th percentile and tokens above the 90th are highlighted. Pure, so
 * the host (which computes the percentiles) and the webview (which colours) agree.
 */
import type { TokenHeat, HeatToken } from './protocol';

/** The p-th percentile (0..100) with linear interpolation between ranks; NaN for no values. */
export function percentile(values: ArrayLike<number>, p: number): number {
  const finite = Array.from(values).filter(Number.isFinite);
  if (finite.length === 0) return Number.NaN;
  finite.sort((a, b) => a - b);
  const rank = (Math.min(100, Math.max(0, p)) / 100) * (finite.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return finite[lo] + (finite[hi] - finite[lo]) * (rank - lo);
}

/**
 * The colour scale (99th percentile of |z|) and highlight cut (90th percentile of z)
 * of a sample of token readings. A sample with no spread still gets a usable scale
 * of 1, so a flat text shows pale rather than saturated.
 */
export function heatScale(tokenZ: ArrayLike<number>): { scale: number; highlight: number } {
  const abs = Array.from(tokenZ, Math.abs);
  const p99 = percentile(abs, 99);
  const p90 = percentile(tokenZ, 90);
  return {
    scale: Number.isFinite(p99) && p99 > 1e-9 ? p99 : 1,
    highlight: Number.isFinite(p90) ? p90 : Number.POSITIVE_INFINITY,
  };
}

/**
 * A completion's heatmap for one emotion. `sessionSample` holds the token readings of
 * the whole session for that emotion (this completion's included); without it the
 * percentiles come from this completion alone, and the result says so.
 */
export function tokenHeat(
  emotion: string,
  tokens: readonly HeatToken[],
  sessionSample?: ArrayLike<number>,
  truncated = false,
): TokenHeat {
  const basis = sessionSample && sessionSample.length > 0 ? 'session' : 'completion';
  const { scale, highlight } = heatScale(basis === 'session' ? (sessionSample as ArrayLike<number>) : tokens.map((t) => t.z));
  const heat: TokenHeat = { emotion, tokens: tokens.map(({ start, end, z }) => ({ start, end, z })), scale, highlight, basis };
  if (truncated) heat.truncated = true;
  return heat;
}

/** A token's colour strength in [-1, 1]: its z over the scale, clipped (sign = direction). */
export function heatLevel(z: number, scale: number): number {
  if (!Number.isFinite(z) || !(scale > 0)) return 0;
  return Math.max(-1, Math.min(1, z / scale));
}
