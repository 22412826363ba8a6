/**
 * prepareLm end to end on the tiny random LM: the derived graph is written to our
 * cache (never the model folder), loads with sessionOptionsFor/loadPrepared, reads
 * exactly the uncut model's residual, is reused on the next start, and is rebuilt
 * or refused when the folder changes.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, rename, stat, truncate, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type * as Ort from 'onnxruntime-node';
import { LmFolderError } from '../../../src/core/lm/folderError';
import { loadPrepared, prepareLm, presentOutputs, sessionOptionsFor } from '../../../src/core/lm/prepare';
import type { PreparedLm } from '../../../src/core/lm/types';
import {
  cleanTempDirs, copyFolder, decoderFeeds, exposeOutputs, feedsFor, makeTinyLm, maxAbsDiff, ort, readModel, snapshotFolder, tempDir, tokenIds, type KvShape,
} from '../../fixtures/lm/tinyLmTools';

const SHAPE: KvShape = { layers: 4, kvHeads: 2, headDim: 16 };
let plain: string;
let ext: string;
let int8: string;

before(async () => {
  [plain, ext, int8] = await Promise.all([makeTinyLm(), makeTinyLm('--external-data'), makeTinyLm('--int8')]);
});
after(cleanTempDirs);

async function openPrepared(p: PreparedLm): Promise<Ort.InferenceSession> {
  const { path, options } = loadPrepared(p, { intraOpNumThreads: 1 });
  return ort().InferenceSession.create(path, options);
}

/** The residual at `tap` for ids[split..] after ids[..split], from the uncut graph in `dir`. */
async function uncutResidual(dir: string, graphFile: string, tap: string, ids: number[], split: number): Promise<Ort.Tensor> {
  const model = await readModel(join(dir, graphFile));
  const s = await ort().InferenceSession.create(exposeOutputs(model, [tap]), {
    intraOpNumThreads: 1,
    extra: { session: { model_external_initializers_file_folder_path: dir } },
  });
  const first = await s.run(feedsFor(s, decoderFeeds(ids.slice(0, split), 0, SHAPE)));
  const second = await s.run(feedsFor(s, decoderFeeds(ids.slice(split), split, SHAPE, first as Record<string, Ort.Tensor>)));
  await s.release();
  return second[tap] as Ort.Tensor;
}

async function preparedResidual(p: PreparedLm, ids: number[], split: number): Promise<Ort.Tensor> {
  const s = await openPrepared(p);
  const shape = { ...SHAPE, layers: p.kvLayers };
  const first = await s.run(feedsFor(s, decoderFeeds(ids.slice(0, split), 0, shape)));
  const second = await s.run(feedsFor(s, decoderFeeds(ids.slice(split), split, shape, first as Record<string, Ort.Tensor>)));
  await s.release();
  return second[p.tapName] as Ort.Tensor;
}

