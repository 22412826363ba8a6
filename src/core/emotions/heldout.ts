/**
 * Held-out accuracy: for each held-out text, where does its own emotion rank among
 * the 171 readings? Chance is 1/171 for top-1 and 5/171 for top-5.
 */
export interface LabelledScores {
  emotion: number;
  scores: Float32Array;
}

/** A held-out corpus text's readings, labelled with its emotion and kind. */
export interface HeldoutReading extends LabelledScores {
  kind: 'story' | 'assistant' | 'neutral';
}

export interface Accuracy {
  texts: number;
  top1: number;
  top5: number;
}

/** 1-based rank of an emotion's reading; another emotion with an equal reading counts as ahead. */
export function rankOf(scores: Float32Array, emotion: number): number {
  const own = scores[emotion];
  let ahead = 0;
  for (let i = 0; i < scores.length; i++) if (i !== emotion && scores[i] >= own) ahead++;
  return ahead + 1;
}

export function accuracy(items: readonly LabelledScores[]): Accuracy {
  let top1 = 0;
  let top5 = 0;
  for (const item of items) {
    const rank = rankOf(item.scores, item.emotion);
    if (rank === 1) top1++;
    if (rank <= 5) top5++;
  }
  const n = items.length || 1;
  return { texts: items.length, top1: top1 / n, top5: top5 / n };
}

/** How often `target` is among the k highest readings of the given texts. */
export function inTopK(items: readonly LabelledScores[], target: number, k: number): number {
  if (items.length === 0) return 0;
  return items.filter((item) => rankOf(item.scores, target) <= k).length / items.length;
}

/**
 * ROC AUC: the probability that a random `positive` value exceeds a random
 * `negative` one (ties count half). 0.5 is chance, 1 perfect separation.
 */
export function rocAuc(positive: readonly number[], negative: readonly number[]): number {
  if (positive.length === 0 || negative.length === 0) return Number.NaN;
  let wins = 0;
  for (const p of positive) for (const n of negative) wins += p > n ? 1 : p === n ? 0.5 : 0;
  return wins / (positive.length * negative.length);
}
