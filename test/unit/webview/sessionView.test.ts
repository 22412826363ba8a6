import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SessionViewBuilder, firstLine, topScores } from '../../../src/core/chartData/sessionViewBuilder';
import { RunTrack } from '../../../src/core/chartData/runTrack';
import { COORDS, NAMES, completion, run, scores } from './helpers';

function builder(minFailingRuns = 3) {
  return new SessionViewBuilder({ key: 'k', title: 'T', assistant: 'codex', model: 'embedded USE-lite', emotions: NAMES, coords: COORDS, minFailingRuns });
}

describe('test runs on the timeline', () => {
  test('a run sits half a step after the completion before it; a burst steps right without moving earlier marks', () => {
    const track = new RunTrack(3);
    assert.equal(track.run(run('r0', 'pass')).x, -0.5, 'before any completion');
    track.completion(0);
    assert.deepEqual([1, 2, 3, 4, 5, 6].map((i) => track.run(run(`r${i}`, 'pass')).x), [0.5, 0.6, 0.7, 0.8, 0.9, 0.9]);
    track.completion(1);
    assert.equal(track.run(run('r7', 'pass')).x, 1.5);
  });

  test('three failing runs in a row make a loop; unknown outcomes neither extend nor end it; a pass ends it', () => {
    const track = new RunTrack(3);
    track.completion(0);
    track.run(run('a', 'fail'));
    track.completion(1);
    track.run(run('b', 'fail'));
    assert.deepEqual(track.loops(), []);
    track.completion(2);
    track.run(run('u', 'unknown'));
    track.run(run('c', 'fail'));
    assert.deepEqual(track.loops(), [{ from: 0.5, to: 2.6, runs: 3 }]);
    assert.equal(track.failingStreak, 3);
    track.completion(3);
    track.run(run('d', 'fail'));
    assert.deepEqual(track.loops(), [{ from: 0.5, to: 3.5, runs: 4 }], 'the loop grows while it lasts');
    track.run(run('p', 'pass'));
    track.run(run('e', 'fail'));
    assert.deepEqual(track.loops(), [{ from: 0.5, to: 3.5, runs: 4 }]);
    assert.equal(track.failingStreak, 1);
  });
});

describe('SessionViewBuilder', () => {
  test('a view has every read completion, columns for the plotted emotions, runs, loops, flags and the alert line', () => {
    const b = builder(2);
    b.addEvent(completion(0), scores('desperate', 0.5));
    b.addEvent(run('r0', 'fail'));
    b.addEvent(completion(1)); // not read yet: not plotted, but runs after it move right
    b.addEvent(run('r1', 'fail'));
    b.addEvent(completion(2), scores('calm', 2));
    b.addFlag({ completionIndex: 2, reason: 'desperation', message: 'm' });
    b.addFlag({ completionIndex: 2, reason: 'desperation', message: 'm' });
    b.setAlertLevel(1.5);
    const view = b.view(['desperate', 'calm', 'not-an-emotion']);
    assert.deepEqual(view.emotions, ['desperate', 'calm']);
    assert.deepEqual(view.completions.map((c) => c.index), [0, 2]);
    assert.deepEqual(view.series, { desperate: [0.5, 0], calm: [0, 2] });
    assert.deepEqual(view.testRuns.map((r) => [r.id, r.x, r.outcome]), [['r0', 0.5, 'fail'], ['r1', 1.5, 'fail']]);
    assert.deepEqual(view.loops, [{ from: 0.5, to: 1.5, runs: 2 }]);
    assert.deepEqual(view.flags, [{ index: 2, reason: 'desperation', message: 'm' }]);
    assert.deepEqual(view.alert, { emotion: 'desperate', level: 1.5 });
    assert.deepEqual(view.completions[1].top[0], [NAMES.indexOf('calm'), 2]);
    assert.deepEqual(view.completions[1].pos, COORDS[NAMES.indexOf('calm')], 'a completion that reads as calm sits on calm');
    assert.equal(view.completions[0].firstLine, 'Completion 0.');
    assert.equal(view.completions[0].time, '2026-11-02T09:00:00.000Z');
  });

  test('an append holds exactly what came after the last view, with the readings of the plotted emotions and the alert line', () => {
    const b = builder();
    b.addEvent(completion(0), scores('calm', 1));
    b.view(['calm']);
    assert.equal(b.takeAppend(['calm']), undefined, 'nothing new');
    b.addEvent(completion(1), scores('desperate', 1));
    b.addEvent(run('r1', 'pass'));
    b.addFlag({ completionIndex: 1, reason: 'skip-marker-added', message: 'skip' });
    b.setAlertLevel(1.5);
    const append = b.takeAppend(['calm', 'nope']);
    assert.ok(append);
    assert.deepEqual(append.completions.map((c) => c.index), [1]);
    assert.deepEqual(append.completions[0].readings, { calm: 0, desperate: 1 }, 'the plotted emotion and the alert line\'s; unknown names left out');
    assert.deepEqual(append.testRuns.map((r) => r.id), ['r1']);
    assert.deepEqual(append.flags.map((f) => f.reason), ['skip-marker-added']);
    assert.equal(b.takeAppend(['calm']), undefined, 'taken once');
    b.setAlertLevel(2);
    assert.deepEqual(b.takeAppend(['calm'])?.alert, { emotion: 'desperate', level: 2 }, 'a new alert level is news');
  });

  test('a completion fed twice is kept once; a late one is put in order', () => {
    const b = builder();
    b.addEvent(completion(0), scores('calm', 1));
    b.addEvent(completion(2), scores('calm', 3));
    b.addEvent(completion(2), scores('calm', 9));
    b.addEvent(completion(1), scores('calm', 2));
    assert.deepEqual(b.view(['calm']).series.calm, [1, 2, 3]);
    assert.deepEqual(b.series(['hopeful', 'nope']), { indices: [0, 1, 2], values: { hopeful: [0, 0, 0] } });
  });

  test('first lines skip blank lines and are cut; the top readings are the highest, highest first', () => {
    assert.equal(firstLine('\n\n   Hello   world  \nsecond'), 'Hello world');
    assert.equal(firstLine('x'.repeat(500)).length, 160);
    assert.ok(firstLine('x'.repeat(500)).endsWith('…'));
    assert.deepEqual(topScores([0.1, 3, Number.NaN, 2, -1], 3), [[1, 3], [3, 2], [0, 0.1]]);
  });
});