describe('prepareLm', () => {
  test('writes the cut graph into the cache, not the folder, and it reads the uncut residual', async () => {
    const dir = await copyFolder(plain);
    const cacheDir = await tempDir('cache');
    const before = await snapshotFolder(dir);
    const p = await prepareLm(dir, { cacheDir });
    assert.deepEqual(await snapshotFolder(dir), before, 'the model folder is untouched');

    assert.equal(p.layer, 1);
    assert.equal(p.tapName, '/model/layers.1/Add_1_output_0');
    assert.equal(p.tapFoundBy, 'optimum-name');
    assert.equal(p.kvLayers, 2);
    assert.deepEqual(p.inputNames, ['input_ids', 'attention_mask', 'position_ids', 'past_key_values.0.key', 'past_key_values.0.value', 'past_key_values.1.key', 'past_key_values.1.value']);
    assert.ok(p.nodes.kept < p.nodes.original);
    assert.equal(p.derivedPath, join(cacheDir, `${p.folder.sha256.slice(0, 16)}-L1`, 'model.onnx'));
    const entries = (await readdir(join(cacheDir, `${p.folder.sha256.slice(0, 16)}-L1`))).sort();
    assert.deepEqual(entries, ['model.onnx', 'prepared.json'], 'no temporary file left behind');
    // The weights stay in the user's model.onnx: the derived graph only references them.
    assert.ok((await stat(p.derivedPath)).size < (await stat(join(dir, 'model.onnx'))).size / 10);

    const ids = tokenIds(20, 600);
    const [got, want] = [await preparedResidual(p, ids, 13), await uncutResidual(dir, 'model.onnx', p.tapName, ids, 13)];
    assert.deepEqual(got.dims, [1, 7, 64]);
    assert.ok(maxAbsDiff(got.data as Float32Array, want.data as Float32Array) <= 1e-6);
    const session = await openPrepared(p);
    assert.deepEqual(session.outputNames, [p.tapName, ...presentOutputs(1)]);
    await session.release();
  });

  test('the session options name the model folder as the external-data folder and keep the caller\'s own', async () => {
    const p = await prepareLm(ext, { cacheDir: await tempDir('cache') });
    const options = sessionOptionsFor(p, { intraOpNumThreads: 2, extra: { session: { intra_op: { allow_spinning: '0' } } } });
    assert.equal(options.intraOpNumThreads, 2);
    assert.deepEqual(options.extra, { session: { intra_op: { allow_spinning: '0' }, model_external_initializers_file_folder_path: ext } });
    // Without the option the derived graph, which lives in the cache, does not find its weights.
    await assert.rejects(ort().InferenceSession.create(p.derivedPath, { intraOpNumThreads: 1 }), /model\.onnx_data|External data/);
  });

  test('an external-data model: the cut keeps its data file untouched and reads the same residual', async () => {
    const dir = await copyFolder(ext);
    const before = await snapshotFolder(dir);
    const p = await prepareLm(dir, { cacheDir: await tempDir('cache'), layer: 2 });
    assert.deepEqual(await snapshotFolder(dir), before);
    assert.deepEqual(p.folder.externalData, [join(dir, 'model.onnx_data')]);
    assert.equal(p.tapName, '/model/layers.2/Add_1_output_0');
    const ids = tokenIds(16, 600, 11);
    const got = await preparedResidual(p, ids, 10);
    const want = await uncutResidual(dir, 'model.onnx', p.tapName, ids, 10);
    assert.ok(maxAbsDiff(got.data as Float32Array, want.data as Float32Array) <= 1e-6);
  });

  test('an int8 (dynamically quantized) export: the cut reads the same residual', async () => {
    const p = await prepareLm(int8, { cacheDir: await tempDir('cache') });
    assert.equal(p.folder.onnxPath, join(int8, 'model_int8.onnx'));
    assert.equal(p.tapFoundBy, 'optimum-name');
    const ids = tokenIds(14, 600, 9);
    const got = await preparedResidual(p, ids, 8);
    const want = await uncutResidual(int8, 'model_int8.onnx', p.tapName, ids, 8);
    assert.ok(maxAbsDiff(got.data as Float32Array, want.data as Float32Array) <= 1e-6);
  });

  test('a Hugging Face repository layout (graph and data in onnx/) loads from the model folder', async () => {
    const dir = await copyFolder(ext);
    await mkdir(join(dir, 'onnx'));
    await rename(join(dir, 'model.onnx'), join(dir, 'onnx', 'model.onnx'));
    await rename(join(dir, 'model.onnx_data'), join(dir, 'onnx', 'model.onnx_data'));
    const p = await prepareLm(dir, { cacheDir: await tempDir('cache') });
    assert.equal(p.folder.onnxPath, join(dir, 'onnx', 'model.onnx'));
    const ids = tokenIds(9, 600, 5);
    const got = await preparedResidual(p, ids, 4);
    const want = await uncutResidual(join(dir, 'onnx'), 'model.onnx', p.tapName, ids, 4);
    assert.ok(maxAbsDiff(got.data as Float32Array, want.data as Float32Array) <= 1e-6);
  });

  test('every layer can be chosen; each has its own cache entry; a layer past the last is refused', async () => {
    const cacheDir = await tempDir('cache');
    const ids = tokenIds(10, 600, 2);
    for (const layer of [0, 3]) {
      const p = await prepareLm(plain, { cacheDir, layer });
      assert.equal(p.layer, layer);
      assert.equal(p.kvLayers, layer + 1);
      assert.match(p.derivedPath, new RegExp(`-L${layer}/model\\.onnx$`));
      const want = await uncutResidual(plain, 'model.onnx', `/model/layers.${layer}/Add_1_output_0`, ids, 6);
      assert.ok(maxAbsDiff((await preparedResidual(p, ids, 6)).data as Float32Array, want.data as Float32Array) <= 1e-6);
    }
    await assert.rejects(prepareLm(plain, { cacheDir, layer: 4 }), (e: unknown) => e instanceof LmFolderError && e.code === 'bad-layer' && /0 to 3/.test(e.message));
  });

  test('a second start reuses the derived graph without rewriting it', async () => {
    const cacheDir = await tempDir('cache');
    const first = await prepareLm(plain, { cacheDir });
    const written = await stat(first.derivedPath);
    const second = await prepareLm(plain, { cacheDir });
    assert.deepEqual({ ...second, folder: second.folder.sha256 }, { ...first, folder: first.folder.sha256 });
    assert.equal((await stat(second.derivedPath)).mtimeMs, written.mtimeMs);
    const index = JSON.parse(await readFile(join(cacheDir, 'index.json'), 'utf8')) as { files: Record<string, unknown>; graphs: Record<string, unknown> };
    assert.ok(join(plain, 'model.onnx') in index.files && join(plain, 'model.onnx') in index.graphs);
  });

  test('unchanged files (same size, mtime, inode) are not re-hashed; a changed file is', async () => {
    const dir = await copyFolder(plain);
    const cacheDir = await tempDir('cache');
    const config = join(dir, 'config.json');
    const when = 1_700_000_000; // whole seconds: restored exactly below
    await utimes(config, when, when);
    const first = await prepareLm(dir, { cacheDir });
    // Same length, same times, different content: only a re-hash could notice, and none is done.
    const text = await readFile(config, 'utf8');
    await writeFile(config, text.replace('"emotion-lens/tiny-lm"', '"emotion-lens/tiny-LM"'));
    await utimes(config, when, when);
    assert.equal((await prepareLm(dir, { cacheDir })).folder.sha256, first.folder.sha256);
    // A real change moves the mtime: re-hashed, a new identity, a new derived graph.
    await utimes(config, when, when + 5);
    const changed = await prepareLm(dir, { cacheDir });
    assert.notEqual(changed.folder.sha256, first.folder.sha256);
    assert.notEqual(changed.derivedPath, first.derivedPath);
  });

  test('a cached model whose data file is truncated later is refused, not loaded', async () => {
    const dir = await copyFolder(ext);
    const cacheDir = await tempDir('cache');
    await prepareLm(dir, { cacheDir });
    await truncate(join(dir, 'model.onnx_data'), 4096);
    await assert.rejects(prepareLm(dir, { cacheDir }), (e: unknown) =>
      e instanceof LmFolderError && e.code === 'external-data-truncated' && /model\.onnx_data is truncated/.test(e.message));
  });

  test('refuses a cache folder inside the model folder, and creates nothing there', async () => {
    const dir = await copyFolder(plain);
    const before = await snapshotFolder(dir);
    await assert.rejects(prepareLm(dir, { cacheDir: join(dir, 'emotion-lens-cache') }), /inside the model folder/);
    await assert.rejects(prepareLm(dir, { cacheDir: dir }), /inside the model folder/);
    assert.deepEqual(await snapshotFolder(dir), before);
    assert.deepEqual((await readdir(dir)).sort(), Object.keys(before).sort());
  });

  test('a cached model is refused when the memory limit is too small', async () => {
    const cacheDir = await tempDir('cache');
    await prepareLm(plain, { cacheDir });
    await assert.rejects(prepareLm(plain, { cacheDir, memoryBytes: 100_000 }), (e: unknown) => e instanceof LmFolderError && e.code === 'too-large');
  });
});
