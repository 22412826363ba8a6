/**
 * Checks a folder holding a user's ONNX causal-LM export and describes it as an
 * LmFolder: which graph, which external-data files, the architecture, tokenizer,
 * chat template and the model's identity (SHA-256). Every problem is an
 * LmFolderError naming the problem and the fix. Nothing in the folder is ever
 * written, created or renamed.
 *
 * The checks that need the graph run on GraphFacts, a small record derived from
 * the decoded graph; with a ModelCache the facts of an unchanged graph file come
 * from the cache, so a second start neither decodes nor re-hashes the model.
 */
import { readFile, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { totalmem } from 'node:os';
import { basename, dirname, isAbsolute, relative, resolve } from 'node:path';
import { onnx } from 'onnx-proto';
import type { LmArchitecture, LmFolder } from './types';
import { LmFolderError } from './folderError';
import { architectureFrom, pickGraph, readChatTemplate, readConfig, readTokenizer, REEXPORT_HINT, type ChatTemplate } from './folderFiles';
import { graphFacts, type GraphFacts } from './onnxFacts';
import { sha256File, sha256Text } from './hashFile';
import type { ModelCache } from './modelCache';

export { LmFolderError } from './folderError';

/** Memory a model needs beyond its file size while loaded (runtime buffers, activations, the JS side). */
export const MEMORY_OVERHEAD = 1.3;

export interface InspectOptions {
  /** Memory available to the model; default: the machine's total memory. */
  memoryBytes?: number;
  /** Reuses file hashes and graph facts of unchanged files across starts. */
  cache?: ModelCache;
}

/** The folder's small files, read and checked; the graph chosen but not yet read. */
export interface ScannedFolder {
  dir: string;
  graphPath: string;
  graphStat: Stats;
  /** Other graph files in the folder that were not picked (relative paths). */
  alternatives: string[];
  config: Record<string, unknown>;
  architecture: LmArchitecture;
  tokenizerJson: Record<string, unknown>;
  tokenizerConfig: Record<string, unknown>;
  template: ChatTemplate;
}

/** A decoded graph with its file's bytes (the decoded tensors' raw data are views into them). */
export interface DecodedGraph {
  model: onnx.ModelProto;
  fileBytes: Buffer;
  facts: GraphFacts;
}

function formatBytes(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)} GB`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} MB`;
  return `${n.toLocaleString('en-US')} bytes`;
}

export async function scanModelFolder(dirIn: string): Promise<ScannedFolder> {
  const dir = resolve(dirIn);
  let dirStat: Stats;
  try {
    dirStat = await stat(dir);
  } catch {
    throw new LmFolderError('not-a-folder', `${dir} does not exist.`, "give the path of the folder that holds the model's model.onnx, config.json and tokenizer files.");
  }
  if (!dirStat.isDirectory()) {
    throw new LmFolderError('not-a-folder', `${dir} is a file, not a folder.`,
      "give the folder that holds it, with the model's config.json, tokenizer.json and tokenizer_config.json beside it.");
  }
  // The small files first: a missing tokenizer is reported before a 500 MB graph is read.
  const graph = await pickGraph(dir);
  const config = await readConfig(dir);
  const architecture = architectureFrom(config, resolve(dir, 'config.json'));
  const { tokenizerJson, tokenizerConfig } = await readTokenizer(dir);
  const template = await readChatTemplate(dir, tokenizerConfig);
  return {
    dir,
    graphPath: graph.path,
    graphStat: await stat(graph.path),
    alternatives: graph.alternatives,
    config,
    architecture,
    tokenizerJson,
    tokenizerConfig: tokenizerConfig ?? {},
    template,
  };
}

function checkMemory(bytes: number, memoryBytes: number, what: string): void {
  const needed = Math.ceil(bytes * MEMORY_OVERHEAD);
  if (needed <= memoryBytes) return;
  throw new LmFolderError('too-large',
    `${what} needs about ${formatBytes(needed)} of memory (${formatBytes(bytes)} of graph and weights x ${MEMORY_OVERHEAD}) and ${formatBytes(memoryBytes)} is available.`,
    'use a smaller model (for example a 0.5B or 1.5B one) or an int8 export (model_int8.onnx / model_quantized.onnx, about a quarter of the fp32 size).');
}

