import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildEmotionVectors, neutralComponents } from '../../../src/core/emotions/recipe';
import { dot, meanOf } from '../../../src/core/emotions/vectorMath';
import { makeWorld } from './synthetic';

const EMOTIONS = 6;
const world = makeWorld(EMOTIONS, 48, 7);
const train = Array.from({ length: EMOTIONS * 40 }, (_, i) => ({ emotion: i % EMOTIONS, features: world.sample(i % EMOTIONS) }));
const neutral = Array.from({ length: 200 }, () => world.sample(null));

/** The planted directions minus their mean: what "mean of e minus mean of all" can recover. */
function centredPlanted(e: number): Float32Array {
  const mean = meanOf(world.planted);
  const v = world.planted[e].map((x, i) => x - mean[i]);
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

test('the recipe recovers planted emotion directions once neutral topic variance is projected out', () => {
  const { vectors, removed } = buildEmotionVectors(EMOTIONS, train, neutral, { denoise: true, neutralVarianceShare: 0.5 });
  assert.equal(vectors.length, EMOTIONS);
  assert.ok(removed.length >= 1, 'at least one neutral component removed');
  for (let e = 0; e < EMOTIONS; e++) {
    assert.ok(Math.abs(Math.hypot(...vectors[e]) - 1) < 1e-5, 'unit length');
    const cosine = dot(vectors[e], centredPlanted(e));
    assert.ok(cosine > 0.9, `emotion ${e}: cosine with planted direction ${cosine.toFixed(3)}`);
  }
});

test('denoising makes the vectors orthogonal to the dominant neutral direction', () => {
  const noisy = buildEmotionVectors(EMOTIONS, train, neutral, { denoise: false, neutralVarianceShare: 0.5 });
  const clean = buildEmotionVectors(EMOTIONS, train, neutral, { denoise: true, neutralVarianceShare: 0.5 });
  const leak = (vs: Float32Array[]) => Math.max(...vs.map((v) => Math.abs(dot(v, world.nuisance[0]))));
  assert.ok(leak(clean.vectors) < 0.05, `denoised leak ${leak(clean.vectors).toFixed(3)}`);
  assert.ok(leak(clean.vectors) < leak(noisy.vectors), 'denoising reduces the leak');
});

test('neutral components are the fewest that explain the requested share', () => {
  const { removed, share } = neutralComponents(neutral, 0.5);
  assert.ok(share >= 0.5);
  // One dominant nuisance direction carries most of the neutral variance.
  assert.equal(removed.length, 1);
  const fewer = neutralComponents(neutral, 0.01);
  assert.equal(fewer.removed.length, 1);
});

test('an emotion without training texts is an error, not a silent zero vector', () => {
  assert.throws(
    () => buildEmotionVectors(EMOTIONS + 1, train, neutral, { denoise: true, neutralVarianceShare: 0.5 }),
    /emotion #6 has no training texts/,
  );
});
