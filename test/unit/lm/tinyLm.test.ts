/**
 * The project's tiny test LM (scripts/make-tiny-lm.ts): reproducible bytes, an Optimum
 * `text-generation-with-past` graph that onnxruntime runs, KV-cache decoding equal to a
 * full recompute (logits and the residual stream), padding and positions honoured, a
 * byte-level BPE tokenizer that round-trips any text, Qwen2.5's ChatML template, and the
 * external-data, fp16, merged and int8 variants.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type * as Ort from 'onnxruntime-node';
import { onnx } from 'onnx-proto';
import { Tokenizer } from '@huggingface/tokenizers';
import { Template } from '@huggingface/jinja';
import { disableOnnxTelemetry } from '../../../src/core/model/noTelemetry';
import { DEFAULT_OPTIONS, writeTinyLm, type TinyLmOptions } from '../../../scripts/lib/tinyLm/generate';

const SCRIPT = resolve('scripts/make-tiny-lm.ts');
const CORPUS = resolve('media/corpus/emotions');
const LAYERS = DEFAULT_OPTIONS.layers;
const HIDDEN = DEFAULT_OPTIONS.hidden;
const KV_HEADS = DEFAULT_OPTIONS.kvHeads;
const HEAD_DIM = DEFAULT_OPTIONS.hidden / DEFAULT_OPTIONS.heads;
const RESIDUALS = Array.from({ length: LAYERS }, (_, i) => `/model/layers.${i}/Add_1_output_0`);

const root = mkdtempSync(join(tmpdir(), 'emotion-lens-tinylm-test-'));
after(() => rmSync(root, { recursive: true, force: true }));

let runtime: typeof Ort | undefined;
function ort(): typeof Ort {
  if (!runtime) {
    disableOnnxTelemetry();
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the native runtime, loaded when a test first runs a model
    runtime = require('onnxruntime-node') as typeof Ort;
  }
  return runtime;
}

function make(name: string, options: Partial<TinyLmOptions> = {}): string {
  const dir = join(root, name);
  writeTinyLm(dir, { ...DEFAULT_OPTIONS, ...options }, CORPUS);
  return dir;
}

function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return promisify(execFile)(process.execPath, ['--import', 'tsx', SCRIPT, ...args], { encoding: 'utf8' })
    .then(({ stdout, stderr }) => ({ code: 0, stdout, stderr }))
    .catch((err: { code: number; stdout: string; stderr: string }) => ({ code: err.code, stdout: err.stdout, stderr: err.stderr }));
}

function readModel(path: string): onnx.ModelProto {
  return onnx.ModelProto.decode(readFileSync(path));
}

/** The model with extra graph outputs (declared by name only), to read intermediate tensors. */
function withOutputs(path: string, names: string[]): Uint8Array {
  const model = readModel(path);
  const graph = model.graph as onnx.GraphProto;
  graph.output = [...graph.output, ...names.map((name) => onnx.ValueInfoProto.create({ name }))];
  return onnx.ModelProto.encode(model).finish();
}

/** A graph in plain, fully typed terms (onnx-proto's fields are all optional). */
interface GraphView {
  nodes: { name: string; opType: string; domain: string; input: string[]; output: string[]; graphs: Record<string, GraphView> }[];
  inputs: ValueView[];
  outputs: ValueView[];
  initializers: { name: string; dataType: number; rawBytes: number; dataLocation: number; external: Record<string, string> }[];
}
interface ValueView {
  name: string;
  elemType: number;
  dims: (string | number)[];
}

function valueView(v: onnx.IValueInfoProto): ValueView {
  const t = v.type?.tensorType;
  return { name: v.name ?? '', elemType: t?.elemType ?? 0, dims: t?.shape?.dim?.map((d) => d.dimParam || Number(d.dimValue)) ?? [] };
}

function view(g: onnx.IGraphProto | null | undefined): GraphView {
  return {
    nodes: (g?.node ?? []).map((n) => ({
      name: n.name ?? '',
      opType: n.opType ?? '',
      domain: n.domain ?? '',
      input: n.input ?? [],
      output: n.output ?? [],
      graphs: Object.fromEntries((n.attribute ?? []).filter((a) => a.g).map((a) => [a.name ?? '', view(a.g)])),
    })),
    inputs: (g?.input ?? []).map(valueView),
    outputs: (g?.output ?? []).map(valueView),
    initializers: (g?.initializer ?? []).map((t) => ({
      name: t.name ?? '',
      dataType: t.dataType ?? 0,
      rawBytes: t.rawData?.length ?? 0,
      dataLocation: t.dataLocation ?? 0,
      external: Object.fromEntries((t.externalData ?? []).map((e) => [e.key ?? '', e.value ?? ''])),
    })),
  };
}

