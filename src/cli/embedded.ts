import { join } from 'node:path';
import type { Pooling } from '../core/analysis/scoring';
import { openEmbedded as open, type Embedded, type EmbeddedPaths } from '../core/analysis/embeddedScorer';

/**
 * Where the embedded model and its vectors live, relative to the bundled CLI
 * (dist/cli.js): the model is generated into dist/model by the build, the vectors
 * are shipped in media/vectors.
 */
export const EMBEDDED: EmbeddedPaths = {
  modelDir: join(__dirname, 'model'),
  workerPath: join(__dirname, 'modelWorker.js'),
  vectorsPath: join(__dirname, '..', 'media', 'vectors', 'use-lite.elvec'),
};

export function openEmbedded(paths = EMBEDDED, options: { pooling?: Pooling } = {}): Promise<Embedded> {
  return open(paths, options);
}
