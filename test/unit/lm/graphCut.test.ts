/**
 * Finding the residual tap and cutting the graph, on the project's tiny random LM
 * (generated into a temp folder): the tap by name, by genai names and by structure
 * once every name is gone; the cut graph computes exactly the uncut graph's
 * residual and KV cache, without the layers above the tap or the LM head.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type * as Ort from 'onnxruntime-node';
import { onnx } from 'onnx-proto';
import { cutGraph } from '../../../src/core/lm/graphCut';
import { LmFolderError } from '../../../src/core/lm/folderError';
import { defaultTapLayer, findResidualTap, residualAdds } from '../../../src/core/lm/residualTap';
import { presentOutputs } from '../../../src/core/lm/prepare';
import {
  cleanTempDirs, decoderFeeds, exposeOutputs, feedsFor, makeTinyLm, maxAbsDiff, ort, readModel, renameTensors, tokenIds, type KvShape,
} from '../../fixtures/lm/tinyLmTools';

const SHAPE: KvShape = { layers: 4, kvHeads: 2, headDim: 16 };
const VOCAB = 600;
let dir: string;

before(async () => {
  dir = await makeTinyLm();
});
after(cleanTempDirs);

async function session(bytes: Uint8Array): Promise<Ort.InferenceSession> {
  return ort().InferenceSession.create(bytes, { intraOpNumThreads: 1, graphOptimizationLevel: 'all' });
}

/** Runs `ids` as a prefix of `split` tokens and then the rest with the KV cache; returns both runs' outputs. */
async function twoSteps(s: Ort.InferenceSession, ids: number[], split: number): Promise<[Ort.InferenceSession.OnnxValueMapType, Ort.InferenceSession.OnnxValueMapType]> {
  const first = await s.run(feedsFor(s, decoderFeeds(ids.slice(0, split), 0, SHAPE)));
  const second = await s.run(feedsFor(s, decoderFeeds(ids.slice(split), split, SHAPE, first as Record<string, Ort.Tensor>)));
  return [first, second];
}

describe('layer numbering', () => {
  test('the default reads the output of layer floor(2/3 * depth) - 1, i.e. hidden_states[floor(2/3 * depth)]', () => {
    assert.equal(defaultTapLayer(4), 1);
    assert.equal(defaultTapLayer(6), 3);
    assert.equal(defaultTapLayer(24), 15); // Qwen2.5-0.5B
    assert.equal(defaultTapLayer(28), 17); // Qwen2.5-1.5B
    assert.equal(defaultTapLayer(32), 20);
    assert.equal(defaultTapLayer(1), 0);
  });
});