const readGraph = (path: string): GraphView => view(readModel(path).graph);

const i64 = (rows: number[][]): Ort.Tensor =>
  new (ort().Tensor)('int64', BigInt64Array.from(rows.flat().map((v) => BigInt(v))), [rows.length, rows[0]?.length ?? 0]);

interface Step {
  ids: number[][];
  positions: number[][];
  /** The whole attention mask: past and new tokens. */
  mask: number[][];
}

type Outputs = Record<string, Ort.Tensor>;

async function run(session: Ort.InferenceSession, step: Step, past?: Outputs): Promise<Outputs> {
  const batch = step.ids.length;
  const feeds: Outputs = { input_ids: i64(step.ids), attention_mask: i64(step.mask), position_ids: i64(step.positions) };
  for (let i = 0; i < LAYERS; i++) {
    for (const kind of ['key', 'value']) {
      feeds[`past_key_values.${i}.${kind}`] = past?.[`present.${i}.${kind}`] ?? new (ort().Tensor)('float32', new Float32Array(0), [batch, KV_HEADS, 0, HEAD_DIM]);
    }
  }
  return (await session.run(feeds)) as Outputs;
}

/** One unpadded row: tokens at positions start.. with every earlier token visible. */
function row(ids: number[], start: number): Step {
  return { ids: [ids], positions: [ids.map((_, i) => start + i)], mask: [Array(start + ids.length).fill(1)] };
}

const floats = (t: Ort.Tensor | undefined): Float32Array => {
  assert.ok(t, 'missing output');
  return t.data as Float32Array;
};

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs((a[i] as number) - (b[i] as number)));
  return m;
}

/** Row `r`, positions [from, to) of a [batch, seq, width] tensor. */
function slice(t: Ort.Tensor | undefined, r: number, from: number, to: number): Float32Array {
  const [, seq, width] = (t?.dims ?? []) as number[];
  const base = r * (seq as number) * (width as number);
  return floats(t).subarray(base + from * (width as number), base + to * (width as number));
}

const concat = (a: Float32Array, b: Float32Array): Float32Array => {
  const out = new Float32Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
};

const TOKENS = [17, 301, 5, 640, 88, 123, 256, 9, 411, 2];

