/**
 * Reads a TF.js graph model (model.json + binary weight shards) from disk into
 * plain typed arrays, without loading TensorFlow.js: the converter only needs
 * the topology (to check it is the graph we expect) and the weight values.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TfNode {
  name: string;
  op: string;
  input: string[];
}

export interface TfWeight {
  name: string;
  dtype: 'float32' | 'int32';
  shape: number[];
  data: Float32Array | Int32Array;
}

export interface TfjsGraph {
  nodes: Map<string, TfNode>;
  weights: Map<string, TfWeight>;
  /** SHA-256 over every node's name, op and inputs, in file order: changes if the graph changes. */
  topologyHash: string;
}

interface ModelJson {
  modelTopology?: { node?: Array<{ name: string; op: string; input?: string[] }> };
  weightsManifest?: Array<{
    paths: string[];
    weights: Array<{ name: string; shape: number[]; dtype: string; quantization?: unknown }>;
  }>;
}

export class GraphMismatchError extends Error {
  override name = 'GraphMismatchError';
}

export function readTfjsGraph(dir: string): TfjsGraph {
  const jsonPath = join(dir, 'model.json');
  let parsed: ModelJson;
  try {
    parsed = JSON.parse(readFileSync(jsonPath, 'utf8')) as ModelJson;
  } catch (err) {
    throw new GraphMismatchError(`cannot read TF.js graph ${jsonPath}: ${(err as Error).message}`);
  }
  const rawNodes = parsed.modelTopology?.node;
  const manifest = parsed.weightsManifest;
  if (!Array.isArray(rawNodes) || !Array.isArray(manifest)) {
    throw new GraphMismatchError(`${jsonPath} has no modelTopology.node or weightsManifest`);
  }

  const nodes = new Map<string, TfNode>();
  const topo = createHash('sha256');
  for (const n of rawNodes) {
    const node = { name: n.name, op: n.op, input: n.input ?? [] };
    nodes.set(node.name, node);
    topo.update(`${node.name}\u0000${node.op}\u0000${node.input.join('\u0001')}\n`);
  }

  const weights = new Map<string, TfWeight>();
  for (const group of manifest) {
    const bytes = Buffer.concat(group.paths.map((p) => readFileSync(join(dir, p))));
    let offset = 0;
    for (const w of group.weights) {
      if (w.quantization) throw new GraphMismatchError(`weight ${w.name} is quantized; expected plain float32`);
      if (w.dtype !== 'float32' && w.dtype !== 'int32') {
        throw new GraphMismatchError(`weight ${w.name} has dtype ${w.dtype}; expected float32 or int32`);
      }
      const count = w.shape.reduce((a, b) => a * b, 1);
      const byteLength = count * 4;
      if (offset + byteLength > bytes.length) {
        throw new GraphMismatchError(`weight shards end before weight ${w.name}`);
      }
      // Copy into a fresh, aligned buffer: shard offsets need not be 4-byte aligned.
      const copy = new ArrayBuffer(byteLength);
      new Uint8Array(copy).set(bytes.subarray(offset, offset + byteLength));
      const data = w.dtype === 'float32' ? new Float32Array(copy) : new Int32Array(copy);
      weights.set(w.name, { name: w.name, dtype: w.dtype, shape: w.shape, data });
      offset += byteLength;
    }
    if (offset !== bytes.length) {
      throw new GraphMismatchError(`weight shards hold ${bytes.length} bytes; the manifest describes ${offset}`);
    }
  }
  return { nodes, weights, topologyHash: topo.digest('hex') };
}
