/**
 * The body of a Qwen2-shaped decoder as Optimum exports it (`text-generation-with-past`):
 * embedding Gather -> N x [RMSNorm -> GQA self-attention with RoPE -> residual Add ->
 * RMSNorm -> SwiGLU MLP -> residual Add] -> final RMSNorm -> lm_head MatMul -> logits.
 *
 * The nodes read the graph inputs by name (input_ids, attention_mask, position_ids,
 * past_key_values.{i}.key|value), so the same body serves the main graph and the two
 * branches of the legacy merged layout, where those inputs live in the outer graph.
 *
 * Names follow the exporter: `/model/layers.{i}/Add` is the residual add after attention
 * and `/model/layers.{i}/Add_1` the one after the MLP (outputs `..._output_0`).
 */
import type { GraphBuilder, Tensor } from './onnxGraph';
import { f32Tensor, i64Tensor, dataType } from './onnxGraph';
import { toHalfBytes } from './halfFloat';
import type { Weights } from './weights';

export interface LmShape {
  layers: number;
  hidden: number;
  heads: number;
  kvHeads: number;
  headDim: number;
  intermediate: number;
  vocab: number;
  ropeTheta: number;
  rmsEps: number;
}

export interface DecoderOutputs {
  logits: string;
  presentKey: (layer: number) => string;
  presentValue: (layer: number) => string;
}

/** Largest int64, the exporter's "to the end" for Slice. */
const INT64_MAX = Number.MAX_SAFE_INTEGER;

