/**
 * A small ONNX graph builder over onnx-proto that names things the way the PyTorch
 * exporter (and so Hugging Face Optimum) does: a node is `${scope}/${Op}`, then
 * `${scope}/${Op}_1`, ... and its outputs are `${node}_output_${k}`. Code that finds
 * the residual stream by name (`/model/layers.{i}/Add_1_output_0`) relies on this.
 *
 * Encoding the same calls in the same order gives the same bytes (no timestamps, no maps).
 */
import { onnx } from 'onnx-proto';

export type ElemType = 'float32' | 'float16' | 'int64' | 'int8' | 'uint8' | 'bool';
export type Dim = number | string;

const DATA_TYPE: Record<ElemType, number> = {
  float32: onnx.TensorProto.DataType.FLOAT,
  float16: onnx.TensorProto.DataType.FLOAT16,
  int64: onnx.TensorProto.DataType.INT64,
  int8: onnx.TensorProto.DataType.INT8,
  uint8: onnx.TensorProto.DataType.UINT8,
  bool: onnx.TensorProto.DataType.BOOL,
};

export function dataType(t: ElemType): number {
  return DATA_TYPE[t];
}

/** Raw little-endian tensor bytes with their element type and shape. */
export interface Tensor {
  dtype: ElemType;
  dims: number[];
  bytes: Uint8Array;
}

if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) {
  // Typed arrays are copied as raw_data, which ONNX defines as little-endian.
  throw new Error('make-tiny-lm needs a little-endian machine');
}

export function f32Tensor(dims: number[], values: Float32Array | number[]): Tensor {
  const arr = values instanceof Float32Array ? values : Float32Array.from(values);
  return { dtype: 'float32', dims, bytes: new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength) };
}

export function i64Tensor(dims: number[], values: number[]): Tensor {
  const arr = BigInt64Array.from(values.map((v) => BigInt(v)));
  return { dtype: 'int64', dims, bytes: new Uint8Array(arr.buffer) };
}

export type AttrValue =
  | { i: number }
  | { f: number }
  | { ints: number[] }
  | { s: string }
  | { t: Tensor }
  | { g: onnx.IGraphProto };

function attribute(name: string, v: AttrValue): onnx.IAttributeProto {
  const T = onnx.AttributeProto.AttributeType;
  if ('i' in v) return { name, type: T.INT, i: v.i };
  if ('f' in v) return { name, type: T.FLOAT, f: v.f };
  if ('ints' in v) return { name, type: T.INTS, ints: v.ints };
  if ('s' in v) return { name, type: T.STRING, s: new TextEncoder().encode(v.s) };
  if ('t' in v) return { name, type: T.TENSOR, t: tensorProto('', v.t) };
  return { name, type: T.GRAPH, g: v.g };
}

export function tensorProto(name: string, t: Tensor): onnx.ITensorProto {
  return { name, dims: t.dims, dataType: DATA_TYPE[t.dtype], rawData: t.bytes };
}

export function valueInfo(name: string, dtype: ElemType, dims?: Dim[]): onnx.IValueInfoProto {
  const shape = dims ? { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) } : undefined;
  return { name, type: { tensorType: { elemType: DATA_TYPE[dtype], shape } } };
}

export interface NodeOptions {
  attrs?: Record<string, AttrValue>;
  /** Explicit output names (e.g. a graph output such as `logits`); default `${node}_output_${k}`. */
  outputs?: string[];
  /** Number of outputs when their names are derived. */
  outputCount?: number;
  /** Explicit node name instead of `${scope}/${op}` numbering. */
  name?: string;
}

export class GraphBuilder {
  readonly nodes: onnx.INodeProto[] = [];
  readonly initializers: onnx.ITensorProto[] = [];
  readonly inputs: onnx.IValueInfoProto[] = [];
  readonly outputs: onnx.IValueInfoProto[] = [];
  private readonly seen = new Map<string, number>();
  private readonly initializerNames = new Set<string>();

  constructor(readonly name: string) {}

