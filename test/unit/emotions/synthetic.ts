/**
 * A synthetic world where the right answer is known: each emotion has a planted
 * unit direction; a text's activation is its emotion's direction times a strength,
 * plus a large "topic" component shared with neutral text, plus small noise.
 */
import { seeded } from '../../support/seeded';

export const seededRandom = seeded;

export function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random());
}

export function unitVector(dims: number, random: () => number): Float32Array {
  const v = Float32Array.from({ length: dims }, () => gaussian(random));
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

export interface World {
  dims: number;
  planted: Float32Array[];
  /** Directions of nuisance variation (topics) that neutral text also carries: one dominant, one minor. */
  nuisance: Float32Array[];
  sample(emotion: number | null): Float32Array;
}

export function makeWorld(emotions: number, dims: number, seed: number): World {
  const random = seededRandom(seed);
  const planted = Array.from({ length: emotions }, () => unitVector(dims, random));
  const nuisance = Array.from({ length: 2 }, () => unitVector(dims, random));
  return {
    dims,
    planted,
    nuisance,
    sample(emotion) {
      const v = new Float32Array(dims);
      for (let i = 0; i < dims; i++) v[i] = 0.05 * gaussian(random) + 1; // a shared offset plus noise
      for (const [k, n] of nuisance.entries()) {
        const w = (k === 0 ? 3 : 0.6) * gaussian(random);
        for (let i = 0; i < dims; i++) v[i] += w * n[i];
      }
      if (emotion !== null) for (let i = 0; i < dims; i++) v[i] += 0.8 * planted[emotion][i];
      return v;
    },
  };
}
