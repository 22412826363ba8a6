/**
 * Loads a converted model from its folder: manifest, then the model and
 * vocabulary files, each checked against the SHA-256 the manifest records.
 * Used by the worker thread and by the benchmark.
 */
import { ModelFileError, readManifest, readVerified, USE_LITE_MANIFEST, type ModelManifest } from './manifest';
import { OnnxRunner, type RunnerOptions } from './onnx-runner';
import { Tokenizer, type Vocabulary } from './tokenizer';

export interface LoadedModel {
  manifest: ModelManifest;
  runner: OnnxRunner;
  tokenizer: Tokenizer;
}

export async function loadModelFiles(modelDir: string, manifestName = USE_LITE_MANIFEST, runnerOptions: RunnerOptions = {}): Promise<LoadedModel> {
  const manifest = await readManifest(modelDir, manifestName);
  const [modelBytes, vocabBytes] = await Promise.all([
    readVerified(modelDir, manifest.file, manifest.sha256, 'model file'),
    readVerified(modelDir, manifest.vocabFile, manifest.vocabSha256, 'vocabulary file'),
  ]);
  let vocab: Vocabulary;
  try {
    vocab = JSON.parse(Buffer.from(vocabBytes).toString('utf8')) as Vocabulary;
  } catch {
    throw new ModelFileError(`vocabulary file ${manifest.vocabFile} in ${modelDir} is not valid JSON`);
  }
  const tokenizer = new Tokenizer(vocab);
  // Build the session from the bytes that were just verified, not by reopening the path.
  const runner = await OnnxRunner.create(modelBytes, { layers: manifest.layers, hidden: manifest.hiddenSize, padId: manifest.padId }, runnerOptions);
  return { manifest, runner, tokenizer };
}
