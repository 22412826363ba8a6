import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CorpusEntry } from '../../../src/core/corpus/loadCorpus';
import { calibrate, corpusHash } from '../../../src/core/emotions/calibrate';
import { TextActivations } from '../../../src/core/emotions/features';
import { EmotionReader } from '../../../src/core/emotions/reader';
import { decodeVectorFile, encodeVectorFile } from '../../../src/core/emotions/vectorFile';
import { meanAndStd, meanOfRows } from '../../../src/core/emotions/vectorMath';
import { gaussian, makeWorld, seededRandom } from './synthetic';

const EMOTIONS = ['calm', 'desperate', 'happy', 'afraid', 'proud', 'bored'];
const DIMS = 32;
const TOKENS = 6;

/**
 * A synthetic two-layer "model": layer1 carries the planted emotion signal, layer0
 * only noise, so the calibration must pick layer1. Each text's tokens scatter
 * around the text's activation.
 */
function syntheticCorpus() {
  const world = makeWorld(EMOTIONS.length, DIMS, 11);
  const random = seededRandom(5);
  const activations = new Map<string, TextActivations>();
  const entries: CorpusEntry[] = [];
  const add = (emotion: number | null, kind: CorpusEntry['kind'], split: CorpusEntry['split'], n: number) => {
    const name = emotion === null ? null : EMOTIONS[emotion];
    const text = `${name ?? 'neutral'} ${kind} ${split} ${n}`;
    const centre = world.sample(emotion);
    const layer1 = new Float32Array(TOKENS * DIMS);
    const layer0 = new Float32Array(TOKENS * DIMS);
    for (let t = 0; t < TOKENS; t++) {
      for (let i = 0; i < DIMS; i++) {
        layer1[t * DIMS + i] = centre[i] + 0.3 * gaussian(random);
        layer0[t * DIMS + i] = gaussian(random);
      }
    }
    activations.set(text, { tokenCount: TOKENS, dims: DIMS, layers: [layer0, layer1] });
    entries.push({ id: text.replace(/ /g, '-'), emotion: name, kind, topic: 't', split, text, file: 'synthetic', line: n });
  };
  EMOTIONS.forEach((_, e) => {
    for (let n = 0; n < 30; n++) add(e, 'story', 'train', n);
    for (let n = 0; n < 8; n++) add(e, 'story', 'heldout', n);
    for (let n = 0; n < 4; n++) add(e, 'assistant', 'heldout', n);
  });
  for (let n = 0; n < 120; n++) add(null, 'neutral', n % 10 === 0 ? 'heldout' : 'train', n);
  return { entries, activate: async (text: string) => activations.get(text)!, activations };
}

const corpus = syntheticCorpus();
const calibration = calibrate({
  emotions: EMOTIONS,
  entries: corpus.entries,
  activate: corpus.activate,
  model: { id: 'synthetic', sha256: 'f'.repeat(64) },
});

test('calibration compares both recipes on every layer with and without denoising and keeps the informative layer', async () => {
  const { file, candidates } = await calibration;
  assert.equal(candidates.length, 8);
  assert.deepEqual([...new Set(candidates.map((c) => c.recipe))], ['lda', 'paper']);
  assert.equal(file.header.feature, 'layer1');
  const layer0 = candidates.filter((c) => c.feature === 'layer0');
  const layer1 = candidates.filter((c) => c.feature === 'layer1');
  assert.ok(Math.max(...layer1.map((c) => c.storyTop1)) > 0.9, 'layer1 separates the planted emotions');
  assert.ok(Math.max(...layer0.map((c) => c.storyTop1)) < 0.5, 'layer0 is noise');
  assert.match(file.header.choice.reason, /on layer1/);
  for (const c of candidates.filter((c) => c.recipe === 'lda')) assert.ok(c.shrinkage !== undefined && c.shrinkage > 0 && c.shrinkage <= 1, 'LDA records its cross-validated shrinkage');
  const held = candidates.find((c) => c.feature === 'layer1' && c.denoise && c.recipe === file.header.recipe.kind)!;
  assert.equal(held.desperateCalmAuc, 1, 'the planted desperate direction separates desperate from calm held-out texts');
  assert.deepEqual(file.header.choice.candidates, candidates);
});

