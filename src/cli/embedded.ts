import { join } from 'node:path';
import { loadVectorFile } from '../core/emotions/loadVectors';
import { EmotionScorer } from '../core/analysis/emotionScorer';
import { readManifest } from '../core/model/manifest';
import { UseLiteModel } from '../core/model/use-lite';

/**
 * Where the embedded model and its vectors live, relative to the bundled CLI
 * (dist/cli.js): the model is generated into dist/model by the build, the vectors
 * are shipped in media/vectors.
 */
export const EMBEDDED = {
  modelDir: join(__dirname, 'model'),
  workerPath: join(__dirname, 'modelWorker.js'),
  vectorsPath: join(__dirname, '..', 'media', 'vectors', 'use-lite.elvec'),
};

export interface Embedded {
  model: UseLiteModel;
  scorer: EmotionScorer;
}

/** Opens the embedded model and its vectors; the caller disposes the model. */
export async function openEmbedded(paths = EMBEDDED): Promise<Embedded> {
  const manifest = await readManifest(paths.modelDir);
  const vectors = await loadVectorFile(paths.vectorsPath, { id: manifest.modelId, sha256: manifest.sha256 });
  const model = new UseLiteModel({ modelDir: paths.modelDir, workerPath: paths.workerPath });
  return { model, scorer: new EmotionScorer(model, vectors) };
}
