import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clusterVectors, compareWithNorms, parseNormsCsv, vectorGeometry } from '../../../src/core/emotions/geometry';
import { accuracy, inTopK, rankOf } from '../../../src/core/emotions/heldout';
import { seededRandom, unitVector } from './synthetic';

test('PC1 of vectors spread along one planted axis explains most variance and orders them along it', () => {
  const random = seededRandom(3);
  const axis = unitVector(16, random);
  const valence = [-2, -1, -0.5, 0.5, 1, 2];
  const vectors = valence.map((v) => {
    const noise = unitVector(16, random);
    return axis.map((a, i) => v * a + 0.05 * noise[i]);
  });
  const { explained, coords } = vectorGeometry(vectors);
  assert.ok(explained[0] > 0.9, `PC1 explains ${explained[0]}`);
  const names = ['a', 'b', 'c', 'd', 'e', 'f'];
  const norms = names.map((word, i) => ({ word, valence: valence[i] * 2 + 5, arousal: 3 }));
  const fit = compareWithNorms(names, coords, norms);
  assert.equal(fit.wordsCovered, 6);
  assert.ok(fit.pc1Valence.r > 0.99, `r ${fit.pc1Valence.r}`);
});

test('norms CSV: reads Word, V.Mean.Sum and A.Mean.Sum by header, skips bad rows, explains a wrong file', () => {
  const csv = ',Word,V.Mean.Sum,V.SD.Sum,A.Mean.Sum\n1,calm,6.9,1.2,1.67\n2,broken,x,1,2\n3,Desperate,2.6,1.1,5.9\n';
  assert.deepEqual(parseNormsCsv(csv), [
    { word: 'calm', valence: 6.9, arousal: 1.67 },
    { word: 'desperate', valence: 2.6, arousal: 5.9 },
  ]);
  assert.throws(() => parseNormsCsv('word,valence\ncalm,1\n'), /no column 'Word'/);
});

test('k-means groups vectors that point the same way, with the same result every run', () => {
  const random = seededRandom(9);
  const a = unitVector(8, random);
  const b = unitVector(8, random);
  const jitter = (v: Float32Array) => v.map((x) => x + 0.01 * (random() - 0.5));
  const vectors = [jitter(a), jitter(a), jitter(a), jitter(b), jitter(b)];
  const names = ['a1', 'a2', 'a3', 'b1', 'b2'];
  const clusters = clusterVectors(names, vectors, 2);
  assert.deepEqual(clusters, [['a1', 'a2', 'a3'], ['b1', 'b2']]);
  assert.deepEqual(clusterVectors(names, vectors, 2), clusters);
});

test('held-out ranks: ties do not flatter the true emotion, top-k rates count correctly', () => {
  assert.equal(rankOf(Float32Array.from([1, 3, 3, 0]), 1), 2, 'a tie for first is not a top-1 hit');
  assert.equal(rankOf(Float32Array.from([5, 1, 3, 0]), 1), 3);
  const items = [
    { emotion: 0, scores: Float32Array.from([9, 1, 1, 1, 1, 1, 1]) },
    { emotion: 0, scores: Float32Array.from([0, 1, 2, 3, 4, 5, 6]) },
  ];
  assert.deepEqual(accuracy(items), { texts: 2, top1: 0.5, top5: 0.5 });
  assert.equal(inTopK(items, 6, 5), 0.5, 'ties with five others push emotion 6 out of the top 5 of the first text');
});
