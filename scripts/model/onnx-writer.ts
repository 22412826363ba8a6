/**
 * A small builder over onnx-proto's generated protobuf classes: add
 * initializers and nodes, name the inputs and outputs, and encode. Encoding the
 * same calls in the same order gives the same bytes (no timestamps, no maps).
 */
import { onnx } from 'onnx-proto';

export type Dim = number | string;
type Attr = number | number[] | string | { floats: number[] } | { float: number };

const ELEM = {
  float: onnx.TensorProto.DataType.FLOAT,
  int64: onnx.TensorProto.DataType.INT64,
  bool: onnx.TensorProto.DataType.BOOL,
} as const;
export type ElemType = keyof typeof ELEM;

function valueInfo(name: string, elem: ElemType, dims: Dim[]): onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: ELEM[elem],
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

function attribute(name: string, value: Attr): onnx.IAttributeProto {
  const T = onnx.AttributeProto.AttributeType;
  if (typeof value === 'string') return { name, type: T.STRING, s: new TextEncoder().encode(value) };
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new Error(`attribute ${name}: use { float } for non-integers`);
    return { name, type: T.INT, i: value };
  }
  if (Array.isArray(value)) return { name, type: T.INTS, ints: value };
  if ('float' in value) return { name, type: T.FLOAT, f: value.float };
  return { name, type: T.FLOATS, floats: value.floats };
}

export class OnnxGraphBuilder {
  private readonly nodes: onnx.INodeProto[] = [];
  private readonly initializers: onnx.ITensorProto[] = [];
  private readonly inputs: onnx.IValueInfoProto[] = [];
  private readonly outputs: onnx.IValueInfoProto[] = [];
  private readonly names = new Set<string>();
  private counter = 0;

  private fresh(hint: string): string {
    let name = hint;
    while (this.names.has(name)) name = `${hint}_${++this.counter}`;
    this.names.add(name);
    return name;
  }

  input(name: string, elem: ElemType, dims: Dim[]): string {
    this.inputs.push(valueInfo(this.fresh(name), elem, dims));
    return name;
  }

  output(value: string, elem: ElemType, dims: Dim[]): void {
    this.outputs.push(valueInfo(value, elem, dims));
  }

  /** A float32 initializer. The bytes are copied little-endian, as ONNX raw_data requires. */
  floats(name: string, dims: number[], data: Float32Array | number[]): string {
    const arr = data instanceof Float32Array ? data : Float32Array.from(data);
    const expected = dims.reduce((a, b) => a * b, 1);
    if (arr.length !== expected) throw new Error(`initializer ${name}: ${arr.length} values for dims [${dims.join(',')}]`);
    const raw = new Uint8Array(arr.length * 4);
    const view = new DataView(raw.buffer);
    for (let i = 0; i < arr.length; i++) view.setFloat32(i * 4, arr[i] as number, true);
    const n = this.fresh(name);
    this.initializers.push({ name: n, dims, dataType: ELEM.float, rawData: raw });
    return n;
  }

  int64s(name: string, dims: number[], data: number[]): string {
    const raw = new Uint8Array(data.length * 8);
    const view = new DataView(raw.buffer);
    data.forEach((v, i) => view.setBigInt64(i * 8, BigInt(v), true));
    const n = this.fresh(name);
    this.initializers.push({ name: n, dims, dataType: ELEM.int64, rawData: raw });
    return n;
  }

  /** Adds a node; returns its output names (count = outputs). */
  node(op: string, inputs: string[], name: string, attrs: Record<string, Attr> = {}, outputs = 1): string[] {
    const nodeName = this.fresh(name);
    const outs = outputs === 1 ? [nodeName] : Array.from({ length: outputs }, (_, i) => this.fresh(`${nodeName}:${i}`));
    this.nodes.push({
      name: nodeName,
      opType: op,
      input: inputs,
      output: outs,
      attribute: Object.keys(attrs).map((k) => attribute(k, attrs[k] as Attr)),
    });
    return outs;
  }

  /** Single-output shorthand. */
  op(op: string, inputs: string[], name: string, attrs: Record<string, Attr> = {}): string {
    return this.node(op, inputs, name, attrs)[0] as string;
  }

  /** Renames the value `from` to `to` where it is produced, so an output can carry a public name. */
  rename(from: string, to: string): string {
    for (const n of this.nodes) {
      n.output = (n.output ?? []).map((o) => (o === from ? to : o));
      n.input = (n.input ?? []).map((i) => (i === from ? to : i));
    }
    this.names.add(to);
    return to;
  }

  encode(meta: { graphName: string; producer: string; producerVersion: string; opset: number; docString: string; metadata: Record<string, string> }): Uint8Array {
    const model: onnx.IModelProto = {
      irVersion: 8,
      opsetImport: [{ domain: '', version: meta.opset }],
      producerName: meta.producer,
      producerVersion: meta.producerVersion,
      docString: meta.docString,
      metadataProps: Object.keys(meta.metadata)
        .sort()
        .map((key) => ({ key, value: meta.metadata[key] as string })),
      graph: {
        name: meta.graphName,
        node: this.nodes,
        initializer: this.initializers,
        input: this.inputs,
        output: this.outputs,
      },
    };
    return onnx.ModelProto.encode(onnx.ModelProto.create(model)).finish();
  }
}