  /** `${scope}/${op}`, `${scope}/${op}_1`, ... as torch.onnx.export numbers repeated ops in a module. */
  private nodeName(scope: string, op: string): string {
    const base = `${scope}/${op}`;
    const n = this.seen.get(base) ?? 0;
    this.seen.set(base, n + 1);
    return n === 0 ? base : `${base}_${n}`;
  }

  node(op: string, scope: string, inputs: string[], opts: NodeOptions = {}): string[] {
    const name = opts.name ?? this.nodeName(scope, op);
    const outputs = opts.outputs ?? Array.from({ length: opts.outputCount ?? 1 }, (_, k) => `${name}_output_${k}`);
    const attrs = opts.attrs ?? {};
    this.nodes.push({
      name,
      opType: op,
      input: inputs,
      output: outputs,
      attribute: Object.keys(attrs).map((k) => attribute(k, attrs[k] as AttrValue)),
    });
    return outputs;
  }

  /** Single-output node; `output` names its output explicitly. */
  op(op: string, scope: string, inputs: string[], attrs?: Record<string, AttrValue>, output?: string): string {
    return this.node(op, scope, inputs, { attrs, outputs: output ? [output] : undefined })[0] as string;
  }

  /** A Constant node, as the exporter emits for shapes, axes and scalars. */
  constant(scope: string, t: Tensor): string {
    return this.op('Constant', scope, [], { value: { t } });
  }

  initializer(name: string, t: Tensor): string {
    if (this.initializerNames.has(name)) throw new Error(`initializer ${name} added twice`);
    this.initializerNames.add(name);
    this.initializers.push(tensorProto(name, t));
    return name;
  }

  hasInitializer(name: string): boolean {
    return this.initializerNames.has(name);
  }

  input(name: string, dtype: ElemType, dims: Dim[]): string {
    this.inputs.push(valueInfo(name, dtype, dims));
    return name;
  }

  output(name: string, dtype: ElemType, dims: Dim[]): void {
    this.outputs.push(valueInfo(name, dtype, dims));
  }

  graph(): onnx.IGraphProto {
    return { name: this.name, node: this.nodes, initializer: this.initializers, input: this.inputs, output: this.outputs };
  }
}

export interface ModelMeta {
  opset: number;
  producerVersion: string;
  docString: string;
  metadata: Record<string, string>;
}

export function modelProto(graph: onnx.IGraphProto, meta: ModelMeta): onnx.IModelProto {
  return {
    irVersion: 8,
    opsetImport: [{ domain: '', version: meta.opset }],
    producerName: 'emotion-lens make-tiny-lm',
    producerVersion: meta.producerVersion,
    docString: meta.docString,
    graph,
    metadataProps: Object.keys(meta.metadata)
      .sort()
      .map((key) => ({ key, value: meta.metadata[key] as string })),
  };
}

export function encodeModel(model: onnx.IModelProto): Uint8Array {
  return onnx.ModelProto.encode(onnx.ModelProto.create(model)).finish();
}

/**
 * Moves every initializer of the main graph to one external-data file, as
 * `onnx.save(..., save_as_external_data=True, all_tensors_to_one_file=True)` does:
 * data_location EXTERNAL, external_data {location, offset, length}, offsets aligned
 * so the runtime can memory-map them. Returns the chunks of the data file in order.
 */
export function externalize(model: onnx.IModelProto, location: string, align = 4096): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  let offset = 0;
  for (const t of model.graph?.initializer ?? []) {
    const raw = t.rawData;
    if (!raw || raw.length === 0) continue;
    const pad = (align - (offset % align)) % align;
    if (pad > 0) chunks.push(new Uint8Array(pad));
    offset += pad;
    chunks.push(raw);
    t.externalData = [
      { key: 'location', value: location },
      { key: 'offset', value: String(offset) },
      { key: 'length', value: String(raw.length) },
    ];
    t.dataLocation = onnx.TensorProto.DataLocation.EXTERNAL;
    delete t.rawData;
    offset += raw.length;
  }
  return chunks;
}
