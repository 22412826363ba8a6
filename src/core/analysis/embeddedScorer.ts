import { loadVectorFile } from '../emotions/loadVectors';
import { readManifest } from '../model/manifest';
import { UseLiteModel } from '../model/use-lite';
import { EmotionScorer } from './emotionScorer';
import type { Pooling } from './scoring';

export interface EmbeddedPaths {
  /** Folder with use-lite.manifest.json, use-lite.onnx and use-lite.vocab.json. */
  modelDir: string;
  /** The bundled worker script (dist/modelWorker.js). */
  workerPath: string;
  /** The shipped vector file (media/vectors/use-lite.elvec). */
  vectorsPath: string;
}

export interface Embedded {
  model: UseLiteModel;
  scorer: EmotionScorer;
}

/**
 * Opens the embedded model and its vectors. Only the manifest and the vector file
 * are read here; the model itself loads in its worker on the first reading. The
 * caller disposes the model. `pooling` is how completions' sentence readings are
 * pooled (default: the whole text's reading, see EmotionScorer).
 */
export async function openEmbedded(paths: EmbeddedPaths, options: { pooling?: Pooling } = {}): Promise<Embedded> {
  const manifest = await readManifest(paths.modelDir);
  const vectors = await loadVectorFile(paths.vectorsPath, { id: manifest.modelId, sha256: manifest.sha256 });
  const model = new UseLiteModel({ modelDir: paths.modelDir, workerPath: paths.workerPath });
  return { model, scorer: new EmotionScorer(model, vectors, undefined, options.pooling) };
}