test('readings are z-scores against neutral text: neutral reads about 0 ± 1, an emotion reads high on its own vector', async () => {
  const { file } = await calibration;
  const reader = new EmotionReader(file);
  const neutralTrain = corpus.entries.filter((e) => e.kind === 'neutral' && e.split === 'train');
  const desperate = reader.indexOf('desperate');
  const neutralScores = neutralTrain.map((e) => {
    const a = corpus.activations.get(e.text)!;
    return reader.readText(meanOfRows(a.layers[1], a.tokenCount, a.dims), a.tokenCount)[desperate];
  });
  const { mean, std } = meanAndStd(neutralScores);
  assert.ok(Math.abs(mean) < 1e-4, `neutral mean z ${mean}`);
  assert.ok(Math.abs(std - 1) < 0.02, `neutral std z ${std}`);
  const held = corpus.entries.filter((e) => e.emotion === 'desperate' && e.split === 'heldout');
  for (const e of held) {
    const a = corpus.activations.get(e.text)!;
    const scores = reader.readText(meanOfRows(a.layers[1], a.tokenCount, a.dims), a.tokenCount);
    assert.equal(reader.top(scores, 1)[0][0], 'desperate', e.id);
    assert.ok(scores[desperate] > 2, `${e.id} desperate z ${scores[desperate]}`);
  }
});


test('the vector file round-trips exactly and records what it was built from', async () => {
  const { file } = await calibration;
  const bytes = encodeVectorFile(file);
  const back = decodeVectorFile(bytes);
  assert.deepEqual(back.header, file.header);
  assert.deepEqual(back.vectors, file.vectors);
  assert.deepEqual([back.textMean, back.textStd, back.tokenMean, back.tokenStd, back.coords], [file.textMean, file.textStd, file.tokenMean, file.tokenStd, file.coords]);
  assert.deepEqual(back.lengthLaw, file.lengthLaw);
  assert.deepEqual(encodeVectorFile(back), bytes, 'same bytes again');
  assert.equal(file.header.corpus.sha256, corpusHash(corpus.entries));
  assert.equal(file.header.model.id, 'synthetic');
  assert.equal(file.header.emotions.length, EMOTIONS.length);
});

test('a truncated or foreign vector file is a clear error', async () => {
  const bytes = encodeVectorFile((await calibration).file);
  assert.throws(() => decodeVectorFile(bytes.subarray(0, bytes.length - 4), 'v.bin'), /v\.bin is \d+ bytes, expected \d+/);
  assert.throws(() => decodeVectorFile(new TextEncoder().encode('{"not":"ours"}'), 'x.bin'), /not an Emotion Lens vector file/);
});

test('the corpus hash ignores entry order but sees any text change', () => {
  const entries = corpus.entries.slice(0, 10);
  assert.equal(corpusHash([...entries].reverse()), corpusHash(entries));
  const changed = entries.map((e, i) => (i === 3 ? { ...e, text: e.text + '!' } : e));
  assert.notEqual(corpusHash(changed), corpusHash(entries));
});

test('`recipes: [\'paper\']` rebuilds only the paper\'s mean-difference vectors', async () => {
  const paper = await calibrate({ emotions: EMOTIONS, entries: corpus.entries, activate: corpus.activate, model: { id: 'synthetic', sha256: 'f'.repeat(64) }, recipes: ['paper'] });
  assert.equal(paper.candidates.length, 4);
  assert.ok(paper.candidates.every((c) => c.recipe === 'paper' && c.shrinkage === undefined));
  assert.equal(paper.file.header.recipe.kind, 'paper');
  assert.match(paper.file.header.choice.reason, /the paper's mean difference/);
});

test('a version 1 file (before the length law) still loads and reads with its whole-text statistics', async () => {
  const { file } = await calibration;
  const v1Header = { ...file.header, version: 1 as const };
  delete v1Header.lengthLaw;
  const v2 = encodeVectorFile(file);
  const json = new TextEncoder().encode(JSON.stringify(v1Header).padEnd(Math.ceil(JSON.stringify(v1Header).length / 4) * 4, ' '));
  const headerLength = new DataView(v2.buffer).getUint32(8, true);
  const e = EMOTIONS.length;
  const body = v2.subarray(12 + headerLength, v2.length - 4 * e * 4); // without the four length-law blocks
  const v1 = new Uint8Array(12 + json.length + body.length);
  v1.set(v2.subarray(0, 8));
  new DataView(v1.buffer).setUint32(8, json.length, true);
  v1.set(json, 12);
  v1.set(body, 12 + json.length);
  const back = decodeVectorFile(v1, 'old.elvec');
  const reader = new EmotionReader(back);
  const neutral = corpus.activations.get(corpus.entries.find((x) => x.kind === 'neutral')!.text)!;
  const features = meanOfRows(neutral.layers[1], neutral.tokenCount, neutral.dims);
  const d = reader.indexOf('desperate');
  const projection = features.reduce((s, x, i) => s + x * file.vectors[d][i], 0);
  for (const tokens of [3, 60, 500]) {
    assert.ok(Math.abs(reader.readText(features, tokens)[d] - (projection - file.textMean[d]) / file.textStd[d]) < 1e-4, 'same reading at every length');
  }
});
