import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Corpus } from '../corpus/loadCorpus';
import { calibrate, type Calibration } from '../emotions/calibrate';
import { encodeVectorFile } from '../emotions/vectorFile';
import type { RecipeKind } from '../emotions/recipe';
import type { PreparedLm } from '../lm/types';
import type { ConversationReader } from './lmSessionReader';
import { readLoneText } from './lmScorer';
import { localVectorsPath } from './localModel';

export interface LocalCalibrationOptions {
  prepared: PreparedLm;
  reader: ConversationReader;
  corpus: Corpus;
  cacheDir: string;
  /** Candidate recipes (default: both; the held-out split chooses). */
  recipes?: readonly RecipeKind[];
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/**
 * Builds a local model's 171 vectors by the embedded model's recipe, from the
 * residual at the prepared layer, and stores them keyed by the model's hash.
 * Every corpus text is read as an assistant message (see LONE_TEXT_REQUEST), the
 * way completions are read in sessions.
 */
export async function calibrateLocalModel(options: LocalCalibrationOptions): Promise<Calibration & { path: string; bytes: number }> {
  const { prepared, reader, corpus } = options;
  if (corpus.problems.length > 0) {
    const p = corpus.problems[0];
    throw new Error(`the corpus has ${corpus.problems.length} problems, e.g. ${p.file}:${p.line}: ${p.message}`);
  }
  const result = await calibrate({
    emotions: corpus.emotions,
    entries: corpus.entries,
    activate: async (text) => {
      const r = await readLoneText(reader, text, options.signal);
      return { tokenCount: r.tokens.length, dims: reader.info.hidden, layers: [r.rows] };
    },
    model: { id: prepared.folder.name, sha256: prepared.folder.sha256 },
    features: ['residual'],
    // A causal model's reading of a text's first n tokens is its first n rows.
    cutByPrefix: true,
    ...(options.recipes ? { recipes: options.recipes } : {}),
    layer: prepared.layer,
    // Lone texts share one conversation in the worker: one at a time.
    concurrency: 1,
    onProgress: options.onProgress,
    signal: options.signal,
  });
  const path = localVectorsPath(options.cacheDir, prepared);
  const bytes = encodeVectorFile(result.file);
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, bytes);
  await rename(temp, path);
  return { ...result, path, bytes: bytes.length };
}
