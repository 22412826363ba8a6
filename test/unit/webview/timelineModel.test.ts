import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SessionViewBuilder } from '../../../src/core/chartData/sessionViewBuilder';
import { TimelineModel } from '../../../webview/chartData/timelineModel';
import { completionTooltip, flagPoints, formatZ, linePoints, runPoints, runTooltip, summaryLine, xRange } from '../../../webview/chartData/timelineData';
import { trail } from '../../../webview/chartData/mapData';
import { COORDS, NAMES, completion, run, scores } from './helpers';

function setup() {
  const b = new SessionViewBuilder({ key: 'k', title: 'T', assistant: 'aider', model: 'embedded USE-lite', emotions: NAMES, coords: COORDS, minFailingRuns: 2 });
  b.addEvent(completion(0), scores('calm', 1));
  b.addEvent(run('r0', 'fail'));
  b.addEvent(completion(1), scores('desperate', 2));
  b.addEvent(run('r1', 'fail'));
  const model = new TimelineModel(b.view(['desperate', 'calm']));
  return { b, model };
}

describe('the webview copy of a session', () => {
  test('an append adds the plotted readings of new completions, once', () => {
    const { b, model } = setup();
    b.addEvent(completion(2), scores('desperate', 3));
    b.addEvent(run('r2', 'pass'));
    b.addFlag({ completionIndex: 2, reason: 'desperation', message: 'm' });
    const append = b.takeAppend(['desperate', 'calm']);
    assert.ok(append);
    const r = model.append(append);
    assert.deepEqual(r.added, [2]);
    assert.equal(r.reordered, false);
    assert.deepEqual(model.series.get('desperate'), [0, 2, 3]);
    assert.deepEqual(model.series.get('calm'), [1, 0, 0]);
    assert.deepEqual(r.runs.map((x) => x.id), ['r2']);
    assert.equal(r.flags.length, 1);
    assert.equal(r.loopsChanged, false, 'the loop ended, but its span did not change');
    const again = model.append(append);
    assert.deepEqual([again.added, again.runs, again.flags], [[], [], []], 'a repeated append changes nothing');
    assert.equal(model.completions.length, 3);
  });

  test('a completion that arrives late goes in its place and says the series must be re-laid', () => {
    const { model } = setup();
    const r = model.append({ key: 'k', completions: [{ index: 5, id: 'c5', firstLine: '', top: [], pos: [0, 0], readings: { calm: 5 } }, { index: 3, id: 'c3', firstLine: '', top: [], pos: [0, 0], readings: { calm: 3 } }], testRuns: [], flags: [], loops: [] });
    assert.deepEqual(model.completions.map((c) => c.index), [0, 1, 3, 5]);
    assert.deepEqual(model.series.get('calm'), [1, 0, 3, 5]);
    assert.equal(r.reordered, true);
    assert.equal(r.loopsChanged, true, 'the append says the session has no loop now');
  });

  test('readings of an added emotion are aligned by completion index; missing ones are gaps', () => {
    const { model } = setup();
    model.addSeries({ indices: [1], values: { hopeful: [0.7] } });
    assert.deepEqual(model.emotions, ['desperate', 'calm', 'hopeful']);
    assert.ok(Number.isNaN(model.series.get('hopeful')?.[0]));
    assert.equal(model.series.get('hopeful')?.[1], 0.7);
    model.removeEmotion('calm');
    assert.deepEqual(model.emotions, ['desperate', 'hopeful']);
    assert.equal(model.series.has('calm'), false);
  });

  test('the nearest completion to a point on the axis', () => {
    const { model } = setup();
    assert.equal(model.nearest(-3)?.index, 0);
    assert.equal(model.nearest(0.4)?.index, 0);
    assert.equal(model.nearest(0.6)?.index, 1);
    assert.equal(model.nearest(99)?.index, 1);
    assert.equal(model.positionOf(1), 1);
    assert.equal(model.positionOf(7), -1);
  });
});

describe('timeline chart data', () => {
  test('lines, markers and the x range come from the model', () => {
    const { model } = setup();
    assert.deepEqual(linePoints(model, 'desperate'), [{ x: 0, y: 0 }, { x: 1, y: 2 }]);
    assert.deepEqual(runPoints(model.runs, 'fail').map((p) => [p.x, p.y]), [[0.5, 0.05], [1.5, 0.05]]);
    assert.deepEqual(runPoints(model.runs, 'pass'), []);
    assert.deepEqual(xRange(model), { min: -0.5, max: 2.5 });
    assert.equal(summaryLine(model), '2 completions · 2 test runs (2 failed, 0 passed) · 1 failing loop · 0 flagged · read with embedded USE-lite');
  });

  test('a flagged completion gets one marker carrying all its flags', () => {
    const points = flagPoints([
      { index: 4, reason: 'desperation', message: 'a' },
      { index: 2, reason: 'skip-marker-added', message: 'b' },
      { index: 4, reason: 'test-file-edited', message: 'c' },
    ]);
    assert.deepEqual(points.map((p) => [p.x, p.flags.length]), [[2, 1], [4, 2]]);
  });

  test('tooltips give the time, the first line, the top three and the plotted readings', () => {
    const t = completionTooltip({ index: 3, id: 'c3', firstLine: 'Let me try again.', top: [[2, 2.5], [0, 1], [4, -0.25]], pos: [0, 0] }, NAMES, [['calm', -1.234]]);
    assert.equal(t.title, 'Completion #3');
    assert.deepEqual(t.lines, ['“Let me try again.”', 'Top: desperate +2.50, afraid +1.00, nervous −0.25', 'calm: −1.23']);
    const r = runTooltip({ id: 'r', x: 1.5, outcome: 'fail', command: 'pytest', counts: { failed: 2, passed: 5 } });
    assert.deepEqual(r, { title: 'Test run failed', lines: ['pytest', '2 failed, 5 passed'] });
    assert.equal(formatZ(Number.NaN), '–');
  });
});

test('the map trail ends at the selected completion, else at the latest', () => {
  const b = new SessionViewBuilder({ key: 'k', title: 'T', assistant: 'aider', model: 'embedded USE-lite', emotions: NAMES, coords: COORDS, minFailingRuns: 2 });
  for (let i = 0; i < 20; i++) b.addEvent(completion(i), scores('calm', i));
  const model = new TimelineModel(b.view(['calm']));
  assert.deepEqual(trail(model, undefined, 3).map((c) => c.index), [17, 18, 19]);
  assert.deepEqual(trail(model, 5, 3).map((c) => c.index), [3, 4, 5]);
  assert.deepEqual(trail(model, 1, 3).map((c) => c.index), [0, 1]);
  assert.deepEqual(trail(undefined, 1), []);
});
