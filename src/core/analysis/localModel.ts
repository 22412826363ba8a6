import { join } from 'node:path';
import { loadVectorFile } from '../emotions/loadVectors';
import type { VectorFile } from '../emotions/vectorFile';
import { VectorFileError } from '../emotions/vectorFile';
import type { PreparedLm } from '../lm/types';
import type { ConversationReader } from './lmSessionReader';
import { LmScorer } from './lmScorer';

/** Where a user's model and its state live: the cache is ours; the model folder is only ever read. */
export interface LocalModelPaths {
  /** The user's model folder (never written to). */
  dir: string;
  /** Our folder for derived graphs and calibrated vectors (the extension's global storage, or ~/.cache/emotion-lens). */
  cacheDir: string;
  /** The bundled language-model worker (dist/lmWorker.js). */
  workerPath: string;
  /** 0-based layer to read; default: the residual at two-thirds of the depth. */
  layer?: number;
}

/** The vectors of one model at one layer, keyed by the model's hash. */
export function localVectorsPath(cacheDir: string, prepared: Pick<PreparedLm, 'folder' | 'layer'>): string {
  return join(cacheDir, 'vectors', `${prepared.folder.sha256.slice(0, 16)}-L${prepared.layer}.elvec`);
}

export function calibrateHint(dir: string): string {
  return `Calibrate it with the command "Emotion Lens: Calibrate Local Model" or \`emotion-lens calibrate --model ${dir}\`.`;
}

/** No vectors have been built for this model and layer yet. */
export class NotCalibratedError extends Error {
  constructor(readonly prepared: PreparedLm, path: string) {
    super(`${prepared.folder.name} has no emotion vectors on this machine yet (looked for ${path}). ${calibrateHint(prepared.folder.dir)}`);
    this.name = 'NotCalibratedError';
  }
}

/** What the timeline and reports call a local model's readings. */
export function localModelLabel(prepared: PreparedLm): string {
  return `${prepared.folder.name} · layer ${prepared.layer + 1} of ${prepared.folder.architecture.layers}`;
}

export async function loadLocalVectors(cacheDir: string, prepared: PreparedLm): Promise<VectorFile> {
  const path = localVectorsPath(cacheDir, prepared);
  try {
    const file = await loadVectorFile(path, { id: prepared.folder.name, sha256: prepared.folder.sha256 }, calibrateHint(prepared.folder.dir));
    if (file.header.feature !== 'residual' || file.header.layer !== prepared.layer) {
      throw new VectorFileError(`the vectors in ${path} were not built from layer ${prepared.layer}. ${calibrateHint(prepared.folder.dir)}`);
    }
    return file;
  } catch (error) {
    if (error instanceof VectorFileError && /is missing \(ENOENT\)/.test(error.message)) throw new NotCalibratedError(prepared, path);
    throw error;
  }
}

export interface LocalScorer {
  scorer: LmScorer;
  prepared: PreparedLm;
  dispose(): Promise<void>;
}

/** Opens a prepared model's worker and its calibrated vectors as a scorer. */
export async function openLocalScorer(
  prepared: PreparedLm,
  cacheDir: string,
  openReader: (prepared: PreparedLm) => Promise<ConversationReader & { dispose(): Promise<void> }>,
): Promise<LocalScorer> {
  const vectors = await loadLocalVectors(cacheDir, prepared);
  const reader = await openReader(prepared);
  try {
    const scorer = new LmScorer(reader, vectors, { id: prepared.folder.sha256, label: localModelLabel(prepared) });
    return { scorer, prepared, dispose: () => reader.dispose() };
  } catch (error) {
    await reader.dispose();
    throw error;
  }
}
