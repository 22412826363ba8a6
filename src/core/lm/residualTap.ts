/**
 * Finds the residual-stream tensor to read in a decoder graph.
 *
 * Layer numbering. Layers are 0-based. "The residual after layer i" is the
 * residual stream once layer i's attention and MLP have both added their
 * output: Hugging Face's `hidden_states[i + 1]` (hidden_states[0] is the
 * embedding output, hidden_states[k] the residual after k layers). The paper
 * reads at about two-thirds of the depth; we read hidden_states[floor(2/3 * depth)],
 * i.e. the output of layer `floor(2/3 * depth) - 1`:
 *   depth 4 -> layer 1, depth 24 (Qwen2.5-0.5B) -> layer 15, depth 28 (Qwen2.5-1.5B) -> layer 17,
 *   depth 32 -> layer 20.
 * Everything that says "layer" (options, PreparedLm.layer, cache folder names) means this 0-based
 * index of the layer whose output is read.
 *
 * How the tensor is found, in order:
 *   1. Optimum (torch.onnx) names: `/model/layers.{i}/Add_1_output_0`, the MLP residual add of layer i,
 *      accepted when that Add consumes `/model/layers.{i}/Add_output_0` (the attention residual add).
 *   2. onnxruntime-genai builder names: `/model/layers.{i+1}/input_layernorm/output_3`, the residual
 *      entering layer i+1 (the fused SkipSimplifiedLayerNormalization's sum output), or
 *      `/model/layers.{depth}/final_norm_layernorm/output_3` after the last layer.
 *   3. Structure: from the embedding Gather on input_ids, follow the chain of residual Adds (an Add
 *      with the running residual as one input and, as the other, a value computed from it): two per
 *      layer (attention, MLP), or one per layer for parallel-block models; take layer i's last.
 */
import type { onnx } from 'onnx-proto';
import { LmFolderError } from './folderError';

export type TapFoundBy = 'optimum-name' | 'genai-name' | 'structure';

export interface ResidualTap {
  /** 0-based layer whose output residual is read. */
  layer: number;
  depth: number;
  /** Name of the tensor carrying the residual [batch, seq, hidden]. */
  tapName: string;
  foundBy: TapFoundBy;
}

/** The layer read by default: the output of layer floor(2/3 * depth) - 1, i.e. hidden_states[floor(2/3 * depth)]. */
export function defaultTapLayer(depth: number): number {
  return Math.max(0, Math.floor((2 * depth) / 3) - 1);
}

/** The layer to read: `layer` checked against the depth, or the default. */
export function tapLayer(layer: number | undefined, depth: number): number {
  const l = layer ?? defaultTapLayer(depth);
  if (!Number.isInteger(l) || l < 0 || l >= depth) {
    throw new LmFolderError('bad-layer', `Layer ${l} does not exist: the model has ${depth} layers, numbered 0 to ${depth - 1}.`,
      `choose a layer from 0 to ${depth - 1}, or leave it unset to read after layer ${defaultTapLayer(depth)} (two-thirds of the depth).`);
  }
  return l;
}

/** Number of layers as the graph's KV-cache outputs count them. */
export function graphDepth(graph: onnx.IGraphProto): number {
  return (graph.output ?? []).filter((o) => /^present\.\d+\.key$/.test(o.name ?? '')).length;
}

interface GraphIndex {
  producer: Map<string, { node: onnx.INodeProto; position: number }>;
  consumers: Map<string, onnx.INodeProto[]>;
}

function indexGraph(graph: onnx.IGraphProto): GraphIndex {
  const producer = new Map<string, { node: onnx.INodeProto; position: number }>();
  const consumers = new Map<string, onnx.INodeProto[]>();
  (graph.node ?? []).forEach((node, position) => {
    for (const out of node.output ?? []) if (out) producer.set(out, { node, position });
    for (const input of node.input ?? []) {
      if (!input) continue;
      const list = consumers.get(input) ?? [];
      list.push(node);
      consumers.set(input, list);
    }
  });
  return { producer, consumers };
}

function byOptimumName(ix: GraphIndex, layer: number): string | undefined {
  const tap = `/model/layers.${layer}/Add_1_output_0`;
  const node = ix.producer.get(tap)?.node;
  if (node?.opType !== 'Add') return undefined;
  return (node.input ?? []).includes(`/model/layers.${layer}/Add_output_0`) ? tap : undefined;
}

function byGenaiName(ix: GraphIndex, layer: number, depth: number): string | undefined {
  const candidates = layer === depth - 1
    ? [`/model/layers.${depth}/final_norm_layernorm/output_3`, `/model/layers.${layer + 1}/input_layernorm/output_3`]
    : [`/model/layers.${layer + 1}/input_layernorm/output_3`];
  return candidates.find((name) => ix.producer.has(name));
}

