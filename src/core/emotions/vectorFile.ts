import type { LengthLaw } from './lengthLaw';
import type { RecipeKind } from './recipe';

/**
 * The shipped emotion-vector file: a small JSON header (what the vectors were built
 * from and how) followed by little-endian Float32 blocks. About 360 KB for 171
 * vectors of 512 dimensions; the same inputs always give the same bytes (the header
 * has no timestamps and keys are written in a fixed order).
 *
 *   bytes 0..7   magic "ELVEC\0\0\x01"
 *   bytes 8..11  header length H (uint32 LE)
 *   then H bytes of UTF-8 JSON, padded with spaces to a multiple of 4
 *   then Float32 blocks, in this order:
 *     vectors     [E x D]  unit emotion vectors
 *     textMean    [E]      projection of neutral texts' mean activation: mean
 *     textStd     [E]      … standard deviation
 *     tokenMean   [E]      projection of neutral texts' single tokens: mean
 *     tokenStd    [E]      … standard deviation
 *     coords      [E x 2]  each vector's position on the first two principal components
 *   and from version 2 on, the length law of neutral readings (see lengthLaw.ts):
 *     lawA, lawB, lawC, lawD  [E] each
 *
 * Version 1 files (no length law) still load: their law is the constant one their
 * whole-text statistics give, so they read as they always did.
 */
/**
 * Which layer's activations the vectors live in. A text's feature is the mean of
 * that layer over its tokens. (The embedded model's `pooled` output is by
 * construction the mean of the last layer, so it is the `layer1` candidate, not a
 * separate one.) `residual` is a language model's residual stream at the layer
 * the header's `layer` names.
 */
export type FeatureKind = 'layer0' | 'layer1' | 'residual';

export interface CandidateScore {
  /** Mean difference ('paper') or shrinkage LDA ('lda'); files of version 1 only had the paper's. */
  recipe?: RecipeKind;
  feature: FeatureKind;
  denoise: boolean;
  /** For 'lda': the shrinkage chosen by cross-validation inside the training texts. */
  shrinkage?: number;
  storyTop1: number;
  storyTop5: number;
  assistantTop5: number;
  /** Held-out desperate assistant passages with `desperate` in their top 5. */
  desperateInTop5?: { hits: number; of: number };
  /**
   * How well the `desperate` reading separates held-out desperate texts (stories and
   * passages) from held-out calm ones: the probability that a random desperate text
   * reads higher than a random calm one (ROC AUC; 0.5 is chance).
   */
  desperateCalmAuc?: number;
}

/** How the length law of neutral readings was fitted, and below which length a reading is not trusted. */
export interface LengthLawInfo {
  form: string;
  completeTexts: number;
  cutTexts: number;
  /** Readings of fewer tokens are marked unreadable ("too short to read"). */
  minReadableTokens: number;
  /** The measurement that chose minReadableTokens. */
  reason: string;
}

export interface VectorFileHeader {
  format: 'emotion-lens-vectors';
  version: 1 | 2;
  emotions: string[];
  dims: number;
  model: { id: string; sha256: string };
  /** Which activations the vectors live in and how a text's tokens are combined. */
  feature: FeatureKind;
  /** For `residual`: the 0-based layer whose output the vectors were built from. */
  layer?: number;
  aggregation: string;
  recipe: {
    /** Absent in version 1 files: the paper's. */
    kind?: RecipeKind;
    shrinkage?: number;
    denoise: boolean;
    neutralVarianceShare: number;
    removedComponents: number;
    removedVarianceShare: number;
  };
  corpus: { sha256: string; trainTexts: number; neutralTexts: number };
  /** Every recipe that was compared on the held-out split, and why the kept one won. */
  choice: { candidates: CandidateScore[]; reason: string };
  /** Explained-variance shares of the vectors' principal components (first ten). */
  pcaExplainedVariance: number[];
  /** Version 2 on. */
  lengthLaw?: LengthLawInfo;
}

export interface VectorFile {
  header: VectorFileHeader;
  vectors: Float32Array[];
  textMean: Float32Array;
  textStd: Float32Array;
  tokenMean: Float32Array;
  tokenStd: Float32Array;
  /** [E x 2] row-major. */
  coords: Float32Array;
  /** Neutral statistics as a function of a reading's length in tokens. */
  lengthLaw: LengthLaw;
}

