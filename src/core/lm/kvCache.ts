/**
 * The attention key/value cache of one conversation: for every kept layer, a key
 * and a value tensor shaped [1, kvHeads, length, headDim] (row-major, float32),
 * exactly as the model's `present.{i}.key|value` outputs give them and its
 * `past_key_values.{i}.key|value` inputs take them back.
 *
 * Immutable: the runner returns a new cache per run and truncate() copies, so a
 * cache held by a reader is never changed under it by a run that fails halfway.
 */

export interface KvShape {
  /** Layers whose cache is kept (the model's kvLayers). */
  layers: number;
  kvHeads: number;
  headDim: number;
}

export interface KvLayer {
  key: Float32Array;
  value: Float32Array;
}

export class KvCache {
  private constructor(
    readonly shape: KvShape,
    /** Positions held. */
    readonly length: number,
    readonly layers: ReadonlyArray<KvLayer>,
  ) {}

  static empty(shape: KvShape): KvCache {
    const layers = Array.from({ length: shape.layers }, () => ({ key: new Float32Array(0), value: new Float32Array(0) }));
    return new KvCache(shape, 0, layers);
  }

  /** Wraps present tensors; checks every size against the shape. */
  static of(shape: KvShape, length: number, layers: KvLayer[]): KvCache {
    const size = shape.kvHeads * length * shape.headDim;
    if (layers.length !== shape.layers) throw new Error(`KV cache: expected ${shape.layers} layers, got ${layers.length}`);
    layers.forEach((l, i) => {
      if (l.key.length !== size || l.value.length !== size) {
        throw new Error(`KV cache layer ${i}: expected ${size} values for ${length} positions, got ${l.key.length}/${l.value.length}`);
      }
    });
    return new KvCache(shape, length, layers);
  }

  /** Dimensions of each tensor, as the model takes them. */
  get dims(): [number, number, number, number] {
    return [1, this.shape.kvHeads, this.length, this.shape.headDim];
  }

  /** Memory held, in bytes. */
  get bytes(): number {
    return this.length * bytesPerToken(this.shape);
  }

  /** The first n positions (copied), or this cache when n covers it all. */
  truncate(n: number): KvCache {
    const keep = Math.max(0, Math.min(this.length, Math.floor(n)));
    if (keep === this.length) return this;
    if (keep === 0) return KvCache.empty(this.shape);
    const { kvHeads, headDim } = this.shape;
    const cut = (src: Float32Array): Float32Array => {
      const out = new Float32Array(kvHeads * keep * headDim);
      for (let h = 0; h < kvHeads; h++) {
        const from = h * this.length * headDim;
        out.set(src.subarray(from, from + keep * headDim), h * keep * headDim);
      }
      return out;
    };
    return new KvCache(this.shape, keep, this.layers.map((l) => ({ key: cut(l.key), value: cut(l.value) })));
  }
}

/** Bytes of cache per position: layers x (key + value) x kvHeads x headDim x 4. */
export function bytesPerToken(shape: KvShape): number {
  return shape.layers * 2 * shape.kvHeads * shape.headDim * 4;
}
