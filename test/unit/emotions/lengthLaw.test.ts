import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitLengthLaw, neutralAt, type LengthSample } from '../../../src/core/emotions/lengthLaw';
import { gaussian, seededRandom } from './synthetic';

// Neutral projections whose mean and spread depend on length the way averaging makes them:
// mean 0.4 - 1.5/sqrt(n), variance 0.2 + 6/n.
function samples(lengths: readonly number[], perLength: number, seed: number, offset = 0): LengthSample[] {
  const random = seededRandom(seed);
  return lengths.flatMap((n) =>
    Array.from({ length: perLength }, () => ({ tokens: n, value: offset + 0.4 - 1.5 / Math.sqrt(n) + Math.sqrt(0.2 + 6 / n) * gaussian(random) })),
  );
}

test('the law recovers how neutral readings centre and spread with length', () => {
  const complete = samples([5, 8, 12, 20, 40, 60, 90, 120], 200, 1);
  const cut = samples([4, 6, 8, 12, 16, 24, 32, 48, 64, 96], 200, 2, -0.7);
  const fit = fitLengthLaw(complete, cut);
  assert.ok(Math.abs(fit.a - 0.4) < 0.1 && Math.abs(fit.b + 1.5) < 0.4, `mean law a=${fit.a} b=${fit.b}`);
  assert.ok(Math.abs(fit.c - 0.2) < 0.1 && Math.abs(fit.d - 6) < 1, `variance law c=${fit.c} d=${fit.d}`);
});

test('the mean comes from complete texts only: cut fragments that read lower do not drag it', () => {
  const complete = samples([5, 8, 12, 60, 90], 200, 3);
  const fragmentsLow = samples([4, 8, 16, 32], 400, 4, -1.5);
  const law = fitLengthLaw(complete, fragmentsLow);
  const one = { a: Float32Array.of(law.a), b: Float32Array.of(law.b), c: Float32Array.of(law.c), d: Float32Array.of(law.d) };
  const short = complete.filter((s) => s.tokens === 8).map((s) => (s.value - neutralAt(one, 0, 8).mean) / neutralAt(one, 0, 8).std);
  const mean = short.reduce((s, z) => s + z, 0) / short.length;
  assert.ok(Math.abs(mean) < 0.15, `complete 8-token texts read ${mean.toFixed(2)} on average`);
});

test('standardised by the law, short and long neutral texts spread alike', () => {
  const complete = samples([5, 6, 8, 10, 12, 16, 60, 80, 100, 120], 300, 5);
  const law = fitLengthLaw(complete, samples([4, 6, 8, 12, 16, 24, 32, 48, 64, 96], 200, 6));
  const one = { a: Float32Array.of(law.a), b: Float32Array.of(law.b), c: Float32Array.of(law.c), d: Float32Array.of(law.d) };
  const spread = (n: number) => {
    const z = samples([n], 2000, 7 + n).map((s) => (s.value - neutralAt(one, 0, n).mean) / neutralAt(one, 0, n).std);
    return Math.sqrt(z.reduce((s, x) => s + x * x, 0) / z.length);
  };
  for (const n of [6, 12, 100]) assert.ok(Math.abs(spread(n) - 1) < 0.12, `spread at ${n} tokens: ${spread(n).toFixed(2)}`);
});

test('a fit that would give a negative variance falls back to a constant one', () => {
  const flat = [...samples([5, 50], 50, 8)].map((s) => ({ ...s, value: s.tokens === 5 ? 0 : s.value }));
  const fit = fitLengthLaw(flat, []);
  assert.ok(fit.c > 0 && fit.d >= 0, `c=${fit.c} d=${fit.d}`);
});
