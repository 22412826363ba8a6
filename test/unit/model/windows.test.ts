import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { assignOwners, meanRows, planWindows, stitch } from '../../../src/core/model/windows';

describe('planWindows', () => {
  test('no tokens, no windows; a short text is one window of its own length', () => {
    assert.deepEqual(planWindows(0), []);
    assert.deepEqual(planWindows(1), [{ start: 0, end: 1 }]);
    assert.deepEqual(planWindows(128), [{ start: 0, end: 128 }]);
  });

  test('long texts: full 128-token windows from the first token to the last, overlapping by at least 32', () => {
    for (const count of [129, 200, 500, 1000, 4097]) {
      const ws = planWindows(count);
      assert.equal(ws[0]!.start, 0);
      assert.equal(ws.at(-1)!.end, count);
      for (const w of ws) assert.equal(w.end - w.start, 128);
      for (let k = 1; k < ws.length; k++) assert.ok(ws[k - 1]!.end - ws[k]!.start >= 32, `overlap at ${k} for ${count}`);
    }
    assert.equal(planWindows(500).length, 5);
  });

  test('bad sizes are refused', () => {
    assert.throws(() => planWindows(10, 0), RangeError);
    assert.throws(() => planWindows(10, 128, 128), RangeError);
  });
});

describe('assignOwners', () => {
  test('every token gets exactly one window that contains it, the one where it is most central', () => {
    for (const count of [1, 128, 129, 300, 777]) {
      const ws = planWindows(count);
      const owners = assignOwners(ws, count);
      for (let t = 0; t < count; t++) {
        const k = owners[t]!;
        const w = ws[k]!;
        assert.ok(t >= w.start && t < w.end, `token ${t} inside its window`);
        const dist = (i: number) => Math.abs(t - (ws[i]!.start + ws[i]!.end - 1) / 2);
        for (let i = 0; i < ws.length; i++) assert.ok(dist(k) <= dist(i), `token ${t}: window ${k} is at least as central as ${i}`);
        if (t > 0) assert.ok(owners[t - 1]! <= k, 'owners never go backwards');
      }
    }
  });

  test('away from the text edges a token has at least 16 tokens of context on each side', () => {
    const count = 1000;
    const ws = planWindows(count);
    const owners = assignOwners(ws, count);
    for (let t = 16; t < count - 16; t++) {
      const w = ws[owners[t]!]!;
      assert.ok(t - w.start >= 16 && w.end - 1 - t >= 16, `token ${t}`);
    }
  });
});

describe('stitch and meanRows', () => {
  test('each token row comes from its owner window', () => {
    const count = 300;
    const width = 3;
    const ws = planWindows(count);
    const owners = assignOwners(ws, count);
    // Window w's row for token t holds [w, t, layer].
    const rows = ws.map((w, k) => [0, 1].map((l) => {
      const a = new Float32Array((w.end - w.start) * width);
      for (let i = 0; i < w.end - w.start; i++) a.set([k, w.start + i, l], i * width);
      return a;
    }));
    const out = stitch(ws, owners, rows, 2, width);
    assert.equal(out.length, 2);
    for (let t = 0; t < count; t++) {
      for (const l of [0, 1]) assert.deepEqual(Array.from(out[l]!.subarray(t * width, (t + 1) * width)), [owners[t], t, l]);
    }
  });

  test('meanRows averages rows and gives zeros for no rows', () => {
    assert.deepEqual(Array.from(meanRows(Float32Array.from([1, 2, 3, 4]), 2, 2)), [2, 3]);
    assert.deepEqual(Array.from(meanRows(new Float32Array(0), 0, 2)), [0, 0]);
  });
});
