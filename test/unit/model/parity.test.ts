import { after, before, test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OnnxRunner } from '../../../src/core/model/onnx-runner';
import { Tokenizer, type Vocabulary } from '../../../src/core/model/tokenizer';
import { planWindows } from '../../../src/core/model/windows';
import { TfjsReference } from '../../../src/cli/bench/tfjs-reference';
import { PARITY_TEXTS } from '../../fixtures/model/parity-texts';
import { maxAbsDiff, testModel } from './helpers';

const LAYER_TOL = 1e-3;
const EMBEDDING_TOL = 1e-5;

const model = testModel();
const tokenizer = new Tokenizer(JSON.parse(readFileSync(model.vocabPath, 'utf8')) as Vocabulary);
let runner: OnnxRunner;
let tfjs: TfjsReference;

before(async () => {
  runner = await OnnxRunner.create(readFileSync(model.onnxPath), { layers: 2, hidden: 512, padId: -1 });
  tfjs = await TfjsReference.load();
});
after(async () => {
  await runner.release();
});

/** A text of exactly `count` tokens. */
function textOfTokens(count: number): string {
  const words = 'the build failed again and i am sorry about that so let me try once more'.split(' ');
  let text = '';
  for (let i = 0; tokenizer.encode(text).length < count; i++) text += (i ? ' ' : '') + words[i % words.length];
  while (tokenizer.encode(text).length > count) text = text.slice(0, -1);
  assert.equal(tokenizer.encode(text).length, count, `built a ${count}-token text`);
  return text;
}

interface Worst {
  layer: number;
  pooled: number;
  embedding: number;
}

async function compareWindow(ids: number[], worst: Worst, label: string): Promise<void> {
  const ref = await tfjs.run([ids], ['layer0', 'layer1', 'pooled', 'embedding']);
  const ours = await runner.run([ids]);
  const layer = Math.max(maxAbsDiff(ours.layers[0]![0]!, ref.layer0!), maxAbsDiff(ours.layers[1]![0]!, ref.layer1!));
  const pooled = maxAbsDiff(ours.pooled[0]!, ref.pooled!);
  const embedding = maxAbsDiff(ours.embedding[0]!, ref.embedding!);
  assert.ok(layer <= LAYER_TOL, `${label}: layer outputs differ by ${layer}`);
  assert.ok(pooled <= LAYER_TOL, `${label}: pooled differs by ${pooled}`);
  assert.ok(embedding <= EMBEDDING_TOL, `${label}: embedding differs by ${embedding}`);
  worst.layer = Math.max(worst.layer, layer);
  worst.pooled = Math.max(worst.pooled, pooled);
  worst.embedding = Math.max(worst.embedding, embedding);
}

describe('ONNX model vs the TF.js original', () => {
  test(`${PARITY_TEXTS.length + 4} texts: layer outputs within ${LAYER_TOL}, embeddings within ${EMBEDDING_TOL}`, async (t) => {
    const texts = [...PARITY_TEXTS, textOfTokens(1), textOfTokens(127), textOfTokens(128), textOfTokens(500)];
    assert.ok(texts.length >= 50);
    const worst: Worst = { layer: 0, pooled: 0, embedding: 0 };
    let windows = 0;
    for (const text of texts) {
      const ids = tokenizer.encode(text);
      assert.deepEqual(ids, tfjs.tokenizer.encode(text), `same ids for ${JSON.stringify(text.slice(0, 40))}`);
      // TF.js keeps only the first 128 tokens, so longer texts are compared window by window.
      for (const w of planWindows(ids.length)) {
        await compareWindow(ids.slice(w.start, w.end), worst, JSON.stringify(text.slice(0, 40)));
        windows++;
      }
    }
    t.diagnostic(`${texts.length} texts, ${windows} windows; worst |diff|: layers ${worst.layer.toExponential(2)}, pooled ${worst.pooled.toExponential(2)}, embedding ${worst.embedding.toExponential(2)}`);
  });

  test('the empty string: TF.js cannot run it, and the ONNX model gives zero pooled and a defined embedding for an all-padding row', async () => {
    assert.deepEqual(tokenizer.encode(''), []);
    await assert.rejects(tfjs.run([[]], ['embedding']));
    const out = await runner.run([[]]);
    assert.ok(out.pooled[0]!.every((v) => v === 0));
    assert.ok(out.embedding[0]!.every(Number.isFinite));
  });

  test('windows of different lengths batched together (padded with -1) match TF.js run on each alone', async () => {
    const lengths = [1, 7, 40, 128, 90, 3];
    const windows = lengths.map((n, k) => tokenizer.encode(textOfTokens(n + k)).slice(0, n));
    const ours = await runner.run(windows);
    for (let r = 0; r < windows.length; r++) {
      const ref = await tfjs.run([windows[r]!], ['layer0', 'layer1', 'pooled', 'embedding']);
      assert.ok(maxAbsDiff(ours.layers[0]![r]!, ref.layer0!) <= LAYER_TOL, `row ${r} layer0`);
      assert.ok(maxAbsDiff(ours.layers[1]![r]!, ref.layer1!) <= LAYER_TOL, `row ${r} layer1`);
      assert.ok(maxAbsDiff(ours.pooled[r]!, ref.pooled!) <= LAYER_TOL, `row ${r} pooled`);
      assert.ok(maxAbsDiff(ours.embedding[r]!, ref.embedding!) <= EMBEDDING_TOL, `row ${r} embedding`);
    }
  });

  test('similar sentences stay similar: the sanity check from the model notes', async () => {
    const embed = async (s: string) => (await runner.run([tokenizer.encode(s)])).embedding[0]!;
    const cos = (a: Float32Array, b: Float32Array) => a.reduce((s, v, i) => s + v * b[i]!, 0);
    const angry = await embed('I am furious and angry.');
    assert.ok(cos(angry, await embed('This makes me so mad!')) > cos(angry, await embed('What a calm, peaceful morning.')) + 0.1);
  });
});
