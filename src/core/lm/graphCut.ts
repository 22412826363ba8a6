/**
 * Cuts a decoder graph down to what the residual tap depends on.
 *
 * onnxruntime runs every node of a graph whatever outputs are fetched, so
 * without the cut the layers above the tap and the LM head (often the largest
 * single matrix) would run for nothing. Walking backwards from the tap and the
 * kept KV-cache outputs keeps exactly the nodes they need; graph inputs nothing
 * reads any more (the past of later layers) are dropped, since onnxruntime-node
 * requires every declared input to be fed, and so are unused initializers and
 * value_info. External initializers keep their `location` entries: the data
 * files are never touched, only the tensors nobody reads are left out.
 *
 * Single-file models can also be cut without copying their weights: with
 * `embeddedData`, each kept initializer's raw bytes are not copied into the
 * derived graph but referenced as external data in the original graph file
 * (location = its file name, offset = where the bytes sit in it), so the derived
 * graph is kilobytes instead of hundreds of megabytes and loads with the
 * original folder as its external-data folder.
 */
import { onnx } from 'onnx-proto';
import { isExternal } from './onnxFacts';

export interface CutOptions {
  /** Hidden size, declared as the tap output's last dimension (a symbolic dim when not given). */
  hiddenSize?: number;
  /** Reference kept initializers' bytes in the original graph file instead of copying them. */
  embeddedData?: {
    /** The bytes the model was decoded from (the decoded raw data must be views into them). */
    fileBytes: Uint8Array;
    /** The original graph file's name, as seen from the folder it will be loaded with. */
    location: string;
    /** Smaller tensors stay inline (default 1024 bytes). */
    minBytes?: number;
  };
  /**
   * Prefix for kept external initializers' `location` entries ("onnx/" when the
   * source graph sits in the folder's onnx/ subfolder and the derived graph is
   * loaded with the model folder itself as its external-data folder).
   */
  externalPrefix?: string;
  /** Extra metadata_props entries for the derived model. */
  metadata?: Record<string, string>;
}

export interface CutStats {
  originalNodes: number;
  keptNodes: number;
  droppedInputs: string[];
  droppedInitializers: number;
  keptInitializers: number;
  droppedOutputs: string[];
  /** Initializers referenced in the original graph file instead of copied (with `embeddedData`). */
  referencedInitializers: number;
}

export interface CutResult {
  bytes: Uint8Array;
  model: onnx.IModelProto;
  stats: CutStats;
  inputNames: string[];
  outputNames: string[];
}

/** Names a subgraph (If/Loop/Scan body) reads; over-approximates with its own internal names, which is harmless. */
function subgraphReads(graph: onnx.IGraphProto): string[] {
  const names: string[] = [];
  for (const node of graph.node ?? []) {
    names.push(...(node.input ?? []).filter((n) => n));
    for (const attr of node.attribute ?? []) {
      if (attr.g) names.push(...subgraphReads(attr.g));
      for (const g of attr.graphs ?? []) names.push(...subgraphReads(g));
    }
  }
  return names;
}

function nodeReads(node: onnx.INodeProto): string[] {
  const names = (node.input ?? []).filter((n) => n);
  for (const attr of node.attribute ?? []) {
    if (attr.g) names.push(...subgraphReads(attr.g));
    for (const g of attr.graphs ?? []) names.push(...subgraphReads(g));
  }
  return names;
}

function referenceInFile(t: onnx.ITensorProto, data: NonNullable<CutOptions['embeddedData']>): onnx.ITensorProto | undefined {
  const raw = t.rawData;
  if (!raw || isExternal(t) || raw.length < (data.minBytes ?? 1024)) return undefined;
  const file = data.fileBytes;
  // Only a view into the decoded file tells where the bytes are; a copy does not.
  if (raw.buffer !== file.buffer) return undefined;
  const offset = raw.byteOffset - file.byteOffset;
  if (offset < 0 || offset + raw.length > file.length) return undefined;
  const { rawData: _dropped, ...rest } = t;
  return {
    ...rest,
    dataLocation: onnx.TensorProto.DataLocation.EXTERNAL,
    externalData: [
      { key: 'location', value: data.location },
      { key: 'offset', value: String(offset) },
      { key: 'length', value: String(raw.length) },
    ],
  };
}

function relocated(t: onnx.ITensorProto, prefix: string): onnx.ITensorProto {
  return {
    ...t,
    externalData: (t.externalData ?? []).map((e) => (e.key === 'location' ? { key: e.key, value: `${prefix}${e.value ?? ''}` } : e)),
  };
}