/** Reads and decodes the chosen graph. Refuses files too large for memory before reading them. */
export async function decodeGraph(scan: ScannedFolder, options: InspectOptions = {}): Promise<DecodedGraph> {
  checkMemory(scan.graphStat.size, options.memoryBytes ?? totalmem(), relative(scan.dir, scan.graphPath));
  const fileBytes = await readFile(scan.graphPath);
  let model: onnx.ModelProto;
  try {
    model = onnx.ModelProto.decode(fileBytes);
  } catch (e) {
    throw new LmFolderError('unreadable-graph', `${scan.graphPath} is not a readable ONNX file (${(e as Error).message}); it may be an incomplete download.`,
      "download or copy the graph again, completely, from the model's repository.");
  }
  const facts = graphFacts(model);
  options.cache?.rememberGraphFacts(scan.graphPath, scan.graphStat, facts);
  return { model, fileBytes, facts };
}

function checkGraph(scan: ScannedFolder, facts: GraphFacts): void {
  const name = relative(scan.dir, scan.graphPath);
  if (facts.mergedIf) {
    throw new LmFolderError('merged-layout',
      `${name} uses Optimum's merged decoder layout (${facts.inputs.includes('use_cache_branch') ? 'a use_cache_branch input' : 'an If node'} switching between two copies of the decoder), which cannot be cut at a layer.`,
      `use the non-merged decoder_with_past_model.onnx or model.onnx of the same model if the repository has one; otherwise ${REEXPORT_HINT}.`);
  }
  if (facts.float16Io.length > 0 || facts.float16InitializerBytes > facts.float32InitializerBytes) {
    const what = facts.float16Io.length > 0 ? `fp16 inputs/outputs (${facts.float16Io.slice(0, 3).join(', ')}${facts.float16Io.length > 3 ? ', ...' : ''})` : 'fp16 weights';
    throw new LmFolderError('fp16', `${name} has ${what}. fp16 does not run well on CPU and distorts the activations this extension reads.`,
      'use the fp32 export (model.onnx) or an int8 one (model_int8.onnx / model_quantized.onnx) of the same model.');
  }
  const hasPast = facts.pastLayers > 0 && facts.presentLayers === facts.pastLayers;
  if (!facts.inputs.includes('input_ids') || !hasPast) {
    throw new LmFolderError('not-optimum-layout',
      `${name} has inputs (${facts.inputs.slice(0, 6).join(', ')}${facts.inputs.length > 6 ? ', ...' : ''}) and outputs (${facts.outputs.slice(0, 4).join(', ')}${facts.outputs.length > 4 ? ', ...' : ''}), ` +
      "not a decoder with a KV cache. Expected Optimum's text-generation-with-past layout: inputs input_ids, attention_mask, position_ids, past_key_values.{i}.key/value; outputs logits, present.{i}.key/value.",
      `${REEXPORT_HINT}.`);
  }
  if (facts.presentLayers !== scan.architecture.layers) {
    throw new LmFolderError('config-mismatch',
      `config.json says the model has ${scan.architecture.layers} layers but ${name} has a KV cache for ${facts.presentLayers}: the two files do not belong to the same model.`,
      'copy config.json from the same repository and revision as the graph.');
  }
}