/** Whether `value` is computed from `stream` (walks backwards, never past the stream's own producer). */
function dependsOn(ix: GraphIndex, value: string, stream: string): boolean {
  const floor = ix.producer.get(stream)?.position ?? -1;
  const seen = new Set<string>();
  const stack = [value];
  while (stack.length > 0) {
    const name = stack.pop() as string;
    if (name === stream) return true;
    if (seen.has(name)) continue;
    seen.add(name);
    const p = ix.producer.get(name);
    // Nodes are topologically sorted: anything produced before the stream cannot depend on it.
    if (!p || p.position <= floor) continue;
    for (const input of p.node.input ?? []) if (input) stack.push(input);
  }
  return false;
}

/** The embedding lookup's output: a Gather whose indices are input_ids (possibly through a Cast/Reshape). */
function embeddingOutput(ix: GraphIndex): string | undefined {
  let frontier = ['input_ids'];
  for (let step = 0; step < 3; step++) {
    const next: string[] = [];
    for (const value of frontier) {
      for (const node of ix.consumers.get(value) ?? []) {
        if (node.opType === 'Gather' && node.input?.[1] === value) return node.output?.[0] ?? undefined;
        if (['Cast', 'Reshape', 'Unsqueeze', 'Squeeze', 'Identity'].includes(node.opType ?? '')) next.push(...(node.output ?? []));
      }
    }
    frontier = next;
  }
  return undefined;
}

/** The residual Adds in order, following the stream from the embedding. */
export function residualAdds(graph: onnx.IGraphProto): string[] {
  const ix = indexGraph(graph);
  let stream = embeddingOutput(ix);
  if (!stream) return [];
  const adds: string[] = [];
  let preludeSteps = 0;
  for (let guard = 0; guard < 100_000; guard++) {
    const consumers: onnx.INodeProto[] = ix.consumers.get(stream) ?? [];
    const addNodes = consumers.filter((n) => n.opType === 'Add' && (n.input ?? []).length === 2);
    const residual = addNodes.filter((n) => {
      const other = (n.input ?? []).find((i) => i !== stream);
      return other !== undefined && dependsOn(ix, other, stream as string);
    });
    if (residual.length === 1) {
      adds.push(residual[0]?.output?.[0] as string);
      stream = residual[0]?.output?.[0] as string;
      continue;
    }
    // Before the first layer the stream may still be assembled (token + position embeddings):
    // an Add of two independent values continues it without starting a layer.
    if (adds.length === 0 && residual.length === 0 && addNodes.length === 1) {
      stream = addNodes[0]?.output?.[0] as string;
      continue;
    }
    // So does a chain of single steps right after the lookup: a dequantization of an 8-bit
    // embedding table, a Cast, Gemma's scaling by sqrt(hidden).
    if (adds.length === 0 && consumers.length === 1 && (consumers[0]?.output ?? []).length === 1 && preludeSteps++ < 8) {
      stream = consumers[0]?.output?.[0] as string;
      continue;
    }
    break;
  }
  return adds;
}

function byStructure(graph: onnx.IGraphProto, layer: number, depth: number): string | undefined {
  const adds = residualAdds(graph);
  if (adds.length === 2 * depth) return adds[2 * layer + 1];
  if (adds.length === depth) return adds[layer];
  return undefined;
}

/**
 * The residual tensor after `layer` (0-based; default defaultTapLayer(depth)).
 * `depth` defaults to the number of `present.{i}.key` outputs.
 */
export function findResidualTap(graph: onnx.IGraphProto, layer?: number, depth?: number): ResidualTap {
  const d = depth ?? graphDepth(graph);
  if (d < 1) {
    throw new LmFolderError('no-residual', 'The graph has no present.{i}.key outputs and no layer count was given: its depth is unknown.',
      "use an export in Optimum's text-generation-with-past layout.");
  }
  const l = tapLayer(layer, d);
  const ix = indexGraph(graph);
  const optimum = byOptimumName(ix, l);
  if (optimum) return { layer: l, depth: d, tapName: optimum, foundBy: 'optimum-name' };
  const genai = byGenaiName(ix, l, d);
  if (genai) return { layer: l, depth: d, tapName: genai, foundBy: 'genai-name' };
  const structural = byStructure(graph, l, d);
  if (structural) return { layer: l, depth: d, tapName: structural, foundBy: 'structure' };
  const found = residualAdds(graph).length;
  throw new LmFolderError('no-residual',
    `Could not find the residual stream after layer ${l}: the graph uses neither Optimum's nor onnxruntime-genai's tensor names, ` +
    `and following the residual Adds from the embedding found ${found} (expected ${2 * d}, two per layer, for ${d} layers).`,
    'use an export made by Optimum (`optimum-cli export onnx --task text-generation-with-past`) without graph optimizations that fuse the residual adds.');
}
