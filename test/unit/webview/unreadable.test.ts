import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SessionViewBuilder } from '../../../src/core/chartData/sessionViewBuilder';
import { TimelineModel } from '../../../webview/chartData/timelineModel';
import { completionTooltip, formatZ, linePoints, pointFill, pointSize, pointRadius, summaryLine } from '../../../webview/chartData/timelineData';
import { mapCaption, trail } from '../../../webview/chartData/mapData';
import { COORDS, NAMES, completion, run, scores } from './helpers';

const REASON = 'too short to read (5 tokens, fewer than 8)';

function setup() {
  const b = new SessionViewBuilder({ key: 'k', title: 'T', assistant: 'codex', model: 'embedded USE-lite', emotions: NAMES, coords: COORDS, minFailingRuns: 3 });
  b.addEvent(completion(0, 'Running the tests now.'), scores('desperate', 6.9), REASON);
  b.addEvent(run('r0', 'fail'));
  b.addEvent(completion(1), scores('desperate', 1.2));
  return b;
}

describe('completions too short to read', () => {
  test('are still plotted at their index, marked with why, in views and in live appends', () => {
    const b = setup();
    const view = b.view(['desperate']);
    assert.deepEqual(view.completions.map((c) => [c.index, c.unreadable]), [[0, REASON], [1, undefined]]);
    assert.deepEqual(view.series.desperate, [6.9, 1.2], 'the reading stays on the x axis');
    b.addEvent(completion(2, 'ok'), scores('calm', 9), 'no prose to read (only code, tool output or paths)');
    const append = b.takeAppend(['desperate']);
    assert.equal(append?.completions[0].unreadable, 'no prose to read (only code, tool output or paths)');
    const long = setup();
    long.addEvent(completion(5), scores('calm', 1), 'x'.repeat(500));
    const cut = long.view([]).completions.find((c) => c.index === 5)?.unreadable ?? '';
    assert.ok(cut.length <= 200 && cut.endsWith('…'), 'a long reason is cut to what a tooltip holds');
  });

  test('are drawn hollow: the point is filled with the background and stays visible among many points', () => {
    const b = setup();
    const model = new TimelineModel(b.view(['desperate']));
    const points = linePoints(model, 'desperate');
    assert.deepEqual(points, [{ x: 0, y: 6.9, hollow: true }, { x: 1, y: 1.2 }]);
    assert.equal(pointFill(points[0], '#f00', '#1e1e1e'), '#1e1e1e');
    assert.equal(pointFill(points[1], '#f00', '#1e1e1e'), '#f00');
    const crowded = pointRadius(1000);
    assert.equal(crowded, 0, 'with 1,000 completions read points are not drawn');
    assert.ok(pointSize(points[0], crowded) > 0, 'but a hollow one still is');
    assert.equal(pointSize(points[1], crowded), 0);
    // The webview's copy keeps the mark through an append.
    b.addEvent(completion(2, 'Done.'), scores('calm', 3), REASON);
    model.append(b.takeAppend(['desperate'])!);
    assert.deepEqual(linePoints(model, 'desperate').map((p) => p.hollow === true), [true, false, true]);
  });

  test('their tooltip says why instead of readings, and the summary counts them', () => {
    const b = setup();
    const model = new TimelineModel(b.view(['desperate']));
    const tip = completionTooltip(model.completions[0], NAMES, [['desperate', 6.9]]);
    assert.equal(tip.title, 'Completion #0');
    assert.deepEqual(tip.lines.slice(1), ['“Running the tests now.”', 'Too short to read (5 tokens, fewer than 8): drawn hollow, never drives a warning']);
    assert.ok(!tip.lines.some((l) => l.includes('6.90') || l.startsWith('Top:')), 'no number shown as if it meant something');
    const read = completionTooltip(model.completions[1], NAMES, [['desperate', 1.2]]);
    assert.ok(read.lines.some((l) => l.startsWith('Top:')) && read.lines.includes('desperate: +1.20'));
    assert.equal(summaryLine(model), '2 completions (1 too short or unfit to read, drawn hollow) · 1 test run (1 failed, 0 passed) · 0 failing loops · 0 flagged · read with embedded USE-lite');
    const allRead = new SessionViewBuilder({ key: 'k', title: 'T', assistant: 'codex', model: 'm', emotions: NAMES, coords: COORDS, minFailingRuns: 3 });
    allRead.addEvent(completion(0), scores('calm', 1));
    assert.equal(summaryLine(new TimelineModel(allRead.view([]))), '1 completion · 0 test runs (0 failed, 0 passed) · 0 failing loops · 0 flagged · read with m');
  });
});

describe('the map and unreadable completions', () => {
  test('the trail leaves them out, and the caption says why a selected one is not on the map', () => {
    const b = setup();
    b.addEvent(completion(2), scores('calm', 1));
    const model = new TimelineModel(b.view([]));
    assert.deepEqual(trail(model, undefined).map((c) => c.index), [1, 2], 'completion #0 was not read');
    assert.deepEqual(trail(model, 0).map((c) => c.index), [], 'nothing read up to #0');
    assert.equal(mapCaption(trail(model, 0), model.completions[0]), `Completion #0 was not read: ${REASON}; it is not on the map.`);
    const two = model.completions[2];
    assert.equal(mapCaption(trail(model, 2), two), `Completion #2 at PC1 ${formatZ(two.pos[0])}, PC2 ${formatZ(two.pos[1])}; the line traces the 2 read completions up to it.`);
  });
});
