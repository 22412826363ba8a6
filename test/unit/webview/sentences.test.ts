import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { extractProse } from '../../../src/core/analysis/prose';
import type { SentenceReading } from '../../../src/core/analysis/scoring';
import { sentenceAttribution } from '../../../src/core/chartData/sentenceAttribution';
import { FULL_COLOUR_Z, heatLevel } from '../../../src/shared/heatScale';
import type { SentenceAttribution } from '../../../src/shared/protocol';
import { STEPS, attributionLegend, sentenceSegments, sentenceTitle, unreadableNote } from '../../../webview/chartData/sentenceSegments';

const TEXT = [
  'The response was {"ok": false, "error": "bad slug"} which is wrong again, and nothing I try changes it.',
  '```python',
  "assert slugify('café') == 'cafe'",
  '```',
  'I will read the unicode table in the docs before the next change.',
  'Done.',
].join('\n');

/** The reader's own sentences of TEXT, with made-up readings: [desperate, calm] per sentence. */
function readings(values: Array<[number, number]>, readable = values.map(() => true)): SentenceReading[] {
  return extractProse(TEXT).segments.map((s, i) => ({ start: s.start, end: s.end, tokens: 12, readable: readable[i], scores: Float32Array.from(values[i]) }));
}

describe('sentence attribution (host side)', () => {
  test('shades prose only: inline JSON inside a sentence and code blocks get no span', () => {
    const sentences = readings([[2.5, -1], [0.3, 1.2]]);
    assert.equal(sentences.length, 2, 'the reader cuts two sentences (the last short one joins the second)');
    const a = sentenceAttribution({ text: TEXT, sentences, emotionIndex: 0, emotion: 'desperate', reading: 2.5, pooling: { kind: 'max' } });
    const shown = a.spans.map((s) => TEXT.slice(s.start, s.end));
    assert.deepEqual(shown, [
      'The response was',
      'which is wrong again, and nothing I try changes it.',
      'I will read the unicode table in the docs before the next change.\nDone.',
    ]);
    assert.ok(!shown.some((t) => t.includes('slugify') || t.includes('"ok"')), 'no code or JSON is shaded');
    assert.deepEqual(a.spans.map((s) => [s.z, s.lead === true]), [[2.5, true], [2.5, true], [0.3, false]], 'a sentence cut by JSON keeps its one reading; the max sentence leads');
    assert.deepEqual([a.emotion, a.reading, a.pooling, a.scale], ['desperate', 2.5, 'max', FULL_COLOUR_Z]);
  });

  test('another emotion, top-k and mean pooling, and a sentence too short to read alone', () => {
    const calm = sentenceAttribution({ text: TEXT, sentences: readings([[2.5, -1], [0.3, 1.2]]), emotionIndex: 1, emotion: 'calm', reading: 0.1, pooling: { kind: 'top-k', k: 2 } });
    assert.deepEqual(calm.spans.map((s) => [s.z, s.lead === true]), [[-1, true], [-1, true], [1.2, true]]);
    assert.equal(calm.pooling, 'top-2');
    const mean = sentenceAttribution({ text: TEXT, sentences: readings([[2.5, -1], [0.3, 1.2]]), emotionIndex: 0, emotion: 'desperate', reading: 1, pooling: { kind: 'mean' } });
    assert.ok(mean.spans.every((s) => !s.lead), 'the all-token mean comes from no one sentence');
    const short = sentenceAttribution({ text: TEXT, sentences: readings([[2.5, -1], [9, 9]], [true, false]), emotionIndex: 0, emotion: 'desperate', reading: 2.5, pooling: { kind: 'max' } });
    assert.deepEqual(short.spans.map((s) => s.z), [2.5, 2.5, null], 'an unreadable sentence has no reading and cannot lead');
  });

  test('no sentences (a language model reads in context): no spans', () => {
    assert.deepEqual(sentenceAttribution({ text: TEXT, sentences: [], emotionIndex: 0, emotion: 'desperate', reading: 1, pooling: { kind: 'mean' } }).spans, []);
  });
});