describe('make-tiny-lm', () => {
  let dir: string;
  before(() => {
    dir = make('default');
  });

  test('the same options write byte-identical folders; the CLI prints what it wrote', async () => {
    const [a, b, other] = await Promise.all([
      runCli([join(root, 'cli-a')]),
      runCli([join(root, 'cli-b')]),
      runCli([join(root, 'cli-seed'), '--seed', '2']),
    ]);
    for (const r of [a, b, other]) assert.equal(r.code, 0, r.stderr);
    assert.match(a.stdout, /model\.onnx/);
    assert.match(a.stdout, /tokenizer\.json/);
    assert.match(a.stdout, /parameters: [\d,]+/);
    const files = readdirSync(join(root, 'cli-a')).sort();
    assert.deepEqual(files, ['README.md', 'config.json', 'generation_config.json', 'model.onnx', 'tokenizer.json', 'tokenizer_config.json']);
    assert.deepEqual(readdirSync(join(root, 'cli-b')).sort(), files);
    for (const f of files) {
      assert.ok(readFileSync(join(root, 'cli-a', f)).equals(readFileSync(join(root, 'cli-b', f))), `${f} differs between two runs`);
      // The library call writes the same bytes as the command line.
      assert.ok(readFileSync(join(root, 'cli-a', f)).equals(readFileSync(join(dir, f))), `${f} differs from the library's`);
    }
    // Another seed draws other weights but trains the same tokenizer.
    assert.ok(!readFileSync(join(root, 'cli-seed', 'model.onnx')).equals(readFileSync(join(dir, 'model.onnx'))));
    assert.ok(readFileSync(join(root, 'cli-seed', 'tokenizer.json')).equals(readFileSync(join(dir, 'tokenizer.json'))));
  });

  test('bad options exit with code 2 and say what is wrong', async () => {
    const [heads, dtype, unknown, none, mixed] = await Promise.all([
      runCli([join(root, 'bad-1'), '--heads', '3']),
      runCli([join(root, 'bad-2'), '--dtype', 'bf16']),
      runCli([join(root, 'bad-3'), '--colour', 'red']),
      runCli([]),
      runCli([join(root, 'bad-4'), '--int8', '--dtype', 'fp16']),
    ]);
    assert.equal(heads.code, 2);
    assert.match(heads.stderr, /--hidden \(64\) must be a multiple of --heads \(3\)/);
    assert.equal(dtype.code, 2);
    assert.match(dtype.stderr, /--dtype must be fp32 or fp16/);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /--colour/);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /give the output folder/);
    assert.equal(mixed.code, 2);
    assert.match(mixed.stderr, /--int8/);
    assert.ok(!readdirSync(root).some((f) => f.startsWith('bad-')), 'nothing is written for bad options');
  });

  test('the graph has the inputs, outputs and node names of an Optimum text-generation-with-past export', async () => {
    const model = readModel(join(dir, 'model.onnx'));
    const graph = view(model.graph);
    const past = Array.from({ length: LAYERS }, (_, i) => [`past_key_values.${i}.key`, `past_key_values.${i}.value`]).flat();
    const present = Array.from({ length: LAYERS }, (_, i) => [`present.${i}.key`, `present.${i}.value`]).flat();
    assert.deepEqual(graph.inputs.map((v) => v.name), ['input_ids', 'attention_mask', 'position_ids', ...past]);
    assert.deepEqual(graph.outputs.map((v) => v.name), ['logits', ...present]);
    const byName = new Map([...graph.inputs, ...graph.outputs].map((v) => [v.name, v]));
    const dims = (name: string) => byName.get(name)?.dims;
    const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as Record<string, unknown>;
    assert.deepEqual(dims('input_ids'), ['batch_size', 'sequence_length']);
    assert.deepEqual(dims('attention_mask'), ['batch_size', 'past_sequence_length + sequence_length']);
    assert.deepEqual(dims('past_key_values.0.key'), ['batch_size', KV_HEADS, 'past_sequence_length', HEAD_DIM]);
    assert.deepEqual(dims('present.3.value'), ['batch_size', KV_HEADS, 'past_sequence_length + sequence_length', HEAD_DIM]);
    assert.deepEqual(dims('logits'), ['batch_size', 'sequence_length', config.vocab_size]);
    assert.equal(Number(model.irVersion), 8);
    assert.deepEqual((model.opsetImport ?? []).map((o) => [o.domain ?? '', Number(o.version)]), [['', 17]]);

    const producers = new Map(graph.nodes.map((n) => [n.name, n]));
    assert.equal(producers.get('/model/embed_tokens/Gather')?.opType, 'Gather');
    assert.equal(producers.get('/lm_head/MatMul')?.output[0], 'logits');
    assert.ok(graph.nodes.some((n) => n.name.startsWith('/model/norm/')));
    for (let i = 0; i < LAYERS; i++) {
      const attnAdd = producers.get(`/model/layers.${i}/Add`);
      const mlpAdd = producers.get(`/model/layers.${i}/Add_1`);
      assert.equal(attnAdd?.opType, 'Add');
      assert.deepEqual(attnAdd?.output, [`/model/layers.${i}/Add_output_0`]);
      assert.deepEqual(mlpAdd?.output, [`/model/layers.${i}/Add_1_output_0`]);
      // Add_1 adds the MLP's down projection to the attention residual.
      assert.ok(mlpAdd?.input.includes(`/model/layers.${i}/Add_output_0`));
      assert.ok(mlpAdd?.input.includes(`/model/layers.${i}/mlp/down_proj/MatMul_output_0`));
      for (const proj of ['self_attn/q_proj', 'self_attn/k_proj', 'self_attn/v_proj', 'self_attn/o_proj', 'mlp/gate_proj', 'mlp/up_proj', 'mlp/down_proj']) {
        assert.equal(producers.get(`/model/layers.${i}/${proj}/MatMul`)?.opType, 'MatMul', proj);
      }
    }
    // Only standard-domain ops, all of which onnxruntime's CPU provider runs (the session loads below).
    assert.ok(graph.nodes.every((n) => !n.domain));
    const session = await ort().InferenceSession.create(join(dir, 'model.onnx'));
    assert.deepEqual(session.inputNames, ['input_ids', 'attention_mask', 'position_ids', ...past]);
    assert.deepEqual(session.outputNames, ['logits', ...present]);
    await session.release();
  });

  test('decoding with the KV cache gives the logits and residuals of a full recompute', async () => {
    const session = await ort().InferenceSession.create(withOutputs(join(dir, 'model.onnx'), RESIDUALS));
    const n = TOKENS.length;
    const full = await run(session, row(TOKENS, 0));
    const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as { vocab_size: number };
    assert.deepEqual(full.logits?.dims, [1, n, config.vocab_size]);
    assert.deepEqual(full['present.0.key']?.dims, [1, KV_HEADS, n, HEAD_DIM]);
    assert.deepEqual(full[RESIDUALS[0] as string]?.dims, [1, n, HIDDEN]);
    for (const split of [1, 6]) {
      const first = await run(session, row(TOKENS.slice(0, split), 0));
      // The second call sees the first's tokens only through the cache.
      const second = await run(session, row(TOKENS.slice(split), split), first);
      assert.deepEqual(second['present.0.value']?.dims, [1, KV_HEADS, n, HEAD_DIM]);
      for (const name of ['logits', ...RESIDUALS]) {
        const incremental = concat(floats(first[name]), floats(second[name]));
        assert.ok(maxAbsDiff(floats(full[name]), incremental) <= 1e-5, `${name} after a split at ${split}`);
      }
      for (const name of ['present.2.key', 'present.2.value']) {
        assert.ok(maxAbsDiff(floats(full[name]), floats(second[name])) <= 1e-5, name);
      }
    }
    // One token at a time, as generation does.
    let past: Outputs | undefined;
    const steps: Float32Array[] = [];
    for (let t = 0; t < n; t++) {
      past = await run(session, row([TOKENS[t] as number], t), past);
      steps.push(floats(past[RESIDUALS[LAYERS - 1] as string]));
    }
    assert.ok(maxAbsDiff(floats(full[RESIDUALS[LAYERS - 1] as string]), steps.reduce(concat)) <= 1e-5);
    // Activations stay O(1) through the layers.
    for (const name of RESIDUALS) {
      const values = floats(full[name]);
      const rms = Math.sqrt(values.reduce((s, v) => s + v * v, 0) / values.length);
      assert.ok(rms > 0.3 && rms < 5, `${name} rms ${rms}`);
    }
    await session.release();
  });

  test('padding is masked out and positions come from position_ids', async () => {
    const session = await ort().InferenceSession.create(join(dir, 'model.onnx'));
    const ids = TOKENS.slice(0, 5);
    const alone = await run(session, row(ids, 0));
    // Left padding, as a batch of uneven rows: two pad tokens, positions as transformers makes them.
    const padded: Step = {
      ids: [[0, 0, ...ids], [...TOKENS.slice(3, 10)]],
      positions: [[1, 1, 0, 1, 2, 3, 4], [0, 1, 2, 3, 4, 5, 6]],
      mask: [[0, 0, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 1, 1]],
    };
    const batch = await run(session, padded);
    assert.ok(maxAbsDiff(slice(batch.logits, 0, 2, 7), floats(alone.logits)) <= 1e-5, 'padded row differs from the row alone');
    const second = await run(session, row(TOKENS.slice(3, 10), 0));
    assert.ok(maxAbsDiff(slice(batch.logits, 1, 0, 7), floats(second.logits)) <= 1e-5, 'the other row of the batch changed');
    // Without the mask the pad tokens are attended to, and the result changes.
    const unmasked = await run(session, { ...padded, mask: [[1, 1, 1, 1, 1, 1, 1], padded.mask[1] as number[]] });
    assert.ok(maxAbsDiff(slice(unmasked.logits, 0, 2, 7), floats(alone.logits)) > 1e-3);

    // RoPE depends on relative positions: shifting them all changes nothing but rounding...
    const shifted = await run(session, { ...row(ids, 0), positions: [ids.map((_, i) => 100 + i)] });
    assert.ok(maxAbsDiff(floats(shifted.logits), floats(alone.logits)) <= 1e-3);
    // ...while reordering them changes the result.
    const reordered = await run(session, { ...row(ids, 0), positions: [[4, 3, 2, 1, 0]] });
    assert.ok(maxAbsDiff(floats(reordered.logits), floats(alone.logits)) > 1e-2);
    await session.release();
  });

  test('the tokenizer round-trips any text and keeps the chat tokens whole', () => {
    const tokenizerJson = JSON.parse(readFileSync(join(dir, 'tokenizer.json'), 'utf8')) as {
      added_tokens: { id: number; content: string }[];
      model: { vocab: Record<string, number>; merges: string[] };
    };
    const tokenizerConfig = JSON.parse(readFileSync(join(dir, 'tokenizer_config.json'), 'utf8')) as Record<string, unknown>;
    const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as Record<string, unknown>;
    const tokenizer = new Tokenizer(tokenizerJson, tokenizerConfig);
    assert.equal(tokenizerJson.model.merges.length, DEFAULT_OPTIONS.merges);
    const size = Object.keys(tokenizerJson.model.vocab).length + tokenizerJson.added_tokens.length;
    assert.equal(config.vocab_size, size);
    const texts = [
      'The knock came twice, heavy, and Tomasz stopped chewing.',
      "I'm sorry, the test STILL fails; let's try again.",
      'Café, déjà vu, naïve: 🎉🔥 日本語のテキスト, Ελληνικά, עברית, e\u0301 (decomposed) and \u00e9.',
      'function add(a, b) {\n\treturn a + b; // sum\r\n}\n\n\n    indented\u00a0nbsp\u200bzwsp',
      '  leading and trailing spaces  ',
      '\u0000\u0001\u007f control bytes\u2028and a line separator',
    ];
    let words = 0;
    let tokens = 0;
    for (const text of texts) {
      const ids = tokenizer.encode(text, { add_special_tokens: false }).ids;
      assert.ok(ids.every((id) => Number.isInteger(id) && id >= 0 && id < size));
      assert.equal(tokenizer.decode(ids, { skip_special_tokens: false }), text);
      words += text.split(/\s+/).length;
      tokens += ids.length;
    }
    // The merges learned from the corpus compress English: fewer tokens than bytes.
    const english = 'She felt a wave of relief when the results finally came back and everything was fine.';
    assert.ok(tokenizer.encode(english, { add_special_tokens: false }).ids.length < english.length / 2.5);
    assert.ok(tokens > words);

    const special = Object.fromEntries(tokenizerJson.added_tokens.map((t) => [t.content, t.id]));
    assert.deepEqual(Object.keys(special), ['<|endoftext|>', '<|im_start|>', '<|im_end|>']);
    const chat = tokenizer.encode('<|im_start|>user\nhello<|im_end|>\n<|endoftext|>', { add_special_tokens: false }).ids;
    assert.equal(chat[0], special['<|im_start|>']);
    assert.ok(chat.includes(special['<|im_end|>'] as number));
    assert.equal(chat.at(-1), special['<|endoftext|>']);
    assert.equal(chat.filter((id) => id >= size - 3).length, 3);
    assert.equal(tokenizerConfig.eos_token, '<|im_end|>');
    assert.equal(tokenizerConfig.pad_token, '<|endoftext|>');
    assert.deepEqual(Object.keys(tokenizerConfig.added_tokens_decoder as object), Object.values(special).map(String));
  });

  test("the chat template renders Qwen2.5's ChatML", () => {
    const tokenizerConfig = JSON.parse(readFileSync(join(dir, 'tokenizer_config.json'), 'utf8')) as { chat_template: string };
    const template = new Template(tokenizerConfig.chat_template);
    const withSystem = template.render({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Why does the test fail?' },
        { role: 'assistant', content: 'The fixture has CRLF endings.' },
      ],
      add_generation_prompt: false,
    });
    assert.equal(
      withSystem,
      '<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nWhy does the test fail?<|im_end|>\n' +
        '<|im_start|>assistant\nThe fixture has CRLF endings.<|im_end|>\n',
    );
    const defaultSystem = template.render({ messages: [{ role: 'user', content: 'hi' }], add_generation_prompt: true });
    assert.equal(
      defaultSystem,
      '<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n' +
        '<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n',
    );
  });

  test('the config, generation config and README describe the model', () => {
    const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as Record<string, unknown>;
    assert.deepEqual(config.architectures, ['Qwen2ForCausalLM']);
    assert.equal(config.model_type, 'qwen2');
    assert.equal(config._name_or_path, 'emotion-lens/tiny-lm');
    assert.equal(config.num_hidden_layers, LAYERS);
    assert.equal(config.hidden_size, HIDDEN);
    assert.equal(config.num_attention_heads, DEFAULT_OPTIONS.heads);
    assert.equal(config.num_key_value_heads, KV_HEADS);
    assert.equal(config.intermediate_size, DEFAULT_OPTIONS.intermediate);
    assert.equal(config.tie_word_embeddings, false);
    assert.equal(config.torch_dtype, 'float32');
    const generation = JSON.parse(readFileSync(join(dir, 'generation_config.json'), 'utf8')) as { eos_token_id: number[] };
    const tokenizerJson = JSON.parse(readFileSync(join(dir, 'tokenizer.json'), 'utf8')) as { added_tokens: { id: number; content: string }[] };
    const imEnd = tokenizerJson.added_tokens.find((t) => t.content === '<|im_end|>')?.id;
    assert.equal(generation.eos_token_id[0], imEnd);
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    assert.match(readme, /RANDOM/);
    assert.match(readme, /Apache-2\.0/);
  });
});