/** Checks every external-data file the graph reads: inside the graph's folder, present, long enough. */
async function checkExternalData(scan: ScannedFolder, facts: GraphFacts): Promise<{ files: string[]; bytes: number }> {
  const graphDir = dirname(scan.graphPath);
  const files: string[] = [];
  let bytes = 0;
  for (const ref of facts.externalData) {
    const abs = resolve(graphDir, ref.location);
    const rel = relative(graphDir, abs);
    if (isAbsolute(ref.location) || rel.startsWith('..') || isAbsolute(rel)) {
      throw new LmFolderError('external-data-outside',
        `${basename(scan.graphPath)} reads its weights from "${ref.location}", outside its own folder; such a path is refused.`,
        `put the weights file beside ${basename(scan.graphPath)} and re-save the graph with a plain file name as location, or re-download the model.`);
    }
    let size: number;
    try {
      size = (await stat(abs)).size;
    } catch {
      throw new LmFolderError('external-data-missing',
        `${basename(scan.graphPath)} keeps its weights in ${rel} (${ref.tensors} tensors, at least ${formatBytes(ref.requiredBytes)}), and ${abs} does not exist.`,
        `copy ${rel} from the model's repository into ${graphDir}, beside ${basename(scan.graphPath)}.`);
    }
    if (size < ref.requiredBytes) {
      throw new LmFolderError('external-data-truncated',
        `${rel} is truncated: ${basename(scan.graphPath)} reads up to byte ${ref.requiredBytes.toLocaleString('en-US')} of it, but it has only ${size.toLocaleString('en-US')} bytes (an interrupted download or copy).`,
        `download or copy ${rel} again, completely (at least ${ref.requiredBytes.toLocaleString('en-US')} bytes).`);
    }
    files.push(abs);
    bytes += size;
  }
  return { files, bytes };
}

/** The model's identity: one SHA-256 over the per-file hashes of everything that decides its activations. */
async function identity(scan: ScannedFolder, externalFiles: string[], cache: ModelCache | undefined): Promise<string> {
  const hashOf = (p: string) => (cache ? cache.fileSha256(p) : sha256File(p));
  const lines: string[] = [];
  for (const [role, path] of [['graph', scan.graphPath], ...externalFiles.map((p) => ['data', p]), ['config', resolve(scan.dir, 'config.json')], ['tokenizer', resolve(scan.dir, 'tokenizer.json')]] as const) {
    lines.push(`${role} ${relative(scan.dir, path)} ${await hashOf(path)}`);
  }
  lines.push(`template ${scan.template.source} ${sha256Text(scan.template.text)}`);
  return sha256Text(`${lines.join('\n')}\n`);
}

/** Runs the graph checks on the facts and completes the LmFolder (external data, memory, identity). */
export async function checkedFolder(scan: ScannedFolder, facts: GraphFacts, options: InspectOptions = {}): Promise<LmFolder> {
  checkGraph(scan, facts);
  const external = await checkExternalData(scan, facts);
  const bytes = scan.graphStat.size + external.bytes;
  checkMemory(bytes, options.memoryBytes ?? totalmem(), `${relative(scan.dir, scan.graphPath)}${external.files.length ? ' with its external data' : ''}`);
  const sha256 = await identity(scan, external.files, options.cache);
  await options.cache?.save();
  const named = typeof scan.config._name_or_path === 'string' && scan.config._name_or_path.trim() !== '' ? scan.config._name_or_path : basename(scan.dir);
  return {
    dir: scan.dir,
    onnxPath: scan.graphPath,
    externalData: external.files,
    bytes,
    architecture: scan.architecture,
    tokenizerJson: scan.tokenizerJson,
    tokenizerConfig: scan.tokenizerConfig,
    chatTemplate: scan.template.text,
    name: named,
    sha256,
  };
}

/** Checks a model folder. Decodes the graph unless the cache knows it unchanged. */
export async function inspectModelFolder(dir: string, options: InspectOptions = {}): Promise<LmFolder> {
  const scan = await scanModelFolder(dir);
  const facts = options.cache?.graphFacts(scan.graphPath, scan.graphStat) ?? (await decodeGraph(scan, options)).facts;
  return checkedFolder(scan, facts, options);
}

/** Checks a model folder and keeps the decoded graph, so a caller that cuts it reads the graph once. */
export async function openModelFolder(dir: string, options: InspectOptions = {}): Promise<{ folder: LmFolder; scan: ScannedFolder; decoded: DecodedGraph }> {
  const scan = await scanModelFolder(dir);
  const decoded = await decodeGraph(scan, options);
  const folder = await checkedFolder(scan, decoded.facts, options);
  return { folder, scan, decoded };
}