/**
 * Keeps only the nodes `tapName` and `keepOutputs` depend on. Outputs of the
 * result: [tapName (float [batch, seq, hidden]), ...keepOutputs in the original
 * output order]. The input model is not modified.
 */
export function cutGraph(model: onnx.IModelProto, tapName: string, keepOutputs: string[], options: CutOptions = {}): CutResult {
  const graph = model.graph ?? {};
  const nodes = graph.node ?? [];
  const producer = new Map<string, number>();
  nodes.forEach((n, i) => (n.output ?? []).forEach((o) => o && producer.set(o, i)));
  const graphInputs = new Set((graph.input ?? []).map((v) => v.name ?? ''));
  if (!producer.has(tapName) && !graphInputs.has(tapName)) throw new Error(`cutGraph: no node produces ${tapName}`);
  const outputNames = new Set((graph.output ?? []).map((v) => v.name ?? ''));
  const missing = keepOutputs.filter((o) => !outputNames.has(o));
  if (missing.length > 0) throw new Error(`cutGraph: not graph outputs: ${missing.join(', ')}`);

  // Walk backwards from the wanted values.
  const needed = new Set<string>();
  const kept = new Set<number>();
  const stack = [tapName, ...keepOutputs];
  while (stack.length > 0) {
    const name = stack.pop() as string;
    if (needed.has(name)) continue;
    needed.add(name);
    const at = producer.get(name);
    if (at === undefined || kept.has(at)) continue;
    kept.add(at);
    stack.push(...nodeReads(nodes[at] as onnx.INodeProto));
  }

  const keptNodes = nodes.filter((_, i) => kept.has(i));
  const inputs = (graph.input ?? []).filter((v) => needed.has(v.name ?? ''));
  let referenced = 0;
  const initializers = (graph.initializer ?? []).filter((t) => needed.has(t.name ?? '')).map((t) => {
    if (isExternal(t)) return options.externalPrefix ? relocated(t, options.externalPrefix) : t;
    const ref = options.embeddedData ? referenceInFile(t, options.embeddedData) : undefined;
    if (ref) referenced++;
    return ref ?? t;
  });
  const sparse = (graph.sparseInitializer ?? []).filter((s) => needed.has(s.values?.name ?? ''));

  const inputIds = (graph.input ?? []).find((v) => v.name === 'input_ids');
  const idDims = inputIds?.type?.tensorType?.shape?.dim ?? [];
  const declared = (graph.valueInfo ?? []).find((v) => v.name === tapName);
  const tapOutput: onnx.IValueInfoProto = {
    name: tapName,
    type: {
      tensorType: {
        elemType: declared?.type?.tensorType?.elemType ?? onnx.TensorProto.DataType.FLOAT,
        shape: {
          dim: [
            idDims[0] ?? { dimParam: 'batch_size' },
            idDims[1] ?? { dimParam: 'sequence_length' },
            options.hiddenSize ? { dimValue: options.hiddenSize } : { dimParam: 'hidden_size' },
          ],
        },
      },
    },
  };
  const keepSet = new Set(keepOutputs);
  const outputs = [tapOutput, ...(graph.output ?? []).filter((o) => keepSet.has(o.name ?? '') && o.name !== tapName)];
  const valueInfo = (graph.valueInfo ?? []).filter((v) => needed.has(v.name ?? '') && v.name !== tapName && !keepSet.has(v.name ?? ''));

  const metadata = [
    ...(model.metadataProps ?? []).filter((p) => !(p.key ?? '').startsWith('emotion-lens.')),
    ...Object.entries(options.metadata ?? {}).map(([key, value]) => ({ key, value })),
  ];
  const derived: onnx.IModelProto = {
    ...model,
    metadataProps: metadata,
    graph: {
      ...graph,
      node: keptNodes,
      input: inputs,
      output: outputs,
      initializer: initializers,
      sparseInitializer: sparse,
      valueInfo,
    },
  };
  const bytes = onnx.ModelProto.encode(derived).finish();
  const originalInitializers = (graph.initializer ?? []).length;
  return {
    bytes,
    model: derived,
    stats: {
      originalNodes: nodes.length,
      keptNodes: keptNodes.length,
      droppedInputs: (graph.input ?? []).map((v) => v.name ?? '').filter((n) => !needed.has(n)),
      droppedInitializers: originalInitializers - initializers.length,
      keptInitializers: initializers.length,
      droppedOutputs: [...outputNames].filter((n) => !keepSet.has(n) && n !== tapName),
      referencedInitializers: referenced,
    },
    inputNames: inputs.map((v) => v.name ?? ''),
    outputNames: outputs.map((v) => v.name ?? ''),
  };
}
