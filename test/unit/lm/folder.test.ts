/**
 * Model-folder checks on real folders: the project's tiny random LM and its
 * variants (external data, int8, fp16, merged) generated into temp folders, then
 * broken in copies the way users' downloads break. Every refusal must name the
 * problem and the fix; the folder itself is never written.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdir, readFile, rename, truncate, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { onnx } from 'onnx-proto';
import { inspectModelFolder, LmFolderError, openModelFolder } from '../../../src/core/lm/folder';
import type { LmFolderProblem } from '../../../src/core/lm/folderError';
import { cleanTempDirs, copyFolder, makeTinyLm, readModel, snapshotFolder, tempDir, writeModel } from '../../fixtures/lm/tinyLmTools';

let plain: string;
let ext: string;
let int8: string;
let fp16: string;
let fp16AsModel: string;
let merged: string;
let mergedAsModel: string;

before(async () => {
  // Generated side by side; the refused variants need only one layer.
  [plain, ext, int8, fp16, fp16AsModel, merged, mergedAsModel] = await Promise.all([
    makeTinyLm(),
    makeTinyLm('--external-data'),
    makeTinyLm('--int8'),
    makeTinyLm('--dtype', 'fp16', '--layers', '1'),
    makeTinyLm('--dtype', 'fp16', '--layers', '1', '--file', 'model.onnx'),
    makeTinyLm('--layout', 'merged', '--layers', '1'),
    makeTinyLm('--layout', 'merged', '--layers', '1', '--file', 'model.onnx'),
  ]);
});
after(cleanTempDirs);

/** Asserts that inspecting `dir` fails with `code` and a message matching every pattern. */
async function refuses(dir: string, code: LmFolderProblem, ...patterns: RegExp[]): Promise<LmFolderError> {
  let error: unknown;
  try {
    await inspectModelFolder(dir);
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof LmFolderError, `expected an LmFolderError, got ${String(error)}`);
  assert.equal(error.code, code, error.message);
  assert.equal(error.message, `${error.problem} Fix: ${error.fix}`);
  for (const p of patterns) assert.match(error.message, p);
  return error;
}