describe('make-tiny-lm variants', () => {
  let base: string;
  before(() => {
    base = make('variant-base');
  });

  async function logitsOf(path: string, ids = TOKENS.slice(0, 6)): Promise<Float32Array> {
    const session = await ort().InferenceSession.create(path);
    const out = await run(session, row(ids, 0));
    await session.release();
    return floats(out.logits);
  }

  test('--external-data stores every initializer in model.onnx_data and computes the same logits', async () => {
    const dir = make('external', { externalData: true });
    assert.deepEqual(readdirSync(dir).filter((f) => f.includes('onnx')).sort(), ['model.onnx', 'model.onnx_data']);
    const graph = readGraph(join(dir, 'model.onnx'));
    const dataBytes = readFileSync(join(dir, 'model.onnx_data')).length;
    assert.equal(graph.initializers.length, readGraph(join(base, 'model.onnx')).initializers.length);
    for (const t of graph.initializers) {
      assert.equal(t.dataLocation, onnx.TensorProto.DataLocation.EXTERNAL, t.name);
      assert.equal(t.rawBytes, 0, t.name);
      assert.equal(t.external.location, 'model.onnx_data');
      assert.equal(Number(t.external.offset) % 4096, 0);
      assert.ok(Number(t.external.length) > 0 && Number(t.external.offset) + Number(t.external.length) <= dataBytes);
    }
    assert.deepEqual(await logitsOf(join(dir, 'model.onnx')), await logitsOf(join(base, 'model.onnx')));
  });

  test('--dtype fp16 writes fp16 weights, past, present and logits (as a transformers.js _fp16 file)', async () => {
    const dir = make('fp16', { dtype: 'fp16' });
    const graph = readGraph(join(dir, 'model_fp16.onnx'));
    const FLOAT16 = onnx.TensorProto.DataType.FLOAT16;
    for (const v of [...graph.inputs, ...graph.outputs]) {
      if (v.name.startsWith('past_key_values') || v.name.startsWith('present') || v.name === 'logits') assert.equal(v.elemType, FLOAT16, v.name);
    }
    assert.ok(graph.initializers.every((t) => t.dataType === FLOAT16), 'every weight is fp16');
    assert.equal(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')).torch_dtype, 'float16');
    // onnxruntime loads and runs it (casting to fp32 on CPU where it has no fp16 kernel).
    const session = await ort().InferenceSession.create(join(dir, 'model_fp16.onnx'));
    const feeds: Outputs = { input_ids: i64([[1, 2, 3]]), attention_mask: i64([[1, 1, 1]]), position_ids: i64([[0, 1, 2]]) };
    for (let i = 0; i < LAYERS; i++) {
      for (const kind of ['key', 'value']) feeds[`past_key_values.${i}.${kind}`] = new (ort().Tensor)('float16', new Uint16Array(0), [1, KV_HEADS, 0, HEAD_DIM]);
    }
    const out = await session.run(feeds);
    assert.equal(out.logits?.type, 'float16');
    await session.release();
  });

  test("--layout merged writes Optimum's decoder_model_merged.onnx: use_cache_branch and an If over two decoders", async () => {
    const dir = make('merged', { layout: 'merged' });
    const path = join(dir, 'decoder_model_merged.onnx');
    const graph = readGraph(path);
    assert.ok(graph.inputs.some((v) => v.name === 'use_cache_branch' && v.elemType === onnx.TensorProto.DataType.BOOL));
    assert.equal(graph.nodes.length, 1);
    const ifNode = graph.nodes[0];
    assert.equal(ifNode?.opType, 'If');
    assert.deepEqual(ifNode?.input, ['use_cache_branch']);
    assert.deepEqual(ifNode?.output, graph.outputs.map((o) => o.name));
    const withPast = ifNode?.graphs.then_branch;
    const withoutPast = ifNode?.graphs.else_branch;
    assert.ok(withPast && withoutPast);
    const usesPast = (g: GraphView) => g.nodes.some((n) => n.input.some((i) => i.startsWith('past_key_values')));
    assert.ok(usesPast(withPast));
    assert.ok(!usesPast(withoutPast));
    // The branches share the outer graph's weights and both compute the model.
    assert.equal(withPast.initializers.length, 0);
    assert.equal(withoutPast.initializers.length, 0);
    assert.ok(graph.initializers.length > 0);
    const session = await ort().InferenceSession.create(path);
    const expected = await logitsOf(join(base, 'model.onnx'));
    for (const useCache of [true, false]) {
      const feeds: Outputs = { input_ids: i64([TOKENS.slice(0, 6)]), attention_mask: i64([[1, 1, 1, 1, 1, 1]]), position_ids: i64([[0, 1, 2, 3, 4, 5]]) };
      for (let i = 0; i < LAYERS; i++) {
        for (const kind of ['key', 'value']) feeds[`past_key_values.${i}.${kind}`] = new (ort().Tensor)('float32', new Float32Array(0), [1, KV_HEADS, 0, HEAD_DIM]);
      }
      feeds.use_cache_branch = new (ort().Tensor)('bool', [useCache], [1]);
      const out = await session.run(feeds);
      assert.ok(maxAbsDiff(floats(out.logits), expected) <= 1e-5, `use_cache_branch ${useCache}`);
    }
    await session.release();
  });

  test('--int8 quantizes the big MatMuls dynamically (MatMulInteger) and still runs close to fp32', async () => {
    const dir = make('int8', { int8: true });
    const path = join(dir, 'model_int8.onnx');
    const graph = readGraph(path);
    const count = (op: string) => graph.nodes.filter((n) => n.opType === op).length;
    assert.equal(count('MatMulInteger'), LAYERS * 7 + 1);
    assert.ok(count('DynamicQuantizeLinear') >= LAYERS * 4 + 1);
    const INT8 = onnx.TensorProto.DataType.INT8;
    const int8Bytes = graph.initializers.filter((t) => t.dataType === INT8).reduce((s, t) => s + t.rawBytes, 0);
    const floatBytes = graph.initializers.filter((t) => t.dataType === onnx.TensorProto.DataType.FLOAT).reduce((s, t) => s + t.rawBytes, 0);
    assert.ok(int8Bytes > 10 * floatBytes, 'nearly all weight bytes are int8');
    // Every float MatMul left multiplies activations by activations (attention), never by a weight.
    const initializers = new Set(graph.initializers.map((t) => t.name));
    assert.ok(graph.nodes.filter((n) => n.opType === 'MatMul').every((n) => !n.input.some((i) => initializers.has(i))));
    // The residual stream keeps its names.
    const outputs = new Set(graph.nodes.flatMap((n) => n.output));
    for (const name of RESIDUALS) assert.ok(outputs.has(name), name);

    const quantized = await logitsOf(path);
    const reference = await logitsOf(join(base, 'model.onnx'));
    let dot = 0;
    let qq = 0;
    let rr = 0;
    for (let i = 0; i < reference.length; i++) {
      dot += (quantized[i] as number) * (reference[i] as number);
      qq += (quantized[i] as number) ** 2;
      rr += (reference[i] as number) ** 2;
    }
    assert.ok(dot / Math.sqrt(qq * rr) > 0.98, 'int8 logits follow the fp32 ones');
    assert.ok(maxAbsDiff(quantized, reference) > 0, 'and are not the fp32 ones');
  });
});
