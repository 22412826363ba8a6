/**
 * The small JSON file shipped beside a converted model. The runtime checks the
 * model file against it before loading, so a truncated or swapped file is a
 * clear error instead of garbage activations.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface TensorSpec {
  name: string;
  type: string;
  dims: Array<number | string>;
}

export interface ModelManifest {
  modelId: string;
  /** The model file's name, beside the manifest. */
  file: string;
  sourcePackage: string;
  sourceVersion: string;
  /** SHA-256 (hex) of the model file. */
  sha256: string;
  bytes: number;
  opset: number;
  inputs: TensorSpec[];
  outputs: TensorSpec[];
  layers: number;
  hiddenSize: number;
  maxPositions: number;
  /** Id that pads a window to the batch's length (the TF.js graph's own padding value). */
  padId: number;
  /** Vocabulary file for the tokenizer, beside the manifest, and its SHA-256. */
  vocabFile: string;
  vocabSha256: string;
  parameterCount: number;
  /** Shapes the benchmark computes FLOPs from. */
  architecture: ModelArchitecture;
  /** SHA-256 of the source TF.js graph's topology the model was rebuilt from. */
  sourceTopologySha256: string;
  /** What `pooled` means, in words, for whoever reads the manifest. */
  pooling: string;
}

export interface ModelArchitecture {
  vocabRows: number;
  embedWidth: number;
  /** Input width of each layer (layer 0 reads the 256-wide embeddings and projects its residual to 512). */
  layerWidths: number[];
  heads: number;
  hidden: number;
  ffn: number;
}

export const USE_LITE_ID = 'use-lite';
export const USE_LITE_MANIFEST = 'use-lite.manifest.json';

export class ModelFileError extends Error {
  override name = 'ModelFileError';
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export async function readManifest(modelDir: string, manifestName = USE_LITE_MANIFEST): Promise<ModelManifest> {
  const path = join(modelDir, manifestName);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new ModelFileError(
      `model manifest ${path} is missing (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}). ` +
        'Reinstall the extension (from a source checkout: `npx tsx scripts/convert-model.ts`).',
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ModelFileError(`model manifest ${path} is not valid JSON. Reinstall the extension (from a source checkout: \`npx tsx scripts/convert-model.ts\`).`);
  }
  const m = parsed as Partial<ModelManifest>;
  for (const key of ['modelId', 'file', 'sha256', 'vocabFile', 'vocabSha256'] as const) {
    if (typeof m[key] !== 'string') throw new ModelFileError(`model manifest ${path} has no "${key}"`);
  }
  for (const key of ['bytes', 'layers', 'hiddenSize', 'maxPositions', 'padId'] as const) {
    if (typeof m[key] !== 'number') throw new ModelFileError(`model manifest ${path} has no numeric "${key}"`);
  }
  if (typeof m.architecture !== 'object' || m.architecture === null || !Array.isArray(m.architecture.layerWidths)) {
    throw new ModelFileError(`model manifest ${path} has no "architecture"`);
  }
  return m as ModelManifest;
}

/** Reads a file the manifest names and checks its SHA-256; the error names the file and the hash it should have. */
export async function readVerified(modelDir: string, file: string, expectedSha256: string, what: string): Promise<Uint8Array> {
  const path = join(modelDir, file);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (err) {
    throw new ModelFileError(
      `${what} ${path} is missing (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); ` +
        `expected a file with SHA-256 ${expectedSha256}. Reinstall the extension (from a source checkout: \`npx tsx scripts/convert-model.ts\`).`,
    );
  }
  const actual = sha256Hex(bytes);
  if (actual !== expectedSha256) {
    throw new ModelFileError(
      `${what} ${path} is corrupt: SHA-256 ${actual}, expected ${expectedSha256} (${bytes.length} bytes). ` +
        'Reinstall the extension (from a source checkout: `npx tsx scripts/convert-model.ts`).',
    );
  }
  return bytes;
}