describe('inspectModelFolder: a good folder', () => {
  test('describes the tiny LM: graph, architecture, tokenizer, template, name and identity', async () => {
    const f = await inspectModelFolder(plain);
    assert.equal(f.dir, plain);
    assert.equal(f.onnxPath, join(plain, 'model.onnx'));
    assert.deepEqual(f.externalData, []);
    assert.deepEqual(f.architecture, { modelType: 'qwen2', layers: 4, hiddenSize: 64, heads: 4, kvHeads: 2, headDim: 16, vocabSize: f.architecture.vocabSize, maxPositions: f.architecture.maxPositions });
    assert.ok(f.architecture.vocabSize > 256);
    assert.match(f.chatTemplate, /<\|im_start\|>/);
    assert.equal(f.name, 'emotion-lens/tiny-lm');
    assert.match(f.sha256, /^[0-9a-f]{64}$/);
    assert.ok(typeof (f.tokenizerJson as { model?: unknown }).model === 'object');
    assert.ok('chat_template' in f.tokenizerConfig);
  });

  test('the identity is the content, not the path: a copy has the same SHA-256, a changed tokenizer another', async () => {
    const copy = await copyFolder(plain);
    assert.equal((await inspectModelFolder(copy)).sha256, (await inspectModelFolder(plain)).sha256);
    const tok = JSON.parse(await readFile(join(copy, 'tokenizer.json'), 'utf8')) as Record<string, unknown>;
    await writeFile(join(copy, 'tokenizer.json'), JSON.stringify({ ...tok, truncation: { max_length: 8 } }));
    assert.notEqual((await inspectModelFolder(copy)).sha256, (await inspectModelFolder(plain)).sha256);
  });

  test('lists external data and counts its bytes', async () => {
    const f = await inspectModelFolder(ext);
    assert.deepEqual(f.externalData, [join(ext, 'model.onnx_data')]);
    const sizes = await snapshotFolder(ext);
    assert.equal(f.bytes, (sizes['model.onnx']?.size ?? 0) + (sizes['model.onnx_data']?.size ?? 0));
  });

  test('openModelFolder returns the decoded graph with the folder, read once', async () => {
    const { folder, decoded } = await openModelFolder(plain);
    assert.equal(folder.onnxPath, join(plain, 'model.onnx'));
    assert.ok((decoded.model.graph?.node ?? []).length > 100);
    assert.equal(decoded.fileBytes.length, (await readFile(folder.onnxPath)).length);
  });

  test('in an onnx/ subfolder, picks fp32 model.onnx over int8 and never fp16; int8 over fp16', async () => {
    const dir = await copyFolder(plain);
    await mkdir(join(dir, 'onnx'));
    await rename(join(dir, 'model.onnx'), join(dir, 'onnx', 'model.onnx'));
    await copyFile(join(int8, 'model_int8.onnx'), join(dir, 'onnx', 'model_int8.onnx'));
    await copyFile(join(fp16, 'model_fp16.onnx'), join(dir, 'onnx', 'model_fp16.onnx'));
    assert.equal((await inspectModelFolder(dir)).onnxPath, join(dir, 'onnx', 'model.onnx'));
    await unlink(join(dir, 'onnx', 'model.onnx'));
    assert.equal((await inspectModelFolder(dir)).onnxPath, join(dir, 'onnx', 'model_int8.onnx'));
  });

  test('one graph with an unknown name is used; two are refused as ambiguous', async () => {
    const dir = await copyFolder(plain);
    await rename(join(dir, 'model.onnx'), join(dir, 'qwen-tiny.onnx'));
    assert.equal((await inspectModelFolder(dir)).onnxPath, join(dir, 'qwen-tiny.onnx'));
    await copyFile(join(dir, 'qwen-tiny.onnx'), join(dir, 'other.onnx'));
    await refuses(dir, 'ambiguous-graph', /other\.onnx/, /qwen-tiny\.onnx/, /rename it to model\.onnx/);
  });

  test('a chat template in chat_template.jinja is used (and wins over tokenizer_config.json)', async () => {
    const dir = await copyFolder(plain);
    await writeFile(join(dir, 'chat_template.jinja'), '{% for m in messages %}[{{ m.role }}] {{ m.content }}\n{% endfor %}');
    assert.match((await inspectModelFolder(dir)).chatTemplate, /^\{% for m in messages %\}\[/);
  });

  test('a list of named templates gives the one named "default"', async () => {
    const dir = await copyFolder(plain);
    const cfg = JSON.parse(await readFile(join(dir, 'tokenizer_config.json'), 'utf8')) as Record<string, unknown>;
    cfg.chat_template = [{ name: 'tool_use', template: 'TOOLS' }, { name: 'default', template: 'DEFAULT {{ messages }}' }];
    await writeFile(join(dir, 'tokenizer_config.json'), JSON.stringify(cfg));
    assert.equal((await inspectModelFolder(dir)).chatTemplate, 'DEFAULT {{ messages }}');
  });

  test('reading never writes, creates or renames anything in the folder', async () => {
    const dir = await copyFolder(ext);
    const before = await snapshotFolder(dir);
    await inspectModelFolder(dir);
    await openModelFolder(dir);
    assert.deepEqual(await snapshotFolder(dir), before);
  });
});

describe('inspectModelFolder: what it refuses, and the fix it names', () => {
  test('a path that is not a folder, or a folder without a graph', async () => {
    await refuses(join(plain, 'nope'), 'not-a-folder', /does not exist/);
    await refuses(join(plain, 'model.onnx'), 'not-a-folder', /is a file, not a folder/);
    const empty = await tempDir('empty');
    await refuses(empty, 'no-graph', /No \.onnx file/, /optimum-cli export onnx/);
  });

  test('no tokenizer.json', async () => {
    const dir = await copyFolder(plain);
    await unlink(join(dir, 'tokenizer.json'));
    await refuses(dir, 'no-tokenizer', /No tokenizer\.json/, /copy tokenizer\.json from the model's repository/);
  });

  test('a tokenizer.json that is not JSON (an incomplete download)', async () => {
    const dir = await copyFolder(plain);
    await truncate(join(dir, 'tokenizer.json'), 100);
    await refuses(dir, 'bad-tokenizer', /tokenizer\.json is not a valid JSON object/, /copy tokenizer\.json again/);
  });

  test('no config.json, or one without the layer count', async () => {
    const dir = await copyFolder(plain);
    const config = JSON.parse(await readFile(join(dir, 'config.json'), 'utf8')) as Record<string, unknown>;
    await unlink(join(dir, 'config.json'));
    await refuses(dir, 'no-config', /No config\.json/, /copy config\.json/);
    delete config.num_hidden_layers;
    await writeFile(join(dir, 'config.json'), JSON.stringify(config));
    await refuses(dir, 'bad-config', /no layer count \(looked for num_hidden_layers/);
  });

  test('a config.json from another model (layer count differs from the graph)', async () => {
    const dir = await copyFolder(plain);
    const config = JSON.parse(await readFile(join(dir, 'config.json'), 'utf8')) as Record<string, unknown>;
    await writeFile(join(dir, 'config.json'), JSON.stringify({ ...config, num_hidden_layers: 24 }));
    await refuses(dir, 'config-mismatch', /says the model has 24 layers but model\.onnx has a KV cache for 4/, /same repository and revision/);
  });

  test('no chat template anywhere', async () => {
    const dir = await copyFolder(plain);
    const cfg = JSON.parse(await readFile(join(dir, 'tokenizer_config.json'), 'utf8')) as Record<string, unknown>;
    delete cfg.chat_template;
    await writeFile(join(dir, 'tokenizer_config.json'), JSON.stringify(cfg));
    await refuses(dir, 'no-chat-template', /No chat template/, /chat_template\.jinja/, /-Instruct/);
  });

  test("Optimum's merged If layout, by file name and by content", async () => {
    await refuses(merged, 'merged-layout', /decoder_model_merged\.onnx/, /merged decoder layout/, /decoder_with_past_model\.onnx/, /--task text-generation-with-past/);
    await refuses(mergedAsModel, 'merged-layout', /model\.onnx uses Optimum's merged decoder layout \(a use_cache_branch input/, /--task text-generation-with-past/);
  });

  test('fp16: when it is the only graph, and when an fp16 graph is called model.onnx', async () => {
    await refuses(fp16, 'fp16', /model_fp16\.onnx/, /fp16 does not run well on CPU/, /fp32 export \(model\.onnx\) or an int8/);
    await refuses(fp16AsModel, 'fp16', /model\.onnx has fp16 inputs\/outputs \(past_key_values\.0\.key/, /distorts the activations/);
  });

  test('a graph without a KV cache (not the text-generation-with-past layout)', async () => {
    const dir = await copyFolder(plain);
    const model = await readModel(join(dir, 'model.onnx'));
    const graph = model.graph as onnx.IGraphProto;
    graph.input = (graph.input ?? []).filter((v) => !(v.name ?? '').startsWith('past_key_values.'));
    graph.output = (graph.output ?? []).filter((v) => !(v.name ?? '').startsWith('present.'));
    await writeModel(join(dir, 'model.onnx'), model);
    await refuses(dir, 'not-optimum-layout', /inputs \(input_ids, attention_mask, position_ids\)/, /Expected Optimum's text-generation-with-past layout/, /optimum-cli export onnx/);
  });

  test('external data missing', async () => {
    const dir = await copyFolder(ext);
    await unlink(join(dir, 'model.onnx_data'));
    await refuses(dir, 'external-data-missing', /keeps its weights in model\.onnx_data/, /does not exist/, /copy model\.onnx_data from the model's repository/);
  });

  test('external data truncated: names the file, the bytes expected and the bytes there', async () => {
    const dir = await copyFolder(ext);
    const data = join(dir, 'model.onnx_data');
    const full = (await readFile(data)).length;
    await truncate(data, full - 5000);
    const e = await refuses(dir, 'external-data-truncated', /model\.onnx_data is truncated/, /download or copy model\.onnx_data again, completely/);
    const [expected, actual] = [...e.problem.matchAll(/([\d,]+) (?:of it|bytes)/g)].map((m) => Number((m[1] as string).replace(/,/g, '')));
    assert.ok(expected !== undefined && expected > full - 5000 && expected <= full, e.problem);
    assert.equal(actual, full - 5000);
  });

  test('external data outside the graph\'s folder is refused, not read', async () => {
    const dir = await copyFolder(ext);
    const model = await readModel(join(dir, 'model.onnx'));
    for (const t of model.graph?.initializer ?? []) {
      for (const entry of t.externalData ?? []) if (entry.key === 'location') entry.value = '../model.onnx_data';
    }
    await writeModel(join(dir, 'model.onnx'), model);
    await refuses(dir, 'external-data-outside', /"\.\.\/model\.onnx_data", outside its own folder/);
  });

  test('too large for the memory available: gives both sizes and suggests a smaller or int8 export', async () => {
    let error: unknown;
    try {
      await inspectModelFolder(ext, { memoryBytes: 200_000 });
    } catch (e) {
      error = e;
    }
    assert.ok(error instanceof LmFolderError && error.code === 'too-large', String(error));
    assert.match(error.problem, /needs about [\d.]+ MB of memory .* and 200,000 bytes is available/);
    assert.match(error.fix, /smaller model/);
    assert.match(error.fix, /int8 export/);
    // The graph alone fits, so this was decided with its external data counted.
    await inspectModelFolder(ext, { memoryBytes: 10_000_000 });
  });

  test('a graph file that is not ONNX (an incomplete download)', async () => {
    const dir = await copyFolder(plain);
    await truncate(join(dir, 'model.onnx'), 300_000);
    await refuses(dir, 'unreadable-graph', /model\.onnx is not a readable ONNX file/, /download or copy the graph again/);
  });

  test('none of the refusals wrote into the folders', async () => {
    const dir = await copyFolder(ext);
    await truncate(join(dir, 'model.onnx_data'), 1000);
    const before = await snapshotFolder(dir);
    await refuses(dir, 'external-data-truncated');
    assert.deepEqual(await snapshotFolder(dir), before);
  });
});
