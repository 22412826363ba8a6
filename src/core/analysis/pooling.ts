import type { Pooling, SentenceReading } from './scoring';

/**
 * Pools the readable sentences' readings per emotion: the highest (`max`) or the
 * mean of the k highest (`top-k`). Undefined when no sentence is readable: the
 * caller then falls back to the whole text's reading.
 */
export function poolSentences(sentences: readonly SentenceReading[], pooling: Exclude<Pooling, { kind: 'mean' }>, emotions: number): Float32Array | undefined {
  const readable = sentences.filter((s) => s.readable);
  if (readable.length === 0) return undefined;
  const k = pooling.kind === 'max' ? 1 : Math.max(1, Math.min(pooling.k, readable.length));
  const out = new Float32Array(emotions);
  const column = new Float64Array(readable.length);
  for (let e = 0; e < emotions; e++) {
    readable.forEach((s, i) => (column[i] = s.scores[e]));
    column.sort();
    let sum = 0;
    for (let i = 0; i < k; i++) sum += column[column.length - 1 - i];
    out[e] = sum / k;
  }
  return out;
}

/** Parses `mean`, `max` or `top-K` (e.g. `top-2`), as the CLI and settings name them. */
export function parsePooling(name: string): Pooling {
  if (name === 'mean' || name === 'max') return { kind: name };
  const top = /^top-(\d+)$/.exec(name);
  if (top && Number(top[1]) >= 1) return { kind: 'top-k', k: Number(top[1]) };
  throw new Error(`unknown pooling '${name}' (mean, max or top-K such as top-2)`);
}

export function poolingName(pooling: Pooling): string {
  return pooling.kind === 'top-k' ? `top-${pooling.k}` : pooling.kind;
}
