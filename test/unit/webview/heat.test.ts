import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { heatLevel, heatScale, percentile, tokenHeat } from '../../../src/shared/heatScale';
import { STEPS, heatSegments } from '../../../webview/chartData/heatSegments';
import type { TokenHeat } from '../../../src/shared/protocol';

describe('heat scaling', () => {
  test('percentiles interpolate between ranks and ignore non-finite values', () => {
    const values = Array.from({ length: 101 }, (_, i) => i);
    assert.equal(percentile(values, 99), 99);
    assert.equal(percentile(values, 90), 90);
    assert.equal(percentile([0, 10], 50), 5);
    assert.equal(percentile([1, Number.NaN, 3], 50), 2);
    assert.ok(Number.isNaN(percentile([], 50)));
  });

  test('colour is scaled to the 99th percentile of |z|, highlights start above the 90th percentile of z', () => {
    const z = Array.from({ length: 1000 }, (_, i) => (i % 2 ? -1 : 1) * (i / 100));
    const { scale, highlight } = heatScale(z);
    assert.ok(Math.abs(scale - percentile(z.map(Math.abs), 99)) < 1e-9);
    assert.ok(Math.abs(highlight - percentile(z, 90)) < 1e-9);
    assert.ok(scale > 9.8 && scale < 9.92, `scale ${scale}`);
  });

  test('a flat sample still gets a usable scale', () => {
    assert.equal(heatScale([0, 0, 0]).scale, 1);
    assert.equal(heatScale([]).scale, 1);
    assert.equal(heatScale([]).highlight, Number.POSITIVE_INFINITY);
  });

  test('a heatmap says whether its percentiles come from the session or the completion alone', () => {
    const tokens = [{ start: 0, end: 3, z: 4 }, { start: 4, end: 7, z: 1 }];
    const own = tokenHeat('desperate', tokens);
    assert.equal(own.basis, 'completion');
    assert.equal(own.scale, percentile([4, 1], 99));
    const session = tokenHeat('desperate', tokens, [0.5, 1, 2, 8], true);
    assert.equal(session.basis, 'session');
    assert.equal(session.scale, percentile([0.5, 1, 2, 8], 99));
    assert.equal(session.truncated, true);
  });

  test('levels are z over the scale, clipped to [-1, 1]', () => {
    assert.equal(heatLevel(1, 2), 0.5);
    assert.equal(heatLevel(-5, 2), -1);
    assert.equal(heatLevel(5, 2), 1);
    assert.equal(heatLevel(Number.NaN, 2), 0);
    assert.equal(heatLevel(1, 0), 0);
  });
});

describe('heat segments', () => {
  const heat = (tokens: TokenHeat['tokens'], scale = 2, highlight = 1): TokenHeat => ({ emotion: 'desperate', tokens, scale, highlight, basis: 'session' });

  test('cover the whole text exactly once, tokens and the text between them', () => {
    const text = 'Tests still fail.';
    const segs = heatSegments(text, heat([{ start: 0, end: 5, z: 0.5 }, { start: 6, end: 11, z: 2 }, { start: 12, end: 16, z: -2 }]));
    assert.equal(segs.map((s) => s.text).join(''), text);
    assert.deepEqual(segs.map((s) => [s.text, s.step, s.hot]), [
      ['Tests', Math.round(0.25 * STEPS), false],
      [' ', 0, false],
      ['still', STEPS, true],
      [' ', 0, false],
      ['fail', -STEPS, false],
      ['.', 0, false],
    ]);
  });

  test('overlapping, unordered and out-of-range spans are clipped, never duplicated', () => {
    const text = 'abcdef';
    const segs = heatSegments(text, heat([{ start: 3, end: 99, z: 1 }, { start: 0, end: 4, z: 1 }, { start: 2, end: 2, z: 1 }, { start: 1.5, end: 3, z: 1 }]));
    assert.equal(segs.map((s) => s.text).join(''), text);
    assert.deepEqual(segs.map((s) => s.text), ['abcd', 'ef']);
  });

  test('without a heatmap the text is one plain segment', () => {
    assert.deepEqual(heatSegments('hello', undefined), [{ text: 'hello', step: 0, hot: false }]);
    assert.deepEqual(heatSegments('', undefined), []);
  });
});
