/**
 * Prepares a user's model folder for reading: check it, find the residual tap,
 * cut the graph, and keep the derived graph in our cache.
 *
 * The derived graph never copies weights. External-data models keep their
 * `location` entries (prefixed with "onnx/" when the graph sits in the folder's
 * onnx/ subfolder); single-file models have their kept initializers turned into
 * external references into the original model.onnx (see graphCut.ts). So the
 * derived model.onnx is kilobytes, every `location` in it is relative to the model
 * folder, and it must be loaded with the model folder (LmFolder.dir) as its
 * external-data folder: onnxruntime resolves `location`
 * against `session.model_external_initializers_file_folder_path` when that is set
 * (checked with onnxruntime-node 1.30: it works for a model given by path and by
 * buffer; without it, a path resolves against the graph file's own folder and a
 * buffer against the process's working directory, and both fail here).
 *
 * A second call for the same folder and layer reuses the derived graph: the
 * folder is still checked and identified, but file hashes and graph facts come
 * from the cache's index while the files' size, mtime and inode are unchanged, so
 * nothing large is read or decoded.
 */
import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { PreparedLm } from './types';
import { checkedFolder, decodeGraph, scanModelFolder } from './folder';
import { LmFolderError } from './folderError';
import { cutGraph } from './graphCut';
import { DERIVED_FORMAT, ModelCache, type DerivedRecord } from './modelCache';
import { findResidualTap, tapLayer } from './residualTap';

export interface PrepareOptions {
  /** 0-based layer whose output residual is read; default floor(2/3 * depth) - 1 (see residualTap.ts). */
  layer?: number;
  /** Our cache folder (never inside the model folder). */
  cacheDir: string;
  /** Memory available to the model; default: the machine's total memory. */
  memoryBytes?: number;
}

/** Inputs the reader knows how to feed. */
const FEEDABLE_INPUT = /^(input_ids|attention_mask|position_ids|past_key_values\.\d+\.(key|value))$/;

/** A relative path with '/' separators, as ONNX `location` entries are written. */
function posixRelative(from: string, to: string): string {
  return relative(from, to).split(sep).join('/');
}

/** `present.{i}.key/value` for every layer up to and including `layer`. */
export function presentOutputs(layer: number): string[] {
  return Array.from({ length: layer + 1 }, (_, i) => [`present.${i}.key`, `present.${i}.value`]).flat();
}

function preparedFrom(folder: PreparedLm['folder'], derivedPath: string, r: DerivedRecord): PreparedLm {
  return {
    folder,
    derivedPath,
    layer: r.layer,
    tapName: r.tapName,
    tapFoundBy: r.tapFoundBy,
    inputNames: r.inputNames,
    kvLayers: r.kvLayers,
    nodes: r.nodes,
  };
}

export async function prepareLm(dir: string, options: PrepareOptions): Promise<PreparedLm> {
  const within = relative(resolve(dir), resolve(options.cacheDir));
  if (within === '' || (!within.startsWith('..') && !isAbsolute(within))) {
    throw new Error(`prepareLm: the cache folder ${options.cacheDir} is inside the model folder ${dir}, which is never written to`);
  }
  const cache = await ModelCache.open(options.cacheDir);
  const inspect = { cache, ...(options.memoryBytes !== undefined ? { memoryBytes: options.memoryBytes } : {}) };
  const scan = await scanModelFolder(dir);
  const layer = tapLayer(options.layer, scan.architecture.layers);

  const knownFacts = cache.graphFacts(scan.graphPath, scan.graphStat);
  if (knownFacts) {
    const folder = await checkedFolder(scan, knownFacts, inspect);
    const hit = await cache.readDerived(folder.sha256, layer);
    if (hit) return preparedFrom(folder, hit.path, hit.record);
  }

  const decoded = await decodeGraph(scan, inspect);
  const folder = await checkedFolder(scan, decoded.facts, inspect);
  const graph = decoded.model.graph ?? {};
  const tap = findResidualTap(graph, layer, scan.architecture.layers);
  // Locations in the derived graph are relative to the model folder (the source graph may sit in onnx/).
  const graphDir = posixRelative(folder.dir, dirname(folder.onnxPath));
  const cut = cutGraph(decoded.model, tap.tapName, presentOutputs(tap.layer), {
    hiddenSize: scan.architecture.hiddenSize,
    embeddedData: { fileBytes: decoded.fileBytes, location: posixRelative(folder.dir, folder.onnxPath) },
    ...(graphDir ? { externalPrefix: `${graphDir}/` } : {}),
    metadata: {
      'emotion-lens.source-sha256': folder.sha256,
      'emotion-lens.tap': tap.tapName,
      'emotion-lens.layer': String(tap.layer),
    },
  });
  const unfeedable = cut.inputNames.filter((n) => !FEEDABLE_INPUT.test(n));
  if (unfeedable.length > 0) {
    throw new LmFolderError('not-optimum-layout',
      `Up to layer ${tap.layer}, ${basename(folder.onnxPath)} needs inputs this reader does not feed: ${unfeedable.join(', ')}. ` +
      'Expected only input_ids, attention_mask, position_ids and past_key_values.{i}.key/value.',
      'use an export in Optimum\'s text-generation-with-past layout (`optimum-cli export onnx --task text-generation-with-past`).');
  }
  const record: DerivedRecord = {
    format: DERIVED_FORMAT,
    sha256: folder.sha256,
    layer: tap.layer,
    tapName: tap.tapName,
    tapFoundBy: tap.foundBy,
    inputNames: cut.inputNames,
    kvLayers: tap.layer + 1,
    nodes: { original: cut.stats.originalNodes, kept: cut.stats.keptNodes },
    externalDataFolder: folder.dir,
  };
  const derivedPath = await cache.writeDerived(cut.bytes, record);
  await cache.save();
  return preparedFrom(folder, derivedPath, record);
}

export { loadPrepared, sessionOptionsFor } from './loadPrepared';
