import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ChatEncoder } from '../../../src/core/lm/chat';
import { bytesPerToken, KvCache } from '../../../src/core/lm/kvCache';
import { LmRunner } from '../../../src/core/lm/runner';
import { CONVERSATION, makeTinyLm, maxAbsDiff, type TinyLm } from './lmFixture';

describe('LmRunner on the tiny LM', () => {
  let lm: TinyLm;
  let runner: LmRunner;
  let ids: number[];

  before(async () => {
    lm = await makeTinyLm();
    runner = await LmRunner.create(lm.prepared, { threads: 1 });
    ids = new ChatEncoder(lm.prepared.folder).encode(CONVERSATION).ids;
  });
  after(async () => {
    await runner.release();
    lm.cleanup();
  });

  test('gives one residual row per token at the tap, and a cache of every kept layer', async () => {
    const { residual, present } = await runner.run(ids.slice(0, 30));
    const { hiddenSize, kvHeads, headDim } = lm.prepared.folder.architecture;
    assert.equal(residual.length, 30 * hiddenSize);
    assert.ok(residual.every(Number.isFinite));
    assert.equal(present.length, 30);
    assert.equal(present.layers.length, lm.prepared.kvLayers);
    assert.deepEqual(present.dims, [1, kvHeads, 30, headDim]);
    assert.equal(present.bytes, 30 * lm.prepared.kvLayers * 2 * kvHeads * headDim * 4);
  });

  test('feeding in pieces with the cache equals feeding everything at once', async () => {
    const whole = await runner.run(ids);
    let past: KvCache | undefined;
    const rows: Float32Array[] = [];
    for (let at = 0; at < ids.length; at += 97) {
      const out = await runner.run(ids.slice(at, at + 97), past);
      rows.push(out.residual);
      past = out.present;
    }
    const pieced = new Float32Array(whole.residual.length);
    let offset = 0;
    for (const r of rows) {
      pieced.set(r, offset);
      offset += r.length;
    }
    const diff = maxAbsDiff(whole.residual, pieced);
    console.log(`# pieces vs whole: max abs diff ${diff.toExponential(2)} over ${ids.length} tokens`);
    assert.ok(diff <= 1e-5, `max abs diff ${diff}`);
    assert.equal(past?.length, ids.length);
  });

  test('a truncated cache continues exactly like a cache that never held the dropped part', async () => {
    const first = await runner.run(ids.slice(0, 50));
    const other = await runner.run([...ids.slice(0, 20), ...ids.slice(60, 90)]);
    const cut = other.present.truncate(20);
    assert.equal(cut.length, 20);
    assert.equal(other.present.length, 50, 'truncate copies: the original is unchanged');
    const resumed = await runner.run(ids.slice(20, 50), cut);
    assert.ok(maxAbsDiff(resumed.residual, first.residual.subarray(20 * runner.hidden)) <= 1e-5);
    assert.equal(cut.truncate(0).length, 0);
    assert.equal(cut.truncate(99), cut);
  });

  test('an empty input costs nothing and returns the cache unchanged', async () => {
    const past = (await runner.run(ids.slice(0, 5))).present;
    const out = await runner.run([], past);
    assert.equal(out.residual.length, 0);
    assert.equal(out.present, past);
  });

  test('the KV cache costs kvLayers x 2 x kvHeads x headDim x 4 bytes per token', () => {
    const tiny = bytesPerToken(runner.kvShape);
    // Qwen2.5-0.5B: 24 layers, read after 16; 2 KV heads of 64.
    const qwen = bytesPerToken({ layers: 16, kvHeads: 2, headDim: 64 });
    console.log(`# KV bytes per token: tiny LM ${tiny} (kvLayers ${runner.kvShape.layers}), Qwen2.5-0.5B shape ${qwen}`);
    assert.equal(tiny, runner.kvShape.layers * 2 * 2 * 16 * 4);
    assert.equal(qwen, 16384);
  });

  test('a model with its weights in model.onnx_data runs from the cache with the same results', async () => {
    const external = await makeTinyLm(['--external-data']);
    try {
      assert.ok(external.prepared.folder.externalData.length > 0);
      const other = await LmRunner.create(external.prepared, { threads: 1 });
      const a = await other.run(ids.slice(0, 40));
      await other.release();
      const b = await runner.run(ids.slice(0, 40));
      assert.ok(maxAbsDiff(a.residual, b.residual) <= 1e-6);
    } finally {
      external.cleanup();
    }
  });

  test('load problems are clear errors', async () => {
    await assert.rejects(
      LmRunner.create({ ...lm.prepared, derivedPath: `${lm.prepared.derivedPath}.missing` }),
      /cannot load the language model .*model\.onnx\.missing/,
    );
    await assert.rejects(
      LmRunner.create({ ...lm.prepared, tapName: '/model/layers.9/Add_1_output_0' }),
      /does not have the expected inputs\/outputs: missing outputs \/model\/layers\.9\/Add_1_output_0/,
    );
    await assert.rejects(
      LmRunner.create({ ...lm.prepared, kvLayers: 1 }),
      /input past_key_values\.1\.key cannot be fed/,
    );
  });

  test('prefill on the tiny LM is fast: well under a millisecond per token', async () => {
    const chunk = ids.slice(0, 256);
    await runner.run(chunk);
    const started = performance.now();
    let reps = 0;
    while (performance.now() - started < 500) {
      await runner.run(chunk);
      reps++;
    }
    const usPerToken = ((performance.now() - started) / reps / chunk.length) * 1000;
    console.log(`# tiny LM prefill: ${usPerToken.toFixed(1)} us/token in 256-token chunks (1 thread)`);
    assert.ok(usPerToken < 1000, `${usPerToken} us/token`);
  });
});
