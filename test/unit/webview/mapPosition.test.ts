import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mapPosition, orientAxes, pairs, type Point } from '../../../src/core/chartData/mapPosition';
import { placeLabels } from '../../../webview/chartData/labelLayout';

describe('valence/arousal map', () => {
  const coords: Point[] = [
    [2, 1],
    [-2, 1],
    [0, -2],
  ];

  test('a completion that reads as one emotion lands on that emotion', () => {
    const [x, y] = mapPosition([3, 0, 0], coords);
    assert.deepEqual([x, y], [2, 1]);
  });

  test('a mix lands between its emotions, weighted by how far each reads above the average', () => {
    // mean = 1; weights 2, 1, 0
    const [x, y] = mapPosition([3, 2, -2], coords);
    assert.ok(Math.abs(x - (2 * 2 + 1 * -2) / 3) < 1e-9);
    assert.ok(Math.abs(y - 1) < 1e-9);
  });

  test('equal readings sit at the centre of the cloud, whatever their level', () => {
    assert.deepEqual(mapPosition([5, 5, 5], coords), [0, 0]);
    assert.deepEqual(mapPosition([], coords), [0, 0]);
  });

  test('the axes are oriented: pleasant to the right, aroused on top', () => {
    const names = ['happy', 'sad', 'excited', 'calm'];
    const flipped: Point[] = [
      [-1, 0],
      [1, 0],
      [0, -1],
      [0, 1],
    ];
    assert.deepEqual(orientAxes(names, flipped), [
      [1, -0],
      [-1, -0],
      [-0, 1],
      [-0, -1],
    ]);
    const right: Point[] = [
      [1, 0],
      [-1, 0],
      [0, 1],
      [0, -1],
    ];
    assert.deepEqual(orientAxes(names, right), right);
  });

  test('row-major coordinates become pairs', () => {
    assert.deepEqual(pairs(new Float32Array([1, 2, 3, 4])), [
      [1, 2],
      [3, 4],
    ]);
  });

  test('labels are placed by priority and never overlap', () => {
    const shown = placeLabels([
      { id: 0, x: 0, y: 0, w: 50, h: 10, priority: 0 },
      { id: 1, x: 20, y: 5, w: 50, h: 10, priority: 3 },
      { id: 2, x: 100, y: 0, w: 20, h: 10, priority: 0 },
      { id: 3, x: 190, y: 0, w: 20, h: 10, priority: 5 },
    ], { width: 200, height: 100 });
    assert.deepEqual([...shown].sort(), [1, 2]);
  });
});