/** The law a version 1 file implies: its whole-text statistics at every length. */
export function constantLaw(textMean: Float32Array, textStd: Float32Array): LengthLaw {
  return { a: Float32Array.from(textMean), b: new Float32Array(textMean.length), c: Float32Array.from(textStd, (s) => s * s), d: new Float32Array(textMean.length) };
}

const MAGIC = Uint8Array.from([0x45, 0x4c, 0x56, 0x45, 0x43, 0, 0, 1]); // "ELVEC" 0 0 1

export class VectorFileError extends Error {
  override name = 'VectorFileError';
}

export function encodeVectorFile(file: VectorFile): Uint8Array {
  const { header } = file;
  const e = header.emotions.length;
  const d = header.dims;
  if (file.vectors.length !== e || file.vectors.some((v) => v.length !== d)) {
    throw new VectorFileError(`encode: expected ${e} vectors of ${d} dimensions`);
  }
  let json = JSON.stringify(header);
  const jsonBytes = () => new TextEncoder().encode(json);
  while (jsonBytes().length % 4 !== 0) json += ' ';
  const headerBytes = jsonBytes();
  if (header.version !== 2) throw new VectorFileError('encode: only version 2 files are written');
  const floats = e * d + 4 * e + 2 * e + 4 * e;
  const out = new Uint8Array(12 + headerBytes.length + floats * 4);
  out.set(MAGIC, 0);
  new DataView(out.buffer).setUint32(8, headerBytes.length, true);
  out.set(headerBytes, 12);
  const body = new DataView(out.buffer, 12 + headerBytes.length);
  let offset = 0;
  const put = (values: ArrayLike<number>) => {
    for (let i = 0; i < values.length; i++, offset += 4) body.setFloat32(offset, values[i], true);
  };
  for (const v of file.vectors) put(v);
  for (const block of [file.textMean, file.textStd, file.tokenMean, file.tokenStd]) {
    if (block.length !== e) throw new VectorFileError(`encode: a statistics block has ${block.length} values, not ${e}`);
    put(block);
  }
  if (file.coords.length !== 2 * e) throw new VectorFileError('encode: coords must be [E x 2]');
  put(file.coords);
  for (const block of [file.lengthLaw.a, file.lengthLaw.b, file.lengthLaw.c, file.lengthLaw.d]) {
    if (block.length !== e) throw new VectorFileError(`encode: a length-law block has ${block.length} values, not ${e}`);
    put(block);
  }
  return out;
}

export function decodeVectorFile(bytes: Uint8Array, source = 'vector file'): VectorFile {
  if (bytes.length < 12 || MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new VectorFileError(`${source} is not an Emotion Lens vector file (bad magic bytes)`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(8, true);
  if (12 + headerLength > bytes.length) throw new VectorFileError(`${source} is truncated (header)`);
  let header: VectorFileHeader;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + headerLength)));
  } catch {
    throw new VectorFileError(`${source} has a corrupt header`);
  }
  if (header.format !== 'emotion-lens-vectors' || (header.version !== 1 && header.version !== 2)) {
    throw new VectorFileError(`${source} has an unknown format ${String(header.format)} v${String(header.version)}`);
  }
  const e = header.emotions.length;
  const d = header.dims;
  const expected = 12 + headerLength + (e * d + (header.version === 2 ? 10 : 6) * e) * 4;
  if (bytes.length !== expected) {
    throw new VectorFileError(`${source} is ${bytes.length} bytes, expected ${expected} (truncated or corrupt)`);
  }
  let offset = 12 + headerLength;
  const take = (n: number): Float32Array => {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++, offset += 4) out[i] = view.getFloat32(offset, true);
    return out;
  };
  const vectors = Array.from({ length: e }, () => take(d));
  const textMean = take(e);
  const textStd = take(e);
  const tokenMean = take(e);
  const tokenStd = take(e);
  const coords = take(2 * e);
  const lengthLaw = header.version === 2 ? { a: take(e), b: take(e), c: take(e), d: take(e) } : constantLaw(textMean, textStd);
  return { header, vectors, textMean, textStd, tokenMean, tokenStd, coords, lengthLaw };
}
