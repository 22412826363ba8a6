/**
 * Cuts a completion's text into runs for the heatmap: each token's span with its
 * colour level, and the text between tokens as plain runs, so the whole text is shown
 * exactly once whatever the spans look like (overlapping, unordered or out of range
 * spans are clipped, never duplicated or dropped).
 */
import type { TokenHeat } from '../../src/shared/protocol';
import { heatLevel } from '../../src/shared/heatScale';

export interface HeatSegment {
  text: string;
  /** The token's reading; undefined for text between tokens. */
  z?: number;
  /** Colour step, -STEPS..STEPS (sign = direction); 0 for no colour. */
  step: number;
  /** Above the highlight cut (the 90th percentile). */
  hot: boolean;
}

export const STEPS = 10;

export function heatSegments(text: string, heat: TokenHeat | undefined): HeatSegment[] {
  if (!heat || heat.tokens.length === 0) return text ? [{ text, step: 0, hot: false }] : [];
  const tokens = heat.tokens
    .filter((t) => Number.isInteger(t.start) && Number.isInteger(t.end) && t.end > t.start)
    .sort((a, b) => a.start - b.start);
  const out: HeatSegment[] = [];
  let at = 0;
  for (const t of tokens) {
    const start = Math.max(t.start, at);
    const end = Math.min(t.end, text.length);
    if (end <= start) continue;
    if (start > at) out.push({ text: text.slice(at, start), step: 0, hot: false });
    const level = heatLevel(t.z, heat.scale);
    out.push({ text: text.slice(start, end), z: t.z, step: Math.round(level * STEPS), hot: t.z > heat.highlight });
    at = end;
  }
  if (at < text.length) out.push({ text: text.slice(at), step: 0, hot: false });
  return out;
}
