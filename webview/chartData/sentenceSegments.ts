/**
 * Cuts a completion's text into runs for the inspector's sentence shading: each
 * prose span with its sentence's colour level, and everything else (code, tool
 * output, the space between sentences) as plain runs, so the whole text is shown
 * exactly once whatever the spans look like (overlapping, unordered or out of range
 * spans are clipped, never duplicated or dropped).
 */
import type { SentenceAttribution } from '../../src/shared/protocol';
import { heatLevel } from '../../src/shared/heatScale';
import { formatZ } from './timelineData';

export interface SentenceSegment {
  text: string;
  /** The sentence's reading; null when it was too short to read alone; undefined for text outside every sentence. */
  z?: number | null;
  /** Colour step, -STEPS..STEPS (sign = direction); 0 for no colour. */
  step: number;
  /** The sentence the completion's reading is pooled from. */
  lead: boolean;
}

export const STEPS = 10;

export function sentenceSegments(text: string, attribution: SentenceAttribution | undefined): SentenceSegment[] {
  if (!attribution || attribution.spans.length === 0) return text ? [{ text, step: 0, lead: false }] : [];
  const spans = attribution.spans
    .filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.end > s.start)
    .sort((a, b) => a.start - b.start);
  const out: SentenceSegment[] = [];
  let at = 0;
  for (const s of spans) {
    const start = Math.max(s.start, at);
    const end = Math.min(s.end, text.length);
    if (end <= start) continue;
    if (start > at) out.push({ text: text.slice(at, start), step: 0, lead: false });
    const z = typeof s.z === 'number' && Number.isFinite(s.z) ? s.z : null;
    out.push({ text: text.slice(start, end), z, step: z === null ? 0 : Math.round(heatLevel(z, attribution.scale) * STEPS), lead: s.lead === true });
    at = end;
  }
  if (at < text.length) out.push({ text: text.slice(at), step: 0, lead: false });
  return out;
}

/** A sentence's hover text: its reading, or why it has none. */
export function sentenceTitle(emotion: string, segment: SentenceSegment): string {
  if (segment.z === null) return 'Too short to read on its own: not part of the reading';
  const lead = segment.lead ? ' (the reading is taken from this sentence)' : '';
  return `This sentence reads ${emotion} ${formatZ(segment.z ?? Number.NaN)}${lead}`;
}

/**
 * The one plain line above the text saying what the shading means, in this
 * completion's numbers.
 */
export function attributionLegend(attribution: SentenceAttribution | undefined, emotion: string): string {
  if (!attribution) return `No sentence readings of ${emotion} for this completion.`;
  const { reading, pooling, scale } = attribution;
  const e = attribution.emotion;
  if (attribution.spans.length === 0) return `This completion reads ${e} ${formatZ(reading)} over its whole text; no sentence readings were kept, so nothing is shaded.`;
  if (attribution.spans.every((s) => s.z === null)) {
    return `This completion reads ${e} ${formatZ(reading)} as a whole; none of its sentences is long enough to read on its own.`;
  }
  const from = pooling === 'max' ? 'its highest sentence, outlined' : pooling.startsWith('top-') ? `the mean of its ${pooling.slice(4)} highest sentences, outlined` : 'read over its whole text';
  return (
    `Each prose sentence is shaded by its own reading of ${e} (red above neutral text, blue below, full colour at |z| ≥ ${scale}): ` +
    `where the completion's ${formatZ(reading)} (${from}) comes from, not an emotion per word; code and tool output are not read.`
  );
}

/** What the inspector says of a completion it did not read, in place of its numbers. */
export function unreadableNote(reason: string): string {
  return `Not read: ${reason}. Its readings are not shown, it is drawn hollow on the timeline, and it never drives a warning.`;
}