export function buildDecoder(g: GraphBuilder, w: Weights, s: LmShape, withPast: boolean, out: DecoderOutputs): void {
  const fp = w.plan.dtype;
  const half = fp === 'float16';
  const FLOAT = dataType('float32');
  const scalar = (scope: string, v: number): string => g.constant(scope, floatTensor(fp, [], [v]));
  const ints = (scope: string, v: number[], dims = [v.length]): string => g.constant(scope, i64Tensor(dims, v));
  const quantizedInputs = new Map<string, string[]>();

  /** MatMul by a Linear weight (and bias); in the int8 variant, the quantizer's node chain. */
  const linear = (scope: string, x: string, key: string, dims: [number, number], std: number, bias?: number, output?: string): string => {
    let y: string;
    if (!w.plan.int8) {
      y = g.op('MatMul', scope, [x, w.matmul(`${key}.weight`, dims, std)], undefined, bias === undefined ? output : undefined);
    } else {
      const q = w.quantized(`${key}.weight`, dims, std);
      let xq = quantizedInputs.get(x);
      if (!xq) {
        xq = g.node('DynamicQuantizeLinear', scope, [x], {
          name: `${x}_QuantizeLinear`,
          outputs: [`${x}_quantized`, `${x}_scale`, `${x}_zero_point`],
        });
        quantizedInputs.set(x, xq);
      }
      const mm = `${scope}/MatMul`;
      const y0 = bias === undefined && output ? output : `${mm}_output_0`;
      const [xQ, xScale, xZero] = xq as [string, string, string];
      const yi = g.node('MatMulInteger', scope, [xQ, q.quantized, xZero, q.zeroPoint], { name: `${mm}_quant`, outputs: [`${y0}_quantized`] })[0] as string;
      const yf = g.node('Cast', scope, [yi], { name: `${mm}_quant_output_quantized_cast`, attrs: { to: { i: FLOAT } }, outputs: [`${y0}_quantized_cast_output`] })[0] as string;
      const sc = g.node('Mul', scope, [xScale, q.scale], { name: `${mm}_quant_scales_mul`, outputs: [`${mm}_quant_scales_mul:0`] })[0] as string;
      y = g.node('Mul', scope, [yf, sc], { name: `${mm}_quant_output_scale_mul`, outputs: [y0] })[0] as string;
    }
    if (bias === undefined) return y;
    return g.op('Add', scope, [w.float(`${key}.bias`, [dims[1]], bias), y], undefined, output);
  };

  /** Qwen2RMSNorm: computed in float32 (the fp16 export casts up and back), times its weight. */
  const rmsNorm = (scope: string, x: string, key: string): string => {
    let h = half ? g.op('Cast', scope, [x], { to: { i: FLOAT } }) : x;
    const sq = g.op('Pow', scope, [h, g.constant(scope, f32Tensor([], [2]))]);
    const mean = g.op('ReduceMean', scope, [sq], { axes: { ints: [-1] }, keepdims: { i: 1 } });
    const eps = g.op('Add', scope, [mean, g.constant(scope, f32Tensor([], [s.rmsEps]))]);
    const root = g.op('Sqrt', scope, [eps]);
    const inv = g.op('Div', scope, [g.constant(scope, f32Tensor([], [1])), root]);
    h = g.op('Mul', scope, [h, inv]);
    if (half) h = g.op('Cast', scope, [h], { to: { i: dataType('float16') } });
    return g.op('Mul', scope, [w.float(key, [s.hidden], 0.05, 1), h]);
  };

  // Token embeddings.
  const embedStd = 1;
  let hidden: string;
  if (w.plan.int8) {
    const q = w.quantized('model.embed_tokens.weight', [s.vocab, s.hidden], embedStd, 'model.embed_tokens.weight');
    const gathered = g.op('Gather', '/model/embed_tokens', [q.quantized, 'input_ids'], undefined, '/model/embed_tokens/Gather_output_0_quantized');
    hidden = g.node('DequantizeLinear', '/model/embed_tokens', [gathered, q.scale, q.zeroPoint], {
      name: '/model/embed_tokens/Gather_output_0_DequantizeLinear',
      outputs: ['/model/embed_tokens/Gather_output_0'],
    })[0] as string;
  } else {
    hidden = g.op('Gather', '/model/embed_tokens', [w.float('model.embed_tokens.weight', [s.vocab, s.hidden], embedStd), 'input_ids']);
  }

  // Lengths: past from the cache, total = past + new tokens.
  const seqLen = g.op('Gather', '/model', [g.op('Shape', '/model', ['input_ids']), ints('/model', [1], [])], { axis: { i: 0 } });
  const pastLen = withPast
    ? g.op('Gather', '/model', [g.op('Shape', '/model', ['past_key_values.0.key']), ints('/model', [2], [])], { axis: { i: 0 } })
    : ints('/model', [0], []);
  const totalLen = g.op('Add', '/model', [pastLen, seqLen]);

  // Additive mask [batch, 1, seq, total]: key k is visible to the query at absolute index
  // past + j when k <= past + j (causal) and attention_mask[b, k] is 1 (not padding).
  const one = ints('/model', [1], []);
  const queryIdx = g.op('Range', '/model', [pastLen, totalLen, one]);
  const keyIdx = g.op('Range', '/model', [ints('/model', [0], []), totalLen, one]);
  const causal = g.op('LessOrEqual', '/model', [
    g.op('Unsqueeze', '/model', [keyIdx, ints('/model', [0])]),
    g.op('Unsqueeze', '/model', [queryIdx, ints('/model', [1])]),
  ]);
  const notPadding = g.op('Unsqueeze', '/model', [g.op('Cast', '/model', ['attention_mask'], { to: { i: dataType('bool') } }), ints('/model', [1, 2])]);
  const visible = g.op('And', '/model', [causal, notPadding]);
  const mask = g.op('Where', '/model', [visible, scalar('/model', 0), scalar('/model', half ? -65504 : -3.4028234663852886e38)]);

  // Rotary embedding from position_ids: freqs = position * inv_freq, emb = [freqs, freqs].
  const R = '/model/rotary_emb';
  const invFreq = Array.from({ length: s.headDim / 2 }, (_, i) => 1 / Math.pow(s.ropeTheta, (2 * i) / s.headDim));
  const pos = g.op('Unsqueeze', R, [g.op('Cast', R, ['position_ids'], { to: { i: FLOAT } }), ints(R, [-1])]);
  const freqs = g.op('Mul', R, [pos, g.constant(R, f32Tensor([s.headDim / 2], invFreq))]);
  const emb = g.op('Concat', R, [freqs, freqs], { axis: { i: -1 } });
  let cos = g.op('Cos', R, [emb]);
  let sin = g.op('Sin', R, [emb]);
  if (half) {
    cos = g.op('Cast', R, [cos], { to: { i: dataType('float16') } });
    sin = g.op('Cast', R, [sin], { to: { i: dataType('float16') } });
  }
  cos = g.op('Unsqueeze', R, [cos, ints(R, [1])]); // [batch, 1, seq, head_dim]
  sin = g.op('Unsqueeze', R, [sin, ints(R, [1])]);

  const nh = s.heads;
  const kvh = s.kvHeads;
  const hd = s.headDim;
  const residualStd = 1 / Math.sqrt(2 * s.layers);

  for (let i = 0; i < s.layers; i++) {
    const L = `/model/layers.${i}`;
    const A = `${L}/self_attn`;
    const M = `${L}/mlp`;
    const key = `model.layers.${i}`;
    const residual = hidden;

    const x = rmsNorm(`${L}/input_layernorm`, hidden, `${key}.input_layernorm.weight`);
    const heads = (t: string, n: number, output?: string): string =>
      g.op('Transpose', A, [g.op('Reshape', A, [t, ints(A, [0, 0, n, hd])])], { perm: { ints: [0, 2, 1, 3] } }, output);
    const rope = (t: string, output?: string): string => {
      const x1 = g.op('Slice', A, [t, ints(A, [0]), ints(A, [hd / 2]), ints(A, [3])]);
      const x2 = g.op('Slice', A, [t, ints(A, [hd / 2]), ints(A, [INT64_MAX]), ints(A, [3])]);
      const rotated = g.op('Concat', A, [g.op('Neg', A, [x2]), x1], { axis: { i: -1 } });
      return g.op('Add', A, [g.op('Mul', A, [t, cos]), g.op('Mul', A, [rotated, sin])], undefined, output);
    };
    const q = rope(heads(linear(`${A}/q_proj`, x, `${key}.self_attn.q_proj`, [s.hidden, nh * hd], 1 / Math.sqrt(s.hidden), 0.1), nh));
    const kNew = heads(linear(`${A}/k_proj`, x, `${key}.self_attn.k_proj`, [s.hidden, kvh * hd], 1 / Math.sqrt(s.hidden), 0.1), kvh);
    const vProj = linear(`${A}/v_proj`, x, `${key}.self_attn.v_proj`, [s.hidden, kvh * hd], 1 / Math.sqrt(s.hidden), 0.1);
    let k: string;
    let v: string;
    if (withPast) {
      k = g.op('Concat', A, [`past_key_values.${i}.key`, rope(kNew)], { axis: { i: 2 } }, out.presentKey(i));
      v = g.op('Concat', A, [`past_key_values.${i}.value`, heads(vProj, kvh)], { axis: { i: 2 } }, out.presentValue(i));
    } else {
      k = rope(kNew, out.presentKey(i));
      v = heads(vProj, kvh, out.presentValue(i));
    }
    // Grouped-query attention: each key/value head serves heads / kv_heads query heads.
    const repeat = (t: string): string => {
      if (kvh === nh) return t;
      const tiled = g.op('Tile', A, [g.op('Unsqueeze', A, [t, ints(A, [2])]), ints(A, [1, 1, nh / kvh, 1, 1])]);
      return g.op('Reshape', A, [tiled, ints(A, [0, nh, -1, hd])]);
    };
    const kT = g.op('Transpose', A, [repeat(k)], { perm: { ints: [0, 1, 3, 2] } });
    let scores = g.op('Mul', A, [g.op('MatMul', A, [q, kT]), scalar(A, 1 / Math.sqrt(hd))]);
    scores = g.op('Add', A, [scores, mask]);
    // The fp16 export, like transformers, takes the softmax in float32.
    let probs = g.op('Softmax', A, [half ? g.op('Cast', A, [scores], { to: { i: FLOAT } }) : scores], { axis: { i: -1 } });
    if (half) probs = g.op('Cast', A, [probs], { to: { i: dataType('float16') } });
    const ctx = g.op('Transpose', A, [g.op('MatMul', A, [probs, repeat(v)])], { perm: { ints: [0, 2, 1, 3] } });
    const merged = g.op('Reshape', A, [ctx, ints(A, [0, 0, nh * hd])]);
    const attn = linear(`${A}/o_proj`, merged, `${key}.self_attn.o_proj`, [nh * hd, s.hidden], residualStd / Math.sqrt(nh * hd));
    hidden = g.op('Add', L, [residual, attn]); // `${L}/Add`

    const x2 = rmsNorm(`${L}/post_attention_layernorm`, hidden, `${key}.post_attention_layernorm.weight`);
    const gate = linear(`${M}/gate_proj`, x2, `${key}.mlp.gate_proj`, [s.hidden, s.intermediate], 1 / Math.sqrt(s.hidden));
    const act = g.op('Mul', `${M}/act_fn`, [gate, g.op('Sigmoid', `${M}/act_fn`, [gate])]);
    const up = linear(`${M}/up_proj`, x2, `${key}.mlp.up_proj`, [s.hidden, s.intermediate], 1 / Math.sqrt(s.hidden));
    const down = linear(`${M}/down_proj`, g.op('Mul', M, [act, up]), `${key}.mlp.down_proj`, [s.intermediate, s.hidden], residualStd / Math.sqrt(s.intermediate));
    hidden = g.op('Add', L, [hidden, down]); // `${L}/Add_1`
  }

  const normed = rmsNorm('/model/norm', hidden, 'model.norm.weight');
  linear('/lm_head', normed, 'lm_head', [s.hidden, s.vocab], 1 / Math.sqrt(s.hidden), undefined, out.logits);
}

function floatTensor(fp: 'float32' | 'float16', dims: number[], values: number[]): Tensor {
  return fp === 'float16' ? { dtype: 'float16', dims, bytes: toHalfBytes(Float32Array.from(values)) } : f32Tensor(dims, values);
}
