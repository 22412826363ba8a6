/**
 * The valence/arousal map: the emotion vectors' first two principal components, and
 * where a completion lands on them.
 *
 * A completion's position is its score vector projected onto the map as a weighted
 * mean of the emotions' coordinates, each weighted by how far the completion reads
 * above its own average reading for that emotion (negative weights clipped to 0).
 * Why this and not a linear projection of the activation onto PC1/PC2: the scores are
 * what the user sees, the position then lies inside the cloud of labelled points
 * (so "reads like desperate" lands near "desperate"), and it needs no activations,
 * so the host can compute it once per completion from the readings it keeps.
 */

export type Point = [number, number];

/** Anchor words: the side of each axis they sit on fixes the sign PCA leaves arbitrary. */
const PLEASANT = ['happy', 'joyful', 'delighted', 'cheerful', 'pleased', 'content', 'grateful'];
const UNPLEASANT = ['sad', 'miserable', 'depressed', 'afraid', 'angry', 'desperate', 'gloomy'];
const AROUSED = ['excited', 'terrified', 'panicked', 'enraged', 'thrilled', 'alarmed', 'hysterical'];
const SUBDUED = ['calm', 'sleepy', 'relaxed', 'tired', 'peaceful', 'serene', 'bored'];

function meanOf(names: readonly string[], coords: readonly Point[], words: readonly string[], axis: 0 | 1): number {
  let sum = 0;
  let n = 0;
  for (const w of words) {
    const i = names.indexOf(w);
    if (i >= 0 && coords[i]) {
      sum += coords[i][axis];
      n++;
    }
  }
  return n ? sum / n : 0;
}

/** Flips PC1 so pleasant emotions are on the right and PC2 so aroused ones are on top. */
export function orientAxes(names: readonly string[], coords: readonly Point[]): Point[] {
  const flipX = meanOf(names, coords, PLEASANT, 0) < meanOf(names, coords, UNPLEASANT, 0) ? -1 : 1;
  const flipY = meanOf(names, coords, AROUSED, 1) < meanOf(names, coords, SUBDUED, 1) ? -1 : 1;
  return coords.map(([x, y]) => [x * flipX, y * flipY]);
}

/** Reads `coords` from the row-major [E x 2] array that vectorGeometry returns. */
export function pairs(coords: ArrayLike<number>): Point[] {
  const out: Point[] = [];
  for (let i = 0; i + 1 < coords.length; i += 2) out.push([coords[i], coords[i + 1]]);
  return out;
}

/** Where a completion with these readings (catalog order) lies on the map. */
export function mapPosition(scores: ArrayLike<number>, coords: readonly Point[]): Point {
  const n = Math.min(scores.length, coords.length);
  if (n === 0) return [0, 0];
  let mean = 0;
  for (let i = 0; i < n; i++) mean += Number.isFinite(scores[i]) ? scores[i] : 0;
  mean /= n;
  let wx = 0;
  let wy = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const w = Number.isFinite(scores[i]) ? Math.max(0, scores[i] - mean) : 0;
    wx += w * coords[i][0];
    wy += w * coords[i][1];
    total += w;
  }
  if (total > 0) return [wx / total, wy / total];
  // Every reading equal: the completion leans nowhere, so it sits at the cloud's centre.
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < n; i++) {
    cx += coords[i][0];
    cy += coords[i][1];
  }
  return [cx / n, cy / n];
}
