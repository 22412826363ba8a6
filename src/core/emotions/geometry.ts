import { PCA } from 'ml-pca';
import { kmeans } from 'ml-kmeans';
import { pearson } from './vectorMath';

/**
 * The geometry of the emotion vectors, as the paper reports it: the principal
 * components of the 171 vectors (PC1 should track valence, PC2 arousal) and a
 * k-means clustering of them.
 */
export interface VectorGeometry {
  /** Share of variance each principal component explains, largest first. */
  explained: number[];
  /** [E x 2] row-major: each vector's coordinates on PC1 and PC2. */
  coords: Float32Array;
}

export function vectorGeometry(vectors: readonly Float32Array[]): VectorGeometry {
  const pca = new PCA(vectors.map((v) => Array.from(v)), { center: true, scale: false });
  const projected = pca.predict(vectors.map((v) => Array.from(v)), { nComponents: 2 });
  const coords = new Float32Array(vectors.length * 2);
  for (let i = 0; i < vectors.length; i++) {
    coords[2 * i] = projected.get(i, 0);
    coords[2 * i + 1] = projected.get(i, 1);
  }
  return { explained: pca.getExplainedVariance(), coords };
}

/** k-means over the unit vectors with a fixed seed, so the same vectors give the same clusters. */
export function clusterVectors(names: readonly string[], vectors: readonly Float32Array[], k: number): string[][] {
  const result = kmeans(vectors.map((v) => Array.from(v)), k, { seed: 171, initialization: 'kmeans++' });
  const clusters: string[][] = Array.from({ length: k }, () => []);
  result.clusters.forEach((cluster, i) => clusters[cluster].push(names[i]));
  return clusters.filter((c) => c.length > 0).sort((a, b) => b.length - a.length);
}

export interface NormRow {
  word: string;
  valence: number;
  arousal: number;
}

/**
 * Reads human valence/arousal norms from a CSV with columns `Word`, `V.Mean.Sum` and
 * `A.Mean.Sum` (the layout of the Warriner et al. 2013 norms). Rows with missing or
 * non-numeric values are skipped.
 */
export function parseNormsCsv(text: string): NormRow[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = (lines.shift() ?? '').split(',').map((h) => h.trim().replace(/^"|"$/g, ''));
  const col = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`norms CSV has no column '${name}' (columns: ${header.slice(0, 8).join(', ')}, …)`);
    return i;
  };
  const [w, v, a] = [col('Word'), col('V.Mean.Sum'), col('A.Mean.Sum')];
  const rows: NormRow[] = [];
  for (const line of lines) {
    const cells = line.split(',');
    const valence = Number(cells[v]);
    const arousal = Number(cells[a]);
    const word = (cells[w] ?? '').trim().toLowerCase();
    if (word && Number.isFinite(valence) && Number.isFinite(arousal)) rows.push({ word, valence, arousal });
  }
  return rows;
}

export interface AxisFit {
  /** Pearson r after the sign flip that fits (PCA axes have no inherent sign). */
  r: number;
  /** True when the principal component's sign was flipped to fit. */
  flipped: boolean;
}

export interface NormsComparison {
  wordsCovered: number;
  pc1Valence: AxisFit;
  pc2Arousal: AxisFit;
  /** The other pairing too, since on a small model the axes can swap. */
  pc1Arousal: AxisFit;
  pc2Valence: AxisFit;
}

export function compareWithNorms(names: readonly string[], coords: Float32Array, norms: readonly NormRow[]): NormsComparison {
  const byWord = new Map(norms.map((n) => [n.word, n]));
  const pc1: number[] = [];
  const pc2: number[] = [];
  const valence: number[] = [];
  const arousal: number[] = [];
  names.forEach((name, i) => {
    const norm = byWord.get(name.toLowerCase());
    if (!norm) return;
    pc1.push(coords[2 * i]);
    pc2.push(coords[2 * i + 1]);
    valence.push(norm.valence);
    arousal.push(norm.arousal);
  });
  const fit = (x: number[], y: number[]): AxisFit => {
    const r = pearson(x, y);
    return { r: Math.abs(r), flipped: r < 0 };
  };
  return {
    wordsCovered: pc1.length,
    pc1Valence: fit(pc1, valence),
    pc2Arousal: fit(pc2, arousal),
    pc1Arousal: fit(pc1, arousal),
    pc2Valence: fit(pc2, valence),
  };
}
