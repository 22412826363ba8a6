/**
 * What the model-folder checks need to know about a decoded ONNX graph, reduced
 * to a small JSON-able record. The record is a pure function of the graph file's
 * bytes, so it can be cached beside the file's hash and the checks re-run from it
 * on the next start without decoding a 500 MB graph again.
 */
import { onnx } from 'onnx-proto';

const DT = onnx.TensorProto.DataType;

/** One external-data file as the graph references it. */
export interface ExternalDataRef {
  /** The `location` entry, as written in the graph (relative to the graph's folder). */
  location: string;
  /** Highest offset + length any tensor reads from it: the file must be at least this long. */
  requiredBytes: number;
  tensors: number;
}

export interface GraphFacts {
  inputs: string[];
  outputs: string[];
  /** Number of `present.{i}.key` outputs. */
  presentLayers: number;
  /** Number of `past_key_values.{i}.key` inputs. */
  pastLayers: number;
  nodes: number;
  /** Optimum's legacy merged decoder: a `use_cache_branch` input or an `If` node at the top level. */
  mergedIf: boolean;
  /** Graph inputs/outputs (past, present, logits) whose element type is float16. */
  float16Io: string[];
  /** Bytes of float16 and of float32 initializers (inline or external). */
  float16InitializerBytes: number;
  float32InitializerBytes: number;
  externalData: ExternalDataRef[];
}

type Int64 = number | { toNumber(): number };

/** protobufjs decodes int64 fields as Long objects when the `long` package is present. */
export function int64(value: Int64 | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'number' ? value : value.toNumber();
}

/** Bytes per element, for the types a language model's initializers use; undefined for packed/unknown types. */
export function elementBytes(dataType: number): number | undefined {
  switch (dataType) {
    case DT.FLOAT: case DT.INT32: case DT.UINT32: return 4;
    case DT.FLOAT16: case DT.BFLOAT16: case DT.INT16: case DT.UINT16: return 2;
    case DT.INT8: case DT.UINT8: case DT.BOOL: return 1;
    case DT.DOUBLE: case DT.INT64: case DT.UINT64: return 8;
    default: return undefined;
  }
}

function externalEntry(t: onnx.ITensorProto, key: string): string | undefined {
  return (t.externalData ?? []).find((e) => e.key === key)?.value ?? undefined;
}

export function isExternal(t: onnx.ITensorProto): boolean {
  return t.dataLocation === onnx.TensorProto.DataLocation.EXTERNAL;
}

/** Bytes a tensor's data occupies, wherever it is stored. */
export function tensorDataBytes(t: onnx.ITensorProto): number {
  if (isExternal(t)) {
    const length = externalEntry(t, 'length');
    if (length !== undefined) return Number(length);
    const count = (t.dims ?? []).reduce<number>((n, d) => n * int64(d), 1);
    return count * (elementBytes(t.dataType ?? 0) ?? 0);
  }
  if (t.rawData && t.rawData.length > 0) return t.rawData.length;
  const count = (t.dims ?? []).reduce<number>((n, d) => n * int64(d), 1);
  return count * (elementBytes(t.dataType ?? 0) ?? 0);
}

/** Where an external tensor's bytes are: location, offset, length (length may be unknown). */
export function externalSpan(t: onnx.ITensorProto): { location: string; offset: number; length: number } | undefined {
  const location = externalEntry(t, 'location');
  if (location === undefined) return undefined;
  return { location, offset: Number(externalEntry(t, 'offset') ?? 0), length: tensorDataBytes(t) };
}

/** Every initializer of the graph and of its subgraphs (If/Loop/Scan bodies). */
export function* allInitializers(graph: onnx.IGraphProto): Generator<onnx.ITensorProto> {
  yield* graph.initializer ?? [];
  for (const node of graph.node ?? []) {
    for (const attr of node.attribute ?? []) {
      if (attr.g) yield* allInitializers(attr.g);
      for (const g of attr.graphs ?? []) yield* allInitializers(g);
    }
  }
}

function elemType(vi: onnx.IValueInfoProto): number | undefined {
  return vi.type?.tensorType?.elemType ?? undefined;
}

const IO_THAT_CARRY_ACTIVATIONS = /^(past_key_values\.|present\.|logits$)/;

export function graphFacts(model: onnx.IModelProto): GraphFacts {
  const graph = model.graph ?? {};
  const inputs = (graph.input ?? []).map((v) => v.name ?? '');
  const outputs = (graph.output ?? []).map((v) => v.name ?? '');
  const float16Io = [...(graph.input ?? []), ...(graph.output ?? [])]
    .filter((v) => IO_THAT_CARRY_ACTIVATIONS.test(v.name ?? '') && elemType(v) === DT.FLOAT16)
    .map((v) => v.name ?? '');

  let f16 = 0;
  let f32 = 0;
  const external = new Map<string, ExternalDataRef>();
  for (const t of allInitializers(graph)) {
    const bytes = tensorDataBytes(t);
    if (t.dataType === DT.FLOAT16) f16 += bytes;
    else if (t.dataType === DT.FLOAT) f32 += bytes;
    if (!isExternal(t)) continue;
    const span = externalSpan(t);
    if (!span) continue;
    const ref = external.get(span.location) ?? { location: span.location, requiredBytes: 0, tensors: 0 };
    ref.requiredBytes = Math.max(ref.requiredBytes, span.offset + span.length);
    ref.tensors++;
    external.set(span.location, ref);
  }

  return {
    inputs,
    outputs,
    presentLayers: outputs.filter((n) => /^present\.\d+\.key$/.test(n)).length,
    pastLayers: inputs.filter((n) => /^past_key_values\.\d+\.key$/.test(n)).length,
    nodes: (graph.node ?? []).length,
    mergedIf: inputs.includes('use_cache_branch') || (graph.node ?? []).some((n) => n.opType === 'If'),
    float16Io,
    float16InitializerBytes: f16,
    float32InitializerBytes: f32,
    externalData: [...external.values()].sort((a, b) => a.location.localeCompare(b.location)),
  };
}