describe('findResidualTap', () => {
  test("finds Optimum's MLP residual add of the default layer by name", async () => {
    const model = await readModel(join(dir, 'model.onnx'));
    const tap = findResidualTap(model.graph as onnx.IGraphProto);
    assert.deepEqual(tap, { layer: 1, depth: 4, tapName: '/model/layers.1/Add_1_output_0', foundBy: 'optimum-name' });
    assert.equal(findResidualTap(model.graph as onnx.IGraphProto, 3).tapName, '/model/layers.3/Add_1_output_0');
  });

  test('refuses a layer the model does not have, naming the range', async () => {
    const model = await readModel(join(dir, 'model.onnx'));
    for (const bad of [4, -1, 1.5]) {
      assert.throws(() => findResidualTap(model.graph as onnx.IGraphProto, bad), (e: unknown) =>
        e instanceof LmFolderError && e.code === 'bad-layer' && /0 to 3/.test(e.message));
    }
  });

  test('finds the same tensor by structure when every node and tensor is renamed', async () => {
    const model = await readModel(join(dir, 'model.onnx'));
    const names = renameTensors(model);
    const graph = model.graph as onnx.IGraphProto;
    assert.ok(!(graph.node ?? []).some((n) => (n.output ?? []).some((o) => o.includes('/model/'))), 'no layer names remain');
    assert.equal(residualAdds(graph).length, 8, 'two residual adds per layer');
    for (let layer = 0; layer < 4; layer++) {
      const tap = findResidualTap(graph, layer);
      assert.equal(tap.foundBy, 'structure');
      assert.equal(tap.tapName, names.get(`/model/layers.${layer}/Add_1_output_0`), `layer ${layer}`);
    }
  });

  test("finds onnxruntime-genai builder names: the residual entering layer i+1, or the final norm's after the last", async () => {
    const model = await readModel(join(dir, 'model.onnx'));
    renameTensors(model, (old) => {
      const m = /^\/model\/layers\.(\d+)\/Add_1_output_0$/.exec(old);
      if (!m) return undefined;
      const next = Number(m[1]) + 1;
      return next === 4 ? '/model/layers.4/final_norm_layernorm/output_3' : `/model/layers.${next}/input_layernorm/output_3`;
    });
    const graph = model.graph as onnx.IGraphProto;
    assert.deepEqual(findResidualTap(graph, 1), { layer: 1, depth: 4, tapName: '/model/layers.2/input_layernorm/output_3', foundBy: 'genai-name' });
    assert.equal(findResidualTap(graph, 3).tapName, '/model/layers.4/final_norm_layernorm/output_3');
  });

  test('says so when the residual stream cannot be followed', async () => {
    const model = await readModel(join(dir, 'model.onnx'));
    renameTensors(model);
    const graph = model.graph as onnx.IGraphProto;
    // Turn the residual adds into Subs: no Optimum names and no chain of Adds left.
    for (const n of graph.node ?? []) if (n.opType === 'Add') n.opType = 'Sub';
    assert.throws(() => findResidualTap(graph, 1), (e: unknown) =>
      e instanceof LmFolderError && e.code === 'no-residual' && /found 0 \(expected 8/.test(e.message));
  });
});

describe('cutGraph', () => {
  test('the cut graph keeps only layers up to the tap: no later layer, no final norm, no LM head', async () => {
    const model = await readModel(join(dir, 'model.onnx'));
    const before = onnx.ModelProto.encode(model).finish().length;
    const cut = cutGraph(model, '/model/layers.1/Add_1_output_0', presentOutputs(1), { hiddenSize: 64 });
    const graph = cut.model.graph as onnx.IGraphProto;
    const nodeNames = (graph.node ?? []).map((n) => n.name ?? '');
    assert.ok(nodeNames.some((n) => n.startsWith('/model/layers.1/mlp/')));
    assert.ok(!nodeNames.some((n) => /^\/model\/layers\.[23]\//.test(n)), 'no node of layers 2 and 3');
    assert.ok(!nodeNames.some((n) => n.startsWith('/lm_head/') || n.startsWith('/model/norm/')), 'no final norm or LM head');
    assert.deepEqual(cut.inputNames, ['input_ids', 'attention_mask', 'position_ids',
      'past_key_values.0.key', 'past_key_values.0.value', 'past_key_values.1.key', 'past_key_values.1.value']);
    assert.deepEqual(cut.outputNames, ['/model/layers.1/Add_1_output_0', 'present.0.key', 'present.0.value', 'present.1.key', 'present.1.value']);
    assert.deepEqual(cut.stats.droppedInputs, ['past_key_values.2.key', 'past_key_values.2.value', 'past_key_values.3.key', 'past_key_values.3.value']);
    assert.ok(cut.stats.keptNodes < cut.stats.originalNodes * 0.7, `${cut.stats.keptNodes} of ${cut.stats.originalNodes} nodes kept`);
    assert.ok(cut.stats.droppedInitializers > 0);
    assert.ok(!(graph.initializer ?? []).some((t) => /lm_head|layers\.[23]\./.test(t.name ?? '')), 'no weights of dropped layers');
    assert.ok(cut.bytes.length < before * 0.7, `${cut.bytes.length} of ${before} bytes`);
    // The model given to cutGraph is not modified.
    assert.equal(onnx.ModelProto.encode(model).finish().length, before);
    // The tap output is declared float [batch, seq, hidden].
    const tapType = graph.output?.[0]?.type?.tensorType;
    assert.equal(tapType?.elemType, onnx.TensorProto.DataType.FLOAT);
    assert.deepEqual(tapType?.shape?.dim?.map((d) => d.dimParam || Number(d.dimValue)), ['batch_size', 'sequence_length', 64]);
  });

  test("the cut graph's residual and KV cache equal the uncut graph's, with and without a past", async () => {
    const model = await readModel(join(dir, 'model.onnx'));
    const tap = '/model/layers.1/Add_1_output_0';
    const uncut = await session(exposeOutputs(model, [tap]));
    const cut = await session(cutGraph(model, tap, presentOutputs(1), { hiddenSize: 64 }).bytes);
    assert.deepEqual(cut.inputNames.filter((n) => n.startsWith('past')), ['past_key_values.0.key', 'past_key_values.0.value', 'past_key_values.1.key', 'past_key_values.1.value']);
    const ids = tokenIds(23, VOCAB);
    const [u1, u2] = await twoSteps(uncut, ids, 15);
    const [c1, c2] = await twoSteps(cut, ids, 15);
    for (const [u, c] of [[u1, c1], [u2, c2]] as const) {
      assert.deepEqual(c[tap]?.dims, u[tap]?.dims);
      assert.ok(maxAbsDiff(c[tap]?.data as Float32Array, u[tap]?.data as Float32Array) <= 1e-6);
      for (const name of presentOutputs(1)) assert.ok(maxAbsDiff(c[name]?.data as Float32Array, u[name]?.data as Float32Array) <= 1e-6, name);
    }
    assert.deepEqual(c2[tap]?.dims, [1, 8, 64]);
    // The residual is a real activation, not zeros.
    assert.ok(Array.from(c2[tap]?.data as Float32Array).some((v) => Math.abs(v) > 0.01));
    await uncut.release();
    await cut.release();
  });

  test('a tap found by structure after renaming cuts and runs the same way', async () => {
    const model = await readModel(join(dir, 'model.onnx'));
    const names = renameTensors(model);
    const tap = findResidualTap(model.graph as onnx.IGraphProto, 2);
    const uncut = await session(exposeOutputs(model, [tap.tapName]));
    const cut = await session(cutGraph(model, tap.tapName, presentOutputs(2)).bytes);
    const ids = tokenIds(12, VOCAB, 3);
    const [, u] = await twoSteps(uncut, ids, 9);
    const [, c] = await twoSteps(cut, ids, 9);
    assert.equal(tap.tapName, names.get('/model/layers.2/Add_1_output_0'));
    assert.ok(maxAbsDiff(c[tap.tapName]?.data as Float32Array, u[tap.tapName]?.data as Float32Array) <= 1e-6);
    await uncut.release();
    await cut.release();
  });

  test('names the problem when asked for a tensor or output the graph does not have', async () => {
    const model = await readModel(join(dir, 'model.onnx'));
    assert.throws(() => cutGraph(model, 'no-such-tensor', []), /no node produces no-such-tensor/);
    assert.throws(() => cutGraph(model, '/model/layers.1/Add_1_output_0', ['present.9.key']), /not graph outputs: present.9.key/);
  });
});