describe('sentence shading (webview side)', () => {
  const attribution = (spans: SentenceAttribution['spans'], pooling = 'max'): SentenceAttribution => ({ emotion: 'desperate', spans, reading: 2.5, pooling, scale: 3 });

  test('covers the whole text exactly once; sentences tinted by their level, the lead marked, the rest plain', () => {
    const text = 'Still failing. {"a": 1} Let me read the docs.';
    const segs = sentenceSegments(text, attribution([{ start: 0, end: 14, z: 3, lead: true }, { start: 24, end: 46, z: -1.5 }]));
    assert.equal(segs.map((s) => s.text).join(''), text);
    assert.deepEqual(segs.map((s) => [s.text, s.z, s.step, s.lead]), [
      ['Still failing.', 3, STEPS, true],
      [' {"a": 1} ', undefined, 0, false],
      ['Let me read the docs.', -1.5, -STEPS / 2, false],
    ]);
    assert.equal(sentenceTitle('desperate', segs[0]), 'This sentence reads desperate +3.00 (the reading is taken from this sentence)');
    assert.equal(sentenceTitle('desperate', segs[2]), 'This sentence reads desperate −1.50');
  });

  test('a sentence too short to read alone is part of the prose but has no colour', () => {
    const segs = sentenceSegments('Ok. Fine.', attribution([{ start: 0, end: 9, z: null }]));
    assert.deepEqual(segs, [{ text: 'Ok. Fine.', z: null, step: 0, lead: false }]);
    assert.equal(sentenceTitle('desperate', segs[0]), 'Too short to read on its own: not part of the reading');
  });

  test('overlapping, unordered and out-of-range spans are clipped, never duplicated', () => {
    const segs = sentenceSegments('abcdef', attribution([{ start: 3, end: 99, z: 1 }, { start: 0, end: 4, z: 1 }, { start: 2, end: 2, z: 1 }, { start: 1.5, end: 3, z: 1 }]));
    assert.deepEqual(segs.map((s) => s.text), ['abcd', 'ef']);
    assert.deepEqual(sentenceSegments('hello', undefined), [{ text: 'hello', step: 0, lead: false }]);
    assert.deepEqual(sentenceSegments('', undefined), []);
  });

  test('one plain line says what the shading means, in this completion’s numbers', () => {
    const line = attributionLegend(attribution([{ start: 0, end: 3, z: 2 }]), 'desperate');
    assert.equal(
      line,
      "Each prose sentence is shaded by its own reading of desperate (red above neutral text, blue below, full colour at |z| ≥ 3): where the completion's +2.50 (its highest sentence, outlined) comes from, not an emotion per word; code and tool output are not read.",
    );
    assert.match(attributionLegend(attribution([{ start: 0, end: 3, z: 2 }], 'top-2'), 'desperate'), /\(the mean of its 2 highest sentences, outlined\)/);
    assert.match(attributionLegend(attribution([{ start: 0, end: 3, z: 2 }], 'mean'), 'desperate'), /\(read over its whole text\)/);
    assert.equal(attributionLegend(attribution([]), 'desperate'), 'This completion reads desperate +2.50 over its whole text; no sentence readings were kept, so nothing is shaded.');
    assert.equal(attributionLegend(attribution([{ start: 0, end: 3, z: null }]), 'desperate'), 'This completion reads desperate +2.50 as a whole; none of its sentences is long enough to read on its own.');
    assert.equal(attributionLegend(undefined, 'calm'), 'No sentence readings of calm for this completion.');
    assert.equal(unreadableNote('too short to read (5 tokens, fewer than 8)'), 'Not read: too short to read (5 tokens, fewer than 8). Its readings are not shown, it is drawn hollow on the timeline, and it never drives a warning.');
  });

  test('levels are z over the scale, clipped to [-1, 1]', () => {
    assert.equal(heatLevel(1.5, 3), 0.5);
    assert.equal(heatLevel(-5, 3), -1);
    assert.equal(heatLevel(Number.NaN, 3), 0);
    assert.equal(heatLevel(1, 0), 0);
  });
});
