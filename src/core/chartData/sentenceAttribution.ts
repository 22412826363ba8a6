/**
 * The inspector's sentence shading: which prose sentences of a completion its reading
 * of one emotion comes from. Built from the per-sentence readings the analysis kept,
 * so opening the inspector runs no model. Code, tool output and paths inside a
 * sentence's span were never read and get no span (they stay unshaded).
 */
import type { Pooling, SentenceReading } from '../analysis/scoring';
import { blankNonProse } from '../analysis/prose';
import { poolingName } from '../analysis/pooling';
import type { SentenceAttribution, SentenceSpan } from '../../shared/protocol';
import { FULL_COLOUR_Z } from '../../shared/heatScale';

export interface AttributionInput {
  text: string;
  sentences: readonly SentenceReading[];
  /** The emotion's position in every score array, and its name. */
  emotionIndex: number;
  emotion: string;
  /** The completion's pooled reading of that emotion. */
  reading: number;
  pooling: Pooling;
}

export function sentenceAttribution(input: AttributionInput): SentenceAttribution {
  const { text, sentences, emotionIndex, pooling } = input;
  const kept = blankNonProse(text);
  const leads = leadSentences(sentences, emotionIndex, pooling);
  const spans: SentenceSpan[] = [];
  sentences.forEach((s, i) => {
    const z = s.readable ? round(s.scores[emotionIndex]) : null;
    for (const piece of proseWithin(text, kept, s.start, s.end)) {
      const span: SentenceSpan = { ...piece, z };
      if (leads.has(i)) span.lead = true;
      spans.push(span);
    }
  });
  return { emotion: input.emotion, spans, reading: round(input.reading), pooling: poolingName(pooling), scale: FULL_COLOUR_Z };
}

/** The sentences max or top-k pooling takes this emotion's reading from; none for the all-token mean. */
function leadSentences(sentences: readonly SentenceReading[], e: number, pooling: Pooling): Set<number> {
  if (pooling.kind === 'mean') return new Set();
  const k = pooling.kind === 'max' ? 1 : pooling.k;
  const ranked = sentences
    .map((s, i) => ({ i, z: s.scores[e] }))
    .filter(({ i, z }) => sentences[i].readable && Number.isFinite(z))
    .sort((a, b) => b.z - a.z);
  return new Set(ranked.slice(0, k).map((r) => r.i));
}

/**
 * The prose stretches of [start, end): cut wherever a character was blanked as code,
 * trimmed of white space, and kept only when they hold a word.
 */
function proseWithin(text: string, kept: string, start: number, end: number): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  const stop = Math.min(end, text.length);
  let from = Math.max(0, start);
  const push = (a: number, b: number) => {
    while (a < b && /\s/.test(text[a])) a++;
    while (b > a && /\s/.test(text[b - 1])) b--;
    if (b > a && /\p{L}/u.test(text.slice(a, b))) out.push({ start: a, end: b });
  };
  for (let i = from; i < stop; i++) {
    const code = i >= kept.length || (kept[i] === ' ' && !/\s/.test(text[i]));
    if (code) {
      push(from, i);
      from = i + 1;
    }
  }
  push(from, stop);
  return out;
}

function round(z: number): number {
  return Math.round(z * 1e4) / 1e4;
}
