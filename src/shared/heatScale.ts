/**
 * The colour scale of the inspector's sentence shading, shared so the host (which
 * sets the scale) and the webview (which colours) agree. Sentence readings are
 * z-scores against neutral text of the same length, so one fixed scale means the
 * same thing in every completion and session.
 */

/** |z| at which a sentence takes full colour: beyond 3 standard deviations of neutral text. */
export const FULL_COLOUR_Z = 3;

/** A reading's colour strength in [-1, 1]: its z over the scale, clipped (sign = direction). */
export function heatLevel(z: number, scale: number): number {
  if (!Number.isFinite(z) || !(scale > 0)) return 0;
  return Math.max(-1, Math.min(1, z / scale));
}
